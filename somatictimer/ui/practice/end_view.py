"""The end screen: what was practised, the after check-in, a note, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import clock, plural
from somatictimer.core.engine import State
from somatictimer.core.history.outcome import blocks_text
from somatictimer.core.history.records import CheckIn, SessionRecord
from somatictimer.figures.motion import FigureLookup
from somatictimer.ui.figures.figure_strip import FigureStrip
from somatictimer.ui.history.checkin_view import CheckInView
from somatictimer.ui.practice.session import Summary


def summary_text(summary: Summary) -> tuple[str, str]:
    """(headline, details) for the end screen."""
    practised = clock(round(summary.practised_s))
    blocks = summary.blocks
    completed = blocks.completed if blocks is not None else summary.state is State.FINISHED
    if completed:
        headline = "Well done."
        details = f"You practised {summary.sequence.name} for {practised}."
    else:
        # Reached the end by skipping, or stopped: say how much of the plan was practised.
        headline = "Session finished." if summary.state is State.FINISHED else "Session ended."
        details = (
            f"You practised {summary.sequence.name} for {practised} of {clock(summary.planned_s)}."
        )
    if blocks is None:
        details += f" {summary.blocks_done} of {plural(summary.blocks_total, 'pose')}."
    else:
        details += f" {blocks_text(blocks)}."
    return headline, details


class _Column(QWidget):
    """The end screen's scrolled column. Its wrapped texts make its height depend on its
    width, and Qt can leave such a layout at the height it had before the scroll area
    resized it (the buttons then hang below the end): it is laid out again on every resize."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        layout = self.layout()
        if layout is not None:
            layout.activate()
            layout.setGeometry(self.rect())


class EndView(QWidget):
    """Shown when a session finishes or is stopped."""

    save = Signal(str, object)  # note, CheckIn | None (after)
    save_short = Signal()  # keep a session shorter than the minimum after all
    again_clicked = Signal()
    library_clicked = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, figure_for: FigureLookup | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Session summary")
        self._figure_for = figure_for or (lambda pose_id: (None, False))
        self.strip = FigureStrip()  # the poses of the session, at a glance
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setWeight(QFont.Weight.DemiBold)
        self.headline.setFont(font)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.short = QLabel()
        self.short_button = QPushButton("Save it anyway")
        self.short_button.clicked.connect(self.save_short.emit)
        self.checkin = CheckInView()
        self.checkin.set_mode("after")
        self.checkin.embed()  # the end screen's note and buttons stand in for its own
        self.checkin.map.setMaximumHeight(360)  # leaves the note and Save in view at 768 px
        self._checkin_wanted = False
        self.prompt = QLabel("A note for later (optional):")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Session note")
        self.note.setPlaceholderText("e.g. left hip tighter than right; shoulders softer")
        self.note.setMaximumHeight(64)
        self.prompt.setBuddy(self.note)
        self.saved = QLabel()
        self.saved.setObjectName("savedLabel")
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("startButton")
        self.save_button.clicked.connect(self._save)
        again = QPushButton("Practise again")
        again.clicked.connect(self.again_clicked.emit)
        library = QPushButton("Back to library")
        library.clicked.connect(self.library_clicked.emit)
        short_row = QHBoxLayout()
        short_row.addWidget(self.short, 1)
        short_row.addWidget(self.short_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved)
        buttons.addStretch(1)
        buttons.addWidget(again)
        buttons.addWidget(library)
        content = _Column()
        scroll = QScrollArea()  # a small window scrolls; nothing is cut off
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(40, 28, 40, 20)
        layout.setSpacing(10)
        layout.addWidget(self.headline)
        layout.addWidget(self.strip)
        layout.addWidget(self.details)
        layout.addLayout(short_row)
        layout.addWidget(self.checkin, 1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        # Without the check-in (a short session, or turned off) the rest stays together at
        # the top instead of spreading over the page.
        layout.addStretch(0)

    def show_summary(self, summary: Summary, *, checkin: bool, min_session_s: float) -> None:
        headline, details = summary_text(summary)
        self.headline.setText(headline)
        self.details.setText(details)
        steps = [(self._figure_for(step.pose), step.pose) for step in summary.sequence.steps]
        self.strip.set_figures(
            [found for found, _ in steps if found[0] is not None],  # type: ignore[misc]
            [pose_id for found, pose_id in steps if found[0] is not None],
        )
        too_short = summary.record is None
        self.short.setText(
            f"Shorter than {clock(min_session_s)}, so not saved to history." if too_short else ""
        )
        self.short.setVisible(too_short)
        self.short_button.setVisible(too_short)
        self._checkin_wanted = checkin
        self.checkin.load({}, None, "")
        self.checkin.set_before(summary.record.checkin_before if summary.record else None)
        self.note.clear()
        self.saved.clear()
        self._offer_saving(not too_short)

    def _offer_saving(self, offered: bool) -> None:
        """The check-in, the note and Save only for a session that is in history."""
        self.checkin.setVisible(self._checkin_wanted and offered)
        for widget in (self.prompt, self.note, self.save_button, self.saved):
            widget.setVisible(offered)
        self.save_button.setEnabled(offered)
        if self.checkin.isVisibleTo(self):
            self.checkin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save(self) -> None:
        tension, calm, _ = self.checkin.result()  # its own note is hidden: one note
        rated = bool(tension) or calm is not None
        after = CheckIn(tension, calm) if self.checkin.isVisible() and rated else None
        self.save.emit(self.note.toPlainText().strip(), after)

    def note_saved(self, message: str, ok: bool) -> None:
        self.saved.setText(message)
        self.save_button.setEnabled(not ok)

    def now_saved(self, record: SessionRecord | None = None) -> None:
        """The short session was kept after all: offer the check-in and note."""
        self.short.setVisible(False)
        self.short_button.setVisible(False)
        self.checkin.set_before(record.checkin_before if record else None)
        self._offer_saving(True)
