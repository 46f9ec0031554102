"""Base for the custom-painted widgets: one antialiased painter per paint event, and a cache
of pixmap layers so what does not change between frames is drawn once, not every frame."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import QFocusEvent, QHelpEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import QToolTip, QWidget

DIMMED_OPACITY = 0.3


class LayerCache:
    """Pixmaps drawn once per key (size, colours, text...) at the screen's pixel ratio.

    A running session repaints the player several times a second; a ring track, a glow or a
    countdown text that has not changed is then one blit instead of antialiased vector work.
    Holds only the few most recent layers: a changed size or theme simply draws anew.
    """

    def __init__(self, limit: int = 8) -> None:
        self._limit = limit
        self._layers: dict[Hashable, QPixmap] = {}

    def get(
        self, key: Hashable, size: QSize, ratio: float, draw: Callable[[QPainter], None]
    ) -> QPixmap:
        full_key = (key, size.width(), size.height(), ratio)
        layer = self._layers.pop(full_key, None)
        if layer is None:
            layer = QPixmap(size * ratio)
            layer.setDevicePixelRatio(ratio)
            layer.fill(Qt.GlobalColor.transparent)
            with QPainter(layer) as painter:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                draw(painter)
        self._layers[full_key] = layer  # most recent last
        while len(self._layers) > self._limit:
            del self._layers[next(iter(self._layers))]
        return layer

    def clear(self) -> None:
        self._layers.clear()

    def __len__(self) -> int:
        return len(self._layers)


class PaintedWidget(QWidget):
    """Subclasses draw in ``_paint``; the painter is always ended, even if drawing raises."""

    _dimmed = False
    # Overlapping strokes (a figure's limbs) show their joins when drawn see-through: such
    # views fade their colours themselves instead.
    dims_by_opacity = True

    def paintEvent(self, event: QPaintEvent) -> None:
        with QPainter(self) as painter:
            if self.testAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent):
                painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if self._dimmed and self.dims_by_opacity:
                painter.setOpacity(DIMMED_OPACITY)
            self._paint(painter)

    def set_dimmed(self, dimmed: bool) -> None:
        """Drawn faded (a paused session: the shapes stand still and say so)."""
        if dimmed != self._dimmed:
            self._dimmed = dimmed
            self.update()

    def is_dimmed(self) -> bool:
        return self._dimmed

    def paint_own_background(self) -> None:
        """For widgets that repaint many times a second on a plain window background: fill
        it ourselves, so Qt does not repaint every parent beneath on each frame."""
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def _paint(self, painter: QPainter) -> None:
        raise NotImplementedError

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # focus rings are painted by the widgets themselves

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def tooltip_at(self, point: QPointF) -> str | None:
        """The tooltip for a point (a region, a day...), or None for no tooltip there."""
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)
