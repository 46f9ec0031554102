"""Cheap frames: during a session the views repaint only what changed, and what the screen
then shows is exactly what a full repaint would draw (no trail of an old arc or circle)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from somatictimer.core.describe import countdown
from somatictimer.ui.painted import LayerCache, PaintedWidget
from somatictimer.ui.practice.pacer_widget import PacerWidget
from somatictimer.ui.practice.progress import RingTimer, SequenceProgress
from somatictimer.ui.practice.ticking_label import TickingLabel

from tests.ui.test_widgets import count_different, palette


class PaintSpy(QObject):
    """The area each paint event of one widget asked for."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.areas: list[int] = []
        self.layouts = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            region = event.region()  # type: ignore[attr-defined]
            self.areas.append(sum(r.width() * r.height() for r in region))
        elif event.type() == QEvent.Type.LayoutRequest:
            self.layouts += 1
        return False


def on_screen(widget: QWidget) -> QImage:
    """What the screen shows of the widget now (the window's backing store, offscreen)."""
    window = widget.window()
    screen = QGuiApplication.primaryScreen()
    shot = screen.grabWindow(window.winId()).toImage()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return shot.copy(QRect(top_left, widget.size())).convertToFormat(QImage.Format.Format_ARGB32)


def fresh(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


@pytest.fixture
def shown(qtbot: QtBot) -> Iterator[Callable[[PaintedWidget, int, int], PaintedWidget]]:
    windows: list[QWidget] = []  # kept alive for the test

    def build(widget: PaintedWidget, w: int, h: int) -> PaintedWidget:
        window = QWidget()
        windows.append(window)
        qtbot.addWidget(window)
        window.setPalette(palette(dark=False))
        window.setAutoFillBackground(True)
        layout = QVBoxLayout(window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(widget)
        widget.paint_own_background()  # as the player does
        window.resize(w, h)
        window.show()
        qtbot.waitExposed(window)
        return widget

    yield build


def settle() -> None:
    QApplication.processEvents()
    QApplication.processEvents()


def test_ring_repaints_only_the_swept_rim_and_leaves_no_trail(shown, qtbot: QtBot) -> None:
    ring = shown(RingTimer(), 300, 300)
    ring.set_time(60, 60, "1:00")
    settle()
    spy = PaintSpy(ring)
    remaining = 60.0
    while remaining > 35:  # 25 s of a minute's hold, in 0.2 s frames
        remaining -= 0.2
        ring.set_time(remaining, 60, countdown(remaining))
        settle()
    whole = ring.width() * ring.height()
    # Between the seconds, a frame repaints a sliver of the rim, not the ring.
    assert sorted(spy.areas)[len(spy.areas) // 2] < whole * 0.05
    assert max(spy.areas) < whole * 0.5  # even a new second is the digits and the rim
    assert count_different(on_screen(ring), fresh(ring), tol=60) <= 12


def test_sequence_bar_repaints_only_the_moved_edge_and_leaves_no_trail(shown) -> None:
    bar = shown(SequenceProgress(), 400, 20)
    bar.set_marks([0.0, 0.3, 0.6])
    bar.set_progress(0.1)
    settle()
    spy = PaintSpy(bar)
    for step in range(1, 40):  # 4 px a frame, into the second block and across its start
        bar.set_progress(0.1 + step * 0.01)
        settle()
    whole = bar.width() * bar.height()
    assert sorted(spy.areas)[len(spy.areas) // 2] < whole * 0.05
    assert max(spy.areas) == whole  # the new block under way is drawn thicker: all of it
    assert count_different(on_screen(bar), fresh(bar), tol=60) <= 4


def test_pacer_repaints_only_its_circle_and_leaves_no_trail(shown) -> None:
    pacer = shown(PacerWidget(), 300, 360)
    spy = PaintSpy(pacer)
    for kind in ("inhale", "exhale"):
        # A slow 13 s phase at 15 frames a second: under a pixel a frame, most of them.
        for step in range(0, 201):
            pacer.set_phase(kind, step / 200, 13.4 - step / 15)
            settle()
    whole = pacer.width() * pacer.height()
    assert min(spy.areas) < whole * 0.5  # the emptier circle: a smaller square
    assert len(spy.areas) < 402 * 0.6  # a frame that moves the circle under a pixel waits
    assert count_different(on_screen(pacer), fresh(pacer), tol=60) <= 12


def test_a_ticking_text_shows_each_second_without_laying_the_page_out_again(
    shown, qtbot: QtBot
) -> None:
    clock = TickingLabel("0:00:00 / 0:00:00")
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    cue = QLabel("Let the knees fall open. " * 8)  # word-wrapped text costs a layout
    cue.setWordWrap(True)
    layout.addWidget(cue)
    layout.addWidget(clock)
    page.resize(500, 300)
    page.show()
    qtbot.waitExposed(page)
    clock.setText("0:01 / 20:00")
    settle()
    spy = PaintSpy(page)
    before = fresh(clock)
    clock.setText("0:02 / 20:00")
    settle()
    assert clock.text() == "0:02 / 20:00"
    assert count_different(before, fresh(clock)) > 5  # the new digit is drawn
    assert spy.layouts == 0
    assert clock.sizeHint() == TickingLabel("0:00:00 / 0:00:00").sizeHint()


def test_a_layer_is_drawn_once_until_its_key_changes(qtbot: QtBot) -> None:
    drawn: list[str] = []
    cache = LayerCache(limit=2)

    def draw(name: str) -> Callable[[QPainter], None]:
        return lambda p: drawn.append(name)

    size = QSize(20, 20)
    first = cache.get("track", size, 1.0, draw("track"))
    assert cache.get("track", size, 1.0, draw("track")) is first
    cache.get("track", QSize(30, 20), 1.0, draw("track"))  # a new size: drawn anew
    cache.get("text 0:42", size, 1.0, draw("text"))
    assert drawn == ["track", "track", "text"]
    assert len(cache) == 2  # the oldest went
    cache.get("track", size, 1.0, draw("track"))
    assert drawn[-1] == "track" and len(drawn) == 4
    hi_dpi = cache.get("text 0:42", size, 2.0, draw("text"))
    assert hi_dpi.devicePixelRatio() == 2.0 and hi_dpi.width() == 40
