"""The scheduler's commands and sleeps: stop, pause toggling, no device wakes while paused,
commands that arrive while the thread is about to sleep, and a bounded wait on quit."""

from __future__ import annotations

import threading
import types
from typing import ClassVar

import pytest
from somatictimer.audio import scheduler as scheduler_module
from somatictimer.audio.cueplayer import CuePlayer
from somatictimer.audio.players import PlayerChain, RecordingPlayer
from somatictimer.audio.scheduler import MAX_SLEEP_S, CueScheduler
from somatictimer.core.engine import SessionEngine, State
from somatictimer.core.model import Step
from somatictimer.core.timeline import compile_timeline

from tests.audio.test_scheduler import SOUNDS, run_until_over
from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock


def build(hold_s: float = 30, **kwargs):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    timeline = compile_timeline(
        sequence(Step("p"), Step("p"), **kwargs), {"p": pose(hold_s=hold_s)}, BREATHS
    )
    engine = SessionEngine(timeline, clock=clock)
    recorder = RecordingPlayer(clock)
    cues = CuePlayer(PlayerChain(recorder), SOUNDS, clock=clock)
    scheduler = CueScheduler(engine, cues.fire, wake=cues.wake, clock=clock)
    return scheduler, engine, recorder, clock


def test_stop_ends_the_session_and_the_loop() -> None:
    scheduler, engine, recorder, clock = build(prep_s=0)
    scheduler.start(threaded=False)
    clock.now = scheduler.step() or clock.now
    scheduler.stop()
    assert engine.state is State.STOPPED
    assert scheduler.step() is None
    assert [r.cue for r in recorder.records] == ["step-start"]  # nothing after the stop
    scheduler.close()  # no thread was started: closing is still fine


def test_toggle_pause_pauses_then_resumes() -> None:
    scheduler, engine, _, clock = build(prep_s=0)
    scheduler.start(threaded=False)
    clock.now = scheduler.step() or clock.now
    states: list[State] = []
    engine.state_did_change.connect(lambda old, new: states.append(new))
    paused_at = engine.position_s
    scheduler.toggle_pause()
    clock.advance(60)
    scheduler.toggle_pause()
    assert states == [State.PAUSED, State.RUNNING] and engine.position_s == paused_at


def test_while_paused_the_loop_polls_at_its_cap_and_never_wakes_the_device() -> None:
    scheduler, engine, recorder, clock = build(prep_s=0, transition_s=10)
    start = clock.now
    scheduler.start(threaded=False)
    while engine.position_s < 29.8:  # just after the wake 0.3 s before the change bell
        clock.now = scheduler.step() or clock.now
    assert [round(t - start, 3) for t in recorder.wake_times] == [0.0, 29.7]
    scheduler.pause()
    for _ in range(300):  # a minute paused, polled as the thread would
        now = clock.now
        wake_at = scheduler.step()
        assert wake_at == pytest.approx(now + MAX_SLEEP_S)
        clock.now = wake_at
    assert [round(t - start, 3) for t in recorder.wake_times] == [0.0, 29.7]
    scheduler.resume()
    run_until_over(scheduler, clock)
    assert [r.cue for r in recorder.records][-1] == "end"


def test_a_command_given_just_before_the_thread_sleeps_is_not_lost() -> None:
    """The device-wake callback runs after the loop has read the clock for its sleep: a stop
    sent from there must end the loop at once. The clock is set back 1000 s at that moment,
    so a lost nudge would show as a 1000 s sleep instead of a 0.2 s one."""
    clock = FakeClock()
    timeline = compile_timeline(sequence(Step("p"), prep_s=0), {"p": pose(hold_s=600)}, BREATHS)
    engine = SessionEngine(timeline, clock=clock, suspend_gap_s=None)
    scheduler: CueScheduler
    loop_threads: list[threading.Thread] = []

    def wake() -> None:
        if threading.current_thread().name == "somatictimer-cues":
            scheduler.stop()
            clock.advance(-1000)

    def thinking() -> None:  # the recorder's hook: 299.7 s pass before the loop goes on
        loop_threads.append(threading.current_thread())
        clock.advance(299.7)  # 0.3 s before the halfway bell after a long quiet spell

    scheduler = CueScheduler(engine, lambda cues, due: None, wake=wake, on_step=thinking)
    scheduler.start()
    try:
        scheduler.join(5)
        assert loop_threads and not loop_threads[0].is_alive()
        assert engine.state is State.STOPPED
    finally:
        scheduler.close()


class StuckThread:
    """A thread that never finishes (a sound device hanging in a call)."""

    instances: ClassVar[list[StuckThread]] = []

    def __init__(self, *, target, name, daemon) -> None:  # type: ignore[no-untyped-def]
        self.joins: list[float | None] = []
        StuckThread.instances.append(self)

    def start(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        self.joins.append(timeout)

    def is_alive(self) -> bool:
        return True


def test_closing_waits_at_most_two_seconds_for_a_stuck_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = types.SimpleNamespace(
        Thread=StuckThread,
        RLock=threading.RLock,
        Lock=threading.Lock,
        Condition=threading.Condition,
    )
    monkeypatch.setattr(scheduler_module, "threading", fake)
    StuckThread.instances.clear()
    scheduler, _, _, _ = build(prep_s=0)
    scheduler.start()
    (thread,) = StuckThread.instances
    scheduler.join(0.5)
    scheduler.close()  # quitting the app never hangs on the audio thread
    assert thread.joins == [0.5, 2.0]
