"""Everything between a session and its history record: the before check-in, the end
screen's save, the History page's edits, export and import. Built once by the app."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QObject, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QMessageBox,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from somatictimer.core.describe import plural
from somatictimer.core.history.io import export_csv, export_json, import_file
from somatictimer.core.history.recorder import open_history
from somatictimer.core.history.records import CheckIn, HistoryError, SessionRecord
from somatictimer.core.library import Library
from somatictimer.core.model import Sequence
from somatictimer.core.paths import AppPaths
from somatictimer.ui.history.checkin_view import CheckInView
from somatictimer.ui.history.history_view import HistoryView, import_report
from somatictimer.ui.practice.end_view import EndView
from somatictimer.ui.practice.session import SessionController, Summary

RETRY_MS = 30_000  # a session that could not be saved is tried again this often


class HistoryFlow(QObject):
    def __init__(
        self,
        paths: AppPaths,
        settings: Callable[[], Any],
        controller: SessionController,
        library: Library,
        practice: QStackedWidget,
        end_view: EndView,
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.notices = open_history(
            paths.history_file,
            min_session_s=settings().min_session_s,
            unsaved=paths.unsaved_folders,
        )
        self._settings = settings
        self.controller = controller
        self.library = library
        self.practice = practice
        self.end_view = end_view
        self.notify = notify
        self.summary: Summary | None = None
        self.view: HistoryView | None = None
        controller.store = self.store
        controller.keeping = (paths.history_file, paths.unsaved_folders)
        self.before = CheckInView()
        self.before.set_mode("before")
        practice.addWidget(self.before)
        self.before.saved.connect(self._before_saved)
        self.before.skipped.connect(lambda: self._begin(None))
        self._starting: Sequence | None = None
        end_view.save.connect(self.save_end)
        end_view.save_short.connect(self.save_short)
        self._retry = QTimer(self)
        self._retry.timeout.connect(self._retry_pending)
        self._retry.start(RETRY_MS)

    # -- starting ----------------------------------------------------------------------------
    def begin(self, sequence: Sequence, *, ask: bool = True) -> None:
        """Start, asking first how the body feels when the user wants that."""
        self.controller.min_session_s = self._settings().min_session_s
        if ask and self._settings().checkin_before:
            self._starting = sequence
            self.before.load({}, None, "")
            self.practice.setCurrentWidget(self.before)
            self.before.map.setFocus()
            return
        self.controller.start(sequence)

    def _before_saved(self, result: dict[str, Any]) -> None:
        self._begin(CheckIn(result["tension"], result["calm"], result["note"]))

    def _begin(self, checkin: CheckIn | None) -> None:
        sequence, self._starting = self._starting, None
        if sequence is not None:
            self.controller.start(sequence, checkin_before=checkin)

    # -- the end screen ----------------------------------------------------------------------
    def ended(self, summary: Summary) -> None:
        self.summary = summary
        settings = self._settings()
        self.end_view.show_summary(
            summary, checkin=settings.checkin_after, min_session_s=settings.min_session_s
        )
        self.reload()

    def save_short(self) -> None:
        recorder = self.controller.recorder
        if recorder is None or self.summary is None:
            return
        record = recorder.finish(keep_short=True)
        self.summary = replace(self.summary, record=record)
        self.end_view.now_saved(record)
        self.reload()

    def save_end(self, note: str, after: CheckIn | None) -> None:
        recorder = self.controller.recorder
        record = self.summary.record if self.summary else None
        if recorder is None or record is None:
            return
        record = replace(record, notes=note, checkin_after=after)
        self.summary = replace(self.summary, record=record) if self.summary else None
        recorder.amend(record)
        saved = recorder.pending is None
        self.end_view.note_saved("Saved." if saved else "Not saved yet: retrying.", saved)
        self.reload()

    def _retry_pending(self) -> None:
        recorder = self.controller.recorder
        if recorder is not None and recorder.pending is not None and recorder.retry():
            self.notify("The session that could not be saved is now in your history.")
            self.reload()

    # -- the History page --------------------------------------------------------------------
    def build_view(self) -> HistoryView:
        settings = self._settings()
        self.view = HistoryView(
            self.store, day_starts_hour=settings.day_starts_hour, show_streak=settings.show_streak
        )
        self.view.edit_note.connect(self.edit_note)
        self.view.edit_duration.connect(self.edit_duration)
        self.view.add_session.connect(self.add_session)
        self.view.export_clicked.connect(self.export)
        self.view.import_clicked.connect(self.import_)
        return self.view

    def reload(self) -> None:
        if self.view is not None:
            self.view.reload()

    def _change(self, record: SessionRecord) -> None:
        if self.store is None:
            return
        try:
            self.store.update(record)
        except HistoryError as error:
            self.notify(str(error))
        self.reload()

    def edit_note(self, record: SessionRecord) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self.view, "Session note", f"Note for {record.sequence_name}:", record.notes
        )
        if ok:
            self._change(replace(record, notes=text.strip()))

    def edit_duration(self, record: SessionRecord) -> None:
        minutes, ok = QInputDialog.getInt(
            self.view,
            "Practised time",
            "Minutes practised:",
            round(record.practised_s / 60),
            0,
            600,
        )
        if ok:
            self._change(replace(record, practised_s=minutes * 60.0))

    def add_session(self) -> None:
        dialog = ManualSessionDialog(self.library, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted and self.store is not None:
            try:
                self.store.save(dialog.record())
            except HistoryError as error:
                self.notify(str(error))
            self.reload()

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.view, "Export history", "somatictimer-history.csv", "CSV (*.csv);;JSON (*.json)"
        )
        if not path or self.store is None:
            return
        writer = export_json if path.endswith(".json") else export_csv
        try:
            with open(path, "w", encoding="utf-8", newline="") as out:
                count = writer(self.store, out)
        except OSError as error:
            self.notify(f"Could not write {path}: {error.strerror or error}")
            return
        self.notify(f"Exported {plural(count, 'session')} to {path}.")

    def import_(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.view, "Import history", "", "History (*.json *.csv)"
            )
        if not path or self.store is None:
            return
        try:
            result = import_file(self.store, Path(path))
            if result.bad and not result.committed:
                lines = [f"line {b.line}: {b.message}" for b in result.bad]
                answer = QMessageBox.question(
                    self.view,
                    "Some rows cannot be imported",
                    import_report(Path(path), lines, result.added),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
                result = import_file(self.store, Path(path), accept_bad=True)
        except HistoryError as error:
            self.notify(str(error))
            return
        self.notify(
            f"Imported {plural(result.added, 'session')} "
            f"({result.skipped_existing} {'was' if result.skipped_existing == 1 else 'were'} "
            "already there)."
        )
        self.reload()


class ManualSessionDialog(QDialog):
    """Add a session practised away from the app."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a session")
        self.library = library
        self.sequence = QComboBox()
        self.sequence.setEditable(True)
        for sequence in library.sequences.values():
            self.sequence.addItem(sequence.name, sequence.id)
        self.when = QDateTimeEdit(QDateTime.currentDateTime().addSecs(-3600))
        self.when.setCalendarPopup(True)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 600)
        self.minutes.setValue(20)
        self.minutes.setSuffix(" min")
        form = QFormLayout(self)
        form.addRow("&What:", self.sequence)
        form.addRow("&When:", self.when)
        form.addRow("&How long:", self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def record(self) -> SessionRecord:
        started: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        started = started.astimezone()
        seconds = self.minutes.value() * 60.0
        name = self.sequence.currentText().strip() or "Practice"
        sequence = self.library.find_sequence(name)
        return SessionRecord(
            id=uuid.uuid4().hex,
            started_at=started,
            ended_at=started + timedelta(seconds=seconds),
            sequence_id=sequence.id if sequence else "",
            sequence_name=name,
            tradition="",
            planned_s=seconds,
            practised_s=seconds,
            status="completed",
            source="manual",
        )
