"""The mouse wheel scrolls pages; it changes a combo box, spin box or slider only once the
user has clicked or tabbed into it (a page scrolled past a combo must never change it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _guarded(widget: QObject) -> bool:
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """One app-wide filter: an unfocused input passes the wheel to its scroll area."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish and _guarded(watched):
            # Focus by click or Tab, never by the wheel (WheelFocus would focus, then change).
            assert isinstance(watched, QWidget)
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and _guarded(watched):
            assert isinstance(watched, QWidget) and isinstance(event, QWheelEvent)
            if not watched.hasFocus():
                self._scroll_page(watched, event)
                return True
        return False

    @staticmethod
    def _scroll_page(widget: QWidget, event: QWheelEvent) -> None:
        area = _scroll_area_around(widget)
        if area is None:
            return
        viewport = area.viewport()
        passed = QWheelEvent(
            viewport.mapFromGlobal(event.globalPosition()),
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
        )
        QApplication.sendEvent(viewport, passed)


def install_wheel_guard(app: QApplication) -> None:
    """Once per application (tests build several apps on one QApplication)."""
    if app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
