"""The breathing pacer: a soft circle that grows on the inhale and settles on the exhale.

Made to be followed from the mat: each phase has its own colour and a large word with its
count (at least four times the body text), and a hold fills the guide ring round the circle
as it passes, so a held breath never looks like a stopped timer.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from somatictimer.core.describe import whole_seconds_left
from somatictimer.ui.painted import LayerCache, PaintedWidget

MIN_FRACTION = 0.4  # the empty-lungs circle, as a share of the full one
PHASE_WORDS = {"inhale": "Inhale", "hold-in": "Hold", "exhale": "Exhale", "hold-out": "Hold"}
HOLDS = ("hold-in", "hold-out")
IDLE_TEXT = "Breathe naturally"
HALO = 1.07  # the soft glow's outer edge, as a multiple of the circle's radius
WORD_TIMES_BODY = 4.0  # the phase word's height, in body-text heights (read from 2 m)
# One colour per phase, told apart at a glance and by people with red-green colour vision
# deficiency (teal, amber, blue, violet differ in lightness and blue-yellow): light, dark.
PHASE_COLOURS = {
    "inhale": ("#3f8a7f", "#6fc1b3"),
    "hold-in": ("#b07a22", "#e0b15e"),
    "exhale": ("#3f6fb0", "#8ab0e6"),
    "hold-out": ("#7a62a8", "#b9a5e0"),
}


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


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def phase_colour(kind: str | None, palette: QPalette) -> QColor:
    """The phase's own colour in this theme; the accent when no breath is paced."""
    if kind is None:
        return palette.color(QPalette.ColorRole.Highlight)
    light, dark = PHASE_COLOURS[kind]
    return QColor(dark if is_dark(palette) else light)


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def _ring(centre: QPointF, inner: float, outer: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(centre, outer, outer)
    path.addEllipse(centre, inner, inner)  # odd-even fill leaves the inside empty
    return path


def body_text_px() -> int:
    """The height of the app's body text in pixels (the yardstick for "large")."""
    return QFontInfo(QApplication.font()).pixelSize()


class PacerWidget(PaintedWidget):
    """A dumb view of the breath phase; the app calls ``set_phase`` on every repaint tick."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: str | None = None
        self._progress = 0.0
        self._seconds_left = 0.0
        self._layers = LayerCache(limit=12)  # a glow per phase colour, the words
        self._drawn = (MIN_FRACTION, 0.0)  # radius and hold arc last asked to be drawn
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Breathing pacer")
        self.setAccessibleDescription(IDLE_TEXT)

    def set_phase(self, kind: str | None, progress: float, seconds_left: float) -> None:
        if kind is not None and kind not in PHASE_WORDS:
            raise ValueError(f"unknown breath phase {kind!r}")
        before = self.phase_text()
        radius_before, arc_before = self._drawn
        self._kind, self._progress, self._seconds_left = kind, progress, seconds_left
        # Only a changed text is news for a screen reader; the circle is called every frame.
        text_changed = self.phase_text() != before
        if text_changed:
            self.setAccessibleDescription(self.phase_text())
        # What is asked for is remembered until it is drawn: slow easing at a phase's ends
        # adds up to a visible pixel over a few frames.
        radius, arc = self.radius_fraction(), self.hold_fraction()
        full = self.max_radius()
        if text_changed:
            self._drawn = (radius, arc)
            self.update()
        elif abs(radius - radius_before) * full >= 0.8 or abs(arc - arc_before) * full * 6 >= 1:
            self._drawn = (radius, arc)
            # Only the square the glow covers (and the guide ring, when a hold fills it).
            ring = 1 / HALO if max(arc, arc_before) > 0 else 0.0
            reach = full * max(radius_before, radius, ring) * HALO + 3
            centre = QPointF(self.width() / 2, self.height() / 2)
            self.update(
                QRectF(centre.x() - reach, centre.y() - reach, 2 * reach, 2 * reach).toAlignedRect()
            )

    def radius_fraction(self) -> float:
        return radius_fraction_for(self._kind, self._progress)

    def hold_fraction(self) -> float:
        """How much of a held breath has passed (0 when not holding): the ring's fill."""
        return min(1.0, max(0.0, self._progress)) if self._kind in HOLDS else 0.0

    def whole_seconds_left(self) -> int:
        # A hair of float noise (3.0000001 s) must not show as 4.
        return whole_seconds_left(self._seconds_left)

    def phase_text(self) -> str:
        if self._kind is None:
            return IDLE_TEXT
        return f"{PHASE_WORDS[self._kind]} {self.whole_seconds_left()}"

    def colour(self) -> QColor:
        """The colour the circle is drawn in now (the phase's own)."""
        return phase_colour(self._kind, self.palette())

    def word_font(self) -> QFont:
        """The phase word's font: four times the body text, smaller only where the widget
        is too narrow to hold the longest word."""
        font = QFont(self.font())
        font.setWeight(QFont.Weight.Normal)
        size = max(WORD_TIMES_BODY * body_text_px(), self.max_radius() * 0.34)
        font.setPixelSize(round(size))
        widest = max(QFontMetricsF(font).horizontalAdvance(w) for w in PHASE_WORDS.values())
        room = self.width() * 0.94
        if widest > room:
            font.setPixelSize(max(8, math.floor(size * room / widest)))
        return font

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def minimumSizeHint(self) -> QSize:
        return QSize(140, 140)

    def max_radius(self) -> float:
        # Leave room outside the full circle for its halo.
        return max(1.0, min(self.width(), self.height()) / 2 / HALO - 2)

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        colour = self.colour()
        ink = pal.color(QPalette.ColorRole.WindowText)
        colours = (colour.rgba(), ink.rgba())
        centre = QPointF(self.width() / 2, self.height() / 2)
        full = self.max_radius()
        radius = full * self.radius_fraction()
        calm = self._kind is None
        ratio = self.devicePixelRatioF()
        # Two layers, each drawn once and then blitted: the glow at its full size (scaled
        # to the breath's radius: its gradients scale with it exactly; a soft sprite needs no
        # smooth filtering) and, over it, the guide ring with the words. Only the glow's
        # scale and a hold's arc change from frame to frame.
        reach = full * HALO
        sprite_size = QSize(math.ceil(2 * reach), math.ceil(2 * reach))
        glow = self._layers.get(
            ("glow", calm, colours),
            sprite_size,
            ratio,
            lambda q: self._paint_glow(q, colour, QPointF(reach, reach), full, calm),
        )
        scaled = radius * HALO
        p.drawPixmap(
            QRectF(centre.x() - scaled, centre.y() - scaled, 2 * scaled, 2 * scaled),
            glow,
            QRectF(glow.rect()),
        )
        if self.hold_fraction() > 0:
            pen = QPen(colour, max(3.0, full * 0.045))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            ring = QRectF(centre.x() - full + 1, centre.y() - full + 1, 2 * full - 2, 2 * full - 2)
            # From 12 o'clock, clockwise (Qt: 1/16 degree, counter-clockwise positive).
            p.drawArc(ring, 90 * 16, -round(self.hold_fraction() * 360 * 16))
        overlay = self._layers.get(
            ("overlay", self.phase_text(), colours, self.font().key()),
            self.size(),
            ratio,
            lambda q: self._paint_overlay(q, ink, colour, full, centre),
        )
        p.drawPixmap(0, 0, overlay)

    @staticmethod
    def _paint_glow(
        p: QPainter, colour: QColor, centre: QPointF, radius: float, calm: bool
    ) -> None:
        glow = QRadialGradient(centre, radius)
        glow.setColorAt(0.0, _soft(colour, 0.16 if calm else 0.22))
        glow.setColorAt(0.75, _soft(colour, 0.22 if calm else 0.34))
        glow.setColorAt(1.0, _soft(colour, 0.30 if calm else 0.55))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(glow)
        p.drawEllipse(centre, radius, radius)
        # A feathered rim instead of a hard edge: light, not a disc.
        halo = QRadialGradient(centre, radius * HALO)
        halo.setColorAt(1 / HALO, _soft(colour, 0.18 if calm else 0.28))
        halo.setColorAt(1.0, _soft(colour, 0.0))
        p.setBrush(halo)
        p.drawPath(_ring(centre, radius, radius * HALO))

    def _paint_overlay(
        self, p: QPainter, ink: QColor, colour: QColor, full: float, centre: QPointF
    ) -> None:
        # The faint guide ring shows where the inhale is heading (a hold fills it).
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(_soft(ink, 0.12), max(1.0, full * 0.012)))
        p.drawEllipse(centre, full - 1, full - 1)
        if self._kind is None:
            self._paint_idle(p, ink, full)
        else:
            self._paint_phase(p, ink, colour, centre)

    def _paint_idle(self, p: QPainter, ink: QColor, full: float) -> None:
        # Two short lines that sit inside the small circle, muted: nothing to follow now.
        font = QFont(self.font())
        font.setPixelSize(max(8, round(max(body_text_px() * 1.2, full * 0.1))))
        p.setFont(font)
        p.setPen(_soft(ink, 0.6))
        p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, IDLE_TEXT.replace(" ", "\n"))

    def _paint_phase(self, p: QPainter, ink: QColor, colour: QColor, centre: QPointF) -> None:
        word = self.word_font()
        count = QFont(word)
        count.setPixelSize(max(8, round(word.pixelSize() * 0.55)))
        count.setFeature(QFont.Tag("tnum"), 1)  # digits of one width: the number must not wobble
        word_h, count_h = QFontMetricsF(word).height(), QFontMetricsF(count).height()
        top = centre.y() - (word_h + count_h * 0.9) / 2
        p.setFont(word)
        p.setPen(ink)
        p.drawText(
            QRectF(0, top, self.width(), word_h),
            Qt.AlignmentFlag.AlignCenter,
            PHASE_WORDS[self._kind or "inhale"],
        )
        p.setFont(count)
        p.setPen(_soft(ink, 0.75))
        p.drawText(
            QRectF(0, top + word_h * 0.92, self.width(), count_h),
            Qt.AlignmentFlag.AlignCenter,
            str(self.whole_seconds_left()),
        )
