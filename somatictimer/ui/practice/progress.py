"""Progress views: the slim whole-sequence bar and the large countdown ring of one hold."""

from __future__ import annotations

import math
from bisect import bisect_right

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
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

from somatictimer.ui.painted import LayerCache, PaintedWidget

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
        # Called on every repaint tick: only a change of half a pixel is worth a paint.
        if abs(fraction - self._progress) * max(self.width(), 1) < 0.5:
            return
        if round(fraction * 100) != round(self._progress * 100):
            self.setAccessibleDescription(f"{round(fraction * 100)}% done")
        before, self._progress = self._progress, fraction
        if self.current_segment() != self._segment_at(before):
            self.update()  # a new block under way: its pill grows thicker
            return
        # Otherwise only the sliver between the old and the new fill edge changes.
        h = min(BAR_H, self.height() * 0.45)
        width = self.width() - h - 2
        left = h / 2 + 1 + min(before, fraction) * width
        right = h / 2 + 1 + max(before, fraction) * width
        self.update(QRectF(left - 2, 0, right - left + 4, self.height()).toAlignedRect())

    def _segment_at(self, fraction: float) -> int:
        return min(len(self._marks) - 1, bisect_right(self._marks, fraction) - 1)

    def marks(self) -> list[float]:
        return list(self._marks)

    def progress(self) -> float:
        return self._progress

    def segments(self) -> list[tuple[float, float]]:
        ends = [*self._marks[1:], 1.0]
        return list(zip(self._marks, ends, strict=True))

    def current_segment(self) -> int:
        """Index of the block under way (the last one once the sequence is done)."""
        return self._segment_at(self._progress)

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
            # The block under way is tinted with the accent, those to come stay neutral.
            p.setBrush(_soft(accent, 0.35) if i == current else _soft(track, 0.1))
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
        self._layers = LayerCache()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Hold timer")

    def set_time(self, remaining_s: float, total_s: float, text: str) -> None:
        before = self.remaining_fraction()
        self._remaining_s, self._total_s = remaining_s, total_s
        changed = text != self._text
        if changed:  # the words change once a second; the ring a little every frame
            self._text = text
            self.setAccessibleDescription(f"{text} left" if text else "")
            self.update(self._text_box())
        # Repaint when the arc has moved a visible amount (about half a pixel of its rim),
        # and then only the strip of rim between its old and new end.
        if changed or abs(self.remaining_fraction() - before) * self._rim_px() >= 0.5:
            self.update(self._arc_strip(before, self.remaining_fraction()))

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

    def _geometry(self) -> tuple[float, float, QPointF]:
        side = min(self.width(), self.height())
        stroke = max(2.0, side * 0.022)
        radius = side / 2 - stroke - 2
        return stroke, radius, QPointF(self.width() / 2, self.height() / 2)

    def _rim_px(self) -> float:
        return 2 * math.pi * max(1.0, self._geometry()[1])

    def _arc_strip(self, a: float, b: float) -> QRect:
        """The widget area the arc's end sweeps between remaining fractions a and b."""
        stroke, radius, centre = self._geometry()
        low, high = min(a, b), max(a, b)
        steps = max(2, math.ceil((high - low) * 72))  # a point every 5 degrees at most
        points = []
        for i in range(steps + 1):
            angle = math.pi / 2 + 2 * math.pi * (low + (high - low) * i / steps)
            points.append(
                QPointF(
                    centre.x() - radius * math.cos(angle), centre.y() - radius * math.sin(angle)
                )
            )
        xs, ys = [pt.x() for pt in points], [pt.y() for pt in points]
        pad = stroke * 1.6 / 2 + 2  # the arc's round cap and antialiasing
        return QRectF(
            min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
        ).toAlignedRect()

    def _text_box(self) -> QRect:
        """Where the time left is written: inside the ring, wider than tall."""
        _, radius, centre = self._geometry()
        return QRectF(
            centre.x() - radius * 0.8, centre.y() - radius * 0.5, radius * 1.6, radius
        ).toAlignedRect()

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        stroke, radius, centre = self._geometry()
        ring = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        ratio = self.devicePixelRatioF()

        def track(q: QPainter) -> None:
            q.setBrush(Qt.BrushStyle.NoBrush)
            q.setPen(QPen(_soft(ink, 0.1), stroke))
            q.drawEllipse(ring)

        p.drawPixmap(0, 0, self._layers.get(("track", ink.rgba()), self.size(), ratio, track))
        frac = self.remaining_fraction()
        if frac > 0:
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), stroke * 1.6)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock: start at 12,
            # negative span runs clockwise.
            p.drawArc(ring, 90 * 16, -round(frac * 360 * 16))
        if self._text:
            text = self._layers.get(
                ("text", self._text, ink.rgba()),
                self.size(),
                ratio,
                lambda q: self._paint_text(q, ink, radius, centre),
            )
            p.drawPixmap(0, 0, text)

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
