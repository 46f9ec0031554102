"""Library files as files: a pose's mirrored figure switch, a file that grows past the size
cap while it is read, and a step's line when the step list spans lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.library import load_library, loader
from somatictimer.core.safe_files import read_regular

from tests.core.library.texts import SIT


def load(tmp_path: Path, text: str) -> tuple[list[str], dict[str, bool]]:
    """Each problem without the file name in front, and each pose's figure_mirror."""
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    result = load_library([[path]])
    problems = [str(p).removeprefix(str(path)) for p in result.problems]
    return problems, {pose_id: p.figure_mirror for pose_id, p in result.library.poses.items()}


@pytest.mark.parametrize("mirror", [True, False])
def test_a_pose_can_show_its_figure_mirrored(tmp_path: Path, mirror: bool) -> None:
    text = f"schema = 1\n{SIT}figure_mirror = {str(mirror).lower()}\n"
    assert load(tmp_path, text) == ([], {"sit": mirror})


def test_a_pose_shows_its_figure_as_drawn_unless_told(tmp_path: Path) -> None:
    assert load(tmp_path, f"schema = 1\n{SIT}") == ([], {"sit": False})


def test_figure_mirror_must_be_true_or_false(tmp_path: Path) -> None:
    text = f'schema = 1\n{SIT}figure_mirror = "yes"\n'
    assert load(tmp_path, text) == (
        [':9: pose.sit.figure_mirror: expected true or false, found "yes"'],
        {},
    )


def test_a_file_that_grows_past_the_cap_while_it_is_read_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its size was fine when looked at; an editor or a sync tool writes more meanwhile."""
    path = tmp_path / "growing.toml"
    path.write_text(f"schema = 1\n{SIT}", encoding="utf-8")

    def grows_meanwhile(file: Path, max_bytes: int) -> bytes:
        with file.open("a", encoding="utf-8") as out:
            out.write("#" * max_bytes)
        return read_regular(file, max_bytes)

    monkeypatch.setattr(loader, "read_regular", grows_meanwhile)
    assert [str(p) for p in load_library([[path]]).problems] == [
        f"{path}: expected a library file, found more than 1 MiB"
    ]


def test_a_step_is_pointed_at_on_its_own_line_when_the_next_line_starts_like_a_header(
    tmp_path: Path,
) -> None:
    """`[1]` opening the second line of a step list looks like a `[table]` header to the line
    finder; the steps on the first line are still found on the first line."""
    text = (
        f"schema = 1\n{SIT}"  # lines 1-8
        '[[sequence]]\nid = "s"\nname = "S"\n'  # lines 9-11
        'steps = [1, { pose = "sit", extra = 1 },\n'  # line 12
        '[1], { pose = "sit" }]\n'  # line 13
    )
    problems, _ = load(tmp_path, text)
    assert problems[:2] == [
        ':12: sequence.s.steps[1]: expected a table like { pose = "cat-cow" }, found 1',
        ":12: sequence.s.steps[2].extra: expected no such key (unknown keys are usually typos)",
    ]
