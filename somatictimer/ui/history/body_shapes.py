"""The body map's figures as geometry: front and back silhouettes on a fixed canvas, the
named regions as painter paths, and where the views and their labels sit."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainterPath, QPainterPathStroker, QTransform

from somatictimer.core.history.records import REGIONS

REGION_LABELS = {
    "jaw": "Jaw",
    "neck-shoulders": "Neck & shoulders",
    "chest": "Chest",
    "belly": "Belly",
    "lower-back": "Lower back",
    "hips": "Hips",
    "thighs": "Thighs",
    "knees": "Knees",
    "feet": "Feet",
}
# The figure is drawn on a fixed canvas, scaled to fit and centred; hit tests map back to it.
CANVAS_W, CANVAS_H = 200.0, 360.0

Pt = tuple[float, float]


def _capsule(points: list[Pt], width: float) -> QPainterPath:
    line = QPainterPath(QPointF(*points[0]))
    for pt in points[1:]:
        line.lineTo(QPointF(*pt))
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(line).simplified()


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def _pair(shape: QPainterPath) -> list[QPainterPath]:
    """A shape on the figure's right (the viewer's left) and its mirror across the midline."""
    return [shape, QTransform(-1, 0, 0, 1, CANVAS_W, 0).map(shape)]


def _mirror(pt: Pt) -> QPointF:
    return QPointF(CANVAS_W - pt[0], pt[1])


def _torso() -> QPainterPath:
    # The right half as cubic curves from the neck down to the crotch, then mirrored back up.
    neck: Pt = (100, 66)
    half: list[tuple[Pt, Pt, Pt]] = [
        ((116, 66), (136, 70), (140, 76)),  # collarbone toward the shoulder
        ((148, 84), (146, 96), (140, 106)),  # round shoulder into the armpit
        ((132, 124), (124, 146), (127, 166)),  # ribs narrowing to the waist
        ((130, 180), (136, 192), (132, 204)),  # hip
        ((124, 214), (108, 214), (100, 208)),  # into the crotch
    ]
    path = QPainterPath(QPointF(*neck))
    for c1, c2, end in half:
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
    starts = [neck, *(end for _, _, end in half[:-1])]
    for (c1, c2, _), start in reversed(list(zip(half, starts, strict=True))):
        path.cubicTo(_mirror(c2), _mirror(c1), _mirror(start))
    path.closeSubpath()
    return path


def silhouette() -> QPainterPath:
    parts = [
        _ellipse(100, 36, 19, 23),
        _capsule([(100, 50), (100, 72)], 17),
        _torso(),
        *_pair(_capsule([(60, 88), (50, 150), (47, 214)], 15)),
        *_pair(_capsule([(85, 196), (84, 264)], 30)),
        *_pair(_capsule([(84, 264), (83, 328)], 20)),
        *_pair(_ellipse(81, 338, 12, 7.5)),
    ]
    body = parts[0]
    for part in parts[1:]:
        body = body.united(part)
    return body.simplified()


# The two views side by side on one canvas: the front on the left, the back on the right
# (lower back and hips are felt from behind). Each view is the figure above, moved.
FIGURE_SPAN = (32.0, 168.0)  # the figure's width on its own canvas, arms included
VIEW_GAP = 28.0
CAPTION_H = 20.0
FRONT_DX = -FIGURE_SPAN[0]
BACK_DX = FRONT_DX + (FIGURE_SPAN[1] - FIGURE_SPAN[0]) + VIEW_GAP
VIEWS_W = BACK_DX + FIGURE_SPAN[1]
VIEWS_H = CAPTION_H + CANVAS_H
FRONT_REGIONS = ("jaw", "chest", "belly", "thighs", "knees", "feet")
BACK_REGIONS = ("neck-shoulders", "lower-back", "hips")
# Names drawn beside the figures; the long one on two lines to keep its column narrow.
LABEL_LINES = {**REGION_LABELS, "neck-shoulders": "Neck &\nshoulders"}
LABEL_GAP = 22.0  # pixels between a name and its figure (the leader line runs across)


def moved(shape: QPainterPath, dx: float) -> QPainterPath:
    return QTransform.fromTranslate(dx, CAPTION_H).map(shape)


def region_shapes() -> dict[str, list[QPainterPath]]:
    """Each region once, in the view it is felt in, large enough to click at a glance."""
    neck = _capsule([(100, 54), (100, 72)], 14)
    trapezius = _capsule([(62, 92), (82, 79), (100, 74), (118, 79), (138, 92)], 18)
    lower_back = QPainterPath()
    lower_back.addRoundedRect(QRectF(75, 146, 50, 32), 12, 12)
    front = {
        "jaw": [_ellipse(100, 47, 15, 10)],
        "chest": [_ellipse(100, 108, 31, 19)],
        "belly": [_ellipse(100, 150, 24, 16)],
        "thighs": _pair(_capsule([(85, 214), (84, 246)], 24)),
        "knees": _pair(_ellipse(84, 268, 11, 11)),
        "feet": _pair(_ellipse(81, 338, 12, 7.5)),
    }
    back = {
        "neck-shoulders": [neck.united(trapezius).simplified()],
        "lower-back": [lower_back],
        "hips": _pair(_ellipse(87, 198, 13, 15)),
    }
    shapes = {r: [moved(s, FRONT_DX) for s in front[r]] for r in FRONT_REGIONS}
    shapes |= {r: [moved(s, BACK_DX) for s in back[r]] for r in BACK_REGIONS}
    return {r: shapes[r] for r in REGIONS}


def back_marks() -> QPainterPath:
    """A spine and shoulder blades: the back view does not read as a second front."""
    marks = QPainterPath(QPointF(100, 76))
    marks.lineTo(QPointF(100, 184))
    for side in (-1, 1):
        blade = QPainterPath(QPointF(100 + side * 12, 98))
        blade.quadTo(QPointF(100 + side * 26, 104), QPointF(100 + side * 18, 126))
        marks.addPath(blade)
    return moved(marks, BACK_DX)
