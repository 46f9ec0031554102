"""Light, dark or the system's: every text and control meets WCAG AA, icons follow the theme,
and a switch in Settings repaints at once and is saved."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication
from somatictimer.ui.shell.main_window import SETTINGS
from somatictimer.ui.shell.style import DARK, LIGHT, apply_style, palette_for

from tests.ui.test_app import contrast

Role = QPalette.ColorRole
TEXT, NON_TEXT = 4.5, 3.0  # WCAG AA: body text; large text, borders and other controls


def pairs(colors: dict[str, str]) -> dict[str, tuple[QColor, QColor, float]]:
    """(foreground, background, least contrast) for everything the theme paints."""
    p = palette_for(colors)
    c = {key: QColor(value) for key, value in colors.items()}
    disabled = p.color(QPalette.ColorGroup.Disabled, Role.ButtonText)
    return {
        "text on window": (p.color(Role.WindowText), p.color(Role.Window), TEXT),
        "text in fields": (p.color(Role.Text), p.color(Role.Base), TEXT),
        "button text on button": (p.color(Role.ButtonText), p.color(Role.Button), TEXT),
        "highlighted text": (p.color(Role.HighlightedText), p.color(Role.Highlight), TEXT),
        "muted captions on window": (c["mid"], p.color(Role.Window), TEXT),
        "muted captions on fields": (c["mid"], p.color(Role.Base), TEXT),
        "placeholder text": (p.color(Role.PlaceholderText), p.color(Role.Base), TEXT),
        "disabled text": (disabled, p.color(Role.Window), TEXT),
        "Start button text": (c["on_highlight"], c["highlight"], TEXT),
        "side and breath words": (c["highlight"], p.color(Role.Base), TEXT),
        "notice bar text": (p.color(Role.WindowText), c["notice"], TEXT),
        "borders and check boxes": (c["mid"], p.color(Role.Window), NON_TEXT),
        "focus ring and ticked box": (c["highlight"], p.color(Role.Window), NON_TEXT),
    }


@pytest.mark.parametrize("colors", [LIGHT, DARK], ids=["light", "dark"])
def test_every_colour_pair_meets_wcag_aa(colors: dict[str, str]) -> None:
    low = {
        name: round(contrast(fore, back), 2)
        for name, (fore, back, least) in pairs(colors).items()
        if contrast(fore, back) < least
    }
    assert low == {}


def icon_ink(button: QAbstractButton) -> QColor:
    """The colour most of an icon's opaque pixels have."""
    image = button.icon().pixmap(QSize(16, 16)).toImage()
    inks = Counter(
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 200
    )
    assert inks, "the icon is empty"
    return QColor.fromRgb(inks.most_common(1)[0][0])


@pytest.fixture
def light_again(qapp: QApplication) -> Iterator[None]:
    yield
    apply_style(qapp, dark=False)  # the next test starts from the usual look


def mostly_dark(widget) -> bool:  # type: ignore[no-untyped-def]
    image = widget.grab().toImage()
    samples = Counter(
        image.pixelColor(x, y).lightness() < 128
        for y in range(0, image.height(), 8)
        for x in range(0, image.width(), 8)
    )
    return samples[True] > samples[False]


def test_choosing_dark_in_settings_repaints_and_the_icons_turn_light(  # type: ignore[no-untyped-def]
    make_desktop, isolated_dirs: Path, light_again
) -> None:
    desktop = make_desktop()
    app = desktop.app
    desktop.start("tiny")
    desktop.at(7.5)
    pause, mini_open = app.player.pause_button, app.mini.open_button
    assert icon_ink(pause).lightness() < 80 and icon_ink(mini_open).lightness() < 80
    app.window.show_page(SETTINGS)
    theme = app.settings_view.theme
    theme.setCurrentIndex(theme.findData("dark"))

    assert QApplication.palette().color(Role.Window) == QColor(DARK["window"])
    assert mostly_dark(app.window)
    for button in (pause, app.player.mute_button, mini_open, app.mini.pause_button):
        ink = icon_ink(button)
        assert ink == QColor(DARK["text"])  # light on charcoal
        assert contrast(ink, QColor(DARK["button"])) >= NON_TEXT
    settings = isolated_dirs / "config" / "somatictimer" / "settings.toml"
    assert 'theme = "dark"' in settings.read_text(encoding="utf-8")

    theme.setCurrentIndex(theme.findData("light"))
    assert not mostly_dark(app.window)
    assert icon_ink(pause) == QColor(LIGHT["text"])


def test_the_library_thumbnails_are_redrawn_in_the_new_theme(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, light_again
) -> None:
    app = make_desktop().app
    view = app.library_view
    view.tabs.setCurrentIndex(1)
    item = view.pose_list.item(0)
    qtbot.waitUntil(lambda: not item.icon().isNull())
    before = figure_ink(item.icon())
    assert before.lightness() < 100  # dark figures on the light list
    app.apply_settings(dataclasses.replace(app.settings, theme="dark"))
    qtbot.waitUntil(lambda: figure_ink(item.icon()).lightness() > 150)  # light on dark


def figure_ink(icon) -> QColor:  # type: ignore[no-untyped-def]
    """The darkest-or-lightest extreme is the figure's ink; the commonest colour is paper."""
    image = icon.pixmap(QSize(56, 45)).toImage()
    inks = Counter(
        image.pixelColor(x, y).rgb()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 200
    )
    paper = QColor.fromRgb(inks.most_common(1)[0][0])
    return max(
        (QColor.fromRgb(rgb) for rgb, n in inks.items() if n > 20),
        key=lambda c: abs(c.lightness() - paper.lightness()),
    )


def test_a_saved_theme_is_used_from_the_start(  # type: ignore[no-untyped-def]
    make_desktop, isolated_dirs: Path, light_again
) -> None:
    settings = isolated_dirs / "config" / "somatictimer" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('schema_version = 1\nfirst_run_note_seen = true\ntheme = "dark"\n')
    desktop = make_desktop()
    assert mostly_dark(desktop.app.window)
    assert icon_ink(desktop.app.mini.open_button) == QColor(DARK["text"])


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_ticks_and_arrows_the_style_draws_are_shipped(
    qapp: QApplication, light_again: None, dark: bool
) -> None:
    apply_style(qapp, dark=dark)
    images = re.findall(r"url\(([^)]+)\)", qapp.styleSheet())
    assert len(images) >= 4  # the tick, the combo's arrow, the spin box's two
    assert [image for image in images if not Path(image).is_file()] == []
    ink = (DARK if dark else LIGHT)["text"]
    arrow = next(Path(image) for image in images if "arrow-down" in image)
    assert ink in arrow.read_text(encoding="utf-8")  # drawn in the theme's text colour
