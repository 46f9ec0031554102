"""SessionEngine: position from a clock, cues exactly once, pause/skip/back/extend/suspend."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from somatictimer.core.engine import SessionEngine, State
from somatictimer.core.model import CueKind, Sides, Step
from somatictimer.core.timeline import Cue, compile_timeline

from tests.conftest import examples
from tests.core.factories import BREATHS, libraries, pose, sequence


class FakeClock:
    """A monotonic clock the test moves by hand (starts far from zero, like the real one)."""

    def __init__(self, now: float = 84_213.25) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_engine(*steps: Step, poses=None, suspend_gap_s=None, **kwargs):  # type: ignore[no-untyped-def]
    """An engine on a fake clock; suspend detection off unless a test asks for it."""
    poses = poses or {"p": pose(hold_s=60)}
    timeline = compile_timeline(sequence(*steps, **kwargs), poses, BREATHS)
    clock = FakeClock()
    return SessionEngine(timeline, clock=clock, suspend_gap_s=suspend_gap_s), clock


def key(cue: Cue) -> tuple[object, ...]:
    return (cue.at_ms, cue.kind, cue.segment, cue.count, cue.side)


def test_prep_then_running_then_finished_with_cues_on_time() -> None:
    engine, clock = make_engine(Step("p"), prep_s=10)
    states = []
    engine.state_did_change.connect(lambda old, new: states.append(new))
    engine.start()
    assert engine.state is State.PREP
    assert [c.kind for c in engine.poll()] == [CueKind.SESSION_START]
    clock.advance(6.999)
    assert engine.poll() == []
    clock.advance(0.001)
    assert [(c.kind, c.count) for c in engine.poll()] == [(CueKind.COUNTDOWN, 3)]
    clock.advance(3.0)
    assert [c.kind for c in engine.poll()] == [
        CueKind.COUNTDOWN,
        CueKind.COUNTDOWN,
        CueKind.STEP_START,
    ]
    assert engine.state is State.RUNNING
    clock.advance(30.0)
    assert [c.kind for c in engine.poll()] == [CueKind.HALFWAY]
    assert engine.segment_remaining_s == 30.0
    clock.advance(30.0)
    assert [c.kind for c in engine.poll()] == [CueKind.END]
    assert engine.state is State.FINISHED
    assert states == [State.PREP, State.RUNNING, State.FINISHED]
    assert engine.practised_s == 60.0  # the 10 s get-ready countdown is not practice


def test_pause_freezes_position_and_is_not_practice_time() -> None:
    engine, clock = make_engine(Step("p"), prep_s=0)
    engine.start()
    clock.advance(20)
    engine.pause()
    clock.advance(500)
    assert engine.position_s == 20.0
    assert engine.poll() == []
    engine.resume()
    clock.advance(10)
    assert engine.position_s == 30.0
    assert engine.practised_s == 30.0
    assert engine.pauses == 1


def test_skip_jumps_to_next_hold_its_start_cue_fires_and_skipped_cues_never_do() -> None:
    poses = {"a": pose("a", hold_s=90, breath="box"), "b": pose("b", hold_s=30)}
    engine, clock = make_engine(Step("a"), Step("b"), poses=poses, prep_s=0)
    engine.start()
    engine.poll()
    clock.advance(5)
    engine.poll()
    engine.skip()
    assert engine.segment.pose_id == "b"
    fired = engine.poll()
    assert [c.kind for c in fired] == [CueKind.STEP_START]
    assert all(c.kind is not CueKind.HALFWAY for c in fired)
    engine.skip()  # past the last hold: the end
    assert [c.kind for c in engine.poll()] == [CueKind.END]
    assert engine.state is State.FINISHED


def test_back_restarts_the_hold_or_goes_to_the_previous_one_within_two_seconds() -> None:
    poses = {"a": pose("a", hold_s=30), "b": pose("b", hold_s=30)}
    engine, clock = make_engine(Step("a"), Step("b"), poses=poses, prep_s=0, transition_s=5)
    engine.start()
    clock.advance(40)  # 5 s into b
    engine.poll()
    engine.back()
    assert engine.position_s == 35.0
    assert [c.kind for c in engine.poll()] == [CueKind.STEP_START]  # b's start replays
    clock.advance(1)
    engine.back()
    assert engine.position_s == 0.0 and engine.segment.pose_id == "a"


def test_extend_adds_thirty_seconds_to_the_current_hold_only() -> None:
    engine, clock = make_engine(Step("p"), Step("p"), prep_s=0, transition_s=5)
    engine.start()
    clock.advance(10)
    assert engine.extend()
    assert engine.segment.end_s == 90.0
    assert engine.timeline.total_s == 155.0
    clock.advance(70)
    assert engine.segment_remaining_s == 10.0


def test_extend_outside_a_hold_does_nothing() -> None:
    engine, _ = make_engine(Step("p"), prep_s=10)
    engine.start()
    assert not engine.extend()
    assert engine.timeline.total_s == 70.0


def test_a_suspend_gap_autopauses_at_the_last_polled_position() -> None:
    engine, clock = make_engine(Step("p"), prep_s=0, suspend_gap_s=5)
    gaps = []
    engine.session_did_autopause.connect(gaps.append)
    engine.start()
    for _ in range(12):
        clock.advance(1)
        engine.poll()
    clock.advance(3600)  # laptop lid closed for an hour
    assert engine.poll() == []
    assert engine.state is State.PAUSED
    assert engine.position_s == 12.0
    assert gaps == [3600]
    assert engine.practised_s == 12.0


@settings(max_examples=examples(60), deadline=None)
@given(
    st.lists(st.floats(min_value=0.001, max_value=400), min_size=1, max_size=30),
    st.lists(st.floats(min_value=0.1, max_value=4.9), min_size=1, max_size=40),
)
def test_sixty_minute_end_bell_lands_on_3600_000_s_of_unpaused_time(pauses, steps) -> None:  # type: ignore[no-untyped-def]
    """Many pauses of odd lengths and irregular polls: the end still lands to the millisecond."""
    poses = {"p": pose(hold_s=600)}
    engine, clock = make_engine(
        *[Step("p")] * 6, poses=poses, prep_s=0, transition_s=0, suspend_gap_s=5
    )
    engine.start()
    unpaused = 0.0
    for index, pause in enumerate(pauses):
        step = steps[index % len(steps)]
        if unpaused + step >= 3599:
            break
        clock.advance(step)
        unpaused += step
        engine.poll()
        engine.pause()
        clock.advance(pause)
        engine.resume()
    while True:  # poll every 4.9 s (below the suspend threshold) up to just before the end
        step = min(4.9, 3600 - 0.001 - unpaused)
        if step <= 0:
            break
        clock.advance(step)
        unpaused += step
        assert CueKind.END not in [c.kind for c in engine.poll()]
    remaining = engine.timeline.total_ms - engine.position_ms
    assert abs(remaining - 1.0) < 1e-3  # 1 ms left (the test's own float sums drift by ns)
    clock.advance(remaining / 1000)
    assert [c.kind for c in engine.poll()][-1] is CueKind.END
    assert abs(engine.practised_s - 3600.0) < 0.001


OPS = st.one_of(
    st.tuples(st.just("advance"), st.floats(min_value=0, max_value=40)),
    st.tuples(st.sampled_from(["poll", "poll", "pause", "resume", "skip", "extend"]), st.just(0.0)),
)


@settings(max_examples=examples(250), deadline=None)
@given(libraries(), st.lists(OPS, max_size=60))
def test_every_cue_fires_exactly_once_unless_skipped(case, ops) -> None:  # type: ignore[no-untyped-def]
    seq, poses = case
    clock = FakeClock()
    engine = SessionEngine(compile_timeline(seq, poses, BREATHS), clock=clock)
    skipped: list[tuple[int, int]] = []
    engine.cues_were_skipped.connect(lambda a, b: skipped.append((a, b)))
    fired: list[Cue] = []
    engine.start()
    for op, value in ops:
        if op == "advance":
            clock.advance(value)
        elif op == "poll":
            fired += engine.poll()
        else:
            getattr(engine, op)()
    engine.resume()
    while engine.state is not State.FINISHED:
        clock.advance(1.0)
        fired += engine.poll()
        engine.resume()  # a large advance may have auto-paused it
    expected = [c for c in engine.timeline.cues if not any(a <= c.at_ms < b for a, b in skipped)]
    assert [key(c) for c in fired] == [key(c) for c in expected]
    assert [c.kind for c in fired].count(CueKind.END) == 1


def test_per_side_hold_switches_sides_after_the_first_side() -> None:
    poses = {"lunge": pose("lunge", sides=Sides.PER_SIDE, hold_s=45)}
    engine, clock = make_engine(Step("lunge"), poses=poses, prep_s=0, transition_s=5)
    engine.start()
    engine.poll()
    clock.advance(45)
    assert [c.kind for c in engine.poll()] == [CueKind.SWITCH_SIDE]
    clock.advance(5)
    assert engine.poll()[-1].kind is CueKind.STEP_START
    assert engine.segment.side.value == "left"
