"""The custom-painted views: what they compute, and that what they paint follows it."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from somatictimer.figures.camera import VIEWS
from somatictimer.figures.data import Figure, Keyframe
from somatictimer.figures.motion import FigureFrame
from somatictimer.ui.figures.figure_view import FigureView
from somatictimer.ui.practice.pacer_widget import MIN_FRACTION, PacerWidget
from somatictimer.ui.practice.progress import RingTimer, SequenceProgress

W = TypeVar("W", bound=QWidget)


def palette(dark: bool) -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#1d1f21" if dark else "#f7f5f1",
        QPalette.ColorRole.WindowText: "#e8e6e1" if dark else "#2a2b2d",
        QPalette.ColorRole.Mid: "#55595d" if dark else "#b9b5ad",
        QPalette.ColorRole.Highlight: "#7db8a4" if dark else "#4f8f7a",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    return pal


def grab(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def count_different(a: QImage, b: QImage, skip: QRect | None = None, tol: int = 40) -> int:
    """Pixels whose colour differs by more than ``tol`` in a channel (antialiasing noise)."""
    assert a.size() == b.size()
    da, db = bytes(a.constBits()), bytes(b.constBits())
    width, n = a.width(), 0
    for i in range(0, len(da), 4):
        if da[i : i + 4] == db[i : i + 4]:
            continue
        if skip is not None and skip.contains(QPoint((i // 4) % width, (i // 4) // width)):
            continue
        if max(abs(da[i + k] - db[i + k]) for k in range(4)) > tol:
            n += 1
    return n


def at(img: QImage, x: float, y: float) -> QColor:
    """The colour at a point in logical pixels, whatever the device pixel ratio."""
    dpr = img.devicePixelRatio()
    return img.pixelColor(round(x * dpr), round(y * dpr))


def close(a: QColor, b: QColor, tol: int = 40) -> bool:
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    return all(abs(x - y) <= tol for x, y in pairs)


class Make:
    """Builds a view of a given size and palette, closed by qtbot after the test."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot

    def __call__(self, cls: type[W], w: int = 240, h: int = 180, dark: bool = False) -> W:
        widget = cls()
        self.qtbot.addWidget(widget)
        widget.setPalette(palette(dark))
        widget.resize(w, h)
        return widget


@pytest.fixture
def make(qtbot: QtBot) -> Make:
    return Make(qtbot)


# --- pacer -------------------------------------------------------------------------


def test_pacer_radius_follows_the_breath(make: Make) -> None:
    """Grows through the inhale, full on hold-in, shrinks on the exhale, least on hold-out."""
    pacer = make(PacerWidget)
    pacer.set_phase("inhale", 0.2, 3.0)
    early = pacer.radius_fraction()
    pacer.set_phase("inhale", 0.8, 1.0)
    assert MIN_FRACTION < early < pacer.radius_fraction() < 1.0
    pacer.set_phase("hold-in", 0.5, 2.0)
    assert pacer.radius_fraction() == pytest.approx(1.0)
    pacer.set_phase("exhale", 0.2, 4.0)
    early = pacer.radius_fraction()
    pacer.set_phase("exhale", 0.8, 1.0)
    assert 1.0 > early > pacer.radius_fraction() > MIN_FRACTION
    pacer.set_phase("hold-out", 0.5, 1.0)
    assert pacer.radius_fraction() == pytest.approx(MIN_FRACTION)


def test_pacer_radius_is_continuous_at_phase_edges(make: Make) -> None:
    pacer = make(PacerWidget)
    for kind, progress, expected in [
        ("inhale", 0.0, MIN_FRACTION),
        ("inhale", 1.0, 1.0),
        ("exhale", 0.0, 1.0),
        ("exhale", 1.0, MIN_FRACTION),
        ("inhale", 1.7, 1.0),  # a late tick overshooting the phase is clamped
        (None, 0.3, MIN_FRACTION),  # no pattern: the calm small circle
    ]:
        pacer.set_phase(kind, progress, 0.0)
        assert pacer.radius_fraction() == pytest.approx(expected)


@pytest.mark.parametrize(
    ("kind", "seconds_left", "text"),
    [
        ("inhale", 2.4, "Inhale 3"),
        ("hold-in", 0.2, "Hold 1"),
        ("exhale", 4.0, "Exhale 4"),
        ("exhale", 4.0000001, "Exhale 4"),  # float noise does not show as 5
        ("hold-out", 0.0, "Hold 0"),
        (None, 0.0, "Breathe naturally"),
    ],
)
def test_pacer_text(make: Make, kind: str | None, seconds_left: float, text: str) -> None:
    pacer = make(PacerWidget)
    pacer.set_phase(kind, 0.5, seconds_left)
    assert pacer.phase_text() == text
    assert pacer.accessibleDescription() == text


def test_pacer_rejects_an_unknown_phase(make: Make) -> None:
    with pytest.raises(ValueError, match="breath phase"):
        make(PacerWidget).set_phase("sigh", 0.5, 1.0)


def test_pacer_paints_the_circle_at_its_radius(make: Make) -> None:
    """A point between the smallest and the full circle is lit on hold-in, dark on hold-out."""
    pacer = make(PacerWidget, 200, 200)
    probe = (100 + pacer.max_radius() * 0.7, 100)
    pacer.set_phase("hold-out", 0.5, 1.0)
    empty = at(grab(pacer), *probe)
    pacer.set_phase("hold-in", 0.5, 1.0)
    full = at(grab(pacer), *probe)
    assert not close(empty, full, tol=10)


# --- figure ------------------------------------------------------------------------

ONE_KNEE_UP = Figure(
    "test-knee-up", "side", (Keyframe({"hip_r": (90.0, 0.0, 0.0), "knee_r": (90.0,)}),)
)


def frame_of(figure: Figure, mirror: bool = False) -> FigureFrame:
    yaw, pitch = VIEWS[figure.view]
    angles = figure.keyframes[0].angles
    return FigureFrame(angles, yaw, pitch, figure.props, mirror, (figure,), False)


def test_left_mirrors_right_and_the_side_label_never_covers_the_figure(make: Make) -> None:
    right, left = make(FigureView), make(FigureView)
    right.set_frame(frame_of(ONE_KNEE_UP), "Right side")
    left.set_frame(frame_of(ONE_KNEE_UP, mirror=True), "Left side")
    strip = QRect(0, 0, right.width(), round(right.figure_rect().top()))
    mirrored = grab(left).flipped(Qt.Orientation.Horizontal)
    figure_area = right.figure_rect().toAlignedRect()
    assert count_different(grab(right).copy(figure_area), mirrored.copy(figure_area)) < 20
    # ... and the drawing really is lopsided, so the mirror is not vacuous.
    assert count_different(grab(right), grab(left), skip=strip) > 300
    blank = make(FigureView)
    blank.set_frame(None, "Right side")  # the label alone: where it is drawn
    figure_only = make(FigureView)
    figure_only.set_frame(frame_of(ONE_KNEE_UP))
    label_pixels = count_different(grab(blank), grab(make(FigureView)))
    overlap = count_different(grab(right), grab(figure_only), skip=strip)
    assert label_pixels > 30 and overlap == 0  # the label sits in its strip, off the figure
    assert left.accessibleDescription() == "Left side"


def painted_box(img: QImage) -> QRect:
    corner = img.pixelColor(img.width() - 1, img.height() - 1)
    points = [
        (x, y)
        for y in range(0, img.height(), 2)
        for x in range(0, img.width(), 2)
        if not close(img.pixelColor(x, y), corner, tol=60)
    ]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return QRect(QPoint(min(xs), min(ys)), QPoint(max(xs), max(ys)))


def test_figure_keeps_one_scale_whatever_the_widget_shape(make: Make) -> None:
    """The same person at the same size in a wide and a square view: not stretched to fill."""
    wide, square = make(FigureView, 600, 300), make(FigureView, 300, 300)
    for view in (wide, square):
        view.set_frame(frame_of(ONE_KNEE_UP))
    a, b = painted_box(grab(wide)), painted_box(grab(square))
    assert abs(a.height() - b.height()) <= 3 and abs(a.width() - b.width()) <= 3
    assert a.height() > 150  # and it is big: most of the height


# --- progress ----------------------------------------------------------------------


def test_ring_remaining_fraction(make: Make) -> None:
    ring = make(RingTimer)
    ring.set_time(42, 60, "0:42")
    assert ring.remaining_fraction() == pytest.approx(0.7)
    assert ring.accessibleDescription() == "0:42 left"
    ring.set_time(5, 0, "")
    assert ring.remaining_fraction() == 0.0
    ring.set_time(70, 60, "1:10")
    assert ring.remaining_fraction() == 1.0


def test_ring_arc_runs_clockwise_from_twelve(make: Make) -> None:
    """At 70 % left the arc covers 3 o'clock (25 % round) but not 9 o'clock (75 %)."""
    ring = make(RingTimer, 200, 200, dark=True)
    ring.set_time(42, 60, "0:42")
    img = grab(ring)
    accent = palette(dark=True).color(QPalette.ColorRole.Highlight)
    assert any(close(at(img, x, 100), accent) for x in range(170, 200))  # 3 o'clock
    assert not any(close(at(img, x, 100), accent) for x in range(0, 30))  # 9 o'clock


def test_progress_marks_and_current_block(make: Make) -> None:
    bar = make(SequenceProgress, 400, 18)
    bar.set_marks([0.5, 0.0, 0.25, 1.0, 1.3])
    assert bar.marks() == [0.0, 0.25, 0.5]
    assert bar.segments() == [(0.0, 0.25), (0.25, 0.5), (0.5, 1.0)]
    bar.set_progress(0.3)
    assert bar.current_segment() == 1
    bar.set_progress(1.0)
    assert bar.current_segment() == 2
    assert bar.accessibleDescription() == "100% done"


def test_progress_paints_done_part_and_gaps(make: Make) -> None:
    bar = make(SequenceProgress, 404, 18)
    bar.set_marks([0.0, 0.5])
    bar.set_progress(0.3)
    img = grab(bar)
    accent = palette(dark=False).color(QPalette.ColorRole.Highlight)
    assert close(at(img, 40, 9), accent, tol=8)  # 10 %: done
    assert not close(at(img, 160, 9), accent)  # 40 %: still to come
    background = at(img, 0, 0)
    assert not close(at(img, 300, 9), background, tol=4)  # the track is visible ...
    assert any(close(at(img, x, 9), background, tol=4) for x in range(190, 215))  # ... broken


# --- every view --------------------------------------------------------------------


def setup(widget: QWidget) -> None:
    if isinstance(widget, FigureView):
        widget.set_frame(frame_of(ONE_KNEE_UP), "Right side")
    elif isinstance(widget, PacerWidget):
        widget.set_phase("inhale", 0.5, 2.0)
    elif isinstance(widget, SequenceProgress):
        widget.set_marks([0.0, 0.3, 0.6])
        widget.set_progress(0.4)
    elif isinstance(widget, RingTimer):
        widget.set_time(30, 60, "0:30")


@pytest.mark.parametrize("cls", [FigureView, PacerWidget, SequenceProgress, RingTimer])
def test_renders_under_light_and_dark_palettes(make: Make, cls: type[QWidget]) -> None:
    images = []
    for dark in (False, True):
        widget = make(cls, dark=dark)
        setup(widget)
        img = grab(widget)
        corner = img.pixel(0, 0)
        painted = sum(
            1
            for y in range(0, img.height(), 2)
            for x in range(img.width())
            if img.pixel(x, y) != corner
        )
        assert painted > 50, f"{cls.__name__} looks blank (dark={dark})"
        images.append(img)
    assert count_different(images[0], images[1]) > 50  # the colours come from the palette


SPOKEN = {  # what a screen reader says for each widget after setup(): its name and state
    FigureView: ("Pose figure", "Right side"),
    PacerWidget: ("Breathing pacer", "Inhale 2"),
    SequenceProgress: ("Sequence progress", "40% done"),
    RingTimer: ("Hold timer", "0:30 left"),
}


@pytest.mark.parametrize("cls", [FigureView, PacerWidget, SequenceProgress, RingTimer])
def test_names_and_size_hints(make: Make, cls: type[QWidget]) -> None:
    widget = make(cls)
    setup(widget)
    assert (widget.accessibleName(), widget.accessibleDescription()) == SPOKEN[cls]
    hint, least = widget.sizeHint(), widget.minimumSizeHint()
    assert 0 < least.width() <= hint.width() and 0 < least.height() <= hint.height()
