"""Base for the custom-painted widgets: one antialiased painter per paint event."""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class PaintedWidget(QWidget):
    """Subclasses draw in ``_paint``; the painter is always ended, even if drawing raises."""

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._paint(painter)

    def _paint(self, painter: QPainter) -> None:
        raise NotImplementedError
