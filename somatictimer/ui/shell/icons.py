"""Button icons that follow the theme: Qt's standard icons drawn in the button's text colour.

The style's media and title-bar pixmaps are black whatever the palette, so on a dark theme
they vanish. ``set_themed_icon`` recolours them to the widget's ButtonText and draws them
again whenever the palette or style changes (a theme switch).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QAbstractButton, QStyle, QWidget

SIZES = (16, 24, 32)  # toolbar and button sizes, sharp at each
_KIND = "themedIcon"  # dynamic property: the StandardPixmap a button shows


def tinted(pixmap: QPixmap, color: QColor) -> QPixmap:
    """The pixmap's shape (its alpha) filled with one colour."""
    result = QPixmap(pixmap.size())
    result.setDevicePixelRatio(pixmap.devicePixelRatio())
    result.fill(QColor(0, 0, 0, 0))
    painter = QPainter(result)
    painter.drawPixmap(0, 0, pixmap)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(result.rect(), color)
    painter.end()
    return result


def themed_icon(widget: QWidget, kind: QStyle.StandardPixmap) -> QIcon:
    """The standard icon ``kind`` in ``widget``'s button text colour."""
    color = widget.palette().color(QPalette.ColorRole.ButtonText)
    source = widget.style().standardIcon(kind, None, widget)
    icon = QIcon()
    for size in SIZES:
        pixmap = source.pixmap(QSize(size, size), widget.devicePixelRatioF())
        if not pixmap.isNull():
            icon.addPixmap(tinted(pixmap, color))
    return icon


class _Repaint(QObject):
    """Re-makes a themed icon when its button's palette or style changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        changes = (QEvent.Type.PaletteChange, QEvent.Type.StyleChange)
        if event.type() in changes and isinstance(watched, QAbstractButton):
            kind = watched.property(_KIND)
            if kind is not None:
                watched.setIcon(themed_icon(watched, QStyle.StandardPixmap(kind)))
        return False


_REPAINT = _Repaint()


def set_themed_icon(button: QAbstractButton, kind: QStyle.StandardPixmap) -> None:
    """Show ``kind`` on ``button`` in its text colour, now and after every theme switch."""
    if button.property(_KIND) is None:
        button.installEventFilter(_REPAINT)
    button.setProperty(_KIND, int(kind.value))
    button.setIcon(themed_icon(button, kind))
