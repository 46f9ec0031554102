"""Figures files: what loads, and what a person who wrote a broken one is told."""

from __future__ import annotations

from pathlib import Path

from somatictimer.figures.data import load_figures

GOOD = """schema = 1

[[figure]]
id = "base-mine"
[[figure.keyframe]]
hip_r = 90

[[figure]]
id = "knee-lift"
like = "base-mine"
view = "front"
props = [{ kind = "block", at = "hand_r" }, { kind = "strap", at = "hand_r", to = "toe_r" }]
[[figure.keyframe]]
name = "up"
knee_r = 90
[[figure.keyframe]]
name = "down"
hip_r = [10, 5]
"""


def load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    (tmp_path / "mine.toml").write_text(text, encoding="utf-8")
    return load_figures([tmp_path])


def test_keyframes_start_from_the_one_before_and_like_starts_from_another_figure(
    tmp_path: Path,
) -> None:
    figures = load(tmp_path, GOOD)
    assert figures.problems == []
    figure = figures.figures["knee-lift"]
    up, down = (k.angles for k in figure.keyframes)
    assert up["hip_r"] == (90.0, 0.0, 0.0) and up["knee_r"] == (90.0,)  # from base-mine
    assert down["hip_r"] == (10.0, 5.0, 0.0) and down["knee_r"] == (90.0,)  # the knee stays
    assert [k.name for k in figure.keyframes] == ["up", "down"]
    assert (figure.view, [p.kind for p in figure.props]) == ("front", ["block", "strap"])


def test_like_brings_the_props_unless_the_figure_has_its_own(tmp_path: Path) -> None:
    text = GOOD + '\n[[figure]]\nid = "lifted"\nlike = "knee-lift"\n[[figure.keyframe]]\nneck = 5\n'
    text += '\n[[figure]]\nid = "bare"\nlike = "knee-lift"\nprops = []\n[[figure.keyframe]]\n'
    figures = load(tmp_path, text).figures
    assert [p.kind for p in figures["lifted"].props] == ["block", "strap"]
    assert figures["bare"].props == ()


def test_every_problem_names_the_file_line_and_key(tmp_path: Path) -> None:
    text = GOOD + (
        '\n[[figure]]\nid = "typo"\n[[figure.keyframe]]\nelbw_r = 30\n'
        '\n[[figure]]\nid = "too-far"\nview = "under"\n[[figure.keyframe]]\nknee_r = 10\n'
        '\n[[figure]]\nid = "bent"\n[[figure.keyframe]]\nknee_r = 200\n'
        '\n[[figure]]\nid = "orphan"\nlike = "nobody"\n[[figure.keyframe]]\nknee_r = 10\n'
        '\n[[figure]]\nid = "propped"\nprops = [{ kind = "sofa" }]\n'
        "[[figure.keyframe]]\nknee_r = 1\n"
    )
    figures = load(tmp_path, text)
    path = tmp_path / "mine.toml"
    said = [str(p).replace(str(path), "F") for p in figures.problems]
    assert said[0].startswith("F:23: figure.typo.keyframe[1].elbw_r: expected a joint (root, ")
    assert said[0].endswith('found "elbw_r"')
    assert said[1:] == [
        "F:27: figure.too-far.view: expected one of side, front, three-quarter, high-side, "
        'high-front, top, found "under"',
        "F:34: figure.bent.keyframe[1].knee_r: expected degrees from 0 to 165, found 200",
        'F:38: figure.orphan.like: expected the id of another figure, found "nobody"',
        "F:44: figure.propped.props[1].kind: expected one of block, strap, bolster, ball, "
        'chair, wall, blanket, cushion, found "sofa"',
    ]
    assert sorted(figures.figures) == ["base-mine", "knee-lift"]  # the good ones still load


def test_a_later_folder_replaces_a_figure_by_id(tmp_path: Path) -> None:
    mine = tmp_path / "user"
    mine.mkdir()
    (tmp_path / "shipped.toml").write_text(GOOD, encoding="utf-8")
    (mine / "own.toml").write_text(
        'schema = 1\n[[figure]]\nid = "knee-lift"\n[[figure.keyframe]]\nneck = 20\n',
        encoding="utf-8",
    )
    figures = load_figures([tmp_path, mine])
    assert figures.figures["knee-lift"].keyframes[0].angles == {"neck": (20.0, 0.0, 0.0)}
