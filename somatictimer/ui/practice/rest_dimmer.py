"""Long rests dim the window: after a few quiet seconds of Savasana the screen should not
glare at someone lying with their eyes half closed. A key or a mouse move wakes it (the key
only wakes: it does not also pause or skip).

Time is the session's clock (the one the engine reads), so tests move it like the session.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from somatictimer.ui.painted import PaintedWidget

DIM_ALPHA = 0.62  # how dark the dimmed window gets
FADE_MS = 1200  # a slow fade down; waking is at once
WAKING = (
    QEvent.Type.KeyPress,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.MouseMove,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
)


class DimOverlay(PaintedWidget):
    """A dark veil over the whole window, with the time left faintly in its middle."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.alpha = 0.0
        self.text = ""
        self.setMouseTracking(True)  # a mouse move over the veil wakes the window
        self.setAccessibleName("Dimmed for rest: press a key or move the mouse to wake")
        self.hide()

    def _paint(self, p: QPainter) -> None:
        p.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.alpha)))
        if self.text:
            font = QFont(self.font())
            font.setPixelSize(max(12, self.height() // 9))
            font.setWeight(QFont.Weight.Light)
            p.setFont(font)
            p.setPen(QColor(255, 255, 255, round(70 * self.alpha / DIM_ALPHA)))
            p.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.text)


class RestDimmer(QObject):
    def __init__(
        self,
        window: QWidget,
        clock: Callable[[], float],
        *,
        reduce_motion: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._clock = clock
        self._reduce_motion = reduce_motion
        self.overlay = DimOverlay(window)
        self._quiet_since: float | None = None  # None: not resting
        self._swallow_key = False  # the key press after the shortcut check that woke us
        self._fade = QVariantAnimation(self)
        self._fade.setDuration(FADE_MS)
        self._fade.valueChanged.connect(self._set_alpha)
        window.installEventFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def is_dimmed(self) -> bool:
        return self.overlay.isVisible()

    def show_rest(self, resting: bool, delay_s: float, time_left: str) -> None:
        """Called on every frame: dim once ``delay_s`` of rest has passed with no input."""
        if not resting or delay_s <= 0:
            self._quiet_since = None
            self.wake()
            return
        now = self._clock()
        if self._quiet_since is None:
            self._quiet_since = now
        if self.is_dimmed():
            if self.overlay.text != time_left:
                self.overlay.text = time_left
                self.overlay.update()
        elif now - self._quiet_since >= delay_s:
            self._dim(time_left)

    def wake(self) -> None:
        if self._quiet_since is not None:
            self._quiet_since = self._clock()  # the quiet starts again
        if self.is_dimmed():
            self._fade.stop()
            self.overlay.hide()

    def _dim(self, time_left: str) -> None:
        self.overlay.text = time_left
        self.overlay.setGeometry(self.window.rect())
        self.overlay.raise_()
        self.overlay.show()
        if self._reduce_motion():
            self._set_alpha(DIM_ALPHA)
        else:
            self._fade.setStartValue(0.0)
            self._fade.setEndValue(DIM_ALPHA)
            self._fade.start()

    def _set_alpha(self, alpha: object) -> None:
        self.overlay.alpha = float(alpha)  # type: ignore[arg-type]
        self.overlay.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Resize:
            self.overlay.setGeometry(self.window.rect())
        if self._quiet_since is None or kind not in WAKING:
            return False
        if not self._in_window(watched):
            return False
        keyed = kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride)
        if self.is_dimmed():
            self.wake()
            # A key that wakes the screen only wakes it: Space must not also pause the
            # session (Qt asks with ShortcutOverride first, then delivers the KeyPress).
            self._swallow_key = kind == QEvent.Type.ShortcutOverride
            if keyed:
                event.accept()
            return keyed
        if kind == QEvent.Type.KeyPress and self._swallow_key:
            self._swallow_key = False
            return True
        self.wake()
        return False

    def _in_window(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and watched.window() is self.window
