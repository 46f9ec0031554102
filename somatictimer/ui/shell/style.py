"""A calm look, light or dark: the user's choice, or the system's preference.

Every pair of colours that carries text meets WCAG AA (4.5:1; tests/ui/test_theme.py
measures them), and borders and the highlight meet 3:1 against the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from somatictimer.core.paths import assets_dir

LIGHT = {
    "window": "#f5f3ee",
    "base": "#fbfaf7",
    "text": "#2b2f33",
    "mid": "#676c72",  # captions: 4.8:1 on the window
    "button": "#ebe8e1",
    "highlight": "#3b786f",  # a deep teal: white on it, and it as text, both 4.6:1 or more
    "on_highlight": "#ffffff",
    "notice": "#f3e6c4",
}
DARK = {
    "window": "#1d2023",
    "base": "#24282c",
    "text": "#e4e6e8",
    "mid": "#959ba2",  # captions: 5.8:1 on the window
    "button": "#2f3439",
    "highlight": "#6fb3a8",
    "on_highlight": "#15191c",  # white on this light teal would be 2.4:1
    "notice": "#4a4230",
}

SHEET = """
#nav { border: none; padding-top: 18px; font-size: 11pt; background: %(button)s;
       outline: 0; }
QListWidget::item { padding: 7px 6px; }
#nav::item { padding: 10px 18px; border-radius: 8px; margin: 2px 8px; }
#nav::item:selected { background: %(highlight)s; color: %(on_highlight)s; }
#noticeBar { background: %(notice)s; }
QPushButton { padding: 6px 14px; border-radius: 8px; border: 1px solid %(mid)s;
              background: %(button)s; }
QPushButton:hover { border-color: %(highlight)s; }
QPushButton:focus { border: 2px solid %(highlight)s; }
#startButton { background: %(highlight)s; color: %(on_highlight)s; border: none; font-weight: 600;
               padding: 8px 22px; }
#sideBadge { color: %(highlight)s; font-weight: 600; font-size: 13pt; }
#banner { color: %(highlight)s; font-size: 15pt; font-weight: 600; }
#banner[paused="true"] { font-size: 28pt; }
#cueText { font-size: 12pt; }
#nextLabel, #overallTime { color: %(mid)s; }
#miniWindow { background: %(base)s; border: 1px solid %(mid)s; border-radius: 10px; }
#miniBreath, #miniSide { color: %(highlight)s; font-weight: 600; }
QGroupBox { font-weight: 600; }
QLineEdit, QComboBox, QAbstractSpinBox { border: 1px solid %(mid)s; border-radius: 4px;
                                         padding: 3px 6px; background: %(base)s; }
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus { border-color: %(highlight)s; }
QComboBox { background: %(button)s; padding-right: 22px; combobox-popup: 0; }
QComboBox::drop-down { border: none; width: 20px; }
QComboBox::down-arrow { image: url(%(arrow-down)s); width: 10px; height: 10px; }
QComboBox QAbstractItemView { outline: 0; border: 1px solid %(mid)s; }
QComboBox QAbstractItemView::item { padding: 4px 6px; }
QAbstractSpinBox { padding-right: 18px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { border: none; width: 16px;
                                                             subcontrol-origin: border; }
QAbstractSpinBox::up-button { subcontrol-position: top right; }
QAbstractSpinBox::down-button { subcontrol-position: bottom right; }
QAbstractSpinBox::up-arrow { image: url(%(arrow-up)s); width: 9px; height: 9px; }
QAbstractSpinBox::down-arrow { image: url(%(arrow-down)s); width: 9px; height: 9px; }
QDateTimeEdit { padding-right: 22px; }
QDateTimeEdit::drop-down { border: none; width: 20px; subcontrol-origin: border;
                           subcontrol-position: center right; }
QDateTimeEdit::down-arrow { image: url(%(arrow-down)s); width: 10px; height: 10px; }
QCheckBox::indicator { width: 14px; height: 14px; border: 1px solid %(mid)s;
                       border-radius: 3px; background: %(base)s; }
QCheckBox::indicator:hover, QCheckBox::indicator:focus { border-color: %(highlight)s; }
QCheckBox::indicator:checked { background: %(highlight)s; border-color: %(highlight)s;
                               image: url(%(check)s); }
QCheckBox::indicator:disabled { background: %(button)s; }
"""


def is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette_for(colors: dict[str, str]) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    for roles, key in (
        ((role.Window,), "window"),
        ((role.Base, role.AlternateBase), "base"),
        ((role.WindowText, role.Text, role.ButtonText, role.ToolTipText), "text"),
        ((role.Button, role.ToolTipBase), "button"),
        ((role.Mid,), "mid"),
        ((role.Highlight,), "highlight"),
        ((role.PlaceholderText,), "mid"),
    ):
        for r in roles:
            palette.setColor(r, QColor(colors[key]))
    palette.setColor(role.HighlightedText, QColor(colors["on_highlight"]))
    disabled = QPalette.ColorGroup.Disabled  # greyed, and still readable (4.5:1)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor(colors["mid"]))
    return palette


def _images(dark: bool) -> dict[str, str]:
    """The style sheet's drawn marks (tick, arrows) in the theme's ink."""
    folder = assets_dir() / "icons"
    theme = "dark" if dark else "light"
    return {
        name: (folder / f"{name}-{theme}.svg").as_posix()
        for name in ("check", "arrow-down", "arrow-up")
    }


def apply_style(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with our palette: dark or light, or (None) the system's, followed when the
    system switches."""
    if app.style().name().lower() != "fusion":  # a new style object re-polishes every widget
        app.setStyle("Fusion")
    app.setProperty("forcedDark", dark)
    colors = DARK if (is_dark() if dark is None else dark) else LIGHT
    app.setPalette(palette_for(colors))
    app.setStyleSheet(SHEET % {**colors, **_images(dark=colors is DARK)})
    if not app.property("followsScheme"):
        app.setProperty("followsScheme", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: _system_changed(app))


def _system_changed(app: QApplication) -> None:
    if app.property("forcedDark") is None:  # the user chose "system"
        apply_style(app)


def apply_theme(app: QApplication, theme: str) -> None:
    """The Settings choice: "system", "light" or "dark"."""
    apply_style(app, {"light": False, "dark": True}.get(theme))
