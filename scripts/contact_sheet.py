"""Contact sheets of every library item's figure, to look at them as a teacher would.

    python scripts/contact_sheet.py OUT_DIR [--family yin-yoga] [--ids a,b] [--dark] [--big]

Writes OUT_DIR/<family>.png: per item its name, id and position, every keyframe at thumbnail
size (the library list) and, with --big, at player size, and the first words of its cue.
An item with no figure shows an empty, labelled box, so what is missing stands out.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402
from somatictimer.core.library import load_library  # noqa: E402
from somatictimer.core.paths import builtin_figures_dir, builtin_library_dir  # noqa: E402
from somatictimer.figures.data import figure_for, load_figures  # noqa: E402
from somatictimer.ui.figures.figure_render import ink_for, paint_keyframe  # noqa: E402

THUMB_W, THUMB_H = 150, 120
BIG_W, BIG_H = 300, 240
TEXT_W = 330


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--family", default="")
    parser.add_argument("--ids", default="")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--big", action="store_true", help="also draw each keyframe large")
    parser.add_argument("--figures", type=Path, default=builtin_figures_dir())
    parser.add_argument("--bases", action="store_true", help="figures no item is named after")
    parser.add_argument("--grid", default="", help="ids: one picture, first keyframes in a grid")
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])  # noqa: F841
    library = load_library([[builtin_library_dir()]]).library
    figures = load_figures([args.figures])
    if args.grid:
        return grid(args.out, args.grid.split(","), library, figures, args.dark)
    for problem in figures.problems:
        print(problem)
    wanted = set(filter(None, args.ids.split(",")))
    families: dict[str, list[str]] = {}
    for item_id, pose in library.poses.items():
        if (args.family and pose.tradition != args.family) or (wanted and item_id not in wanted):
            continue
        families.setdefault(pose.tradition, []).append(item_id)
    if args.bases:
        from somatictimer.core.model import Pose

        bases = sorted(set(figures.figures) - set(library.poses))
        families = {"bases": [b for b in bases if not wanted or b in wanted]}
        for figure_id in families["bases"]:
            library.poses[figure_id] = Pose(figure_id, figure_id, "base", "base", "base")
    args.out.mkdir(parents=True, exist_ok=True)
    ink = ink_for(args.dark)
    for family, ids in families.items():
        cell_w, cell_h = (BIG_W, BIG_H) if args.big else (THUMB_W, THUMB_H)
        most = max(
            (
                len(f.keyframes)
                for i in ids
                if (f := figure_for(i, library.poses[i].figure, False, figures)[0])
            ),
            default=1,
        )
        width = TEXT_W + most * (cell_w + 8) + 16
        height = len(ids) * (cell_h + 12) + 12
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(ink.paper)
        p = QPainter(image)
        small = QFont()
        small.setPointSizeF(8.5)
        for row, item_id in enumerate(ids):
            pose = library.poses[item_id]
            y = 12 + row * (cell_h + 12)
            p.setPen(ink.body)
            p.setFont(QFont(small.family(), 10, QFont.Weight.DemiBold))
            p.drawText(QRectF(10, y, TEXT_W - 20, 34), Qt.TextFlag.TextWordWrap, pose.name)
            p.setFont(small)
            p.setPen(QColor(ink.prop))
            note = f"{item_id} · {pose.position} · {pose.sides.value}\n{pose.cue[:170]}"
            p.drawText(QRectF(10, y + 34, TEXT_W - 20, cell_h - 34), Qt.TextFlag.TextWordWrap, note)
            figure, mirror = figure_for(item_id, pose.figure, pose.figure_mirror, figures)
            if figure is None:
                p.setPen(QColor("#c0392b"))
                p.drawRect(QRectF(TEXT_W, y, cell_w, cell_h))
                p.drawText(
                    QRectF(TEXT_W, y, cell_w, cell_h), Qt.AlignmentFlag.AlignCenter, "no figure"
                )
                continue
            for k in range(len(figure.keyframes)):
                rect = QRectF(TEXT_W + k * (cell_w + 8), y, cell_w, cell_h)
                p.setPen(QColor(ink.floor))
                p.drawRect(rect)
                paint_keyframe(p, figure, k, rect, ink, mirror)
                p.setPen(QColor(ink.prop))
                p.setFont(small)
                label = figure.keyframes[k].name or f"{k + 1}"
                p.drawText(rect.adjusted(4, 2, 0, 0), label)
        p.end()
        image.save(str(args.out / f"{family}.png"))
        print(args.out / f"{family}.png")
    return 0


def grid(out: Path, ids: list[str], library: object, figures: object, dark: bool) -> int:
    """One picture of many items' first keyframes with their names (for the README)."""
    poses = library.poses  # type: ignore[attr-defined]
    columns, cell_w, cell_h, label_h = 6, 190, 150, 34
    rows = (len(ids) + columns - 1) // columns
    ink = ink_for(dark)
    image = QImage(columns * cell_w, rows * (cell_h + label_h), QImage.Format.Format_ARGB32)
    image.fill(ink.paper)
    p = QPainter(image)
    font = QFont()
    font.setPointSizeF(8.5)
    p.setFont(font)
    for n, item_id in enumerate(ids):
        pose = poses[item_id]
        figure, mirror = figure_for(item_id, pose.figure, pose.figure_mirror, figures)  # type: ignore[arg-type]
        x, y = (n % columns) * cell_w, (n // columns) * (cell_h + label_h)
        if figure is not None:
            paint_keyframe(p, figure, 0, QRectF(x, y, cell_w, cell_h), ink, mirror)
        p.setPen(ink.body)
        name = pose.name.split(" (")[0]
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        p.drawText(QRectF(x + 6, y + cell_h, cell_w - 12, label_h), flags, name)
    p.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
