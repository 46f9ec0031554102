"""A compact frameless always-on-top timer that never takes keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QFont, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStyle, QVBoxLayout, QWidget

from somatictimer.core.describe import countdown
from somatictimer.core.engine import State
from somatictimer.ui.figure_view import FigureView
from somatictimer.ui.session import Frame

POSE_WIDTH_PX = 180  # long pose names are elided, the full name is in the tooltip


class MiniWindow(QWidget):
    """Remaining time, pose, breath phase, pause and skip; drag it anywhere."""

    toggle_pause = Signal()
    skip = Signal()
    open_main = Signal()
    moved = Signal(QPoint)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        # Shown during practice with eyes on the mat: it must never grab the keyboard.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("miniWindow")
        self.setAccessibleName("Mini timer")
        self.setWindowTitle("Somatic Timer (mini)")
        self.time = QLabel("–:––")
        font = self.time.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.time.setFont(font)
        self.time.setAccessibleName("Remaining time")
        self.pose = QLabel("Ready")
        self.pose.setAccessibleName("Pose")
        self.breath = QLabel("")
        self.breath.setAccessibleName("Breath")
        self.breath.setObjectName("miniBreath")
        pix = QStyle.StandardPixmap
        self.pause_button = self._button(pix.SP_MediaPause, "Pause or resume", self.toggle_pause)
        self.skip_button = self._button(pix.SP_MediaSkipForward, "Skip to the next pose", self.skip)
        self.open_button = self._button(
            pix.SP_TitleBarMaxButton, "Open the main window", self.open_main
        )
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.time)
        text.addWidget(self.pose)
        text.addWidget(self.breath)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        for button in (self.pause_button, self.skip_button, self.open_button):
            buttons.addWidget(button)
        self.figure = FigureView(thumbnail=True)  # moves with the breath, like the player's
        self.figure.setFixedSize(72, 58)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.addWidget(self.figure)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        self.setMinimumWidth(290)
        self._drag_from: QPoint | None = None

    def _button(self, icon: QStyle.StandardPixmap, tip: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton()
        button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setFixedSize(30, 26)
        button.clicked.connect(signal.emit)
        return button

    def show_frame(self, frame: Frame, title: str) -> None:
        snapshot = frame.snapshot
        paused = snapshot.state is State.PAUSED
        self.time.setText(countdown(snapshot.segment_remaining_s))
        text = title + ("  (paused)" if paused else "")
        self.pose.setText(
            self.pose.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, POSE_WIDTH_PX)
        )
        self.pose.setToolTip(text)
        self.breath.setText(frame.breath.word.capitalize() if frame.breath else "")
        self.figure.set_frame(frame.figure)
        self.pause_button.setIcon(
            self.style().standardIcon(
                QStyle.StandardPixmap.SP_MediaPlay
                if paused
                else QStyle.StandardPixmap.SP_MediaPause
            )
        )

    def show_idle(self, text: str = "Ready") -> None:
        self.time.setText("–:––")
        self.pose.setText(text)
        self.breath.clear()
        self.figure.set_frame(None)

    # Frameless: the whole window is the drag handle.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drag_from = event.globalPosition().toPoint() - self.frameGeometry().topLeft()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.moved.emit(self.pos())
        super().mouseReleaseEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.open_main.emit()
        super().mouseDoubleClickEvent(event)
