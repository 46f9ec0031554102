"""Figures to files: one PNG (or SVG) per keyframe, for people, tests and the contact sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from somatictimer.figures.camera import Camera, Drawing, draw
from somatictimer.figures.data import Figure
from somatictimer.figures.skeleton import pose_body
from somatictimer.ui.figures.figure_painter import Ink, paint_drawing
from somatictimer.ui.shell.style import DARK, LIGHT


def ink_for(dark: bool = False) -> Ink:
    colors = DARK if dark else LIGHT
    paper = QColor(colors["base"])
    return Ink(QColor(colors["text"]), paper, QColor(colors["mid"]), QColor(colors["button"]))


def keyframe_drawing(figure: Figure, index: int) -> Drawing:
    frame = figure.keyframes[index]
    return draw(pose_body(frame.angles), Camera.named(figure.view), figure.props)


def figure_bounds(figure: Figure) -> tuple[float, float, float, float]:
    """The union of every keyframe's bounds: a moving figure keeps one scale and place."""
    boxes = [keyframe_drawing(figure, i).bounds for i in range(len(figure.keyframes))]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def paint_keyframe(
    painter: QPainter,
    figure: Figure,
    index: int,
    rect: QRectF,
    ink: Ink,
    mirror: bool = False,
    stage: bool = True,
) -> None:
    """One keyframe in ``rect``, at the figure's own scale and place in all its keyframes;
    ``stage``: at the scale every figure shares (else it fills the rect: thumbnails)."""
    drawing = keyframe_drawing(figure, index)
    bounds = figure_bounds(figure)
    paint_drawing(painter, drawing, rect, ink, mirror=mirror, bounds=bounds, stage=stage)


def render_png(
    figure: Figure, index: int, path: Path, size: QSize, dark: bool = False, mirror: bool = False
) -> None:
    ink = ink_for(dark)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(ink.paper)
    painter = QPainter(image)
    paint_keyframe(painter, figure, index, QRectF(0, 0, size.width(), size.height()), ink, mirror)
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")


def render_svg(
    figure: Figure, index: int, path: Path, size: QSize, dark: bool = False, mirror: bool = False
) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(figure.id)
    painter = QPainter(generator)
    rect = QRectF(0, 0, size.width(), size.height())
    paint_keyframe(painter, figure, index, rect, ink_for(dark), mirror)
    painter.end()


def file_names(item_id: str, count: int, suffix: str = ".png") -> list[str]:
    """``<id>.png`` for the first keyframe, ``<id>@<k>.png`` for the others (k from 2)."""
    return [f"{item_id}{suffix}"] + [f"{item_id}@{k}{suffix}" for k in range(2, count + 1)]


def figure_image(
    figure: Figure, index: int, size: QSize, ink: Ink, mirror: bool = False, dpr: float = 1.0
) -> QImage:
    """A keyframe filling a small image (library thumbnails), sharp at ``dpr``."""
    image = QImage(
        round(size.width() * dpr), round(size.height() * dpr), QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(dpr)
    image.fill(ink.paper)
    painter = QPainter(image)
    rect = QRectF(0, 0, size.width(), size.height())
    paint_keyframe(painter, figure, index, rect, ink, mirror, stage=False)
    painter.end()
    return image
