"""Progress views: the slim whole-sequence bar and the large countdown ring of one hold."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.ui.painted import PaintedWidget

BAR_H = 8.0  # the bar's thickness at the default height
GAP = 3.0  # the break in the bar that marks a block boundary


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _clamp(x: float) -> float:
    return min(1.0, max(0.0, x))


class SequenceProgress(PaintedWidget):
    """The whole sequence as one rounded bar, broken into one segment per block."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks: list[float] = [0.0]
        self._progress = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Sequence progress")
        self.setAccessibleDescription("0% done")

    def set_marks(self, fractions: list[float]) -> None:
        """Where each block starts, as fractions of the whole sequence."""
        self._marks = sorted({0.0, *(_clamp(f) for f in fractions)} - {1.0})
        self.update()

    def set_progress(self, fraction: float) -> None:
        fraction = _clamp(fraction)
        # Called on every repaint tick: only a change of a quarter pixel is worth a paint.
        if abs(fraction - self._progress) * max(self.width(), 1) < 0.25:
            return
        if round(fraction * 100) != round(self._progress * 100):
            self.setAccessibleDescription(f"{round(fraction * 100)}% done")
        self._progress = fraction
        self.update()

    def marks(self) -> list[float]:
        return list(self._marks)

    def progress(self) -> float:
        return self._progress

    def segments(self) -> list[tuple[float, float]]:
        ends = [*self._marks[1:], 1.0]
        return list(zip(self._marks, ends, strict=True))

    def current_segment(self) -> int:
        """Index of the block under way (the last one once the sequence is done)."""
        return min(len(self._marks) - 1, bisect_right(self._marks, self._progress) - 1)

    def sizeHint(self) -> QSize:
        return QSize(320, 18)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 12)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        accent = pal.color(QPalette.ColorRole.Highlight)
        # WindowText at low alpha: a muted track that holds in any theme (Mid can vanish).
        track = pal.color(QPalette.ColorRole.WindowText)
        h = min(BAR_H, self.height() * 0.45)
        x0, width = h / 2 + 1, self.width() - h - 2  # room for the current segment's bulge
        mid_y = self.height() / 2
        current = self.current_segment()
        p.setPen(Qt.PenStyle.NoPen)
        for i, (a, b) in enumerate(self.segments()):
            # The block under way is a touch thicker: where you are reads at a glance.
            seg_h = h * 1.35 if i == current else h
            left = x0 + a * width + (GAP / 2 if a > 0 else 0)
            right = x0 + b * width - (GAP / 2 if b < 1 else 0)
            rect = QRectF(left, mid_y - seg_h / 2, max(right - left, 1.0), seg_h)
            pill = QPainterPath()
            pill.addRoundedRect(rect, seg_h / 2, seg_h / 2)
            p.setBrush(_soft(track, 0.2 if i == current else 0.1))
            p.drawPath(pill)
            done_x = x0 + self._progress * width
            if done_x > rect.left():
                p.save()
                p.setClipPath(pill)
                p.fillRect(QRectF(rect.left(), rect.top(), done_x - rect.left(), seg_h), accent)
                p.restore()


class RingTimer(PaintedWidget):
    """The current hold as a ring that empties clockwise, with the time left in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._remaining_s = 0.0
        self._total_s = 0.0
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Hold timer")

    def set_time(self, remaining_s: float, total_s: float, text: str) -> None:
        before = self.remaining_fraction()
        self._remaining_s, self._total_s = remaining_s, total_s
        changed = text != self._text
        if changed:  # the words change once a second; the ring a little every frame
            self._text = text
            self.setAccessibleDescription(f"{text} left" if text else "")
        # Repaint when the arc has moved a visible amount (about half a pixel of its rim).
        rim_px = 3.2 * max(self.width(), self.height())
        if changed or abs(self.remaining_fraction() - before) * rim_px >= 0.5:
            self.update()

    def remaining_fraction(self) -> float:
        if self._total_s <= 0:
            return 0.0
        return _clamp(self._remaining_s / self._total_s)

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(240, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(96, 96)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        side = min(self.width(), self.height())
        stroke = max(2.0, side * 0.022)
        radius = side / 2 - stroke - 2
        centre = QPointF(self.width() / 2, self.height() / 2)
        ring = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(_soft(pal.color(QPalette.ColorRole.WindowText), 0.1), stroke))
        p.drawEllipse(ring)
        frac = self.remaining_fraction()
        if frac > 0:
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), stroke * 1.6)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock: start at 12,
            # negative span runs clockwise.
            p.drawArc(ring, 90 * 16, -round(frac * 360 * 16))
        if self._text:
            self._paint_text(p, pal.color(QPalette.ColorRole.WindowText), radius, centre)

    def _paint_text(self, p: QPainter, ink: QColor, radius: float, centre: QPointF) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(radius * 0.46)))
        font.setWeight(QFont.Weight.Light)
        font.setFeature(QFont.Tag("tnum"), 1)
        metrics = QFontMetricsF(font)
        # Lay digits out in equal cells ourselves too: fonts without tnum still hold still.
        cell = max(metrics.horizontalAdvance(d) for d in "0123456789")
        widths = [cell if ch.isdigit() else metrics.horizontalAdvance(ch) for ch in self._text]
        scale = min(1.0, radius * 1.45 / sum(widths))  # long texts ("1:02:03") shrink to fit
        if scale < 1.0:
            font.setPixelSize(max(8, round(font.pixelSize() * scale)))
            metrics = QFontMetricsF(font)
            cell = max(metrics.horizontalAdvance(d) for d in "0123456789")
            widths = [cell if ch.isdigit() else metrics.horizontalAdvance(ch) for ch in self._text]
        p.setFont(font)
        p.setPen(_soft(ink, 0.88))
        x = centre.x() - sum(widths) / 2
        box_h = metrics.height()
        for ch, w in zip(self._text, widths, strict=True):
            p.drawText(
                QRectF(x, centre.y() - box_h / 2, w, box_h), Qt.AlignmentFlag.AlignCenter, ch
            )
            x += w
