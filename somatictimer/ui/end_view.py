"""The end screen: what was practised, a note, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from somatictimer.core.describe import clock
from somatictimer.core.engine import State
from somatictimer.ui.session import Summary


def summary_text(summary: Summary) -> tuple[str, str]:
    """(headline, details) for the end screen."""
    practised = clock(round(summary.practised_s))
    if summary.state is State.FINISHED:
        headline = "Well done."
        details = f"You practised {summary.sequence.name} for {practised}."
    else:
        headline = "Session ended."
        details = (
            f"You practised {summary.sequence.name} for {practised} of {clock(summary.planned_s)}."
        )
    details += f" {summary.blocks_done} of {summary.blocks_total} poses."
    return headline, details


class EndView(QWidget):
    """Shown when a session finishes or is stopped."""

    save_note = Signal(str)
    again_clicked = Signal()
    library_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session summary")
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setWeight(QFont.Weight.DemiBold)
        self.headline.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.prompt = QLabel("How does your body feel? A note for later (optional):")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("e.g. left hip tighter than right; shoulders softer")
        self.note.setMaximumHeight(120)
        self.saved = QLabel()
        self.saved.setObjectName("savedLabel")
        self.save_button = QPushButton("Save note")
        self.save_button.clicked.connect(lambda: self.save_note.emit(self.note.toPlainText()))
        again = QPushButton("Practise again")
        again.clicked.connect(self.again_clicked.emit)
        library = QPushButton("Back to library")
        library.clicked.connect(self.library_clicked.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved, 1)
        buttons.addWidget(again)
        buttons.addWidget(library)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 32)
        layout.setSpacing(16)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addSpacing(12)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.prompt.setBuddy(self.note)

    def show_summary(self, summary: Summary) -> None:
        headline, details = summary_text(summary)
        self.headline.setText(headline)
        self.details.setText(details)
        self.note.clear()
        self.saved.clear()
        self.save_button.setEnabled(True)
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def note_saved(self, message: str, ok: bool) -> None:
        self.saved.setText(message)
        self.save_button.setEnabled(not ok)
