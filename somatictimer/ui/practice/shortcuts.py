"""A group of window shortcuts switched on and off together (the player's keys work only on
the Practice page while a session runs)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


class KeyGroup:
    def __init__(self, window: QWidget, keys: Mapping[str, Callable[[], object]]) -> None:
        self.shortcuts = [
            QShortcut(QKeySequence(key), window, action) for key, action in keys.items()
        ]
        self.set_enabled(False)

    def set_enabled(self, on: bool) -> None:
        for shortcut in self.shortcuts:
            if shortcut.isEnabled() != on:  # no churn on every repaint
                shortcut.setEnabled(on)
