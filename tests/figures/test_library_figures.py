"""Every item of the shipped library has its own figure, drawn inside its frame."""

from __future__ import annotations

import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_figures_dir, builtin_library_dir
from somatictimer.figures.data import figure_for, load_figures

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library([[builtin_library_dir()]]).library
FIGURES = load_figures([builtin_figures_dir()])


def test_the_shipped_figures_load_without_a_problem_and_cover_every_item() -> None:
    assert [str(p) for p in FIGURES.problems] == []
    missing = [
        item_id
        for item_id, pose in LIBRARY.poses.items()
        if figure_for(item_id, pose.figure, pose.figure_mirror, FIGURES)[0] is None
    ]
    assert missing == []


def painted(image: QImage) -> tuple[set[tuple[int, int]], bool]:
    """Pixels (every other one) that differ from the paper, and whether any touches an edge."""
    paper = image.pixelColor(0, 0)
    found = set()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if max(abs(c.red() - paper.red()), abs(c.green() - paper.green())) > 40:
                found.add((x, y))
    edges = any(
        x in (0, image.width() - 1, image.width() - 2) or y in (0, image.height() - 2)
        for x, y in found
    )
    return found, edges


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("figures")
    result = subprocess.run(
        [sys.executable, "-m", "somatictimer", "figures", "render", str(folder), "--size", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return folder


def test_render_writes_each_keyframe_of_each_item_inside_its_frame(rendered: Path) -> None:
    expected = set()
    for item_id, pose in LIBRARY.poses.items():
        figure, _ = figure_for(item_id, pose.figure, pose.figure_mirror, FIGURES)
        assert figure is not None
        expected |= {f"{item_id}.png"} | {
            f"{item_id}@{k}.png" for k in range(2, len(figure.keyframes) + 1)
        }
    assert {p.name for p in rendered.iterdir()} == expected
    for name in sorted(expected):
        found, edges = painted(QImage(str(rendered / name)))
        assert len(found) > 150, f"{name} is nearly blank"
        assert not edges, f"{name} runs off its frame"


def test_no_two_items_look_the_same(rendered: Path) -> None:
    shared = {
        item_id
        for item_id, pose in LIBRARY.poses.items()
        if pose.figure and pose.figure != item_id  # drawn with another item's figure
    }
    images = {
        item_id: painted(QImage(str(rendered / f"{item_id}.png")))[0]
        for item_id in LIBRARY.poses
        if item_id not in shared
    }
    alike = [
        (a, b)
        for (a, pa), (b, pb) in combinations(images.items(), 2)
        if len(pa ^ pb) < 0.08 * max(len(pa), len(pb))
    ]
    assert alike == []
