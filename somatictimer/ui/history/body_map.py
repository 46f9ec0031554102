"""The body map: soft front and back figures whose named regions hold a tension rating 0–10."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.core.history.records import REGIONS
from somatictimer.ui.history.body_shapes import (
    BACK_DX,
    BACK_REGIONS,
    CAPTION_H,
    FRONT_DX,
    FRONT_REGIONS,
    LABEL_GAP,
    LABEL_LINES,
    REGION_LABELS,
    VIEWS_H,
    VIEWS_W,
    back_marks,
    moved,
    region_shapes,
    silhouette,
)
from somatictimer.ui.painted import PaintedWidget

MAX_TENSION = 10
CORAL_LIGHT, CORAL_DARK = QColor("#e07f6e"), QColor("#ee9d8c")


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


class BodyMap(PaintedWidget):
    """A dumb view of tension per region; mouse and keyboard edit the selected region."""

    changed = Signal(str, object)  # region, value (int) or None when cleared
    selection_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tension: dict[str, int] = {}
        self._before: dict[str, int] = {}  # the ratings before the session, shown beside
        self._selected = REGIONS[0]
        self._wheel_delta = 0
        figure = silhouette()
        self.silhouette = moved(figure, FRONT_DX).united(moved(figure, BACK_DX))
        self.back_marks = back_marks()
        self._shapes = region_shapes()
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

    def set_before(self, tension: dict[str, int]) -> None:
        """The ratings given before the session, shown beside the ones given now."""
        self._before = {r: tension[r] for r in REGIONS if r in tension}
        self._describe()
        self.updateGeometry()
        self.update()

    def before(self) -> dict[str, int]:
        return dict(self._before)

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

    def _columns(self) -> tuple[float, float]:
        """Pixel widths of the name columns left (front) and right (back) of the figures,
        wide enough for any value, so the figures never move while rating."""
        metrics = QFontMetricsF(self._label_font(bold=True))
        worst = "  10 → 10" if self._before else "  10"

        def width(regions: tuple[str, ...]) -> float:
            lines = [line for r in regions for line in LABEL_LINES[r].split("\n")[:-1]]
            lines += [LABEL_LINES[r].split("\n")[-1] + worst for r in regions]
            return max(metrics.horizontalAdvance(line) for line in lines) + LABEL_GAP

        return width(FRONT_REGIONS), width(BACK_REGIONS)

    def canvas_transform(self) -> QTransform:
        left, right = self._columns()
        room = max(1.0, self.width() - left - right)
        scale = min(room / VIEWS_W, self.height() / VIEWS_H) * 0.96
        dx = left + (room - VIEWS_W * scale) / 2
        dy = (self.height() - VIEWS_H * scale) / 2
        return QTransform(scale, 0, 0, scale, dx, dy)

    def region_at(self, point: QPointF) -> str | None:
        for region, (box, _, _) in self.label_layout().items():
            if box.adjusted(-4, -3, 4, 3).contains(QPointF(point)):
                return region  # a region's name selects it too
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
        box = shape.boundingRect()
        centre = box.center()
        if not shape.contains(centre):  # a band bent around its centre: walk down to it
            steps = (QPointF(centre.x(), box.top() + box.height() * i / 20) for i in range(20))
            centre = next((pt for pt in steps if shape.contains(pt)), centre)
        return self.canvas_transform().map(centre)

    def label_layout(self) -> dict[str, tuple[QRectF, QPointF, QPointF]]:
        """Each region's name box and its leader line (from the box to the region), in
        widget coordinates: front names to the left of the figures, back names right."""
        transform = self.canvas_transform()
        metrics = QFontMetricsF(self._label_font(bold=True))
        line_h = metrics.height()
        layout = {}
        for region in REGIONS:
            lines = self.label_text(region).split("\n")
            width = max(metrics.horizontalAdvance(line) for line in lines)
            height = line_h * len(lines)
            shapes = [transform.mapRect(s.boundingRect()) for s in self._shapes[region]]
            y = self.region_anchor(region).y()
            if region in FRONT_REGIONS:
                edge = transform.map(QPointF(0, 0)).x() - LABEL_GAP / 2
                box = QRectF(edge - width, y - height / 2, width, height)
                line = (QPointF(edge + 3, y), QPointF(min(b.left() for b in shapes), y))
            else:
                edge = transform.map(QPointF(VIEWS_W, 0)).x() + LABEL_GAP / 2
                box = QRectF(edge, y - height / 2, width, height)
                line = (QPointF(edge - 3, y), QPointF(max(b.right() for b in shapes), y))
            layout[region] = (box, *line)
        return layout

    def _label_font(self, *, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setFeature(QFont.Tag("tnum"), 1)
        if bold:
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def label_text(self, region: str) -> str:
        """The region's name and its rating: "Hips  6", or "Hips  6 → 3" beside the rating
        before the session ("Hips  was 6" until rated again)."""
        value, before = self._tension.get(region), self._before.get(region)
        if before is not None:
            rating = f"was {before}" if value is None else f"{before} → {value}"
        else:
            rating = "" if value is None else str(value)
        return LABEL_LINES[region] + (f"  {rating}" if rating else "")

    def sizeHint(self) -> QSize:
        return QSize(560, 400)

    def minimumSizeHint(self) -> QSize:
        left, right = self._columns()
        return QSize(round(left + right + VIEWS_W * 0.55), round(VIEWS_H * 0.55))

    # --- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        region = self.region_at(event.position())
        if region is None:
            super().mousePressEvent(event)
            return
        self.select(region)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hasFocus():  # as every input: scrolling a page past it changes nothing
            event.ignore()
            return
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
        before = self._before.get(region)
        was = "" if before is None else f" (before the session: {before})"
        return f"{REGION_LABELS[region]}: {rating}{was}"

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
        p.drawPath(self.silhouette)
        p.setPen(QPen(_soft(ink, 0.16), 1.2 / scale))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(self.back_marks)

        for region in REGIONS:
            value = self._tension.get(region)
            for shape in self._shapes[region]:
                if value is None:
                    p.setBrush(_soft(ink, 0.035))
                    pen = QPen(_soft(ink, 0.3), 1.1 / scale * 1.2)
                    pen.setStyle(Qt.PenStyle.DashLine)
                else:
                    p.setBrush(tension_color(pal, value))
                    pen = QPen(_soft(ink, 0.18), 1.0 / scale * 1.2)
                p.setPen(pen)
                p.drawPath(shape)

        focused = self.hasFocus()
        for shape in self._shapes[self._selected]:
            # The focus ring: thick and in the accent while the map has the keyboard.
            width = (3.2 if focused else 2.0) / scale
            p.setPen(QPen(accent if focused else _soft(ink, 0.55), width))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(shape)

        p.setTransform(QTransform())  # text at device scale: crisp at any size
        self._paint_captions(p, ink, transform)
        self._paint_labels(p, ink, accent, focused)

    def _paint_captions(self, p: QPainter, ink: QColor, transform: QTransform) -> None:
        p.setFont(self._label_font(bold=False))
        p.setPen(_soft(ink, 0.6))
        for text, dx in (("Front", FRONT_DX), ("Back", BACK_DX)):
            centre = transform.map(QPointF(dx + 100, CAPTION_H / 2))
            box = QRectF(centre.x() - 60, centre.y() - 10, 120, 20)
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_labels(self, p: QPainter, ink: QColor, accent: QColor, focused: bool) -> None:
        for region, (box, start, end) in self.label_layout().items():
            chosen = region == self._selected
            p.setPen(QPen(_soft(ink, 0.28), 1.0))
            p.drawLine(start, end)
            p.setFont(self._label_font(bold=chosen))
            p.setPen(accent if chosen and focused else _soft(ink, 0.85 if chosen else 0.7))
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight
                if region in FRONT_REGIONS
                else Qt.AlignmentFlag.AlignLeft
            )
            p.drawText(box, align, self.label_text(region))
            if chosen and focused:
                p.setPen(QPen(accent, 2.0))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRoundedRect(box.adjusted(-6, -3, 6, 3), 6, 6)


def _check(region: str) -> None:
    if region not in REGIONS:
        raise ValueError(f"unknown body region {region!r}")
