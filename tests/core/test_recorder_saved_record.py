"""What the recorder saves for a session: every second of the first pose, times to the
millisecond, where it came from, when it ended, what counts as practised, and what happens
when there is no history to save to or the end screen edits the session."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from somatictimer.core.engine import SessionEngine
from somatictimer.core.history.recorder import SessionRecorder
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library import Library, load_library
from somatictimer.core.model import Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence
from tests.core.test_engine import FakeClock
from tests.core.test_history_helpers import CET

LIBRARY = load_library([[builtin_library_dir()]]).library
START = datetime(2026, 11, 20, 7, 30, tzinfo=CET)


class Run:
    """One session (no get-ready) on a fake clock, with a wall clock that moves with it."""

    def __init__(
        self,
        *steps: Step,
        store: object | None = None,
        library: Library = LIBRARY,
        source: str = "app",
    ) -> None:
        self.clock = FakeClock()
        self.elapsed_s = 0.0
        timeline = compile_timeline(sequence(*steps, prep_s=0), LIBRARY.poses, LIBRARY.breaths)
        self.engine = SessionEngine(timeline, clock=self.clock, suspend_gap_s=None)
        self.recorder = SessionRecorder(
            store, self.engine, library, source=source, now=self.wall, min_session_s=0
        )
        self.engine.start()

    def wall(self) -> datetime:
        return START + timedelta(seconds=self.elapsed_s)

    def advance(self, seconds: float, tick_s: float = 0.5) -> None:
        while seconds > 1e-9:
            step = min(tick_s, seconds)
            self.clock.advance(step)
            self.elapsed_s += step
            seconds -= step
            self.engine.poll()
            self.recorder.tick()


def test_with_no_get_ready_the_first_pose_keeps_every_second(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    run = Run(Step("bound-angle", hold_s=60), store=store)
    run.advance(20)
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None
    assert (record.practised_s, record.steps[0].actual_s) == (20.0, 20.0)
    assert store.get(record.id) == record


def test_practised_and_step_times_are_kept_to_the_millisecond() -> None:
    run = Run(Step("bound-angle", hold_s=60))
    run.advance(20.25)
    run.advance(0.0006)  # a fraction of a millisecond more: the nearest millisecond
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None
    assert (record.practised_s, record.steps[0].actual_s) == (20.251, 20.251)


def test_a_terminal_session_is_saved_as_from_the_terminal(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    run = Run(Step("bound-angle", hold_s=60), store=store, source="terminal")
    run.advance(10)
    assert [c.source for c in store.checkpoints()] == ["terminal"]
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None
    saved = store.get(record.id)
    assert saved is not None and saved.source == "terminal"


def test_a_session_and_each_checkpoint_end_at_the_wall_clock_pauses_included(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    run = Run(Step("bound-angle", hold_s=60), store=store)
    run.advance(25)
    run.engine.pause()
    run.advance(600)  # ten minutes' pause: wall time goes on, practice does not
    (checkpoint,) = store.checkpoints()  # the last one, written at 24.5 s of practice
    assert checkpoint.ended_at == START + timedelta(seconds=24.5)
    run.engine.resume()
    run.advance(2)
    (checkpoint,) = store.checkpoints()  # a crash now ends the session now, pause included
    assert checkpoint.ended_at == START + timedelta(seconds=626)
    run.advance(8)
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None
    assert record.started_at == START
    assert record.ended_at == START + timedelta(seconds=635)
    assert record.practised_s == 35.0


def test_poses_missing_from_the_library_are_saved_with_empty_names(tmp_path: Path) -> None:
    """The session's poses are gone from the library the recorder was given (an edited
    library file, an ad-hoc pose): the session is still saved, just without names."""
    store = HistoryStore(tmp_path / "h.sqlite3")
    run = Run(Step("bound-angle", hold_s=60), store=store, library=Library())
    run.advance(30)
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None
    assert [(s.pose_id, s.pose_name) for s in record.steps] == [("bound-angle", "")]
    assert record.tradition == ""
    assert store.get(record.id) == record


def test_a_pose_short_of_half_its_time_and_one_never_reached_are_not_practised() -> None:
    ten_minutes_then_two_seconds = (Step("bound-angle", hold_s=600), Step("bound-angle", hold_s=2))
    short = Run(*ten_minutes_then_two_seconds)
    short.advance(299.8)  # 4:59.8 of a 10:00 hold
    short.engine.stop()
    short.recorder.tick()
    assert short.recorder.blocks_practised() == 0
    half = Run(*ten_minutes_then_two_seconds)
    half.advance(300)
    half.engine.stop()
    half.recorder.tick()
    assert half.recorder.blocks_practised() == 1


def test_without_a_history_the_finished_session_waits_in_memory() -> None:
    run = Run(Step("bound-angle", hold_s=60), store=None)
    run.advance(70)
    run.engine.stop()
    record = run.recorder.finish()
    assert record is not None and run.recorder.pending == record
    assert not run.recorder.retry()
    assert run.recorder.pending == record


def test_notes_added_on_the_end_screen_replace_the_saved_session(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    run = Run(Step("bound-angle", hold_s=60), store=store)
    run.advance(70)
    record = run.recorder.finish()
    assert record is not None and record.status == "completed"
    amended = replace(record, notes="hips softer")
    run.recorder.amend(amended)
    assert store.sessions() == [amended] and run.recorder.pending is None
