"""The History page, for now the notes saved at the end of sessions (newest first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from somatictimer.core.describe import clock
from somatictimer.core.notes import read_notes

EMPTY = "No notes yet. At the end of a session you can save a few words about how it went."


class HistoryView(QWidget):
    def __init__(self, notes_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("History")
        self.notes_file = notes_file
        self.heading = QLabel("<h2>History</h2>")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Session notes")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        self.reload()

    def reload(self) -> None:
        notes, problems = read_notes(self.notes_file)
        self.list.clear()
        for note in notes:
            when = note.saved_at.replace("T", " ")[:16]
            text = (
                f"{when} · {note.sequence_name} · {clock(round(note.practised_s))} "
                f"({note.status})\n{note.text}"
            )
            self.list.addItem(QListWidgetItem(text))
        message = EMPTY if not notes else f"{len(notes)} notes"
        if problems:
            message += f" — {len(problems)} unreadable line(s) skipped: {problems[0]}"
        self.status.setText(message)
