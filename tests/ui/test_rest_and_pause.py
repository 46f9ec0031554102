"""What a person on the mat sees: long rests dim the window and a key or mouse wakes it
(without also pausing); paused is plain to see; focus never lands on Back; the pacer's
colour and word at each phase of box breathing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from somatictimer.core.engine import State
from somatictimer.ui.practice.pacer_widget import PHASE_COLOURS, body_text_px
from somatictimer.ui.shell.style import apply_style

from tests.ui.test_app import press

RESTING = """schema = 1

[[sequence]]
id = "resting"
name = "Resting"
prep_s = 0
transition_s = 0
steps = [
  { pose = "bound-angle", hold_s = 70 },
  { pose = "corpse-pose", hold_s = 120 },
]

[[sequence]]
id = "boxes"
name = "Boxes"
prep_s = 0
steps = [{ pose = "box-breathing", hold_s = 64 }]
"""


def write_library(user_library: Path) -> None:
    (user_library / "resting.toml").write_text(RESTING, encoding="utf-8")


def test_a_long_rest_dims_the_window_and_a_key_wakes_it_without_pausing(
    make_desktop, user_library: Path, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    write_library(user_library)
    desktop = make_desktop()
    app = desktop.app
    desktop.start("resting")
    desktop.at(30)  # a minute-long hold of Bound Angle is not a rest
    assert not app.dimmer.is_dimmed()
    desktop.at(75)  # 5 s into Savasana
    assert not app.dimmer.is_dimmed()
    desktop.at(81)  # 11 s in: past the 10 s default
    assert app.dimmer.is_dimmed()
    assert app.dimmer.overlay.geometry() == app.window.rect()
    assert app.dimmer.overlay.text == "1:49"  # the time left, faintly
    press(qtbot, desktop, Qt.Key.Key_Space)  # through the window's shortcuts, as a person
    assert not app.dimmer.is_dimmed()
    assert app.controller.state is State.RUNNING  # the key only woke the screen
    desktop.at(88)
    assert not app.dimmer.is_dimmed()  # quiet starts again from the key
    desktop.at(92)
    assert app.dimmer.is_dimmed()
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(50, 50),
        QPointF(50, 50),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(app.dimmer.overlay, move)
    assert not app.dimmer.is_dimmed()
    desktop.at(105)
    app.controller.pause()
    desktop.at(130)
    assert not app.dimmer.is_dimmed()  # paused is not resting


def test_no_dimming_when_the_setting_is_zero(
    make_desktop, user_library: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    write_library(user_library)
    desktop = make_desktop()
    app = desktop.app
    app.settings = app.settings.__class__(**{**app.settings.__dict__, "dim_in_rest_s": 0})
    desktop.start("resting")
    desktop.at(150)
    assert not app.dimmer.is_dimmed()


def test_paused_fades_the_shapes_says_paused_and_keeps_the_buttons_in_place(
    make_desktop, qtbot: QtBot
) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    player = desktop.app.player
    window = desktop.app.window
    desktop.app.library_view.start_button.setFocus()  # as after a click on Start
    assert window.focusWidget() is desktop.app.library_view.start_button
    desktop.start("tiny")
    desktop.at(8)
    assert window.focusWidget() is player  # the page, not its first button (Back)
    shapes = (player.figure, player.ring, player.pacer)
    assert not any(shape.is_dimmed() for shape in shapes)
    QApplication.processEvents()
    places = [b.geometry() for b in (player.pause_button, player.skip_button)]
    desktop.app.controller.pause()
    desktop.advance(0.5)
    assert all(shape.is_dimmed() for shape in shapes)
    assert player.banner.text() == "Paused" and player.pause_button.text() == "Resume"
    qt_app = QApplication.instance()
    sheet, look, forced = qt_app.styleSheet(), qt_app.palette(), qt_app.property("forcedDark")
    try:
        apply_style(qt_app, dark=False)  # the app's own style sheet sizes the word
        assert player.banner.font().pointSizeF() >= 24  # large enough to read from the mat
    finally:
        qt_app.setStyleSheet(sheet)
        qt_app.setPalette(look)
        qt_app.setProperty("forcedDark", forced)
    QApplication.processEvents()
    assert [b.geometry() for b in (player.pause_button, player.skip_button)] == places
    desktop.app.controller.resume()
    desktop.advance(0.5)
    assert not any(shape.is_dimmed() for shape in shapes)


def test_box_breathing_shows_each_phase_in_its_colour_with_a_large_word(
    make_desktop, user_library: Path
) -> None:  # type: ignore[no-untyped-def]
    write_library(user_library)
    desktop = make_desktop()
    player = desktop.app.player
    desktop.start("boxes")
    seen = []
    for at in (2, 6, 10, 14):  # box breathing: 4 s in, hold, out, hold
        desktop.at(at)
        seen.append((player.pacer.phase_text(), player.pacer.colour().name()))
    light = {kind: colours[0] for kind, colours in PHASE_COLOURS.items()}
    assert seen == [
        ("Inhale 2", light["inhale"]),
        ("Hold 2", light["hold-in"]),
        ("Exhale 2", light["exhale"]),
        ("Hold 2", light["hold-out"]),
    ]
    assert len({colour for _, colour in seen}) == 4
    assert player.breathing_layout()  # the pacer has the centre
    QApplication.processEvents()
    assert player.pacer.width() > 2 * player.ring.width()
    assert player.pacer.word_font().pixelSize() >= 4 * body_text_px()
    # The hold fills its ring: a point on the guide ring at 3 o'clock is in the phase colour
    # half way through the hold, not before it.
    desktop.at(28.0)  # the second hold-out starts at 28 s: nothing filled yet
    pacer = player.pacer
    full = pacer.max_radius()
    probe = QPoint(round(pacer.width() / 2 + full - 1), round(pacer.height() / 2))
    before = pacer.grab().toImage().pixelColor(probe)
    desktop.at(30.5)  # 2.5 s of 4: past a quarter, the arc has reached 3 o'clock
    after = pacer.grab().toImage().pixelColor(probe)
    target = QColor(light["hold-out"])
    assert abs(after.hue() - target.hue()) < 20 and after != before


def test_the_block_under_way_stands_out_from_those_to_come(qtbot: QtBot) -> None:
    from somatictimer.ui.practice.progress import SequenceProgress

    from tests.ui.test_widgets import palette

    bar = SequenceProgress()
    qtbot.addWidget(bar)
    bar.setPalette(palette(dark=False))
    bar.resize(400, 20)
    bar.set_marks([0.0, 0.25, 0.5, 0.75])
    bar.set_progress(0.3)  # in the second block, a fifth of the way
    image = bar.grab().toImage()
    x_of = lambda fraction: round(4 + fraction * 390)  # noqa: E731
    ahead_in_block = image.pixelColor(x_of(0.45), 10)
    to_come = image.pixelColor(x_of(0.6), 10)
    accent = palette(dark=False).color(palette(dark=False).ColorRole.Highlight)
    assert abs(ahead_in_block.hue() - accent.hue()) < 15 and ahead_in_block.saturation() > 18
    assert to_come.saturation() < 8  # neutral


def test_the_dimming_delay_is_set_on_the_settings_page_and_saved(make_desktop) -> None:  # type: ignore[no-untyped-def]
    from somatictimer.core.paths import AppPaths
    from somatictimer.core.settings import load_settings
    from somatictimer.ui.shell.main_window import SETTINGS

    app = make_desktop().app
    app.window.show_page(SETTINGS)
    spin = app.settings_view.dim_rest
    assert spin.value() == 10 and spin.specialValueText() == "never"
    spin.setValue(0)  # never dims
    QApplication.processEvents()
    assert app.settings.dim_in_rest_s == 0
    saved, _ = load_settings(AppPaths.from_platform().settings_file)
    assert saved.dim_in_rest_s == 0


def test_a_narrow_window_keeps_the_buttons_in_one_row_as_icons(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    window, player = desktop.app.window, desktop.app.player
    desktop.start("tiny")
    window.resize(800, 600)
    QApplication.processEvents()
    assert player.back_button.text() == "" and player.back_button.accessibleName() == "Back"
    assert not player.back_button.icon().isNull()
    assert player.pause_button.text() == "Pause"  # the one that matters most keeps its word
    window.resize(1366, 768)
    QApplication.processEvents()
    assert [b.text() for b in (player.back_button, player.mute_button)] == ["Back", "Mute"]
