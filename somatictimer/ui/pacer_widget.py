"""The breathing pacer: a soft circle that grows on the inhale and settles on the exhale."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.core.describe import whole_seconds_left
from somatictimer.ui.painted import LayerCache, PaintedWidget

MIN_FRACTION = 0.4  # the empty-lungs circle, as a share of the full one
PHASE_WORDS = {"inhale": "Inhale", "hold-in": "Hold", "exhale": "Exhale", "hold-out": "Hold"}
IDLE_TEXT = "Breathe naturally"
HALO = 1.07  # the soft glow's outer edge, as a multiple of the circle's radius


def _ease(t: float) -> float:
    """Sine ease-in-out: breath starts and ends slowly, never with a jolt."""
    return (1 - math.cos(math.pi * t)) / 2


def radius_fraction_for(kind: str | None, progress: float) -> float:
    """Circle radius / full radius at ``progress`` (0..1) through a breath phase."""
    t = _ease(min(1.0, max(0.0, progress)))
    span = 1 - MIN_FRACTION
    if kind == "inhale":
        return MIN_FRACTION + span * t
    if kind == "hold-in":
        return 1.0
    if kind == "exhale":
        return 1 - span * t
    return MIN_FRACTION


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _ring(centre: QPointF, inner: float, outer: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(centre, outer, outer)
    path.addEllipse(centre, inner, inner)  # odd-even fill leaves the inside empty
    return path


class PacerWidget(PaintedWidget):
    """A dumb view of the breath phase; the app calls ``set_phase`` on every repaint tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._progress = 0.0
        self._seconds_left = 0.0
        self._layers = LayerCache()
        self._drawn_radius = MIN_FRACTION  # the radius (a fraction) last asked to be drawn
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Breathing pacer")
        self.setAccessibleDescription(IDLE_TEXT)

    def set_phase(self, kind: str | None, progress: float, seconds_left: float) -> None:
        if kind is not None and kind not in PHASE_WORDS:
            raise ValueError(f"unknown breath phase {kind!r}")
        before, radius_before = self.phase_text(), self._drawn_radius
        self._kind, self._progress, self._seconds_left = kind, progress, seconds_left
        # Only a changed text is news for a screen reader; the circle is called every frame.
        text_changed = self.phase_text() != before
        if text_changed:
            self.setAccessibleDescription(self.phase_text())
        # Holds keep the circle still: repaint only when it grows or shrinks visibly.
        # The radius asked for is remembered until it is drawn: slow easing at a phase's ends
        # adds up to a visible pixel over a few frames.
        radius = self.radius_fraction()
        if text_changed:
            self._drawn_radius = radius
            self.update()
        elif abs(radius - radius_before) * self.max_radius() >= 0.8:
            self._drawn_radius = radius
            # Only the square the glow covers, at the larger of its two sizes.
            reach = self.max_radius() * max(radius_before, radius) * HALO + 2
            centre = QPointF(self.width() / 2, self.height() / 2)
            self.update(
                QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach).toAlignedRect()
            )

    def radius_fraction(self) -> float:
        return radius_fraction_for(self._kind, self._progress)

    def whole_seconds_left(self) -> int:
        # A hair of float noise (3.0000001 s) must not show as 4.
        return whole_seconds_left(self._seconds_left)

    def phase_text(self) -> str:
        if self._kind is None:
            return IDLE_TEXT
        return f"{PHASE_WORDS[self._kind]} {self.whole_seconds_left()}"

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 120)

    def max_radius(self) -> float:
        # Leave room outside the full circle for its halo.
        return max(1.0, min(self.width(), self.height()) / 2 / HALO - 2)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        accent = pal.color(QPalette.ColorRole.Highlight)
        ink = pal.color(QPalette.ColorRole.WindowText)
        colours = (accent.rgba(), ink.rgba())
        centre = QPointF(self.width() / 2, self.height() / 2)
        full = self.max_radius()
        radius = full * self.radius_fraction()
        calm = self._kind is None
        ratio = self.devicePixelRatioF()
        # Two layers, each drawn once and then blitted: the glow at its full size (scaled
        # to the breath's radius: its gradients scale with it exactly; a soft sprite needs no
        # smooth filtering) and, over it, the faint guide ring with the words.
        reach = full * HALO
        sprite_size = QSize(math.ceil(2 * reach), math.ceil(2 * reach))
        glow = self._layers.get(
            ("glow", calm, colours),
            sprite_size,
            ratio,
            lambda q: self._paint_glow(q, accent, QPointF(reach, reach), full, calm),
        )
        scaled = radius * HALO
        p.drawPixmap(
            QRectF(centre.x() - scaled, centre.y() - scaled, 2 * scaled, 2 * scaled),
            glow,
            QRectF(glow.rect()),
        )
        overlay = self._layers.get(
            ("overlay", self.phase_text(), colours),
            self.size(),
            ratio,
            lambda q: self._paint_overlay(q, ink, full, centre),
        )
        p.drawPixmap(0, 0, overlay)

    @staticmethod
    def _paint_glow(
        p: QPainter, accent: QColor, centre: QPointF, radius: float, calm: bool
    ) -> None:
        glow = QRadialGradient(centre, radius)
        glow.setColorAt(0.0, _soft(accent, 0.16 if calm else 0.30))
        glow.setColorAt(0.75, _soft(accent, 0.22 if calm else 0.40))
        glow.setColorAt(1.0, _soft(accent, 0.30 if calm else 0.55))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(glow)
        p.drawEllipse(centre, radius, radius)
        # A feathered rim instead of a hard edge: light, not a disc.
        halo = QRadialGradient(centre, radius * HALO)
        halo.setColorAt(1 / HALO, _soft(accent, 0.18 if calm else 0.28))
        halo.setColorAt(1.0, _soft(accent, 0.0))
        p.setBrush(halo)
        p.drawPath(_ring(centre, radius, radius * HALO))

    def _paint_overlay(self, p: QPainter, ink: QColor, full: float, centre: QPointF) -> None:
        # The faint guide ring shows where the inhale is heading.
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(_soft(ink, 0.12), max(1.0, full * 0.012)))
        p.drawEllipse(centre, full - 1, full - 1)
        if self._kind is None:
            self._paint_idle(p, ink, full)
        else:
            self._paint_phase(p, ink, full, centre)

    def _font(self, size_px: float, weight: QFont.Weight) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, round(size_px)))
        font.setWeight(weight)
        return font

    def _paint_idle(self, p: QPainter, ink: QColor, full: float) -> None:
        # Two short lines that sit inside the small circle, muted: nothing to follow now.
        font = self._font(full * 0.1, QFont.Weight.Normal)
        p.setFont(font)
        p.setPen(_soft(ink, 0.55))
        p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, IDLE_TEXT.replace(" ", "\n"))

    def _paint_phase(self, p: QPainter, ink: QColor, full: float, centre: QPointF) -> None:
        word = self._font(full * 0.18, QFont.Weight.Light)
        count = self._font(full * 0.14, QFont.Weight.Normal)
        count.setFeature(QFont.Tag("tnum"), 1)  # digits of one width: the number must not wobble
        word_h, count_h = QFontMetricsF(word).height(), QFontMetricsF(count).height()
        top = centre.y() - (word_h + count_h) / 2
        p.setFont(word)
        p.setPen(_soft(ink, 0.9))
        p.drawText(
            QRectF(0, top, self.width(), word_h),
            Qt.AlignmentFlag.AlignCenter,
            PHASE_WORDS[self._kind or "inhale"],
        )
        p.setFont(count)
        p.setPen(_soft(ink, 0.6))
        p.drawText(
            QRectF(0, top + word_h, self.width(), count_h),
            Qt.AlignmentFlag.AlignCenter,
            str(self.whole_seconds_left()),
        )
