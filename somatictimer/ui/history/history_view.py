"""The History page: calendar, totals, sessions with filters and details, edit/delete/undo,
export and import. All data comes from the HistoryStore; the widgets only draw it."""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import clock, plural
from somatictimer.core.history.outcome import (
    REACHED_END,
    Outcome,
    blocks_text,
    record_blocks,
    step_outcomes,
)
from somatictimer.core.history.records import CheckIn, SessionRecord
from somatictimer.ui.history.body_shapes import REGION_LABELS
from somatictimer.ui.history.charts import BarChart, CalendarHeatmap, TrendChart

ID_ROLE = Qt.ItemDataRole.UserRole
PAGE = 200  # rows listed at once (the newest): a long history still opens at once
STATUS_WORDS = {
    "completed": "completed",
    "partial": "part skipped",
    "stopped": "stopped early",
    "recovered": "recovered",
}
OUTCOME_WORDS = {Outcome.SHORTENED: " · shortened", Outcome.SKIPPED: " · skipped"}


def checkin_text(title: str, checkin: CheckIn | None) -> str:
    if checkin is None:
        return ""
    rated = ", ".join(f"{REGION_LABELS.get(r, r)} {v}" for r, v in checkin.tension.items())
    calm = f"calm {checkin.calm}/10" if checkin.calm is not None else ""
    parts = [p for p in (rated, calm, checkin.note) if p]  # escaped once, below
    return f"<p><b>{title}</b>: {html.escape(' · '.join(parts)) if parts else 'skipped'}</p>"


def blocks_html(record: SessionRecord) -> str:
    """The poses practised and, by name, the ones skipped."""
    if not record.steps:
        return ""
    counts = record_blocks(record)
    text = f"<p>{html.escape(blocks_text(counts))}</p>"
    if counts.skipped_names:
        text += f"<p><b>Skipped</b>: {html.escape(', '.join(counts.skipped_names))}</p>"
    return text


def record_html(record: SessionRecord) -> str:
    e = html.escape
    when = record.started_at.strftime("%a %d %b %Y, %H:%M")
    outcomes = step_outcomes(record.steps, reached_end=record.status in REACHED_END)
    steps = "".join(
        f"<li>{e(s.pose_name)}{' · ' + s.side if s.side not in ('none', '') else ''}: "
        f"{clock(round(s.actual_s))} of {clock(s.planned_s)}{OUTCOME_WORDS.get(outcome, '')}</li>"
        for s, outcome in zip(record.steps, outcomes, strict=True)
    )
    return (
        f"<h3>{e(record.sequence_name)}</h3><p>{when} · "
        f"{clock(round(record.practised_s))} practised of {clock(record.planned_s)} · "
        f"{STATUS_WORDS.get(record.status, record.status)} · {plural(record.pauses, 'pause')}</p>"
        + blocks_html(record)
        + checkin_text("Before", record.checkin_before)
        + checkin_text("After", record.checkin_after)
        + (f"<p><b>Notes</b>: {e(record.notes)}</p>" if record.notes else "")
        + (f"<ol>{steps}</ol>" if steps else "")
    )


class HistoryView(QWidget):
    """Reads the store on ``reload``; edits go back to the store and reload."""

    edit_note = Signal(object)  # SessionRecord
    edit_duration = Signal(object)
    add_session = Signal()
    export_clicked = Signal()
    import_clicked = Signal()

    def __init__(
        self,
        store: Any,
        *,
        day_starts_hour: int = 3,
        show_streak: bool = False,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("History")
        self.store = store
        self.day_starts_hour = day_starts_hour
        self.show_streak = show_streak
        self._today = today
        self._undo: SessionRecord | None = None
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.heatmap = CalendarHeatmap()
        self.heatmap.day_clicked.connect(self._filter_day)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sessions_tab(), "Sessions")
        self.tabs.addTab(self._trends_tab(), "Trends")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(QLabel("<h2>History</h2>"))
        layout.addWidget(self.summary)
        layout.addWidget(self.heatmap)
        layout.addWidget(self.tabs, 1)
        self.reload()

    # -- building ----------------------------------------------------------------------------
    def _sessions_tab(self) -> QWidget:
        self.since = QDateEdit()
        self.until = QDateEdit()
        for edit, name in ((self.since, "From date"), (self.until, "To date")):
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._fill_table)
        self.tradition = QComboBox()
        self.tradition.setAccessibleName("Filter by family")
        self.sequence = QComboBox()
        self.sequence.setAccessibleName("Filter by sequence")
        for combo in (self.tradition, self.sequence):
            combo.currentIndexChanged.connect(self._fill_table)
            # A narrow window shortens the choice shown ("Evening Hip…"), not the page.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        filters = QHBoxLayout()
        for widget in (
            QLabel("From"),
            self.since,
            QLabel("to"),
            self.until,
            self.tradition,
            self.sequence,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("Sessions")
        self.table.setHorizontalHeaderLabels(["Date", "Sequence", "Practised", "Status"])
        # Date, time and status keep the width their longest words need; a long sequence
        # name gives way ("…"). Fixed, not fitted to the rows in view: those change, and the
        # stretched column is not shrunk again when another one grows.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.ensurePolished()
        metrics = self.table.fontMetrics()
        status = max(STATUS_WORDS.values(), key=metrics.horizontalAdvance)
        for index, longest in ((0, "2026-12-31 23:59"), (2, "10:00:00"), (3, status)):
            width = metrics.horizontalAdvance(longest) + 12  # the cell's padding
            header.resizeSection(index, max(width, header.sectionSizeHint(index)))
        self.table.setWordWrap(False)  # one line a session; a long name ends with "…"
        fixed = sum(header.sectionSize(index) for index in (0, 2, 3))
        name_room = metrics.horizontalAdvance("Evening Hip Rel…")  # the splitter keeps it
        bar = self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(fixed + name_room + bar + 2 * self.table.frameWidth())
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setAccessibleName("Session details")
        self.undo_bar = QWidget()
        self.undo_label = QLabel()
        undo = QPushButton("Undo")
        undo.setAccessibleName("Undo delete")
        undo.clicked.connect(self.undo_delete)
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.undo_label, 1)
        row.addWidget(undo)
        self.undo_bar.hide()
        buttons = QHBoxLayout()
        self.note_button = self._button("Edit note…", lambda: self._emit_selected(self.edit_note))
        self.duration_button = self._button(
            "Edit duration…", lambda: self._emit_selected(self.edit_duration)
        )
        self.delete_button = self._button("Delete", self.delete_selected)
        self.delete_button.setShortcut("Del")
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.duration_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self._button("Add session…", self.add_session.emit))
        buttons.addWidget(self._button("Export…", self.export_clicked.emit))
        buttons.addWidget(self._button("Import…", self.import_clicked.emit))
        # The details scroll on their own, so a long session never widens the page.
        self.detail.setMinimumWidth(160)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(self.detail)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(detail_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addWidget(self.undo_bar)
        column.addLayout(buttons)
        return page

    def _trends_tab(self) -> QWidget:
        self.weekly = BarChart()
        self.monthly = BarChart()
        self.traditions = BarChart()
        self.trend = TrendChart()
        page = QWidget()
        grid = QHBoxLayout(page)
        left = QVBoxLayout()
        for title, chart in (
            ("Minutes per week", self.weekly),
            ("Minutes per month", self.monthly),
            ("By family", self.traditions),
        ):
            left.addWidget(QLabel(f"<b>{title}</b>"))
            left.addWidget(chart, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>Tension before and after (0–10)</b>"))
        right.addWidget(self.trend, 1)
        grid.addLayout(left, 3)
        grid.addLayout(right, 2)
        return page

    @staticmethod
    def _button(text: str, action: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(action)
        return button

    # -- reading -----------------------------------------------------------------------------
    def today(self) -> date:
        return self._today or (datetime.now() - timedelta(hours=self.day_starts_hour)).date()

    def reload(self) -> None:
        if self.store is None:
            self.summary.setText("History is unavailable (see the notice above).")
            return
        stats = self.store.stats(day_boundary_hour=self.day_starts_hour, today=self.today())
        self.heatmap.set_data(stats.minutes_by_day, self.today())
        streak = f" · {stats.streak_days}-day streak" if self.show_streak else ""
        self.summary.setText(
            f"{plural(stats.total_sessions, 'session')} · "
            f"{plural(round(stats.total_minutes), 'minute')} in all{streak}"
        )
        recent = sorted(stats.weekly_minutes.items())[-8:]
        self.weekly.set_data([(d.strftime("%d %b"), m) for d, m in recent])
        months = sorted(stats.monthly_minutes.items())[-6:]
        self.monthly.set_data([(d.strftime("%b"), m) for d, m in months])
        self.traditions.set_data(sorted(stats.by_tradition.items(), key=lambda kv: -kv[1])[:6])
        self.trend.set_data(stats.tension_before_after)
        self._fill_filters(stats)
        self._fill_table()

    def _fill_filters(self, stats: Any) -> None:
        oldest = min(stats.minutes_by_day, default=self.today())
        for combo, values, any_label in (
            (self.tradition, [(t, t) for t in sorted(stats.by_tradition) if t], "Any family"),
            (self.sequence, self.store.sequences(), "Any sequence"),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_label, None)
            for label, data in values:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        for edit, day in ((self.since, oldest), (self.until, self.today())):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _fill_table(self) -> None:
        if self.store is None:
            return
        records = self.store.sessions(
            since=self.since.date().toPython(),
            until=self.until.date().toPython(),
            tradition=self.tradition.currentData(),
            sequence_id=self.sequence.currentData(),
            limit=PAGE,  # newest first; the filters reach older ones
        )
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            cells = (
                record.started_at.strftime("%Y-%m-%d %H:%M"),
                record.sequence_name,
                clock(round(record.practised_s)),
                STATUS_WORDS.get(record.status, record.status),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, record.id)
                item.setToolTip(text)  # the whole text where a narrow column cuts it
                self.table.setItem(row, column, item)
        if records:
            self.table.selectRow(0)
        else:
            self.detail.setText(
                "No sessions yet. Completed sessions appear here."
                if not self.store.count()
                else "No sessions match."
            )
        self._enable_buttons()

    def selected(self) -> SessionRecord | None:
        items = self.table.selectedItems()
        return self.store.get(items[0].data(ID_ROLE)) if items and self.store else None

    def _show_selected(self) -> None:
        record = self.selected()
        self.detail.setText(record_html(record) if record else "")
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        chosen = bool(self.table.selectedItems())
        for button in (self.note_button, self.duration_button, self.delete_button):
            button.setEnabled(chosen)

    def _emit_selected(self, signal: Any) -> None:
        record = self.selected()
        if record is not None:
            signal.emit(record)

    def _filter_day(self, day: date) -> None:
        for edit in (self.since, self.until):
            edit.setDate(QDate(day.year, day.month, day.day))
        self.tabs.setCurrentIndex(0)

    # -- changes -----------------------------------------------------------------------------
    def save_edit(self, record: SessionRecord) -> None:
        self.store.update(record)
        self.reload()

    def delete_selected(self) -> None:
        record = self.selected()
        if record is None:
            return
        self._undo = self.store.delete(record.id)
        self.undo_label.setText(
            f"Deleted {record.sequence_name} of {record.started_at:%d %b %H:%M}."
        )
        self.undo_bar.show()
        self.reload()

    def undo_delete(self) -> None:
        if self._undo is not None:
            self.store.save(self._undo)
            self._undo = None
        self.undo_bar.hide()
        self.reload()


def import_report(path: Path, bad: list[str], good: int) -> str:
    shown = "\n".join(bad[:12]) + ("\n…" if len(bad) > 12 else "")
    return (
        f"{path.name}: {len(bad)} row(s) cannot be imported:\n\n{shown}\n\n"
        f"Import the {good} good row(s) anyway?"
    )
