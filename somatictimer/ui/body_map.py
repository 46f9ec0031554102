"""The body map: a soft front-view figure whose regions hold a tension rating 0–10."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.core.history_records import REGIONS
from somatictimer.ui.painted import PaintedWidget

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
MAX_TENSION = 10
# The figure is drawn on a fixed canvas, scaled to fit and centred; hit tests map back to it.
CANVAS_W, CANVAS_H = 200.0, 360.0
CORAL_LIGHT, CORAL_DARK = QColor("#e07f6e"), QColor("#ee9d8c")

Pt = tuple[float, float]


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """Blend in RGB but keep the saturation of the ends: the middle is sand, not grey."""
    rgb = QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )
    sat = a.hslSaturationF() + (b.hslSaturationF() - a.hslSaturationF()) * t
    return QColor.fromHslF(max(0.0, rgb.hslHueF()), sat, rgb.lightnessF())


def tension_color(palette: QPalette, value: int) -> QColor:
    """0 is a calm tint of the accent; higher values warm toward coral and grow denser."""
    t = min(MAX_TENSION, max(0, value)) / MAX_TENSION
    dark = palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
    warm = _mix(palette.color(QPalette.ColorRole.Highlight), CORAL_DARK if dark else CORAL_LIGHT, t)
    return _soft(warm, 0.22 + 0.6 * t)


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


def _silhouette() -> QPainterPath:
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


def _regions() -> dict[str, list[QPainterPath]]:
    neck = _capsule([(100, 62), (100, 70)], 12)
    shoulders = _capsule([(66, 88), (84, 77), (100, 75), (116, 77), (134, 88)], 13)
    hips = QPainterPath()
    hips.addRoundedRect(QRectF(76, 183, 48, 22), 11, 11)
    return {
        "jaw": [_ellipse(100, 46, 12.5, 8)],
        "neck-shoulders": [neck.united(shoulders).simplified()],
        "chest": [_ellipse(100, 112, 25, 16)],
        "belly": [_ellipse(100, 146, 19, 14)],
        "lower-back": [_capsule([(79, 168), (100, 175), (121, 168)], 8)],
        "hips": [hips],
        "thighs": _pair(_capsule([(85, 221), (84, 249)], 19)),
        "knees": _pair(_ellipse(84, 268, 9, 9)),
        "feet": _pair(_ellipse(81, 338, 10.5, 6)),
    }


class BodyMap(PaintedWidget):
    """A dumb view of tension per region; mouse and keyboard edit the selected region."""

    changed = Signal(str, object)  # region, value (int) or None when cleared
    selection_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tension: dict[str, int] = {}
        self._selected = REGIONS[0]
        self._wheel_delta = 0
        self._silhouette = _silhouette()
        self._shapes = _regions()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body map")
        self._describe()

    # --- data ----------------------------------------------------------------------------

    def set_tension(self, region: str, value: int | None) -> None:
        _check(region)
        if value is not None and not 0 <= value <= MAX_TENSION:
            raise ValueError(f"tension must be 0–{MAX_TENSION}, not {value}")
        if self._tension.get(region) == value:
            return
        if value is None:
            del self._tension[region]
        else:
            self._tension[region] = int(value)
        self._describe()
        self.update()
        self.changed.emit(region, value)

    def tension(self) -> dict[str, int]:
        """Rated regions only, in body order."""
        return {r: self._tension[r] for r in REGIONS if r in self._tension}

    def clear(self) -> None:
        for region in list(self._tension):
            self.set_tension(region, None)

    def select(self, region: str) -> None:
        _check(region)
        if region == self._selected:
            return
        self._selected = region
        self._describe()
        self.update()
        self.selection_changed.emit(region)

    def selected(self) -> str:
        return self._selected

    def step(self, delta: int) -> None:
        """Nudge the selected region; an unrated one counts from 0."""
        current = self._tension.get(self._selected, 0)
        self.set_tension(self._selected, min(MAX_TENSION, max(0, current + delta)))

    # --- geometry ------------------------------------------------------------------------

    def canvas_transform(self) -> QTransform:
        scale = min(self.width() / CANVAS_W, self.height() / CANVAS_H) * 0.96
        dx = (self.width() - CANVAS_W * scale) / 2
        dy = (self.height() - CANVAS_H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, point: QPointF) -> str | None:
        inverse, ok = self.canvas_transform().inverted()
        if not ok:
            return None
        pt = inverse.map(QPointF(point))
        for region, shapes in self._shapes.items():
            if any(shape.contains(pt) for shape in shapes):
                return region
        return None

    def region_anchor(self, region: str) -> QPointF:
        """A point inside the region (its first shape's centre), in widget coordinates."""
        _check(region)
        shape = self._shapes[region][0]
        centre = shape.boundingRect().center()
        if region == "neck-shoulders":
            centre = QPointF(100, 66)  # the band's box centre falls between neck and shoulder
        return self.canvas_transform().map(centre)

    def sizeHint(self) -> QSize:
        return QSize(210, 370)

    def minimumSizeHint(self) -> QSize:
        return QSize(110, 190)

    # --- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region is None:
            super().mousePressEvent(event)
            return
        self.select(region)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        region = self.region_at(event.position())
        if region is not None:
            self.select(region)
        # Touchpads send many small deltas: add them up and step once per wheel notch.
        self._wheel_delta += event.angleDelta().y()
        steps = int(self._wheel_delta / 120)
        if steps:
            self._wheel_delta -= steps * 120
            self.step(steps)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        index = REGIONS.index(self._selected)
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Right):
            self.select(REGIONS[min(len(REGIONS) - 1, index + 1)])
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
            self.select(REGIONS[max(0, index - 1)])
        elif key == Qt.Key.Key_Home:
            self.select(REGIONS[0])
        elif key == Qt.Key.Key_End:
            self.select(REGIONS[-1])
        elif text and text in "0123456789":
            self.set_tension(self._selected, int(text))
        elif text in ("+", "="):
            self.step(1)
        elif text in ("-", "_"):
            self.step(-1)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_tension(self._selected, None)
        else:
            super().keyPressEvent(event)  # Enter, Esc ... go on to the page
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab walks the regions first and leaves the map only past the last (or first) one.
        index = REGIONS.index(self._selected) + (1 if next else -1)
        if 0 <= index < len(REGIONS):
            self.select(REGIONS[index])
            return True
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        reason = event.reason()
        if reason == Qt.FocusReason.TabFocusReason:
            self.select(REGIONS[0])
        elif reason == Qt.FocusReason.BacktabFocusReason:
            self.select(REGIONS[-1])
        super().focusInEvent(event)

    def tooltip_at(self, point: QPointF) -> str | None:
        region = self.region_at(point)
        return None if region is None else self.region_text(region)

    # --- text ----------------------------------------------------------------------------

    def region_text(self, region: str) -> str:
        value = self._tension.get(region)
        rating = "not rated" if value is None else f"{value} of {MAX_TENSION}"
        return f"{REGION_LABELS[region]}: {rating}"

    def _describe(self) -> None:
        self.setAccessibleDescription(
            f"Selected {self.region_text(self._selected)}. Arrow keys choose a region, "
            "digits set tension, Delete clears."
        )

    # --- painting ------------------------------------------------------------------------

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        transform = self.canvas_transform()
        scale = transform.m11()
        p.setTransform(transform)

        p.setPen(QPen(_soft(ink, 0.22), 1.4 / scale * 1.2))
        p.setBrush(_soft(ink, 0.045))
        p.drawPath(self._silhouette)

        for region in REGIONS:
            value = self._tension.get(region)
            for shape in self._shapes[region]:
                if value is None:
                    p.setBrush(_soft(ink, 0.035))
                    pen = QPen(_soft(ink, 0.26), 1.1 / scale * 1.2)
                    pen.setStyle(Qt.PenStyle.DashLine)
                else:
                    p.setBrush(tension_color(pal, value))
                    pen = QPen(_soft(ink, 0.18), 1.0 / scale * 1.2)
                p.setPen(pen)
                p.drawPath(shape)

        for shape in self._shapes[self._selected]:
            ring = QPen(accent if self.hasFocus() else _soft(ink, 0.55), 2.4 / scale * 1.2)
            p.setPen(ring)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(shape)

        self._paint_values(p, ink, scale)

    def _paint_values(self, p: QPainter, ink: QColor, scale: float) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(7, round(8.5 * scale)))
        font.setFeature(QFont.Tag("tnum"), 1)
        p.setFont(font)
        p.setPen(_soft(ink, 0.8))
        p.setTransform(QTransform())  # text at device scale: crisp at any size
        transform = self.canvas_transform()
        for region, value in self._tension.items():
            if region == "lower-back" and scale < 1.2:
                continue  # the band is too thin for a digit at small sizes
            for shape in self._shapes[region]:
                box = transform.mapRect(shape.boundingRect())
                if region == "lower-back":
                    box.translate(0, -box.height() * 0.12)
                p.drawText(box, Qt.AlignmentFlag.AlignCenter, str(value))


def _check(region: str) -> None:
    if region not in REGIONS:
        raise ValueError(f"unknown body region {region!r}")
