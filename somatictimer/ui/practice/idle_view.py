"""What the Practice page shows before any session: a gentle pointer to the library."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class IdleView(QWidget):
    library_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("No session")
        text = QLabel(
            "Choose a sequence in the Library and press Start.\n"
            "During practice: Space pauses, → skips, ← goes back, + adds 30 s, "
            "F shrinks to a small timer."
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        button = QPushButton("Open the Library")
        button.clicked.connect(self.library_clicked.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
