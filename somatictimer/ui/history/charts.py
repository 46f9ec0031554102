"""History charts: totals as bars and the check-in trend; the calendar lives next door."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.core.history.records import REGIONS
from somatictimer.ui.history.body_map import MAX_TENSION
from somatictimer.ui.history.body_shapes import REGION_LABELS
from somatictimer.ui.history.calendar_heatmap import (
    CalendarHeatmap,
    day_text,
    level_for,
    minutes_text,
)
from somatictimer.ui.painted import PaintedWidget

__all__ = [
    "BarChart",
    "CalendarHeatmap",
    "TrendChart",
    "day_text",
    "level_for",
    "minutes_text",
    "value_text",
]

NO_CHECKINS = "No check-ins yet"
NO_SESSIONS = "No sessions yet"


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _font(widget: QWidget, size_px: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(max(8, round(size_px)))
    font.setWeight(weight)
    font.setFeature(QFont.Tag("tnum"), 1)
    return font


def _empty(p: QPainter, widget: QWidget, text: str) -> None:
    p.setFont(_font(widget, 14, QFont.Weight.Light))
    p.setPen(_soft(widget.palette().color(QPalette.ColorRole.WindowText), 0.5))
    p.drawText(QRectF(widget.rect()), Qt.AlignmentFlag.AlignCenter, text)


def value_text(value: float, unit: str = "") -> str:
    """Whole numbers from 10 up, one decimal below; "min" reads as hours once it is long."""
    if unit == "min" and value >= 60:
        return minutes_text(value)
    number = f"{value:.0f}" if abs(value) >= 10 or value == int(value) else f"{value:.1f}"
    return f"{number} {unit}".strip()


def _top_rounded(rect: QRectF, radius: float) -> QPainterPath:
    """A bar with round shoulders and a flat foot on the baseline."""
    r = min(radius, rect.width() / 2, rect.height())
    path = QPainterPath()
    path.moveTo(rect.bottomLeft())
    path.lineTo(rect.left(), rect.top() + r)
    path.quadTo(rect.topLeft(), QPointF(rect.left() + r, rect.top()))
    path.lineTo(rect.right() - r, rect.top())
    path.quadTo(rect.topRight(), QPointF(rect.right(), rect.top() + r))
    path.lineTo(rect.bottomRight())
    path.closeSubpath()
    return path


class BarChart(PaintedWidget):
    """Vertical bars with their label below and their value on top (weekly totals, ...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[tuple[str, float]] = []
        self._unit = "min"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Bar chart")
        self.setAccessibleDescription(NO_SESSIONS)

    def set_data(self, data: list[tuple[str, float]], unit: str = "min") -> None:
        self._data = [(label, max(0.0, float(value))) for label, value in data]
        self._unit = unit
        self.setAccessibleDescription(
            "; ".join(f"{label}: {value_text(v, unit)}" for label, v in self._data) or NO_SESSIONS
        )
        self.update()

    def data(self) -> list[tuple[str, float]]:
        return list(self._data)

    def _fonts(self) -> tuple[QFont, QFont]:
        size = max(9.0, min(12.0, self.height() * 0.06))
        return _font(self, size), _font(self, size, QFont.Weight.DemiBold)

    def plot_rect(self) -> QRectF:
        label, value = (QFontMetricsF(f).height() for f in self._fonts())
        return QRectF(
            6, value + 6, max(1, self.width() - 12), max(1, self.height() - value - label - 16)
        )

    def bar_rects(self) -> list[QRectF]:
        """One rect per value, in widget coordinates; height proportional to the value."""
        if not self._data:
            return []
        plot = self.plot_rect()
        top = max(v for _, v in self._data) or 1.0
        slot = plot.width() / len(self._data)
        width = max(2.0, min(slot * 0.56, 46.0))
        rects = []
        for i, (_, v) in enumerate(self._data):
            h = plot.height() * v / top
            x = plot.left() + slot * i + (slot - width) / 2
            rects.append(QRectF(x, plot.bottom() - h, width, h))
        return rects

    def sizeHint(self) -> QSize:
        return QSize(max(240, 56 * len(self._data)), 180)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 100)

    def _paint(self, p: QPainter) -> None:
        if not self._data:
            _empty(p, self, NO_SESSIONS)
            return
        pal = self.palette()
        ink, accent = (
            pal.color(QPalette.ColorRole.WindowText),
            pal.color(QPalette.ColorRole.Highlight),
        )
        plot = self.plot_rect()
        rects = self.bar_rects()
        slot = plot.width() / len(self._data)
        label_font, value_font = self._fonts()

        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(_soft(ink, 0.12))
        p.drawRoundedRect(QRectF(plot.left(), plot.bottom(), plot.width(), 1.2), 0.6, 0.6)
        for rect in rects:
            if rect.height() >= 0.5:
                p.setBrush(accent)
                p.drawPath(_top_rounded(rect, min(6.0, rect.width() * 0.22)))

        metrics = QFontMetricsF(label_font)
        value_metrics = QFontMetricsF(value_font)
        for (label, v), rect in zip(self._data, rects, strict=True):
            column = QRectF(plot.left() + slot * rects.index(rect), 0, slot, self.height())
            text = value_text(v, self._unit)
            if value_metrics.horizontalAdvance(text) > slot - 2:
                text = value_text(v)  # the number alone when the unit does not fit
            p.setFont(value_font)
            p.setPen(_soft(ink, 0.78))
            value_box = QRectF(
                column.left(), rect.top() - value_metrics.height() - 3, slot, value_metrics.height()
            )
            p.drawText(value_box, Qt.AlignmentFlag.AlignCenter, text)
            p.setFont(label_font)
            p.setPen(_soft(ink, 0.55))
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, slot - 4)
            label_box = QRectF(column.left(), plot.bottom() + 6, slot, metrics.height())
            p.drawText(label_box, Qt.AlignmentFlag.AlignCenter, shown)


class TrendChart(PaintedWidget):
    """Per region, mean tension before (muted) and after (accent) on one 0–10 scale."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, float, float, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Tension before and after")
        self.setAccessibleDescription(NO_CHECKINS)

    def set_data(self, data: Mapping[str, tuple[float, float, int]]) -> None:
        order = {r: i for i, r in enumerate(REGIONS)}
        self._rows = [
            (region, float(before), float(after), int(count))
            for region, (before, after, count) in sorted(
                data.items(), key=lambda kv: order.get(kv[0], len(order))
            )
        ]
        self.setAccessibleDescription(
            "; ".join(
                f"{self.label(r)}: {b:.1f} before, {a:.1f} after ({n} check-ins)"
                for r, b, a, n in self._rows
            )
            or NO_CHECKINS
        )
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, float, float, int]]:
        return list(self._rows)

    @staticmethod
    def label(region: str) -> str:
        return REGION_LABELS.get(region, region.replace("-", " ").capitalize())

    def sizeHint(self) -> QSize:
        return QSize(380, 44 + 34 * max(3, len(self._rows)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 40 + 20 * max(1, len(self._rows)))

    def _paint(self, p: QPainter) -> None:
        if not self._rows:
            _empty(p, self, NO_CHECKINS)
            return
        pal = self.palette()
        ink, accent = (
            pal.color(QPalette.ColorRole.WindowText),
            pal.color(QPalette.ColorRole.Highlight),
        )
        muted = _soft(ink, 0.3)
        font = _font(self, 12)
        small = _font(self, 10.5)
        metrics, small_metrics = QFontMetricsF(font), QFontMetricsF(small)

        legend_h = small_metrics.height() + 10
        row_h = min(40.0, (self.height() - legend_h - 4) / len(self._rows))
        name_w = max(metrics.horizontalAdvance(self.label(r)) for r, *_ in self._rows) + 22
        figures_w = small_metrics.horizontalAdvance("10.0 → 10.0") + 12
        left = name_w
        width = max(20.0, self.width() - name_w - figures_w - 4)
        bar_h = max(3.0, min(8.0, row_h * 0.2))

        self._paint_legend(p, small, ink, muted, accent, left)
        for i, (region, before, after, _count) in enumerate(self._rows):
            mid = legend_h + row_h * (i + 0.5)
            p.setFont(font)
            p.setPen(_soft(ink, 0.78))
            name_box = QRectF(0, mid - row_h / 2, name_w - 14, row_h)
            p.drawText(
                name_box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.label(region),
            )
            p.setPen(Qt.PenStyle.NoPen)
            for value, colour, y in (
                (before, muted, mid - bar_h - 1.5),
                (after, accent, mid + 1.5),
            ):
                track = QRectF(left, y, width, bar_h)
                p.setBrush(_soft(ink, 0.06))
                p.drawRoundedRect(track, bar_h / 2, bar_h / 2)
                share = min(1.0, max(0.0, value / MAX_TENSION))
                if share > 0:
                    p.setBrush(colour)
                    bar = QRectF(left, y, max(bar_h, width * share), bar_h)
                    p.drawRoundedRect(bar, bar_h / 2, bar_h / 2)
            p.setFont(small)
            p.setPen(_soft(ink, 0.6))
            figures = QRectF(left + width + 10, mid - row_h / 2, figures_w, row_h)
            text = f"{before:.1f} → {after:.1f}"
            p.drawText(figures, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    def _paint_legend(
        self, p: QPainter, font: QFont, ink: QColor, muted: QColor, accent: QColor, left: float
    ) -> None:
        p.setFont(font)
        metrics = QFontMetricsF(font)
        y = metrics.height() / 2 + 2
        x = left
        for name, colour in (("Before", muted), ("After", accent)):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawRoundedRect(QRectF(x, y - 4, 14, 8), 4, 4)
            p.setPen(_soft(ink, 0.6))
            box = QRectF(
                x + 20,
                y - metrics.height() / 2,
                metrics.horizontalAdvance(name) + 2,
                metrics.height(),
            )
            p.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            x += 20 + metrics.horizontalAdvance(name) + 18
