"""Behaviour a person would notice, each guarded once: pauses saved, the back grace edge,
left-first poses, per-step practised time after skip and +30 s, limits the library refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.engine import BACK_GRACE_MS, SessionEngine, State
from somatictimer.core.history.recorder import SessionRecorder
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library import load_library
from somatictimer.core.model import CueKind, Side, Sides, Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock, make_engine

LIBRARY = load_library([[builtin_library_dir()]]).library


def _play(
    engine: SessionEngine, clock: FakeClock, recorder: SessionRecorder, seconds: float
) -> None:
    """Half-second polls, as the scheduler thread does."""
    for _ in range(round(seconds * 2)):
        clock.advance(0.5)
        engine.poll()
        recorder.tick()


def _session(*steps: Step, suspend_gap_s: float | None = None, **kwargs):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    timeline = compile_timeline(sequence(*steps, **kwargs), LIBRARY.poses, LIBRARY.breaths)
    engine = SessionEngine(timeline, clock=clock, suspend_gap_s=suspend_gap_s)
    return engine, clock


def test_history_saves_a_manual_pause_and_a_sleep_as_two_pauses(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, clock = _session(Step("bound-angle", hold_s=60), prep_s=0, suspend_gap_s=5)
    recorder = SessionRecorder(store, engine, LIBRARY)
    engine.start()
    _play(engine, clock, recorder, 10)
    engine.pause()
    clock.advance(20)
    engine.resume()
    _play(engine, clock, recorder, 10)
    clock.advance(600)  # the lid was closed for ten minutes
    engine.poll()
    assert engine.state is State.PAUSED
    engine.resume()
    _play(engine, clock, recorder, 41)
    record = recorder.finish()
    assert record is not None and record.status == "completed"
    (saved,) = store.sessions()
    assert saved.pauses == 2
    assert saved.practised_s == pytest.approx(60, abs=0.5)  # neither pause nor sleep counted


def test_back_within_two_seconds_goes_to_the_previous_pose_and_at_two_restarts_this_one() -> None:
    poses = {"a": pose("a", hold_s=30), "b": pose("b", hold_s=30)}
    engine, clock = make_engine(Step("a"), Step("b"), poses=poses, prep_s=0, transition_s=0)
    engine.start()
    clock.advance(30 + (BACK_GRACE_MS - 1) / 1000)  # 1.999 s into "b"
    engine.poll()
    engine.back()
    assert engine.segment.pose_id == "a" and engine.position_ms == 0
    clock.advance(30 + BACK_GRACE_MS / 1000)  # exactly 2.000 s into "b"
    engine.poll()
    assert engine.segment.pose_id == "b"
    engine.back()
    assert engine.segment.pose_id == "b" and engine.position_ms == 30_000


def test_a_left_first_per_side_pose_runs_left_then_right() -> None:
    poses = {"twist": pose("twist", sides=Sides.PER_SIDE, hold_s=20, first_side=Side.LEFT)}
    timeline = compile_timeline(sequence(Step("twist"), prep_s=0), poses, BREATHS)
    assert [h.side for h in timeline.holds] == [Side.LEFT, Side.RIGHT]
    (switch,) = [c for c in timeline.cues if c.kind is CueKind.SWITCH_SIDE]
    assert switch.side is Side.RIGHT and switch.at_ms == 20_000
    starts = [c.side for c in timeline.cues if c.kind is CueKind.STEP_START]
    assert starts == [Side.LEFT, Side.RIGHT]


def test_each_step_records_the_seconds_practised_after_skip_and_thirty_more(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, clock = _session(
        Step("bound-angle", hold_s=40),
        Step("low-lunge", hold_s=30),
        Step("corpse-pose", hold_s=20),
        prep_s=0,
        transition_s=0,
    )
    recorder = SessionRecorder(store, engine, LIBRARY, min_session_s=0)
    engine.start()
    _play(engine, clock, recorder, 10)
    engine.skip()  # bound angle after 10 s
    _play(engine, clock, recorder, 5)
    engine.extend()  # low lunge right: 60 s now
    _play(engine, clock, recorder, 55 + 30 + 20)
    record = recorder.finish()
    assert record is not None
    actual = [(s.pose_id, s.side, s.planned_s, round(s.actual_s)) for s in record.steps]
    assert actual == [
        ("bound-angle", "none", 40, 10),
        ("low-lunge", "right", 30, 60),
        ("low-lunge", "left", 30, 30),
        ("corpse-pose", "none", 20, 20),
    ]
    assert round(record.practised_s) == 120


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            '{ pose = "bound-angle", side = "left" }',
            'steps[1].side: expected no side: "bound-angle" is not a per-side pose',
        ),
        (
            '{ pose = "bound-angle", hold_s = 7201 }',
            "steps[1].hold_s: expected seconds > 0 and <= 7200, found 7201",
        ),
        (
            '{ pose = "cat-cow", reps = 1000, rep_s = 600 }',
            "steps[1]: expected a block of at most 7200 s, found 600000 s",
        ),
    ],
)
def test_the_library_refuses_a_side_on_a_symmetric_pose_and_steps_over_two_hours(
    tmp_path: Path, step: str, message: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        f'schema = 1\n\n[[sequence]]\nid = "mine"\nname = "Mine"\nsteps = [\n  {step},\n]\n'
    )
    result = load_library([[builtin_library_dir()], [path]])
    (problem,) = result.problems
    assert str(problem).startswith(f"{path}:7: sequence.mine.{message}")
    assert "mine" not in result.library.sequences


def _two_holds():  # type: ignore[no-untyped-def]
    poses = {"a": pose("a", hold_s=30), "b": pose("b", hold_s=30)}
    return make_engine(Step("a"), Step("b"), poses=poses, prep_s=10, transition_s=5)


def test_back_from_each_place_lands_where_a_person_expects() -> None:
    engine, clock = _two_holds()  # prep 0-10, a 10-40, change 40-45, b 45-75
    engine.start()
    clock.advance(5)  # in the get-ready countdown: back restarts the countdown
    engine.poll()
    engine.back()
    assert engine.position_ms == 0 and engine.state is State.PREP
    clock.advance(11)  # 1 s into the first pose, nothing earlier to go to: its start again
    engine.poll()
    engine.back()
    assert engine.position_ms == 10_000
    clock.advance(32)  # in the change after "a": back to the start of "a"
    engine.poll()
    assert engine.segment.kind.value == "transition"
    engine.back()
    assert engine.position_ms == 10_000 and engine.segment.pose_id == "a"
    engine.skip()
    clock.advance(1)  # 1 s into "b": the grace period takes it back to "a"
    engine.poll()
    engine.back()
    assert engine.segment.pose_id == "a"


def test_cues_replay_after_back_but_skipped_cues_never_sound() -> None:
    engine, clock = _two_holds()
    engine.start()
    skipped: list[tuple[int, int]] = []
    engine.cues_were_skipped.connect(lambda start, end: skipped.append((start, end)))
    clock.advance(15)
    engine.poll()
    engine.back()  # back to the start of "a": its start cue sounds again
    assert [c.kind for c in engine.poll()] == [CueKind.STEP_START]
    assert skipped == []
    engine.skip()
    assert skipped == [(10_001, 45_000)]


def test_stop_works_from_every_live_state_and_keeps_the_position() -> None:
    for before in ("idle", "prep", "running", "paused"):
        engine, clock = _two_holds()
        if before != "idle":
            engine.start()
            clock.advance(5 if before == "prep" else 20)
            engine.poll()
        if before == "paused":
            engine.pause()
            clock.advance(100)
        position = engine.position_ms
        clock.advance(3)
        engine.stop()
        assert engine.state is State.STOPPED, before
        clock.advance(50)
        assert engine.position_ms == (
            position if before == "paused" else position + 3000 * (before != "idle")
        )
        engine.stop()  # a second stop changes nothing
        assert engine.state is State.STOPPED


def test_every_pause_is_counted_and_a_late_last_poll_adds_no_practice() -> None:
    engine, clock = _two_holds()
    engine.start()
    for _ in range(3):
        clock.advance(4)
        engine.poll()
        engine.pause()
        clock.advance(10)
        engine.resume()
    assert engine.pauses == 3
    clock.advance(75 - 12 + 3)  # the last poll comes 3 s after the end
    engine.poll()
    # 75 s of timeline, less its 10 s get-ready countdown: 65 s of practice.
    assert engine.state is State.FINISHED and engine.practised_s == 65.0


def test_the_get_ready_countdown_is_not_practice_even_when_paused_or_replayed() -> None:
    engine, clock = _two_holds()  # prep 0-10, a 10-40, change 40-45, b 45-75
    engine.start()
    clock.advance(6)
    engine.pause()
    clock.advance(30)  # a long pause inside the countdown
    engine.resume()
    clock.advance(4)  # the countdown ends: a begins
    engine.poll()
    assert engine.practised_s == 0.0
    clock.advance(12)
    engine.poll()
    assert engine.practised_s == 12.0
    engine.back()  # 12 s into a: back restarts a, not the countdown
    clock.advance(3)
    assert engine.practised_s == 15.0
    engine.skip()  # on to b
    clock.advance(30)
    engine.poll()
    assert engine.state is State.FINISHED and engine.practised_s == 45.0


class SleepClock:
    """The monotonic clock and the machine's time asleep, moved by hand."""

    def __init__(self) -> None:
        self.now, self.asleep = 1_000.0, 0.0

    def busy(self, seconds: float) -> None:  # the thread was blocked: awake all along
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.asleep += seconds


def test_a_poll_held_up_by_a_slow_save_is_not_a_suspend_where_the_clock_knows_sleep() -> None:
    poses = {"a": pose("a", hold_s=60)}
    timeline = compile_timeline(sequence(Step("a"), prep_s=0), poses, BREATHS)
    clock = SleepClock()
    engine = SessionEngine(timeline, clock=lambda: clock.now, asleep=lambda: clock.asleep)
    engine.start()
    clock.busy(20)  # another process held the history file for 20 s
    engine.poll()
    assert engine.state is State.RUNNING and engine.pauses == 0
    assert engine.practised_s == 20.0
    clock.sleep(5)  # a short nap is within the limit
    engine.poll()
    assert engine.state is State.RUNNING
    clock.sleep(6)  # the lid closed for 6 s: paused where it was, no practice counted
    engine.poll()
    assert engine.state is State.PAUSED and engine.pauses == 1
    assert engine.position_ms == 25_000 and engine.practised_s == 25.0


def test_a_five_second_gap_is_a_slow_poll_and_more_is_a_suspend() -> None:
    engine, clock = make_engine(Step("p"), suspend_gap_s=5)
    engine.start()
    clock.advance(5)
    engine.poll()
    assert engine.state is State.PREP  # exactly the limit: still running
    clock.advance(5.001)
    engine.poll()
    assert engine.state is State.PAUSED and engine.pauses == 1
    assert engine.position_ms == 5_000  # where it was at the last poll before the sleep


def test_observers_hear_the_old_and_new_state_the_segment_and_the_new_timeline() -> None:
    engine, clock = _two_holds()
    heard: list[object] = []
    engine.state_did_change.connect(lambda old, new: heard.append((old, new)))
    engine.segment_did_start.connect(lambda segment: heard.append(segment.index))
    engine.timeline_did_change.connect(lambda timeline: heard.append(timeline.total_ms))
    engine.start()
    clock.advance(10)  # exactly the end of the get-ready countdown
    engine.poll()
    engine.extend()
    assert heard == [(State.IDLE, State.PREP), 0, (State.PREP, State.RUNNING), 1, 105_000]
    with pytest.raises(RuntimeError, match="cannot start a session that is running"):
        engine.start()


def test_resuming_exactly_at_the_end_of_get_ready_is_running() -> None:
    engine, clock = _two_holds()
    engine.start()
    clock.advance(10)
    engine.pause()
    engine.resume()
    assert engine.state is State.RUNNING
    engine.back()  # back from the first pose's first instant restarts it, not the countdown
    assert engine.state is State.RUNNING and engine.position_ms == 10_000
