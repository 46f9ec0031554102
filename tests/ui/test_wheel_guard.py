"""The wheel scrolls the Settings page; it changes an input only once the user focused it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget
from somatictimer.ui.shell.main_window import SETTINGS

SETTINGS_FILE = ("config", "somatictimer", "settings.toml")


def wheel_down(widget: QWidget) -> None:
    """One notch of the wheel, down, with the pointer over the widget's centre."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def value_of(widget: QWidget) -> object:
    for getter in ("currentIndex", "value"):
        if hasattr(widget, getter):
            return getattr(widget, getter)()
    raise AssertionError(widget)


def settings_page(make_desktop):  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.app.window.resize(800, 600)
    desktop.app.window.show_page(SETTINGS)
    return desktop.app.settings_view


INPUTS = {  # one of each kind the guard covers, all below the first screenful
    "combo box": lambda view: view.event_sound["inhale"],
    "spin box": lambda view: view.event_volume["inhale"],
    "slider": lambda view: view.volume,
}


@pytest.mark.parametrize("which", INPUTS)
def test_the_wheel_over_an_unfocused_input_scrolls_the_page_and_changes_nothing(  # type: ignore[no-untyped-def]
    make_desktop, isolated_dirs: Path, which: str
) -> None:
    view = settings_page(make_desktop)
    target = INPUTS[which](view)
    saved = isolated_dirs.joinpath(*SETTINGS_FILE).read_bytes()
    bar = view.scroll_area.verticalScrollBar()
    view.scroll_area.ensureWidgetVisible(target)
    before, scrolled_from = value_of(target), bar.value()
    assert not target.hasFocus()
    wheel_down(target)
    assert value_of(target) == before
    assert isolated_dirs.joinpath(*SETTINGS_FILE).read_bytes() == saved
    assert bar.value() > scrolled_from  # the page moved on instead
    assert target.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a click still focuses it


def test_a_focused_combo_box_follows_the_wheel_and_is_saved(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, isolated_dirs: Path
) -> None:
    view = settings_page(make_desktop)
    combo = view.event_sound["inhale"]
    view.scroll_area.ensureWidgetVisible(combo)
    view.window().activateWindow()
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    wheel_down(combo)
    assert combo.currentText() == "bowl"  # the item after "Default (inhale)"
    text = isolated_dirs.joinpath(*SETTINGS_FILE).read_text(encoding="utf-8")
    assert 'inhale = "bowl"' in text
