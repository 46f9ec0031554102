"""A broken step is reported on the line of that step, however the steps are written: at the
start of a line, several on one line, with quotes and backslashes, or as [[sequence.steps]]."""

from __future__ import annotations

from pathlib import Path

from somatictimer.core.library import load_library

from tests.core.library.texts import SIT

HEAD = f"""schema = 1

{SIT}
[[sequence]]
id = "s"
name = "S"
"""  # the sequence's keys go on from line 14

UNKNOWN = 'expected a known pose id, found "nope"'


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "mine.toml"
    path.write_text(HEAD + text, encoding="utf-8")
    return [str(p).removeprefix(str(path)) for p in load_library([[path]]).problems]


def test_steps_written_at_the_start_of_their_lines(tmp_path: Path) -> None:
    text = 'steps = [\n{ pose = "sit" },\n{ pose = "nope" },\n]\n'
    assert problems(tmp_path, text) == [f":16: sequence.s.steps[2].pose: {UNKNOWN}"]


def test_a_note_ending_in_a_backslash_does_not_hide_the_next_step_on_its_line(
    tmp_path: Path,
) -> None:
    text = (
        "steps = [\n"
        '  { pose = "sit", note = "C:\\\\" }, { pose = "sit" },\n'  # line 15
        '  { pose = "nope" },\n'  # line 16
        "]\n"
    )
    assert problems(tmp_path, text) == [f":16: sequence.s.steps[3].pose: {UNKNOWN}"]


def test_a_capitalised_key_does_not_hide_the_next_step_on_its_line(tmp_path: Path) -> None:
    text = (
        "steps = [\n"
        '  { pose = "sit", Xtra = 1 }, { pose = "sit" },\n'  # line 15
        '  { pose = "sit", hold_s = -1 },\n'  # line 16
        "]\n"
    )
    assert problems(tmp_path, text) == [
        ":15: sequence.s.steps[1].Xtra: expected no such key (unknown keys are usually typos)",
        ":16: sequence.s.steps[3].hold_s: expected seconds > 0 and <= 7200, found -1",
    ]


def test_an_inline_table_before_the_steps_is_not_counted_as_a_step(tmp_path: Path) -> None:
    text = 'sounds = { end = "gong" }\nsteps = [\n  { pose = "nope" },\n]\n'
    assert problems(tmp_path, text) == [f":16: sequence.s.steps[1].pose: {UNKNOWN}"]


def test_a_step_that_is_not_a_table_points_at_its_own_sequences_steps(
    tmp_path: Path,
) -> None:
    text = (
        'steps = ["sit"]\n'  # line 14
        '\n[[sequence]]\nid = "t"\nname = "T"\nsteps = [\n  { pose = "sit" },\n]\n'
    )
    assert problems(tmp_path, text) == [
        ':14: sequence.s.steps[1]: expected a table like { pose = "cat-cow" }, found "sit"'
    ]


def test_steps_written_as_tables_of_the_only_sequence(tmp_path: Path) -> None:
    text = '[[sequence.steps]]\npose = "sit"\n[[sequence.steps]]\npose = "nope"\n'
    assert problems(tmp_path, text) == [f":16: sequence.s.steps[2].pose: {UNKNOWN}"]
