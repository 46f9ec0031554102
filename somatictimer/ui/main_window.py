"""The main window: a quiet sidebar, four pages, a notice bar, and keyboard access to all."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

PAGES = ("Library", "Practice", "History", "Settings")
LIBRARY, PRACTICE, HISTORY, SETTINGS = range(4)


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
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget()
        for page in pages:
            self.stack.addWidget(page)
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
        self.resize(1100, 720)

    def replace_page(self, index: int, page: QWidget) -> None:
        """Swap a placeholder for the real page (pages that are built on first visit)."""
        old = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.setCurrentIndex(current)

    def show_page(self, index: int) -> None:
        self.nav.setCurrentRow(index)

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

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
    position = state.value("mini/pos")
    if position is not None:
        mini.move(position)
    else:
        screen = QApplication.primaryScreen().availableGeometry()
        width = max(mini.sizeHint().width(), mini.minimumWidth())  # wholly on screen
        mini.move(screen.right() - width - 20, screen.top() + 40)
