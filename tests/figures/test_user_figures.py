"""A person's own items can borrow a shipped figure, mirrored or not, or bring their own."""

from __future__ import annotations

from pathlib import Path

from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_figures_dir, builtin_library_dir
from somatictimer.figures.data import figure_for, load_figures

MINE = """schema = 1

[[pose]]
id = "my-cat"
name = "My Cat"
tradition = "somatics"
category = "mobility"
position = "kneeling"
hold_s = 60
figure = "cat-cow"
figure_mirror = true

[[pose]]
id = "my-rest"
name = "My Rest"
tradition = "somatics"
category = "rest"
position = "supine"
hold_s = 60
"""

OWN_FIGURE = """schema = 1

[[figure]]
id = "my-rest"
like = "base-supine"
[[figure.keyframe]]
shoulder_r = [0, 90, 0]
"""


def test_an_item_borrows_a_figure_mirrored_or_brings_its_own(tmp_path: Path) -> None:
    (tmp_path / "library").mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "library" / "mine.toml").write_text(MINE, encoding="utf-8")
    (tmp_path / "figures" / "mine.toml").write_text(OWN_FIGURE, encoding="utf-8")
    loaded = load_library([[builtin_library_dir()], [tmp_path / "library"]])
    assert loaded.problems == []
    figures = load_figures([builtin_figures_dir(), tmp_path / "figures"])
    cat = loaded.library.poses["my-cat"]
    figure, mirror = figure_for(cat.id, cat.figure, cat.figure_mirror, figures)
    assert figure is figures.figures["cat-cow"] and mirror
    rest = loaded.library.poses["my-rest"]
    own, mirror = figure_for(rest.id, rest.figure, rest.figure_mirror, figures)
    assert own is not None and own.keyframes[0].angles["shoulder_r"] == (0.0, 90.0, 0.0)
    assert own.keyframes[0].angles["root"] == (-90.0, 0.0, 0.0) and not mirror  # lying down


def test_a_figure_that_does_not_exist_is_a_library_problem_only_as_an_id(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text(
        MINE.replace('figure = "cat-cow"', 'figure = "Cat Cow"'), encoding="utf-8"
    )
    problems = [str(p) for p in load_library([[tmp_path]]).problems]
    assert len(problems) == 1 and "pose.my-cat.figure: expected an id" in problems[0]
