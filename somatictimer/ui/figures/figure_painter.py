"""Paint a figure drawing (``somatictimer.figures``) with QPainter: to a widget, a PNG or SVG.

One calm, rounded silhouette: every part of the body is stroked in one ink with round caps,
parts behind the body's middle in a lighter mix of ink and paper (so near limbs read over far
ones), props in a quiet tone behind, and a floor line. Crisp at any size, in both themes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF, QTransform

from somatictimer.figures.camera import Drawing, Stroke

FAR_FADE = 0.5  # how far toward the paper the farthest limb fades
HALO = 1.6  # body units of paper around each part, so overlapping parts stay apart


@dataclass(frozen=True, slots=True)
class Ink:
    body: QColor
    paper: QColor
    prop: QColor
    floor: QColor


def mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


# Every figure is drawn at one scale where it fits, so a standing body is as tall as a lying
# one is long: the same person changing position, not a zoom per pose.
STAGE_W, STAGE_H = 128.0, 112.0


def fit(
    bounds: tuple[float, float, float, float],
    rect: QRectF,
    *,
    margin: float = 0.06,
    stage: bool = True,
) -> tuple[float, float, float]:
    """Scale and offsets that put ``bounds`` (y up) inside ``rect`` (y down), centred,
    resting on the rect's bottom margin."""
    x0, y0, x1, y1 = bounds
    inner = rect.adjusted(
        rect.width() * margin,
        rect.height() * margin,
        -rect.width() * margin,
        -rect.height() * margin,
    )
    # ``stage``: one scale for every figure; without it (thumbnails) each fills its box.
    width = max(x1 - x0, STAGE_W if stage else 1.0)
    height = max(y1 - y0, STAGE_H if stage else 1.0)
    scale = min(inner.width() / width, inner.height() / height)
    dx = inner.center().x() - (x0 + x1) / 2 * scale
    dy = inner.bottom() + y0 * scale  # world y0 sits on the bottom edge
    return scale, dx, dy


def paint_drawing(
    p: QPainter,
    drawing: Drawing,
    rect: QRectF,
    ink: Ink,
    *,
    mirror: bool = False,
    bounds: tuple[float, float, float, float] | None = None,
    stage: bool = True,
) -> None:
    """Draw ``drawing`` fitted to ``rect`` (by ``bounds`` when given, so a moving figure
    keeps one scale); ``mirror`` flips it left to right (the other side)."""
    scale, dx, dy = fit(bounds or drawing.bounds, rect, stage=stage)
    cx = rect.center().x()
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if drawing.floor:
        floor_y = dy + 1.2 * scale
        pen = QPen(ink.floor, max(1.0, 1.4 * scale))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        left, right = rect.left() + rect.width() * 0.06, rect.right() - rect.width() * 0.06
        p.drawLine(QPointF(left, floor_y), QPointF(right, floor_y))
    # The painter maps body units (y up) to the widget, mirrored for the other side: the
    # strokes go to Qt as they are, with no per-point arithmetic in Python.
    transform = QTransform()
    if mirror:
        transform.translate(2 * cx, 0).scale(-1, 1)
    transform.translate(dx, dy).scale(scale, -scale)
    p.setTransform(transform, combine=True)
    thinnest = 0.8 / scale  # a hairline at least, at any size
    for part in _parts(drawing.strokes):
        if part[0].prop:
            for stroke in part:
                _stroke(p, stroke, ink.prop, thinnest)
            continue
        # A thin paper-coloured halo round the whole part first: an arm in front of the
        # trunk stays visible, while the part itself reads as one shape.
        for stroke in part:
            _stroke(p, stroke, ink.paper, thinnest, grow=HALO)
        for stroke in part:
            _stroke(p, stroke, mix(ink.body, ink.paper, stroke.shade * FAR_FADE), thinnest)
    p.restore()


def _parts(strokes: tuple[Stroke, ...]) -> list[list[Stroke]]:
    """Consecutive strokes of one part (they come ordered far to near, part by part)."""
    parts: list[list[Stroke]] = []
    for stroke in strokes:
        if parts and parts[-1][0].group == stroke.group:
            parts[-1].append(stroke)
        else:
            parts.append([stroke])
    return parts


def _stroke(p: QPainter, s: Stroke, color: QColor, thinnest: float, grow: float = 0.0) -> None:
    """One stroke in body units (the painter's transform places it)."""
    if s.radius:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        radius = s.radius + grow / 2
        x, y = s.points[0]
        p.drawEllipse(QPointF(x, y), radius, radius)
        return
    pen = QPen(color, max(thinnest, s.width + grow))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    if s.fill:
        p.setBrush(color)
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in s.points]))
        return
    if len(s.points) == 2:
        (x0, y0), (x1, y1) = s.points
        p.drawLine(QLineF(x0, y0, x1, y1))
        return
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in s.points]))
