"""SessionController: the one QObject between the core engine and every view.

The engine and its cue scheduler do the timing; this adapter re-emits their events as Qt
signals (safe across threads) and runs the repaint timer that views draw from. Views never
keep a countdown of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from somatictimer.audio.scheduler import CueScheduler, Snapshot
from somatictimer.core.describe import segment_title
from somatictimer.core.engine import LIVE, SessionEngine, State
from somatictimer.core.history.outcome import BlockCounts
from somatictimer.core.history.recorder import MIN_SESSION_S, SessionRecorder
from somatictimer.core.history.records import CheckIn, SessionRecord
from somatictimer.core.library import Library
from somatictimer.core.model import Sequence
from somatictimer.core.pacer import BreathPhase, breath_phase_at
from somatictimer.core.timeline import Cue, Segment, Timeline, TimelineOptions, compile_timeline
from somatictimer.figures.motion import FigureFrame, FigureLookup, frame_at

# The big window while the pacer circle or the figure moves: 15 frames a second reads as
# smooth for breath-paced movement (a 5 s inhale grows the circle ~1 px a frame) at three
# quarters of the cost of 20.
ANIMATE_MS = 66
STEADY_MS = 200  # the big window otherwise: digits and the ring arc
SLOW_REPAINT_MS = 1000  # tray and mini window only need the seconds
FIGURE_STEP_MS = ANIMATE_MS  # the figure's own frame step, in session time


@dataclass(frozen=True)
class Frame:
    """Everything a view needs for one repaint."""

    snapshot: Snapshot
    timeline: Timeline
    breath: BreathPhase | None
    next_hold: Segment | None
    figure: FigureFrame | None = None  # the pose figure at this moment


@dataclass(frozen=True)
class Summary:
    """What was practised, for the end screen."""

    sequence: Sequence
    state: State
    practised_s: float
    planned_s: float
    blocks_done: int
    blocks_total: int
    record: SessionRecord | None = None  # as saved to history (None: too short, not saved)
    blocks: BlockCounts | None = None  # practised, shortened, skipped, not reached


class SessionController(QObject):
    """Starts sessions and turns engine events into Qt signals."""

    session_started = Signal(object)  # Sequence
    state_changed = Signal(str)  # State value
    segment_changed = Signal(object)  # Segment
    frame = Signal(object)  # Frame, on every repaint tick
    session_ended = Signal(object)  # Summary
    notice = Signal(str)  # a sentence to show the user
    _engine_state = Signal(str)  # engine thread -> GUI thread
    _engine_segment = Signal(object)
    _engine_autopause = Signal(float)
    _engine_notice = Signal(str)

    def __init__(
        self,
        library: Library,
        fire: Callable[[list[Cue], float], None],
        wake: Callable[[], None] | None = None,
        *,
        clock: Callable[[], float] | None = None,
        threaded: bool = True,
        options: TimelineOptions | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.options = options or TimelineOptions()
        self._fire = fire
        self._wake = wake
        self._clock = clock
        self._threaded = threaded
        self.scheduler: CueScheduler | None = None
        self.sequence: Sequence | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._fast = True
        self._engine_state.connect(self._on_state)
        self._engine_segment.connect(self.segment_changed)
        self._engine_autopause.connect(self._on_autopause)
        self._engine_notice.connect(self.notice)
        self.store: object | None = None  # the HistoryStore, when history is available
        # The history file to try again and the private folders for sessions it cannot take.
        self.keeping: tuple[Path | None, tuple[Path, ...]] = (None, ())
        self.min_session_s = MIN_SESSION_S
        self.recorder: SessionRecorder | None = None
        # Which figure an item shows (set by the app once figures are loaded).
        self.figure_lookup: FigureLookup = lambda pose_id: (None, False)
        self.reduce_motion = False

    # -- commands --------------------------------------------------------------------------
    def start(self, sequence: Sequence, checkin_before: CheckIn | None = None) -> None:
        if self.active:
            self.stop()
        timeline = compile_timeline(
            sequence, self.library.poses, self.library.breaths, self.options
        )
        engine = SessionEngine(timeline, clock=self._clock)
        engine.state_did_change.connect(lambda old, new: self._engine_state.emit(new.value))
        engine.segment_did_start.connect(self._engine_segment.emit)
        engine.session_did_autopause.connect(self._engine_autopause.emit)
        self.recorder = SessionRecorder(
            self.store,
            engine,
            self.library,
            source="app",
            min_session_s=self.min_session_s,
            on_problem=self._engine_notice.emit,
            in_background=self._threaded,  # checkpoints never wait on the cue thread
            history_file=self.keeping[0],
            unsaved=self.keeping[1],
        )
        self.recorder.checkin_before = checkin_before
        self.scheduler = CueScheduler(
            engine, self._fire, wake=self._wake, clock=self._clock, on_step=self.recorder.tick
        )
        self.sequence = sequence
        self.session_started.emit(sequence)
        self.scheduler.start(threaded=self._threaded)
        self._timer.start(STEADY_MS if self._fast else SLOW_REPAINT_MS)
        self.refresh()

    def toggle_pause(self) -> None:
        if self.scheduler:
            self.scheduler.toggle_pause()
            self.refresh()

    def pause(self) -> None:
        self._command("pause")

    def resume(self) -> None:
        self._command("resume")

    def skip(self) -> None:
        self._command("skip")

    def back(self) -> None:
        self._command("back")

    def extend(self) -> None:
        self._command("extend")

    def stop(self) -> None:
        self._command("stop")

    def _command(self, name: str) -> None:
        if self.scheduler is not None and self.scheduler.engine.state in LIVE:
            getattr(self.scheduler, name)()
            self.refresh()

    # -- reading ---------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.scheduler is not None and self.scheduler.engine.state in LIVE

    @property
    def state(self) -> State:
        return self.scheduler.engine.state if self.scheduler else State.IDLE

    def current_frame(self) -> Frame | None:
        if self.scheduler is None:
            return None
        snapshot = self.scheduler.snapshot()
        timeline = self.scheduler.engine.timeline
        position_ms = snapshot.position_s * 1000
        breath = breath_phase_at(timeline, position_ms)
        # The figure moves in steps of FIGURE_STEP_MS of the session (15 a second): smooth
        # for breath-paced movement, and a step that has not changed is not drawn again.
        figure_at = position_ms - position_ms % FIGURE_STEP_MS
        figure = frame_at(timeline, figure_at, self.figure_lookup, reduce_motion=self.reduce_motion)
        following = timeline.next_hold(snapshot.segment.index)
        return Frame(snapshot, timeline, breath, following, figure)

    def set_fast_repaint(self, fast: bool) -> None:
        """Fast while the big player is visible; slow when only tray or mini window show."""
        self._fast = fast
        if self._timer.isActive():
            self._timer.setInterval(STEADY_MS if fast else SLOW_REPAINT_MS)

    def refresh(self) -> None:
        """One repaint tick (driven by the timer; tests call it after moving the clock)."""
        if self.scheduler is None:
            return
        if not self._threaded:
            self.scheduler.step()
        frame = self.current_frame()
        if frame is not None:
            self._pace_timer(frame)
            self.frame.emit(frame)

    def _pace_timer(self, frame: Frame) -> None:
        """Repaint only as often as something on screen moves (CPU time is battery)."""
        if not self._timer.isActive():
            return
        if self._fast:
            breath = frame.breath
            moving = breath is not None and breath.kind.value in ("inhale", "exhale")
            moving = moving or (frame.figure is not None and frame.figure.moving)
            interval = ANIMATE_MS if moving else STEADY_MS
        else:  # tray / mini window: wake just after the displayed second changes
            fraction = frame.snapshot.segment_remaining_s % 1.0
            interval = min(SLOW_REPAINT_MS, max(20, round(fraction * 1000) + 15))
            if frame.snapshot.state is State.PAUSED:
                interval = SLOW_REPAINT_MS
        if self._timer.interval() != interval:
            self._timer.setInterval(interval)

    # -- engine events (GUI thread) ----------------------------------------------------------
    def _on_state(self, value: str) -> None:
        self.state_changed.emit(value)
        state = State(value)
        if state in (State.FINISHED, State.STOPPED) and self.scheduler and self.sequence:
            self._timer.stop()
            self.refresh()
            engine = self.scheduler.engine
            holds = engine.timeline.holds
            record = self.recorder.finish() if self.recorder else None
            done = self.recorder.blocks_practised() if self.recorder else 0
            blocks = self.recorder.block_counts() if self.recorder else None
            self.session_ended.emit(
                Summary(
                    self.sequence,
                    state,
                    engine.practised_s,
                    engine.timeline.practice_s,
                    done,
                    len(holds),
                    record,
                    blocks,
                )
            )

    def _on_autopause(self, gap_s: float) -> None:
        minutes = max(1, round(gap_s / 60))
        self.notice.emit(
            f"Paused: the computer was asleep for about {minutes} min. Press Space to go on."
        )


def frame_status(frame: Frame | None, library: Library) -> dict[str, object]:
    """The running session as plain data, for `somatictimer status --json`."""
    if frame is None:
        return {"state": "idle", "sequence": None}
    snapshot, segment = frame.snapshot, frame.snapshot.segment
    return {
        "state": snapshot.state.value,
        "sequence": frame.timeline.sequence.name,
        "sequence_id": frame.timeline.sequence.id,
        "segment": segment.kind.value,
        "step": segment_title(segment, library),
        "side": segment.side.value,
        "position_s": round(snapshot.position_s, 3),
        "segment_remaining_s": round(snapshot.segment_remaining_s, 3),
        "remaining_s": round(snapshot.total_s - snapshot.position_s, 3),
        "total_s": snapshot.total_s,
    }
