"""One frame of a pose figure: where it is (motion), the body (forward kinematics and the
camera) and painting it, at the player's size, for every keyframe of the library.

    python benchmarks/figure_frame.py [--rounds 5]
    python benchmarks/figure_frame.py --figures-json [--quick]   # for run.py

Target: a frame in <= 2 ms (the median over every keyframe of every item; the slowest is
printed too). Baseline, same run: painting a static image of the same size (the cost of the
paint itself, whatever is drawn).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from somatictimer.core.paths import builtin_figures_dir  # noqa: E402
from somatictimer.figures.camera import Camera, draw  # noqa: E402
from somatictimer.figures.data import load_figures  # noqa: E402
from somatictimer.figures.motion import blend  # noqa: E402
from somatictimer.figures.skeleton import pose_body  # noqa: E402
from somatictimer.ui.figures.figure_painter import paint_drawing  # noqa: E402
from somatictimer.ui.figures.figure_render import figure_bounds, ink_for  # noqa: E402

from benchmarks.figures import Figure, at_most, progress, run_module  # noqa: E402

TARGET_MS = 2.0
WIDTH, HEIGHT = 420, 340  # the player's figure at 1366 x 768


def frame_times(rounds: int) -> tuple[list[float], list[float]]:
    """Per keyframe: ms for blend + body + drawing + paint; and a plain image paint."""
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    figures = load_figures([builtin_figures_dir()]).figures
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    backdrop = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    ink = ink_for(False)
    rect = QRectF(0, 0, WIDTH, HEIGHT)
    frames, plain = [], []
    for figure in figures.values():
        bounds = figure_bounds(figure)
        camera = Camera.named(figure.view)
        for keyframe in figure.keyframes:
            for _ in range(rounds):
                start = time.perf_counter()
                angles = blend(keyframe.angles, figure.keyframes[0].angles, 0.5)  # mid-move
                drawing = draw(pose_body(angles), camera, figure.props)
                image.fill(ink.paper)
                with QPainter(image) as p:
                    paint_drawing(p, drawing, rect, ink, bounds=bounds)
                frames.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                with QPainter(image) as p:
                    p.drawImage(0, 0, backdrop)
                plain.append((time.perf_counter() - start) * 1000)
    return frames, plain


def figures(quick: bool) -> list[Figure]:
    progress("figure frame: every keyframe of every item")
    frames, plain = frame_times(3 if quick else 10)
    return [
        at_most(
            "a figure frame (motion, body, paint; median)",
            statistics.median(frames),
            "ms",
            TARGET_MS,
            baseline=statistics.median(plain),
            baseline_label="painting a plain image of the same size",
            note=f"slowest {max(frames):.2f} ms over {len(frames)} frames, {WIDTH}x{HEIGHT} px",
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    frames, plain = frame_times(args.rounds)
    median = statistics.median(frames)
    print(
        f"figure frame: median {median:.3f} ms, slowest {max(frames):.3f} ms over "
        f"{len(frames)} frames (target <= {TARGET_MS:g} ms); plain image paint "
        f"{statistics.median(plain):.3f} ms"
    )
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(run_module(main, figures))
