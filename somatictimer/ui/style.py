"""A calm look that follows the system's light or dark preference."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT = {
    "window": "#f5f3ee",
    "base": "#fbfaf7",
    "text": "#2b2f33",
    "mid": "#8b9096",
    "button": "#ebe8e1",
    "highlight": "#4f8f86",
    "notice": "#f3e6c4",
}
DARK = {
    "window": "#1d2023",
    "base": "#24282c",
    "text": "#e4e6e8",
    "mid": "#7d848b",
    "button": "#2f3439",
    "highlight": "#6fb3a8",
    "notice": "#4a4230",
}

SHEET = """
#nav { border: none; padding-top: 18px; font-size: 11pt; background: %(button)s;
       outline: 0; }
QListWidget::item { padding: 7px 6px; }
#nav::item { padding: 10px 18px; border-radius: 8px; margin: 2px 8px; }
#nav::item:selected { background: %(highlight)s; color: white; }
#noticeBar { background: %(notice)s; }
QPushButton { padding: 6px 14px; border-radius: 8px; border: 1px solid %(mid)s;
              background: %(button)s; }
QPushButton:hover { border-color: %(highlight)s; }
QPushButton:focus { border: 2px solid %(highlight)s; }
#startButton { background: %(highlight)s; color: white; border: none; font-weight: 600;
               padding: 8px 22px; }
#sideBadge { color: %(highlight)s; font-weight: 600; font-size: 13pt; }
#banner { color: %(highlight)s; font-size: 15pt; font-weight: 600; }
#cueText { font-size: 12pt; }
#nextLabel, #overallTime { color: %(mid)s; }
#miniWindow { background: %(base)s; border: 1px solid %(mid)s; border-radius: 10px; }
#miniBreath { color: %(highlight)s; font-weight: 600; }
QGroupBox { font-weight: 600; }
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
    palette.setColor(role.HighlightedText, QColor("white"))
    return palette


def apply_style(app: QApplication, dark: bool | None = None) -> None:
    """Fusion with our palette; re-applied when the system switches light/dark."""
    app.setStyle("Fusion")
    colors = DARK if (is_dark() if dark is None else dark) else LIGHT
    app.setPalette(palette_for(colors))
    app.setStyleSheet(SHEET % colors)
    if dark is None and not app.property("followsScheme"):
        app.setProperty("followsScheme", True)
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _s: apply_style(app))
