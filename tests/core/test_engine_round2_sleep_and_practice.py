"""The engine's suspend detection from the time spent asleep, the practice it keeps after a
suspend or a skip to the end, and a first pose that has no time at all."""

from __future__ import annotations

import time

import pytest
from somatictimer.core.engine import SessionEngine, State, asleep_clock
from somatictimer.core.model import Step
from somatictimer.core.timeline import Segment, compile_timeline

from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock


class Asleep:
    """Seconds the machine has spent suspended, moved by hand."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.seconds = seconds

    def __call__(self) -> float:
        return self.seconds


def one_hold(prep_s: float = 0, hold_s: float = 60):  # type: ignore[no-untyped-def]
    return compile_timeline(sequence(Step("p"), prep_s=prep_s), {"p": pose(hold_s=hold_s)}, BREATHS)


def test_the_asleep_clock_reads_boottime_minus_monotonic(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine that slept for an hour since boot: the asleep clock says an hour."""
    real = time.clock_gettime

    def after_an_hour_asleep(clock_id: int) -> float:
        return real(clock_id) + (3600 if clock_id == time.CLOCK_BOOTTIME else 0)

    monkeypatch.setattr(time, "clock_gettime", after_an_hour_asleep)
    asleep = asleep_clock()
    assert asleep is not None
    assert asleep() == pytest.approx(3600, abs=1)


def test_without_a_boottime_clock_there_is_no_asleep_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    assert asleep_clock() is None


def test_an_asleep_clock_given_with_the_real_clock_is_the_one_used() -> None:
    """The engine on the system clock, told by its own asleep clock of a 10 s suspend."""
    asleep = Asleep()
    engine = SessionEngine(one_hold(), asleep=asleep)
    engine.start()
    asleep.seconds += 10
    engine.poll()
    assert engine.state is State.PAUSED and engine.pauses == 1


def test_time_slept_before_the_session_began_is_not_a_suspend() -> None:
    """The machine slept an hour this morning; the session starts later and runs on."""
    clock, asleep = FakeClock(), Asleep(3600.0)
    engine = SessionEngine(one_hold(), clock=clock, asleep=asleep)
    engine.start()
    clock.advance(1)
    engine.poll()
    assert engine.state is State.RUNNING and engine.pauses == 0


def test_a_suspend_half_a_second_in_keeps_the_half_second_practised() -> None:
    clock, asleep = FakeClock(), Asleep()
    engine = SessionEngine(one_hold(), clock=clock, asleep=asleep)
    engine.start()
    clock.advance(0.5)
    engine.poll()
    clock.advance(10)  # asleep for 10 s
    asleep.seconds += 10
    engine.poll()
    assert engine.state is State.PAUSED
    assert engine.practised_s == pytest.approx(0.5)


def test_skipping_to_the_end_after_a_moment_keeps_just_that_moment() -> None:
    clock = FakeClock()
    engine = SessionEngine(one_hold(), clock=clock, suspend_gap_s=None)
    engine.start()
    clock.advance(0.3)
    engine.poll()
    engine.skip()  # past the only hold: the end
    engine.poll()
    assert engine.state is State.FINISHED
    assert engine.practised_s == pytest.approx(0.3)


def test_a_first_pose_with_no_time_at_all_announces_the_pose_the_session_starts_in() -> None:
    """A hold of 0.0004 s passes the library's check (> 0) but rounds to no milliseconds."""
    poses = {"a": pose("a", hold_s=0.0004), "b": pose("b", hold_s=20)}
    timeline = compile_timeline(
        sequence(Step("a"), Step("b"), prep_s=0, transition_s=0), poses, BREATHS
    )
    engine = SessionEngine(timeline, clock=FakeClock(), suspend_gap_s=None)
    started: list[Segment] = []
    engine.segment_did_start.connect(started.append)
    engine.start()
    assert [s.pose_id for s in started] == ["b"]
