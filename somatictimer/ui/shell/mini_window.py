"""A compact frameless always-on-top timer that never takes keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QFont, QMouseEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import countdown
from somatictimer.core.engine import State
from somatictimer.core.now_showing import SIDE_WORDS
from somatictimer.core.timeline import SegmentKind
from somatictimer.ui.figures.figure_view import FigureView
from somatictimer.ui.practice.session import Frame
from somatictimer.ui.shell.icons import set_themed_icon

GAP_PX = 12  # between the mini window and the main window it keeps clear of


class ElidedLabel(QLabel):
    """One line that ends with "…" when it does not fit; the whole text is the tooltip."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._full = ""
        # Its width comes from the window, never from a long name.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class ProgressLine(QWidget):
    """A thin line: how much of the session is done."""

    def __init__(self) -> None:
        super().__init__()
        self.fraction = 0.0
        self.setFixedHeight(3)
        self.setAccessibleName("Session progress")
        keep_place = self.sizePolicy()  # hidden between sessions, without a jump in height
        keep_place.setRetainSizeWhenHidden(True)
        self.setSizePolicy(keep_place)

    def set_fraction(self, fraction: float) -> None:
        fraction = min(1.0, max(0.0, fraction))
        if abs(fraction - self.fraction) * self.width() >= 0.5 or fraction in (0.0, 1.0):
            self.fraction = fraction
            self.setAccessibleDescription(f"{round(fraction * 100)}% done")
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(100, 3)

    def paintEvent(self, _event: object) -> None:
        palette = self.palette()
        with QPainter(self) as painter:
            painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Mid))
            done = QRect(0, 0, round(self.width() * self.fraction), self.height())
            painter.fillRect(done, palette.color(QPalette.ColorRole.Highlight))


def clear_spot(size: QSize, screen: QRect, avoid: QRect, at: QPoint) -> QPoint | None:
    """Where a window of ``size`` fits on ``screen`` without covering ``avoid``: ``at`` if it
    already does, else beside, above or below ``avoid``; None if the screen has no such room."""
    w, h = size.width(), size.height()
    left, top = avoid.x(), avoid.y()
    right, bottom = left + avoid.width(), top + avoid.height()  # just outside it
    candidates = [
        at,
        QPoint(right + GAP_PX, top),
        QPoint(left - GAP_PX - w, top),
        QPoint(right - w, top - GAP_PX - h),
        QPoint(right - w, bottom + GAP_PX),
        QPoint(screen.right() - w - 20, screen.top() + 40),
        QPoint(screen.right() - w - 20, screen.bottom() - h - 20),
        QPoint(screen.left() + 20, screen.bottom() - h - 20),
    ]
    for point in candidates:
        spot = QRect(point, size)
        if screen.contains(spot) and not spot.intersects(avoid):
            return point
    return None


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
        self.pose = ElidedLabel("Ready")
        self.pose.setAccessibleName("Pose")
        self.side = QLabel("")
        self.side.setAccessibleName("Side")
        self.side.setObjectName("miniSide")
        self.breath = QLabel("")
        self.breath.setAccessibleName("Breath")
        self.breath.setObjectName("miniBreath")
        self.progress = ProgressLine()
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
        side_and_breath = QHBoxLayout()
        side_and_breath.setSpacing(10)
        side_and_breath.addWidget(self.side)
        side_and_breath.addWidget(self.breath)
        side_and_breath.addStretch(1)
        text.addLayout(side_and_breath)
        text.addSpacing(4)
        text.addWidget(self.progress)
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
        self._paused_shown = False

    def _button(self, icon: QStyle.StandardPixmap, tip: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton()
        set_themed_icon(button, icon)  # light on a dark theme
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
        self.pose.set_full_text(title + ("  (paused)" if paused else ""))
        segment = snapshot.segment  # in a gap: the side of the pose to come
        held = segment if segment.kind is SegmentKind.HOLD else frame.next_hold
        self.side.setText(SIDE_WORDS.get(held.side.value, "") if held else "")
        self.breath.setText(frame.breath.word.capitalize() if frame.breath else "")
        self.progress.set_fraction(
            snapshot.position_s / snapshot.total_s if snapshot.total_s else 0
        )
        self.progress.show()
        self.figure.set_frame(frame.figure)
        if paused != self._paused_shown:
            self._paused_shown = paused
            pix = QStyle.StandardPixmap
            set_themed_icon(self.pause_button, pix.SP_MediaPlay if paused else pix.SP_MediaPause)

    def show_idle(self, text: str = "Ready") -> None:
        self.time.setText("–:––")
        self.pose.set_full_text(text)
        self.side.clear()
        self.breath.clear()
        self.progress.set_fraction(0.0)
        self.progress.hide()
        self.figure.set_frame(None)

    def keep_clear_of(self, window: QWidget) -> bool:
        """Move beside ``window`` if the mini window would cover it; False if the screen
        has no room for both."""
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        size = self.size() if self.isVisible() else self.sizeHint().expandedTo(self.minimumSize())
        spot = clear_spot(size, screen, window.frameGeometry(), self.pos())
        if spot is not None and spot != self.pos():
            self.move(spot)
        return spot is not None

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
