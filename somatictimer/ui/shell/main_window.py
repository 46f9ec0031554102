"""The main window: a quiet sidebar, four pages, a notice bar, and keyboard access to all."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

PAGES = ("Library", "Practice", "History", "Settings")
LIBRARY, PRACTICE, HISTORY, SETTINGS = range(4)
OPENING_SIZE = QSize(1100, 720)
# Before the first show the window manager's frame is unknown: leave room for a title bar
# and borders.
FRAME_ALLOWANCE = QMargins(4, 32, 4, 4)


def fitted(window: QRect, available: QRect) -> QRect:
    """``window`` made no larger than ``available`` and moved wholly inside it."""
    size = window.size().boundedTo(available.size())
    left = min(max(window.left(), available.left()), available.right() + 1 - size.width())
    top = min(max(window.top(), available.top()), available.bottom() + 1 - size.height())
    return QRect(QPoint(left, top), size)


def screen_area(window: QWidget) -> QRect:
    """Where the window's inside may go: its screen's free area (no panels), less its frame."""
    screen = (
        QGuiApplication.screenAt(window.geometry().center())
        or window.screen()
        or QGuiApplication.primaryScreen()
    )
    frame, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    if margins.isNull() and not window.isVisible():
        margins = FRAME_ALLOWANCE
    return screen.availableGeometry().marginsRemoved(margins)


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move the window so all of it, frame included, is on its screen."""
    area = screen_area(window)
    target = fitted(window.geometry(), area)
    if target != window.geometry():
        window.setGeometry(target)


class PageScroller(QScrollArea):
    """A page that scrolls when the window is smaller than the page's minimum size.

    Sized by hand, not with ``widgetResizable``: that gives a page with wrapping text its
    preferred height for the width, so a player that fits would scroll instead."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setObjectName("pageScroller")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.page = page  # first: setWidget already sends events through eventFilter
        self.setWidget(page)
        page.installEventFilter(self)  # its minimum size changes with what it shows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.LayoutRequest:
            self._fit_page()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_page()

    def _fit_page(self) -> None:
        """The whole viewport, or the page's minimum where that is larger (then it scrolls)."""
        page = self.page
        smallest = page.minimumSizeHint().expandedTo(page.minimumSize())
        room = self.maximumViewportSize()  # without scroll bars
        bar_w = self.verticalScrollBar().sizeHint().width()
        bar_h = self.horizontalScrollBar().sizeHint().height()
        tall = smallest.height() > room.height()
        wide = smallest.width() > room.width() - (bar_w if tall else 0)
        tall = tall or (wide and smallest.height() > room.height() - bar_h)
        width = room.width() - (bar_w if tall else 0)
        height = room.height() - (bar_h if wide else 0)
        page.resize(QSize(width, height).expandedTo(smallest).boundedTo(page.maximumSize()))


class CurrentPageStack(QStackedWidget):
    """A stack as small as its current page allows, not as its largest hidden page needs:
    the practice page's player must not scroll because the check-in is taller."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(self._page_shown)

    def _page_shown(self) -> None:
        self.updateGeometry()
        # Tell the scroll area holding this stack that its minimum size has changed.
        QApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page else QSize()

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page else QSize()


class NoticeBar(QFrame):
    """Non-blocking messages (missing tray, no sound device, broken settings file...)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notices")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton("Dismiss")
        close.setAccessibleName("Dismiss notices")
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.messages: list[str] = []
        self.hide()

    def add(self, message: str) -> None:
        if message in self.messages:
            return
        self.messages.append(message)
        self.label.setText("\n".join(self.messages[-4:]))
        self.show()

    def dismiss(self) -> None:
        self.messages.clear()
        self.hide()


class MainWindow(QMainWindow):
    """Owns layout and navigation only; the app decides what closing means."""

    close_requested = Signal()
    page_changed = Signal(int)

    def __init__(self, pages: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Somatic Timer")
        self.setObjectName("mainWindow")
        self.allow_close = False
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Sections")
        self.nav.addItems(list(PAGES))
        # As wide as its words need, so a small window keeps its room for the page.
        self.nav.ensurePolished()  # the style sheet's font, not the default one
        words = max(self.nav.fontMetrics().horizontalAdvance(name) for name in PAGES)
        self.nav.setFixedWidth(words + 64)  # the items' padding and margins, and some air
        self.stack = QStackedWidget()
        for page in pages:
            self.stack.addWidget(PageScroller(page))
        self.nav.currentRowChanged.connect(self._switch)
        self.notices = NoticeBar()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addWidget(self.notices)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addLayout(right, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)
        for index in range(len(PAGES)):
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self, lambda i=index: self.show_page(i))
        self.nav.setCurrentRow(LIBRARY)
        self.setGeometry(self._opening_geometry())

    def _opening_geometry(self) -> QRect:
        """The usual size, centred, or the whole available area if that is smaller."""
        area = screen_area(self)
        size = OPENING_SIZE.boundedTo(area.size())
        return QRect(area.center() - QPoint(size.width() // 2, size.height() // 2), size)

    def replace_page(self, index: int, page: QWidget) -> None:
        """Swap a placeholder for the real page (pages that are built on first visit)."""
        old = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, PageScroller(page))
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.setCurrentIndex(current)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def page_widget(self, index: int) -> QWidget:
        """The page itself, not the scroll area that holds it."""
        scroller = self.stack.widget(index)
        assert isinstance(scroller, PageScroller)
        return scroller.page

    def _switch(self, index: int) -> None:
        self.page_changed.emit(index)  # first, so a page built on first visit is in place
        self.stack.setCurrentIndex(index)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:  # the app is quitting
            event.accept()
            return
        event.ignore()  # the app hides to the tray during a session, or quits
        self.close_requested.emit()


def restore_geometry(state: QSettings, window: QWidget, mini: QWidget) -> None:
    """The main window where it was; the mini window where it was, or top right."""
    geometry = state.value("main/geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    fit_to_screen(window)  # saved on a larger screen, or at another scale
    position = state.value("mini/pos")
    if position is not None:
        mini.move(position)
    else:
        screen = QApplication.primaryScreen().availableGeometry()
        width = max(mini.sizeHint().width(), mini.minimumWidth())  # wholly on screen
        mini.move(screen.right() - width - 20, screen.top() + 40)
