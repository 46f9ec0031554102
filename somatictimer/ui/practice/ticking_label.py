"""A one-line label for text that changes every second (the session clock, the rep count).

A QLabel whose text changes asks its whole page to lay itself out again (word-wrapped cue
text included): a few milliseconds every second of a session. This label has a fixed size
from a template of its widest text, so a new text is only a repaint of its own rectangle.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.ui.painted import PaintedWidget


class TickingLabel(PaintedWidget):
    def __init__(
        self,
        widest: str,
        *,
        muted: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._widest = widest  # the longest text it will show, for its size
        self._text = ""
        self._muted = muted
        self._align = align
        font = QFont(self.font())
        font.setFeature(QFont.Tag("tnum"), 1)  # digits of one width: the text holds still
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # QLabel's name: a drop-in for it
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            self.update()

    def sizeHint(self) -> QSize:
        metrics = QFontMetricsF(self.font())
        width = max(metrics.horizontalAdvance(self._widest), metrics.horizontalAdvance(self._text))
        return QSize(round(width) + 4, round(metrics.height()) + 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def _paint(self, p: QPainter) -> None:
        role = QPalette.ColorRole.Mid if self._muted else QPalette.ColorRole.WindowText
        p.setPen(self.palette().color(role))
        p.setFont(self.font())
        p.drawText(QRectF(self.rect()), self._align, self._text)
