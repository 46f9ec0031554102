"""Placeholder pose figures: a calm rounded-stroke line figure per body position."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.ui.painted import PaintedWidget

# Every pose lives on one canvas with the floor at FLOOR_Y, so all poses share one scale: a
# standing figure is as tall as a lying one is long, like the same person changing position.
CANVAS_W, CANVAS_H, FLOOR_Y = 160.0, 120.0, 108.0
LIMB_W, TORSO_W, HEAD_R = 5.5, 8.5, 7.5
SIDES = ("none", "right", "left", "alternating")

Pt = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Drawing:
    """One figure in canvas units; side views face right (the "right" side)."""

    head: Pt
    torso: tuple[Pt, ...]  # 2 points, or 3 where the middle one bends the spine softly
    limbs: tuple[tuple[Pt, ...], ...]
    far: tuple[tuple[Pt, ...], ...] = ()  # limbs behind the body, drawn fainter for depth
    curves: tuple[tuple[Pt, Pt, Pt], ...] = ()  # limbs that bend softly (crossed shins)


_STANDING = Drawing(
    head=(80, 18),
    torso=((80, 32), (80, 60)),
    limbs=(
        ((76.5, 34), (71, 49), (69, 64)),
        ((83.5, 34), (89, 49), (91, 64)),
        ((77.2, 60), (75.8, 83), (75.2, 105)),
        ((82.8, 60), (84.2, 83), (84.8, 105)),
    ),
)
_CROSS_LEGGED = Drawing(
    head=(80, 43),
    torso=((80, 56), (80, 88)),
    limbs=(
        ((76.5, 60), (67, 77), (58, 96)),
        ((83.5, 60), (93, 77), (102, 96)),
        ((78, 92), (55, 100)),
        ((82, 92), (105, 100)),
    ),
    curves=(((55, 100), (80, 109), (105, 100)),),
)
_LONG_SITTING = Drawing(
    head=(65, 48),
    torso=((52, 101), (54, 82), (60, 61)),
    limbs=(((59, 65), (74, 81), (94, 95)), ((52, 105), (134, 105), (138, 97.5))),
)
_SUPINE = Drawing(
    head=(24, 98),
    torso=((37, 102), (62, 101.5), (86, 102)),
    limbs=(((42, 98), (51, 91), (64, 95.5)), ((86, 102), (106, 79), (124, 105))),
    far=(((86, 102), (112, 81), (132, 105)),),
)
_PRONE = Drawing(
    head=(127, 74),
    torso=((82, 102), (102, 100), (116, 86)),
    limbs=(((114, 88), (111, 105), (138, 105)), ((82, 102.5), (18, 105))),
    far=(((82, 101), (22, 101)),),
)
_TABLE_TOP = Drawing(
    head=(119, 69),
    torso=((56, 72), (80, 69.5), (104, 72)),
    limbs=(((104, 74), (104, 105)), ((56, 74), (56, 105), (26, 105))),
    far=(((100, 74), (97, 105)), ((60, 74), (63, 105), (34, 105))),
)
_LOW_LUNGE = Drawing(
    head=(77, 30),
    torso=((70, 78), (70.5, 60), (74, 42)),
    limbs=(((73, 46), (84, 62), (96, 74)), ((70, 79), (98, 80), (100, 105), (112, 105))),
    far=(((70, 79), (48, 105), (20, 105)),),
)
_SIDE_LYING = Drawing(
    head=(27, 75),
    torso=((39, 89), (62, 96), (88, 101)),
    limbs=(((88, 100), (140, 85)),),
    far=(((38, 89), (30, 105), (22, 82)), ((88, 103), (142, 105))),
)


def drawing_for(position: str | None, category: str = "") -> Drawing | None:
    """The figure for a position; the category picks a closer variant where one fits."""
    cat = category.lower()
    if position == "seated":
        return _LONG_SITTING if "hamstring" in cat else _CROSS_LEGGED
    if position == "kneeling":
        return _LOW_LUNGE if "hip flexor" in cat else _TABLE_TOP
    simple = {"standing": _STANDING, "supine": _SUPINE, "prone": _PRONE, "side-lying": _SIDE_LYING}
    return simple.get(position or "")


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _mix(ink: QColor, paper: QColor, t: float) -> QColor:
    """Ink laid over paper at strength t, opaque, so the far limbs don't show through."""
    channels = (QColor.redF, QColor.greenF, QColor.blueF)
    return QColor.fromRgbF(*(t * f(ink) + (1 - t) * f(paper) for f in channels))


def _path(points: tuple[Pt, ...], curved: bool = False) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    if curved and len(points) == 3:
        path.quadTo(QPointF(*points[1]), QPointF(*points[2]))
    else:
        for pt in points[1:]:
            path.lineTo(QPointF(*pt))
    return path


def _shape(strokes: list[tuple[QPainterPath, float]]) -> QPainterPath:
    """Round-capped strokes merged into one outline: joints overlap without seams."""
    stroker = QPainterPathStroker()
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    shape = QPainterPath()
    for path, width in strokes:
        stroker.setWidth(width)
        shape = shape.united(stroker.createStroke(path))
    return shape


class FigureWidget(PaintedWidget):
    """A dumb view of the current pose's body position; the app calls ``set_pose``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._position: str | None = None
        self._side = "none"
        self._category = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Pose figure")
        self.setAccessibleDescription("No pose")

    def set_pose(self, position: str | None, side: str = "none", category: str = "") -> None:
        if side not in SIDES:
            raise ValueError(f"unknown side {side!r}")
        if (position, side, category) == (self._position, self._side, self._category):
            return
        self._position, self._side, self._category = position, side, category
        words = [position or "No pose"] + ([f"{side} side"] if side != "none" else [])
        self.setAccessibleDescription(", ".join(words).capitalize())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(240, 180)

    def minimumSizeHint(self) -> QSize:
        return QSize(80, 60)

    def canvas_rect(self) -> QRectF:
        """Where the canvas lands in the widget: as large as fits, aspect kept, centred."""
        scale = min(self.width() / CANVAS_W, self.height() / CANVAS_H)
        w, h = CANVAS_W * scale, CANVAS_H * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def side_label_rect(self) -> QRectF:
        """The badge naming the side: top right for right, top left (mirrored) for left."""
        canvas = self.canvas_rect()
        size = max(14.0, canvas.height() * 0.13)
        inset = canvas.height() * 0.03
        if self._side == "left":
            x = canvas.left() + inset
        elif self._side == "right":
            x = canvas.right() - inset - size
        else:
            x = canvas.center().x() - size / 2
        return QRectF(x, canvas.top() + inset, size, size)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        canvas = self.canvas_rect()
        p.translate(canvas.topLeft())
        p.scale(canvas.width() / CANVAS_W, canvas.height() / CANVAS_H)
        if self._side == "left":  # the same drawing seen in a mirror, exactly
            p.translate(CANVAS_W, 0)
            p.scale(-1, 1)
        self._paint_mat(p, pal)
        drawing = drawing_for(self._position, self._category)
        if drawing is not None:
            self._paint_figure(p, drawing, pal)
        p.resetTransform()
        if self._side != "none":
            self._paint_side_label(p, pal)

    def _paint_mat(self, p: QPainter, pal: QPalette) -> None:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_soft(pal.color(QPalette.ColorRole.WindowText), 0.08))
        p.drawRoundedRect(QRectF(6, FLOOR_Y, CANVAS_W - 12, 5), 2.5, 2.5)

    def _paint_figure(self, p: QPainter, d: Drawing, pal: QPalette) -> None:
        ink, paper = pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window)
        # Merge outlines in device pixels: path union flattens curves, and flattening at
        # canvas scale would leave the round caps visibly faceted once scaled up.
        dpr = self.devicePixelRatioF()
        to_device = p.transform() * QTransform.fromScale(dpr, dpr)
        p.resetTransform()
        p.scale(1 / dpr, 1 / dpr)
        scale = abs(to_device.m22())

        def shape(strokes: list[tuple[QPainterPath, float]]) -> QPainterPath:
            return _shape([(to_device.map(path), width * scale) for path, width in strokes])

        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_mix(ink, paper, 0.28))
        p.drawPath(shape([(_path(limb), LIMB_W) for limb in d.far]))
        body = shape(
            [(_path(d.torso, curved=True), TORSO_W)]
            + [(_path(limb), LIMB_W) for limb in d.limbs]
            + [(_path(curve, curved=True), LIMB_W) for curve in d.curves]
        )
        head = to_device.map(QPointF(*d.head))
        body.addEllipse(head, HEAD_R * scale, HEAD_R * scale)  # apart from the body: no union
        p.setBrush(_mix(ink, paper, 0.68))
        p.drawPath(body)

    def _paint_side_label(self, p: QPainter, pal: QPalette) -> None:
        rect = self.side_label_rect()
        accent = pal.color(QPalette.ColorRole.Highlight)
        p.setPen(QPen(_soft(accent, 0.55), max(1.0, rect.width() * 0.06)))
        p.setBrush(_soft(accent, 0.12))
        p.drawEllipse(rect.adjusted(1, 1, -1, -1))
        p.setPen(_soft(pal.color(QPalette.ColorRole.WindowText), 0.75))
        if self._side == "alternating":  # two small opposed arrows: sides swap each rep
            self._paint_swap_arrows(p, rect)
            return
        font = QFont(self.font())
        font.setPixelSize(max(8, round(rect.height() * 0.5)))
        font.setWeight(QFont.Weight.DemiBold)
        p.setFont(font)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "R" if self._side == "right" else "L")

    def _paint_swap_arrows(self, p: QPainter, rect: QRectF) -> None:
        pen = p.pen()
        pen.setWidthF(max(1.0, rect.width() * 0.07))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(pen)
        c, u = rect.center(), rect.width() * 0.2
        for dy, sign in ((-u * 0.6, 1.0), (u * 0.6, -1.0)):
            tip = QPointF(c.x() + sign * u, c.y() + dy)
            p.drawLine(QPointF(c.x() - sign * u, c.y() + dy), tip)
            p.drawLine(tip, QPointF(tip.x() - sign * u * 0.5, tip.y() - u * 0.45))
