"""The mini window and the tray menu during and between sessions."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from somatictimer.ui.shell.mini_window import clear_spot

LUNGE = "Low Lunge (Anjaneyasana)"


def test_the_mini_window_shows_the_side_progress_and_ends_long_names_with_an_ellipsis(  # type: ignore[no-untyped-def]
    make_desktop,
) -> None:
    desktop = make_desktop()
    mini = desktop.app.mini
    desktop.start("tiny")
    desktop.at(7.5)  # the right side of the lunge
    desktop.app.show_compact()
    desktop.advance(1)
    assert mini.side.text() == "Right side"
    snapshot = desktop.app.controller.scheduler.snapshot()
    assert mini.progress.fraction == pytest.approx(snapshot.position_s / snapshot.total_s, abs=0.01)
    assert 0 < mini.progress.fraction < 0.1 and mini.progress.isVisible()
    shown = mini.pose.text()
    assert shown.endswith("…") and LUNGE.startswith(shown[:-1])  # too long for the window
    assert mini.pose.fontMetrics().horizontalAdvance(shown) <= mini.pose.width()
    assert mini.pose.toolTip() == LUNGE
    desktop.at(27)  # between the sides: the side to come
    assert mini.side.text() == "Left side"
    desktop.app.controller.stop()
    assert (mini.side.text(), mini.progress.isVisible()) == ("", False)


def test_the_pause_and_restore_icons_are_drawn_in_the_button_text_colour(  # type: ignore[no-untyped-def]
    make_desktop,
) -> None:
    from tests.ui.test_theme import icon_ink

    mini = make_desktop().app.mini
    for button in (mini.pause_button, mini.skip_button, mini.open_button):
        assert icon_ink(button) == button.palette().color(button.foregroundRole())


def test_the_idle_mini_window_opens_beside_the_main_window_not_over_it(  # type: ignore[no-untyped-def]
    make_desktop,
) -> None:
    desktop = make_desktop(tray=False, show=False)
    app = desktop.app
    app.window.setFixedSize(360, 300)  # a small window: there is room beside it
    app.window.move(40, 40)
    app.mini.move(QPoint(60, 60))  # where it was left last time: over the window
    app.show()
    assert app.mini.isVisible()
    assert not app.mini.frameGeometry().intersects(app.window.frameGeometry())
    assert app.mini.screen().availableGeometry().contains(app.mini.frameGeometry())


SCREEN = QRect(0, 0, 800, 600)
MINI = QSize(290, 80)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (QRect(0, 0, 300, 300), QPoint(312, 0)),  # room on the right
        (QRect(500, 0, 300, 300), QPoint(198, 0)),  # room on the left only
        (QRect(0, 200, 800, 400), QPoint(510, 108)),  # above it
        (QRect(0, 0, 800, 600), None),  # it fills the screen: no room
    ],
)
def test_a_clear_spot_is_beside_the_window_or_none(window: QRect, expected: QPoint | None) -> None:
    spot = clear_spot(MINI, SCREEN, window, window.topLeft() + QPoint(10, 10))  # over it
    assert spot == expected
    if spot is not None:
        assert SCREEN.contains(QRect(spot, MINI)) and not QRect(spot, MINI).intersects(window)


def test_a_spot_already_clear_is_kept() -> None:
    assert clear_spot(MINI, SCREEN, QRect(0, 0, 300, 300), QPoint(400, 400)) == QPoint(400, 400)


def test_the_tray_menu_says_what_runs_and_offers_no_second_start(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    tray = desktop.app.tray
    assert not tray.status_action.isVisible() and tray.start_last_action.isVisible()
    desktop.start("tiny")
    desktop.at(7.5)
    tray.menu.aboutToShow.emit()
    assert tray.status_action.isVisible() and not tray.status_action.isEnabled()
    assert tray.status_action.text() == f"{LUNGE} · 0:18 left"
    assert not tray.start_last_action.isVisible()  # one session at a time
    desktop.at(9.5)
    assert tray.status_action.text() == f"{LUNGE} · 0:18 left"  # closed menu: not redrawn
    tray.menu.aboutToShow.emit()
    assert tray.status_action.text() == f"{LUNGE} · 0:16 left"
    tray.pause_action.trigger()
    desktop.advance(1)
    tray.menu.aboutToShow.emit()
    assert tray.status_action.text() == f"{LUNGE} · 0:16 left (paused)"
    tray.stop_action.trigger()
    tray.menu.aboutToShow.emit()
    assert not tray.status_action.isVisible()
    assert tray.start_last_action.isVisible()
    assert tray.start_last_action.text() == "Start Tiny Hips"
