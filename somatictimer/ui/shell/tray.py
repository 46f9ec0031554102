"""The tray mini-timer: remaining minutes drawn on the icon, a tooltip and a menu."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QRectF, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from somatictimer.core.describe import countdown, whole_seconds_left
from somatictimer.core.engine import State
from somatictimer.ui.practice.session import Frame

ICON_PX = 64
CALM = QColor("#4f8f86")
PAUSED = QColor("#8a8f98")


def icon_text(remaining_s: float) -> str:
    """Minutes left, or seconds in the last minute (what fits on a 16 px icon)."""
    seconds = whole_seconds_left(remaining_s)
    return str(seconds) if seconds < 60 else str(math.ceil(seconds / 60))


def timer_icon(text: str, paused: bool = False, seconds: bool = False) -> QIcon:
    """A round badge with the number on it: legible at tray sizes, calm colours."""
    pixmap = QPixmap(ICON_PX, ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PAUSED if paused else CALM)
    painter.drawEllipse(QRectF(2, 2, ICON_PX - 4, ICON_PX - 4))
    if seconds:  # a thin ring says "seconds" without needing a unit
        painter.setPen(QColor("white"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QRectF(7, 7, ICON_PX - 14, ICON_PX - 14))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(34 if len(text) < 3 else 26)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


class Tray(QObject):
    """Subscribes to the controller's frames; redraws the icon only when its text changes."""

    show_hide = Signal()
    toggle_pause = Signal()
    skip = Signal()
    stop = Signal()
    start_last = Signal()
    quit = Signal()

    def __init__(self, app_icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_icon = app_icon
        self.icon = QSystemTrayIcon(app_icon, self)
        self.icon.setToolTip("Somatic Timer")
        menu = QMenu()
        self.menu = menu
        # What runs now, at the top; read-only (a disabled item), hidden when idle.
        self.status_action = menu.addAction("")
        self.status_action.setEnabled(False)
        self.status_separator = menu.addSeparator()
        menu.aboutToShow.connect(self._show_status)
        self._status = ""
        self.show_action = self._action("Show window", self.show_hide)
        self.pause_action = self._action("Pause", self.toggle_pause)
        self.skip_action = self._action("Skip", self.skip)
        self.stop_action = self._action("Stop", self.stop)
        menu.addSeparator()
        self.start_last_action = self._action("Start last sequence", self.start_last)
        menu.addSeparator()
        self._action("Quit", self.quit)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self._shown: tuple[str, bool, bool] | None = None
        self.set_idle()

    def _action(self, text: str, signal: SignalInstance) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(signal.emit)
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_hide.emit()

    def set_window_visible(self, visible: bool) -> None:
        self.show_action.setText("Hide window" if visible else "Show window")

    def set_last_sequence(self, name: str | None) -> None:
        self.start_last_action.setText(f"Start {name}" if name else "Start last sequence")
        self.start_last_action.setEnabled(bool(name))

    def set_idle(self) -> None:
        self._shown = None
        self.icon.setIcon(self.app_icon)
        self.icon.setToolTip("Somatic Timer")
        for action in (self.pause_action, self.skip_action, self.stop_action):
            action.setEnabled(False)
        self.pause_action.setText("Pause")
        self._status = ""
        self._show_status()
        self.start_last_action.setVisible(True)

    def show_frame(self, frame: Frame, title: str) -> None:
        snapshot = frame.snapshot
        paused = snapshot.state is State.PAUSED
        text = icon_text(snapshot.segment_remaining_s)
        key = (text, paused, snapshot.segment_remaining_s < 60)
        if key != self._shown:
            self._shown = key
            self.icon.setIcon(timer_icon(*key))
        state = " (paused)" if paused else ""
        left = f"{countdown(snapshot.segment_remaining_s)} left"
        tip = f"{title}{state}\n{left}"
        if tip != self.icon.toolTip():  # once a second, not on every repaint tick
            self.icon.setToolTip(tip)
        self._status = f"{title} · {left}{state}"
        if self.menu.isVisible():  # an open menu counts down too
            self._show_status()
        for action in (self.pause_action, self.skip_action, self.stop_action):
            action.setEnabled(True)
        self.pause_action.setText("Resume" if paused else "Pause")
        self.start_last_action.setVisible(False)  # one session at a time

    def _show_status(self) -> None:
        """The status line as of the last frame: set when the menu opens, not every second."""
        if self.status_action.text() != self._status:
            self.status_action.setText(self._status)
        self.status_action.setVisible(bool(self._status))
        self.status_separator.setVisible(bool(self._status))
