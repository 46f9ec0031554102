"""Problems inside items, word for word: what `somatictimer check` prints for each, with the
line a person must edit. Every problem in the file is listed, none hidden behind another."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.library import load_library

from tests.core.library.texts import SIT

EVEN = """[[breath]]
id = "even"
name = "Even"
inhale_s = 4
exhale_s = 4
"""

HELD = """[[breath]]
id = "held"
name = "Held"
inhale_s = 4
hold_in_s = 4
exhale_s = 4
"""

NOT_A_STEP = 'expected a table like { pose = "cat-cow" }'
UNKNOWN_KEY = "expected no such key (unknown keys are usually typos)"


def problems(tmp_path: Path, text: str) -> list[str]:
    """Every problem `check` reports for one file, each without the file name in front."""
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return [str(p).removeprefix(str(path)) for p in load_library([[path]]).problems]


def pose(*lines: str) -> str:
    """A [[pose]] table with the given keys (line 2 of the file is its header)."""
    return "schema = 1\n[[pose]]\n" + "".join(f"{line}\n" for line in lines)


BASE = (
    'id = "p"',
    'name = "P"',
    'tradition = "somatics"',
    'category = "rest"',
    'position = "seated"',
)


@pytest.mark.parametrize(
    ("timing", "found"),
    [
        (("hold_s = 60", "reps = 4", "rep_s = 5"), "both"),
        (("hold_s = 60", "reps = 4"), "both"),
        (("reps = 4",), "only one"),
        (("rep_s = 5",), "only one"),
    ],
)
def test_a_pose_needs_a_hold_or_reps_and_their_length_and_says_what_it_found(
    tmp_path: Path, timing: tuple[str, ...], found: str
) -> None:
    assert problems(tmp_path, pose(*BASE, *timing)) == [
        f":2: pose.p.hold_s: expected either hold_s or reps + rep_s, found {found}"
    ]


def test_a_missing_required_key_points_at_its_table(tmp_path: Path) -> None:
    text = pose('id = "p"', 'tradition = "somatics"', 'category = "rest"', "hold_s = 60")
    assert problems(tmp_path, text) == [
        ":2: pose.p.name: expected this key, found it missing",
        ":2: pose.p.position: expected this key, found it missing",
    ]


def test_the_first_key_under_a_header_is_found_on_its_own_line(tmp_path: Path) -> None:
    text = pose('name = ""', *BASE[:1], *BASE[2:], "hold_s = 60")
    assert problems(tmp_path, text) == [':3: pose.p.name: expected a non-empty name, found ""']


def test_an_item_with_a_broken_id_is_named_by_its_place(tmp_path: Path) -> None:
    text = "schema = 1\n" + SIT + '[[pose]]\nid = "Bad Id"\n' + "\n".join(BASE[1:]) + "\nhold_s=1\n"
    assert problems(tmp_path, text) == [
        ":10: pose[1].id: expected an id of lowercase words joined by dashes "
        '(like "half-pigeon"), found "Bad Id"'
    ]


def test_every_key_is_checked_after_an_unknown_one(tmp_path: Path) -> None:
    text = pose(*BASE, "hold = 60", "intensity = 5", "hold_s = 60")
    assert problems(tmp_path, text) == [
        f':8: pose.p.hold: {UNKNOWN_KEY} (did you mean "hold_s"?)',
        ":9: pose.p.intensity: expected a whole number from 1 to 3, found 5",
    ]


def test_steps_and_sounds_belong_to_sequences_only(tmp_path: Path) -> None:
    text = pose(*BASE, "hold_s = 60", 'steps = [{ pose = "p" }]', 'sounds = { end = "gong" }')
    assert problems(tmp_path, text) == [
        f':9: pose.p.steps: {UNKNOWN_KEY} (did you mean "reps"?)',
        f":10: pose.p.sounds: {UNKNOWN_KEY}",
    ]


def test_a_sequence_may_list_its_steps_first_and_its_other_keys_are_still_checked(
    tmp_path: Path,
) -> None:
    text = (
        "schema = 1\n" + SIT + '[[sequence]]\nsteps = [{ pose = "sit" }]\nid = "s"\nname = "S"\n'
        'colour = "red"\n'
    )
    assert problems(tmp_path, text) == [f":13: sequence.s.colour: {UNKNOWN_KEY}"]
    path = tmp_path / "mine.toml"
    text = text.replace('colour = "red"\n', "")
    path.write_text(text, encoding="utf-8")
    assert load_library([[path]]).library.sequences["s"].name == "S"


def test_breath_paired_with_reps_that_is_not_a_list_is_reported_once(tmp_path: Path) -> None:
    text = pose(*BASE, "reps = 4", "rep_s = 5", 'rep_breath = "inhale"', 'rep_moves = ["up"]')
    assert problems(tmp_path, text) == [
        ':10: pose.p.rep_breath: expected a list like ["a", "b"], found "inhale"'
    ]


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ("", [":2: sequence.s.steps: expected a list of steps, found it missing"]),
        (
            "steps = []",
            [
                ":5: sequence.s.steps: expected at least one step like "
                '{ pose = "cat-cow" }, found an empty list'
            ],
        ),
        (
            'steps = "sit"',
            [
                ":5: sequence.s.steps: expected at least one step like "
                '{ pose = "cat-cow" }, found "sit"'
            ],
        ),
        (
            'steps = [\n  "sit",\n  3,\n]',
            [
                f':5: sequence.s.steps[1]: {NOT_A_STEP}, found "sit"',
                f":5: sequence.s.steps[2]: {NOT_A_STEP}, found 3",
            ],
        ),
    ],
)
def test_a_sequence_without_usable_steps_says_what_it_found(
    tmp_path: Path, steps: str, expected: list[str]
) -> None:
    text = f'schema = 1\n[[sequence]]\nid = "s"\nname = "S"\n{steps}\n'
    assert problems(tmp_path, text) == expected


def test_broken_references_name_the_key_line_and_suggest_the_close_id(tmp_path: Path) -> None:
    text = (
        "schema = 1\n"
        + EVEN
        + HELD
        + 'no_hold = "held"\n'  # line 13: a pattern with holds of its own
        + EVEN.replace('"even"', '"quiet"')
        + 'no_hold = "evn"\n'  # line 19
        + SIT
        + 'breath_pattern = "evn"\n'  # line 27
        + 'substitutes = ["sti"]\n'  # line 28
    )
    assert problems(tmp_path, text) == [
        ':27: pose.sit.breath_pattern: expected a known breath pattern id, found "evn" '
        '(did you mean "even"?)',
        ':13: breath.held.no_hold: expected a pattern without holds, found "held"',
        ':19: breath.quiet.no_hold: expected a known breath pattern id, found "evn" '
        '(did you mean "even"?)',
        ':28: pose.sit.substitutes: expected a known pose id, found "sti" (did you mean "sit"?)',
    ]


def test_every_broken_step_of_a_sequence_is_reported_on_its_own_line(tmp_path: Path) -> None:
    text = (
        "schema = 1\n"
        + EVEN
        + SIT
        + "[[sequence]]\n"  # line 14
        + 'id = "s"\nname = "S"\nsteps = [\n'
        + '  { pose = "sti" },\n'  # line 18
        + '  { pose = "sit", breath = "evn" },\n'  # line 19
        + '  { pose = "sit", side = "left" },\n'  # line 20
        + '  { pose = "stand" },\n'  # line 21
        + '  { pose = "sit", hold_s = 7200 },\n'  # line 22: the longest block allowed
        + '  { pose = "sit", reps = 101, rep_s = 72 },\n'  # line 23
        + "]\n"
    )
    assert problems(tmp_path, text) == [
        ':18: sequence.s.steps[1].pose: expected a known pose id, found "sti" '
        '(did you mean "sit"?)',
        ':19: sequence.s.steps[2].breath: expected a known breath pattern id or "natural", '
        'found "evn" (did you mean "even"?)',
        ':20: sequence.s.steps[3].side: expected no side: "sit" is not a per-side pose '
        '(sides = "none"), found "left"',
        ':21: sequence.s.steps[4].pose: expected a known pose id, found "stand"',
        ":23: sequence.s.steps[6]: expected a block of at most 7200 s, found 7272 s",
    ]


def test_a_repeated_id_names_both_places_and_the_rest_of_the_file_still_loads(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("schema = 1\n" + EVEN + EVEN + SIT, encoding="utf-8")
    result = load_library([[path]])
    assert [str(p) for p in result.problems] == [
        f"{path}:7: breath.even: id already defined in {path}:2; ids must be unique"
        " (a user file may override a built-in one, not repeat it)"
    ]
    assert list(result.library.poses) == ["sit"]


def test_a_wrong_schema_is_reported_on_its_own_line(tmp_path: Path) -> None:
    assert problems(tmp_path, "# my poses\n\nschema = 0\n" + SIT) == [
        ":3: schema: expected 1, found 0"
    ]


def test_an_unknown_top_level_value_is_reported_and_later_tables_still_load(
    tmp_path: Path,
) -> None:
    for text, expected in (
        (
            "schema = 1\nposes = 3\n" + EVEN,
            ":2: poses: expected [[pose]], [[breath]] or [[sequence]] tables, found an "
            'unknown key (did you mean "pose"?)',
        ),
        ("schema = 1\npose = 3\n" + EVEN, ":2: pose: expected [[pose]] tables, found 3"),
    ):
        assert problems(tmp_path, text) == [expected]
        result = load_library([[tmp_path / "mine.toml"]])
        assert list(result.library.breaths) == ["even"]


def test_a_path_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    path = not_a_folder / "mine.toml"
    assert [str(p) for p in load_library([[path]]).problems] == [
        f"{path}: cannot read the file: Not a directory"
    ]
