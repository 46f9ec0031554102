"""Every page fits a small screen: each control can be reached, by scrolling if need be.

Sizes: 800x600, 1366x768, and 960x540 (what a 1920x1080 screen at 2x scale leaves).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QWidget,
)
from somatictimer.ui.shell.main_window import HISTORY, LIBRARY, PRACTICE, SETTINGS, restore_geometry
from somatictimer.ui.shell.style import apply_style

from tests.core.test_history_helpers import session


@pytest.fixture(autouse=True, scope="module")
def the_apps_own_look(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Sizes as a person sees them: the app's style sheet sets paddings and fonts (the
    launcher applies it; App alone does not), and no earlier test's look stays; the look
    before is put back after the module, so later tests are not measured in it."""
    sheet, look, forced = qapp.styleSheet(), qapp.palette(), qapp.property("forcedDark")
    style = qapp.style().name()
    apply_style(qapp, dark=False)
    yield
    # A change of look re-polishes every widget still alive: once for the module, and the
    # style itself only if it was another one.
    if qapp.style().name() != style:
        qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(look)
    qapp.setProperty("forcedDark", forced)


SIZES = {"800x600": QSize(800, 600), "1366x768": QSize(1366, 768), "2x 1920x1080": QSize(960, 540)}
CONTROLS = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit)


def controls(page: QWidget) -> Iterator[QWidget]:
    """The controls a person can see and use on ``page`` (scroll bars are the way there)."""
    for widget in page.findChildren(QWidget):
        control = isinstance(widget, CONTROLS) and not isinstance(widget, QScrollBar)
        if control and widget.isVisible() and not widget.size().isEmpty():
            yield widget


def name(widget: QWidget) -> str:
    words = getattr(widget, "text", lambda: "")() or widget.accessibleName()
    return f"{type(widget).__name__} {words!r}"


def cut_off(widget: QWidget) -> bool:
    """Whether the window or a scroll area hides part of ``widget`` (a pixel is no loss:
    a spin box may stand a pixel taller than its row)."""
    shown = widget.visibleRegion().boundingRect()
    return shown.width() < widget.width() - 2 or shown.height() < widget.height() - 2


def scroll_to(area: QScrollArea, widget: QWidget) -> None:
    """Scroll so all of ``widget`` shows (ensureWidgetVisible shows only a text cursor)."""
    centre = widget.mapTo(area.widget(), widget.rect().center())
    area.ensureVisible(centre.x(), centre.y(), widget.width() // 2 + 1, widget.height() // 2 + 1)


def unreachable(page: QWidget, scrolling: bool = True) -> list[str]:
    """Controls on ``page`` that stay cut off, after scrolling each into view if allowed."""
    lost = []
    for widget in controls(page):
        if scrolling:
            areas, parent = [], widget.parentWidget()
            while parent is not None:
                if isinstance(parent, QScrollArea):
                    areas.append(parent)
                parent = parent.parentWidget()
            for _ in range(2):  # again once the scroll ranges have caught up with the layout
                QApplication.processEvents()
                for area in areas:  # the innermost first, then the ones around it
                    scroll_to(area, widget)
            QApplication.processEvents()
        if cut_off(widget):
            lost.append(name(widget))
    for area in page.findChildren(QAbstractScrollArea):  # leave the page as it was
        for bar in (area.horizontalScrollBar(), area.verticalScrollBar()):
            bar.setValue(0)
    return lost


def fill_history(desktop) -> None:  # type: ignore[no-untyped-def]
    store = desktop.app.history.store
    now = datetime.now().astimezone()
    for day in range(1, 6):  # long names, so the columns compete for the room
        store.save(session(now - timedelta(days=day), sequence_id="evening-hip-release"))


def visit_every_page(desktop, size: QSize) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each page at ``size``: what cannot be reached there."""
    app, window = desktop.app, desktop.app.window
    window.resize(size)
    found: dict[str, list[str]] = {}

    def look(page_name: str, page: QWidget, scrolling: bool = True) -> None:
        QApplication.processEvents()
        # A page larger than the window would grow it past the screen (or be cut off).
        if window.size() != size:
            found[page_name] = [f"the window grew to {window.width()}x{window.height()}"]
            window.resize(size)
            QApplication.processEvents()
        found[page_name] = found.get(page_name, []) + unreachable(page, scrolling)

    window.show_page(LIBRARY)
    for tab in range(app.library_view.tabs.count()):
        app.library_view.tabs.setCurrentIndex(tab)
        look(f"Library tab {tab}", app.library_view)
    app.library_view.tabs.setCurrentIndex(0)
    app.start_asking(app.library.sequences["tiny"])
    if app.pending_dialog is not None:  # the caution check, when the sequence has cautions
        app.pending_dialog.accept()
    look("check-in", app.history.before)
    app.history.before.save_button.click()
    desktop.started_at = desktop.clock.now
    desktop.at(8)
    look("player", app.player)
    app.controller.toggle_pause()
    look("player paused", app.player)
    app.controller.toggle_pause()
    desktop.at(200)
    look("end screen", app.end_view)
    fill_history(desktop)
    window.show_page(HISTORY)
    app.history_view.reload()
    for tab in range(app.history_view.tabs.count()):
        app.history_view.tabs.setCurrentIndex(tab)
        look(f"History tab {tab}", app.history_view)
    window.show_page(SETTINGS)
    look("Settings", app.settings_view)
    return {page: lost for page, lost in found.items() if lost}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_every_control_of_every_page_can_be_reached(make_desktop, size: QSize) -> None:  # type: ignore[no-untyped-def]
    lost = visit_every_page(make_desktop(), size)
    lost.pop("end screen", None)  # its own test below, while it fails at two sizes
    assert lost == {}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_window_can_be_made_as_small_as_the_screen(make_desktop, size: QSize) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    app, window = desktop.app, desktop.app.window
    desktop.start("tiny")  # every page built and shown once, the player during a session
    for page in (LIBRARY, HISTORY, SETTINGS, PRACTICE):
        window.show_page(page)
        QApplication.processEvents()
        smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
        assert smallest.boundedTo(size) == smallest, f"page {page}: at least {smallest}"
    assert app.player.isVisible()


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_end_screen_can_be_reached(make_desktop, size: QSize) -> None:  # type: ignore[no-untyped-def]
    lost = visit_every_page(make_desktop(), size)
    assert lost.get("end screen", []) == []


PLAYER_SIZES = [
    pytest.param(QSize(800, 600), id="800x600"),
    pytest.param(QSize(1366, 768), id="1366x768"),
    pytest.param(QSize(960, 540), id="2x 1920x1080"),
]


@pytest.mark.parametrize("size", PLAYER_SIZES)
def test_the_player_fits_without_scrolling(make_desktop, size: QSize) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    window = desktop.app.window
    window.resize(size)
    desktop.start("tiny")
    desktop.at(8)
    QApplication.processEvents()
    player = desktop.app.player
    assert unreachable(player, scrolling=False) == []
    room = window.stack.currentWidget().viewport().size()  # the practice page's scroll area
    assert player.minimumSizeHint().boundedTo(room) == player.minimumSizeHint(), room


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_history_shows_its_status_column(make_desktop, size: QSize) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    store = desktop.app.history.store
    now = datetime.now().astimezone()
    for day in range(1, 40):  # enough rows to scroll; the longest status below the fold
        status = "completed" if day < 20 else "stopped"
        name = "marjaryasana-bitilasana-flow"
        store.save(session(now - timedelta(days=day), sequence_id=name, status=status))
    window = desktop.app.window
    window.resize(size)
    for page in (HISTORY, LIBRARY, HISTORY):  # a second visit fills the table again
        window.show_page(page)
        QApplication.processEvents()
    for _ in range(3):  # the header settles its stretched column after the layout
        QApplication.processEvents()
    table = desktop.app.history_view.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    status = headers.index("Status")
    right = table.columnViewportPosition(status) + table.columnWidth(status)
    assert table.columnViewportPosition(status) >= 0 and right <= table.viewport().width()
    assert table.horizontalHeader().length() <= table.viewport().width()  # no sideways scroll


def test_a_saved_geometry_larger_than_the_screen_is_brought_inside_it(
    make_desktop, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop(show=False)
    window, mini = desktop.app.window, desktop.app.mini
    window.setGeometry(300, 200, 2200, 1440)  # saved on a larger screen, or at scale 1
    state = QSettings(str(tmp_path / "state.ini"), QSettings.Format.IniFormat)
    state.setValue("main/geometry", window.saveGeometry())
    restore_geometry(state, window, mini)
    window.show()
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)


OPEN_AND_MEASURE = """
import json, sys
from PySide6.QtWidgets import QApplication
from somatictimer.core.paths import AppPaths
from somatictimer.ui.app import App
from tests.core.test_engine import FakeClock
qt = QApplication([])
paths = AppPaths.from_platform()
paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
paths.settings_file.write_text("schema_version = 1\\nfirst_run_note_seen = true\\n")
app = App(paths, "null", tray_available=True, clock=FakeClock(), threaded=False, open_audio=False)
app.show()
qt.processEvents()
window = app.window
smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
frame, area = window.frameGeometry(), window.screen().availableGeometry()
print(json.dumps({
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "available": [area.x(), area.y(), area.width(), area.height()],
    "smallest": [smallest.width(), smallest.height()],
}))
app.quit()
"""


@pytest.mark.parametrize(
    ("screen", "scale"), [((1920, 1080), "2"), ((800, 600), "1")], ids=["2x 1920x1080", "800x600"]
)
def test_the_window_opens_inside_the_screen(
    tmp_path: Path, screen: tuple[int, int], scale: str
) -> None:
    config = tmp_path / "screen.json"
    config.write_text(
        json.dumps({"screens": [{"name": "s", "width": screen[0], "height": screen[1]}]})
    )
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale)
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_MEASURE],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    x, y, width, height = seen["available"]
    assert (width, height) == (screen[0] // int(scale), screen[1] // int(scale))
    fx, fy, fwidth, fheight = seen["frame"]
    assert x <= fx and y <= fy and fx + fwidth <= x + width and fy + fheight <= y + height, seen
    assert seen["smallest"][0] <= width and seen["smallest"][1] <= height, seen
