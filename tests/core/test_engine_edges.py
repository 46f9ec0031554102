"""SessionEngine at its edges: the first instant, a hold's neighbours, and the clock it reads."""

from __future__ import annotations

import time

import pytest
from somatictimer.core.engine import SessionEngine, State, session_clock
from somatictimer.core.model import CueKind, Step
from somatictimer.core.timeline import Segment, compile_timeline

from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock, make_engine

POSES = {name: pose(name, hold_s=20) for name in ("a", "b", "c")}


def three_holds(prep_s: float = 10, transition_s: float = 5) -> tuple[SessionEngine, FakeClock]:
    timeline = compile_timeline(
        sequence(Step("a"), Step("b"), Step("c"), prep_s=prep_s, transition_s=transition_s),
        POSES,
        BREATHS,
    )
    clock = FakeClock()
    return SessionEngine(timeline, clock=clock, suspend_gap_s=None), clock


@pytest.mark.parametrize(
    ("prep_s", "state"), [(0, State.RUNNING), (0.001, State.PREP), (10, State.PREP)]
)
def test_the_session_starts_in_get_ready_only_when_there_is_one(prep_s, state) -> None:  # type: ignore[no-untyped-def]
    engine, _ = three_holds(prep_s=prep_s)
    changes: list[tuple[State, State]] = []
    engine.state_did_change.connect(lambda old, new: changes.append((old, new)))
    engine.start()
    assert engine.state is state
    assert changes == [(State.IDLE, state)]


def test_each_segment_is_announced_once_however_often_the_engine_is_polled() -> None:
    engine, clock = three_holds(prep_s=5, transition_s=5)
    started: list[Segment] = []
    engine.segment_did_start.connect(started.append)
    engine.start()
    while engine.state is not State.FINISHED:
        engine.poll()
        clock.advance(0.25)
    assert [s.index for s in started] == [s.index for s in engine.timeline.segments]


def test_back_from_a_change_restarts_the_hold_just_done_and_within_grace_goes_one_back() -> None:
    engine, clock = three_holds(prep_s=0, transition_s=5)
    engine.start()
    clock.advance(47)  # in the change after "b" (b runs 25-45 s)
    engine.poll()
    engine.back()
    assert (engine.segment.pose_id, engine.position_s) == ("b", 25.0)
    engine.skip()  # to "c" at 50 s
    clock.advance(1)
    engine.poll()
    engine.back()  # 1 s into "c": back to "b", not to "a"
    assert (engine.segment.pose_id, engine.position_s) == ("b", 25.0)


def test_pausing_at_the_very_start_keeps_every_cue_on_its_millisecond() -> None:
    engine, clock = three_holds(prep_s=10, transition_s=5)
    engine.start()
    engine.pause()
    assert engine.position_ms == 0.0
    clock.advance(100)
    engine.resume()
    assert [c.kind for c in engine.poll()] == [CueKind.SESSION_START]
    clock.advance(9.9995)
    assert CueKind.STEP_START not in [c.kind for c in engine.poll()]
    clock.advance(0.0005)
    assert [c.kind for c in engine.poll()][-1] is CueKind.STEP_START


def test_a_skip_that_passes_no_cue_reports_nothing_skipped() -> None:
    engine, clock = three_holds(prep_s=0, transition_s=0)
    skipped: list[tuple[int, int]] = []
    engine.cues_were_skipped.connect(lambda start, end: skipped.append((start, end)))
    engine.start()
    clock.advance(19.999)  # the last polled millisecond before "b" starts at 20 s
    engine.poll()
    engine.skip()
    assert engine.position_ms == 20_000 and skipped == []
    assert [c.kind for c in engine.poll()] == [CueKind.STEP_START]


def test_without_a_boottime_clock_the_session_runs_on_the_monotonic_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    assert session_clock() is time.monotonic


def test_the_session_clock_keeps_counting_while_the_machine_sleeps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A machine that slept for an hour: BOOTTIME is an hour ahead of CLOCK_MONOTONIC."""
    real = time.clock_gettime

    def after_an_hour_asleep(clock_id: int) -> float:
        return real(clock_id) + (3600 if clock_id == time.CLOCK_BOOTTIME else 0)

    monkeypatch.setattr(time, "clock_gettime", after_an_hour_asleep)
    assert session_clock()() - time.monotonic() > 3000


def test_back_past_the_last_poll_reports_the_cues_it_jumps_over() -> None:
    engine, clock = make_engine(Step("p"), prep_s=10)  # pips at 7, 8 and 9 s
    skipped: list[tuple[int, int]] = []
    engine.cues_were_skipped.connect(lambda start, end: skipped.append((start, end)))
    engine.start()
    engine.poll()  # 0:00 handed out
    clock.advance(15)  # no poll for 15 s (a stalled poller), then "back" to the hold at 10 s
    engine.back()
    assert skipped == [(1, 10_000)]  # the pips were skipped, and said so
    assert [c.at_ms for c in engine.poll()] == [10_000]  # the hold starts; no late pips
