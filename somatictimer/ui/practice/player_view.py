"""The Practice page: what to do now, how long is left, how to breathe, what comes next."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import clock, countdown, whole_seconds_left
from somatictimer.core.engine import State
from somatictimer.core.library import Library
from somatictimer.core.library.cautions import BY_ID as CAUTIONS_BY_ID
from somatictimer.core.now_showing import now_showing
from somatictimer.core.pacer import rep_at
from somatictimer.core.timeline import Segment, SegmentKind
from somatictimer.ui.figures.figure_view import FigureView
from somatictimer.ui.practice.pacer_widget import PacerWidget
from somatictimer.ui.practice.progress import RingTimer, SequenceProgress
from somatictimer.ui.practice.session import Frame
from somatictimer.ui.practice.ticking_label import TickingLabel
from somatictimer.ui.shell.icons import set_themed_icon

BREATHWORK = "breathwork"  # the family whose steps are breathing practice
NARROW_WINDOW = 900  # below this window width the buttons with icons show only their icons


class PlayerView(QWidget):
    """Big, calm and legible from the mat; every value comes from the current Frame."""

    pause_clicked = Signal()
    skip_clicked = Signal()
    back_clicked = Signal()
    extend_clicked = Signal()
    stop_clicked = Signal()
    mute_clicked = Signal()
    compact_clicked = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setAccessibleName("Practice")
        self.title = QLabel()
        self.title.setObjectName("poseTitle")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Current pose")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.side = QLabel()
        self.side.setObjectName("sideBadge")
        self.side.setAccessibleName("Side")
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setAccessibleName("Announcement")
        self.figure = FigureView()
        self.ring = RingTimer()
        self.pacer = PacerWidget()
        for widget in (self.figure, self.ring, self.pacer):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            widget.paint_own_background()
        self.cue = QLabel()
        self.cue.setWordWrap(True)
        self.cue.setObjectName("cueText")
        self.cue.setTextFormat(Qt.TextFormat.RichText)  # the step note is in italics
        self.cue.setAccessibleName("Cue")
        self.cue.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.take_care = QLabel()
        self.take_care.setWordWrap(True)
        self.take_care.setObjectName("takeCare")
        self.take_care.setAccessibleName("Take care")
        self.take_care.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.reps = TickingLabel("Rep 00 of 00")
        self.reps.setObjectName("repCounter")
        self.reps.setAccessibleName("Rep")
        big = self.reps.font()
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setWeight(QFont.Weight.DemiBold)
        self.reps.setFont(big)
        self.breath_move = QLabel()
        self.breath_move.setObjectName("breathMove")
        self.breath_move.setAccessibleName("Breath and movement")
        self.breath_move.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.breath_move.setWordWrap(True)
        self.profile: frozenset[str] = frozenset()
        self.next_label = QLabel()
        self.next_label.setObjectName("nextLabel")
        self.next_label.setAccessibleName("Next")
        self.progress = SequenceProgress()
        self.progress.paint_own_background()
        self.overall = TickingLabel("0:00:00 / 0:00:00", muted=True)
        self.overall.setObjectName("overallTime")
        self.overall.setAccessibleName("Overall time")
        self.long_rest = False  # a long rest is under way: the window may dim
        self._breathing: bool | None = None  # the pacer has the centre
        self._build_layout()
        self._marks_for: int | None = None
        self._paused_shown = False
        self._texts_for: tuple[object, ...] | None = None

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.side, 0, Qt.AlignmentFlag.AlignTop)
        middle = self.middle = QHBoxLayout()
        middle.setSpacing(24)
        middle.addWidget(self.figure, 3)
        self._ring_column = self._under(self.ring, self.reps)
        self._pacer_column = self._under(self.pacer, self.breath_move)
        middle.addLayout(self._ring_column, 4)
        middle.addLayout(self._pacer_column, 3)
        footer = QHBoxLayout()
        footer.addWidget(self.progress, 1)
        footer.addWidget(self.overall)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        pix = QStyle.StandardPixmap
        self.back_button = self._button(
            "Back",
            pix.SP_MediaSkipBackward,
            "Back to the start of this pose (Left)",
            self.back_clicked,
        )
        self.pause_button = self._button(
            "Pause", pix.SP_MediaPause, "Pause or resume (Space)", self.pause_clicked
        )
        self.skip_button = self._button(
            "Skip", pix.SP_MediaSkipForward, "Skip to the next pose (Right)", self.skip_clicked
        )
        self.extend_button = self._button(
            "+30 s", None, "Hold this pose 30 s longer (+)", self.extend_clicked
        )
        self.stop_button = self._button(
            "Stop", pix.SP_MediaStop, "End the session (Esc)", self.stop_clicked
        )
        self.mute_button = self._button(
            "Mute", pix.SP_MediaVolume, "Mute or unmute the cues (M)", self.mute_clicked
        )
        self.compact_button = self._button(
            "Compact",
            pix.SP_TitleBarNormalButton,
            "Small always-on-top timer (F)",
            self.compact_clicked,
        )
        # "Pause" and "Resume" take one width: the row never shifts when one becomes the other.
        self.pause_button.setText("Resume")
        self.pause_button.setMinimumWidth(self.pause_button.sizeHint().width())
        self.pause_button.setText("Pause")
        # Words that give way to the icon alone in a narrow window (tooltips keep them).
        self._words = {
            b: b.text()
            for b in (
                self.back_button,
                self.skip_button,
                self.stop_button,
                self.mute_button,
                self.compact_button,
            )
        }
        self._narrow = False
        self.buttons.addStretch(1)
        for button in (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.extend_button,
            self.stop_button,
        ):
            self.buttons.addWidget(button)
        self.buttons.addSpacing(24)
        self.buttons.addWidget(self.mute_button)
        self.buttons.addWidget(self.compact_button)
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 20)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addWidget(self.cue)
        layout.addWidget(self.take_care)
        layout.addWidget(self.next_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(footer)
        layout.addLayout(self.buttons)

    @staticmethod
    def _under(big: QWidget, words: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(big, 1)
        column.addWidget(words)
        return column

    def set_profile(self, profile: frozenset[str]) -> None:
        """Ticked caution flags: a hold that touches one shows what to take care with."""
        self.profile = profile
        self._texts_for = None

    def _button(
        self, text: str, icon: QStyle.StandardPixmap | None, tip: str, signal: SignalInstance
    ) -> QPushButton:
        button = QPushButton(text)
        if icon is not None:
            set_themed_icon(button, icon)  # light on a dark theme
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setAccessibleDescription(tip)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space stays the pause key
        button.clicked.connect(signal.emit)
        return button

    def set_muted(self, muted: bool) -> None:
        self._words[self.mute_button] = "Unmute" if muted else "Mute"
        self.mute_button.setAccessibleName(self._words[self.mute_button])
        self.mute_button.setText("" if self._narrow else self._words[self.mute_button])
        pix = QStyle.StandardPixmap
        set_themed_icon(self.mute_button, pix.SP_MediaVolumeMuted if muted else pix.SP_MediaVolume)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.window().installEventFilter(self)  # the window's width decides the layout
        self._fit_to_window()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window() and event.type() == QEvent.Type.Resize:
            self._fit_to_window()
        return False

    def _fit_to_window(self) -> None:
        """A narrow window (800 px) keeps every control in one row: icons without their
        words, and narrower margins."""
        narrow = self.window().width() < NARROW_WINDOW
        if narrow == self._narrow:
            return
        self._narrow = narrow
        for button, words in self._words.items():
            button.setText("" if narrow else words)
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(*((16, 16, 16, 12) if narrow else (32, 24, 32, 20)))

    def show_frame(self, frame: Frame) -> None:
        snapshot, segment = frame.snapshot, frame.snapshot.segment
        timeline = frame.timeline
        if self._marks_for != id(timeline):  # step marks change only with the timeline
            self._marks_for = id(timeline)
            total = timeline.total_ms or 1
            self.progress.set_marks([h.start_ms / total for h in timeline.holds])
        self.progress.set_progress(
            snapshot.position_s / snapshot.total_s if snapshot.total_s else 0.0
        )
        remaining = snapshot.segment_remaining_s
        self.ring.set_time(remaining, segment.duration_ms / 1000, countdown(remaining))
        self._show_breath(frame)
        self.figure.set_frame(frame.figure)  # moves with the breath: every frame
        # Words change at most once a second: between those, only the shapes above move.
        key = (
            segment.index,
            whole_seconds_left(remaining),
            round(snapshot.position_s),
            snapshot.state,
            id(timeline),
        )
        if key == self._texts_for:
            return
        self._texts_for = key
        self.overall.setText(f"{clock(round(snapshot.position_s))} / {clock(snapshot.total_s)}")
        self._show_what(frame, segment)
        paused = snapshot.state is State.PAUSED
        if self._paused_shown != paused:
            self._paused_shown = paused
            for shape in (self.figure, self.ring, self.pacer):
                shape.set_dimmed(paused)  # everything that moves stands still, and looks it
            # "Paused" large enough to read from the mat (#banner[paused="true"] in the style).
            self.banner.setProperty("paused", paused)
            self.banner.style().unpolish(self.banner)
            self.banner.style().polish(self.banner)
            self.pause_button.setText("Resume" if paused else "Pause")
            set_themed_icon(
                self.pause_button,
                QStyle.StandardPixmap.SP_MediaPlay
                if paused
                else QStyle.StandardPixmap.SP_MediaPause,
            )

    def _show_breath(self, frame: Frame) -> None:
        if frame.breath is not None:  # the same breath cues the audio plays
            position_ms = frame.snapshot.position_s * 1000
            self.pacer.set_phase(
                frame.breath.kind.value,
                frame.breath.progress(position_ms),
                frame.breath.remaining_s(position_ms),
            )
        else:
            self.pacer.set_phase(None, 0.0, 0.0)
        move = ""
        if frame.breath is not None and frame.breath.move:
            move = f"{frame.breath.word} · {frame.breath.move}"
        if self.breath_move.text() != move:
            self.breath_move.setText(move)
        segment = frame.snapshot.segment
        rep = rep_at(segment, frame.snapshot.position_s * 1000)
        reps = f"Rep {rep[0]} of {rep[1]}" if rep else ""
        if self.reps.text() != reps:
            self.reps.setText(reps)
            self.reps.setAccessibleDescription(f"rep {rep[0]} of {rep[1]}" if rep else "")

    def _show_what(self, frame: Frame, segment: Segment) -> None:
        position_ms = frame.snapshot.position_s * 1000
        showing = now_showing(
            frame.timeline, segment, frame.snapshot.state, self.library, position_ms
        )
        self.long_rest = showing.long_rest
        held = showing.figure if segment.kind is SegmentKind.HOLD else None
        self._set_breathing(held is not None and held.tradition == BREATHWORK)
        self.title.setText(showing.title)
        self.side.setText(showing.side)
        self.banner.setText(showing.banner)
        if showing.figure is not None:
            note = f"<br><i>{html.escape(showing.note)}</i>" if showing.note else ""
            self.cue.setText(html.escape(showing.cue) + note)
        flags = tuple(f for f in held.cautions if f in self.profile) if held else ()
        self.take_care.setText(take_care_line(flags))
        self.next_label.setText(showing.next_line)

    def _set_breathing(self, breathing: bool) -> None:
        """On a breathing step the pacer takes the centre and most of the room; the figure
        and the ring step aside."""
        if breathing == self._breathing:
            return
        self._breathing = breathing
        middle = self.middle
        middle.removeItem(self._ring_column)
        middle.removeItem(self._pacer_column)
        if breathing:
            middle.insertLayout(1, self._pacer_column, 6)
            middle.insertLayout(2, self._ring_column, 2)
            middle.setStretch(0, 2)
        else:
            middle.insertLayout(1, self._ring_column, 4)
            middle.insertLayout(2, self._pacer_column, 3)
            middle.setStretch(0, 3)

    def breathing_layout(self) -> bool:
        return bool(self._breathing)


def take_care_line(flags: tuple[str, ...]) -> str:
    """One line per ticked flag the pose touches: its name and the first sentence to heed."""
    lines = []
    for flag in flags:
        caution = CAUTIONS_BY_ID.get(flag)
        if caution is not None:
            first = caution.avoid.split(". ")[0].rstrip(".")
            lines.append(f"⚠ {caution.short}: {first}.")
    return "<br>".join(html.escape(line) for line in lines)
