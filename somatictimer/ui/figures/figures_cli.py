"""`somatictimer figures render DIR`: every library item's figure as PNG (or SVG) files."""

from __future__ import annotations

import argparse
import os
import sys

from somatictimer.core.library import Library
from somatictimer.core.paths import AppPaths
from somatictimer.figures.data import figure_for
from somatictimer.ui.content import installed_figures


def run_figures(args: argparse.Namespace, library: Library, paths: AppPaths) -> int:
    figures = installed_figures(paths)
    for problem in figures.problems:
        print(problem, file=sys.stderr)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window: works over ssh and in CI
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication

    from somatictimer.ui.figures.figure_render import file_names, render_png, render_svg

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (kept alive)
    folder = args.directory
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        print(f"somatictimer: cannot create {folder}: {error.strerror or error}", file=sys.stderr)
        return 1
    missing, written = [], 0
    size = QSize(args.size, round(args.size * 0.8))
    for item_id, pose in sorted(library.poses.items()):
        figure, mirror = figure_for(item_id, pose.figure, pose.figure_mirror, figures)
        if figure is None:
            missing.append(item_id)
            continue
        suffix = ".svg" if args.svg else ".png"
        for index, name in enumerate(file_names(item_id, len(figure.keyframes), suffix)):
            render = render_svg if args.svg else render_png
            try:
                render(figure, index, folder / name, size, dark=args.dark, mirror=mirror)
            except OSError as error:
                print(f"somatictimer: {error}", file=sys.stderr)
                return 1
            written += 1
    print(f"{written} files written to {folder}", file=sys.stderr)
    if missing:
        print(f"no figure for: {', '.join(missing)}", file=sys.stderr)
        return 1
    return 0
