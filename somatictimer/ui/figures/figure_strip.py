"""A sequence at a glance: the figure of each of its steps in a row, in order."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.figures.data import Figure
from somatictimer.ui.figures.figure_render import paint_keyframe
from somatictimer.ui.figures.figure_view import ink_from
from somatictimer.ui.painted import PaintedWidget

CELL_W, CELL_H = 76.0, 60.0  # at most; smaller when many steps share the width


class FigureStrip(PaintedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures: list[tuple[Figure, bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.setAccessibleName("The sequence's poses")

    def set_figures(self, figures: list[tuple[Figure, bool]], names: list[str]) -> None:
        self._figures = figures
        self.setAccessibleDescription(", ".join(names))
        self.setVisible(bool(figures))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(round(CELL_W * max(len(self._figures), 1)), round(CELL_H))

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 30)  # gives way first in a short window

    def _paint(self, p: QPainter) -> None:
        if not self._figures:
            return
        width = min(CELL_W, self.width() / len(self._figures))
        height = min(CELL_H, width * CELL_H / CELL_W)
        ink = ink_from(self.palette())
        for n, (figure, mirror) in enumerate(self._figures):
            rect = QRectF(n * width, (self.height() - height) / 2, width, height)
            paint_keyframe(p, figure, 0, rect, ink, mirror, stage=False)
