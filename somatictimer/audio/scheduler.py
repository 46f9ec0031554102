"""Fire each cue at its monotonic deadline from a dedicated thread.

The scheduler is the engine's one driver while a session runs: it polls the engine (so
state changes and suspend detection happen even with no window), sleeps until the next
cue's deadline or until a command nudges it, and hands due cues to ``fire`` outside the
lock. Windows and terminals read the engine and send commands through this object, which
serialises them with the thread under one lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from somatictimer.core.engine import LIVE, SessionEngine, State
from somatictimer.core.timeline import Cue, Segment

MAX_SLEEP_S = 0.2  # poll at least this often (state changes, suspend detection)
WAKE_LEAD_S = 0.3  # open the audio device this long before a cue after a quiet spell
IDLE_BEFORE_WAKE_S = 4.0  # PulseAudio suspends idle sinks after ~5 s

FireCallback = Callable[[list[Cue], float], None]  # (cues due at one instant, due clock time)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A consistent view of the engine for one repaint."""

    state: State
    position_s: float
    total_s: float
    segment: Segment
    segment_remaining_s: float
    practised_s: float


class CueScheduler:
    """Owns the engine while a session runs; thread-safe commands for UI and terminal."""

    def __init__(
        self,
        engine: SessionEngine,
        fire: FireCallback,
        *,
        wake: Callable[[], None] | None = None,
        on_step: Callable[[], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.engine = engine
        self._fire = fire
        self._wake = wake or (lambda: None)
        self._on_step = on_step  # e.g. the history recorder's checkpoints, outside the lock
        self._clock = clock or engine.clock
        self._lock = threading.RLock()
        self._nudged = threading.Condition(threading.Lock())
        self._pending_nudge = False
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._last_sound = float("-inf")
        self._woken_for: float | None = None

    # -- commands (any thread) -------------------------------------------------------------
    def start(self, *, threaded: bool = True) -> None:
        """Wake the device first, then start the clock: a cue at 0:00 must not wait for a
        sound device that is still opening (that once made the first bowl 55-83 ms late)."""
        self._wake()
        with self._lock:
            self.engine.start()
        self._last_sound = self._clock()
        if threaded:
            self._thread = threading.Thread(target=self._run, name="somatictimer-cues", daemon=True)
            self._thread.start()

    def command(self, action: Callable[[], object]) -> object:
        """Run an engine command under the lock and re-plan the next wake-up."""
        with self._lock:
            result = action()
        self._nudge()
        return result

    def pause(self) -> None:
        self.command(self.engine.pause)

    def resume(self) -> None:
        self.command(self.engine.resume)

    def toggle_pause(self) -> None:
        self.command(
            lambda: (
                self.engine.resume() if self.engine.state is State.PAUSED else self.engine.pause()
            )
        )

    def skip(self) -> None:
        self.command(self.engine.skip)

    def back(self) -> None:
        self.command(self.engine.back)

    def extend(self) -> bool:
        return bool(self.command(self.engine.extend))

    def stop(self) -> None:
        self.command(self.engine.stop)

    def snapshot(self) -> Snapshot:
        with self._lock:
            engine = self.engine
            return Snapshot(
                engine.state,
                engine.position_s,
                engine.timeline.total_s,
                engine.segment,
                engine.segment_remaining_s,
                engine.practised_s,
            )

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self) -> None:
        self._stopping = True
        self._nudge()
        self.join(2.0)

    # -- the loop --------------------------------------------------------------------------
    def step(self) -> float | None:
        """Poll once, fire what is due; return the clock time to step again (None: over)."""
        with self._lock:
            due = self.engine.poll()
            groups: dict[int, list[Cue]] = {}
            for cue in due:
                groups.setdefault(cue.at_ms, []).append(cue)
            timed = [(cues, self.engine.clock_time_of(at)) for at, cues in groups.items()]
            upcoming = self.engine.next_cue()
            running = self.engine.state in LIVE and self.engine.state is not State.PAUSED
            deadline = (
                self.engine.clock_time_of(upcoming.at_ms)
                if upcoming is not None and running
                else None
            )
            over = self.engine.state not in LIVE
        for cues, due_at in timed:
            self._fire(cues, due_at)
            self._last_sound = self._clock()
        if self._on_step is not None:
            with self._lock:  # the recorder reads the engine: keep commands out meanwhile
                self._on_step()
        if over:
            return None
        now = self._clock()
        # A hair of float noise (30 - 29.7 = 0.30000000000000071) must not cost the lead.
        lead_reached = deadline is not None and deadline - now <= WAKE_LEAD_S + 1e-6
        if lead_reached and self._woken_for != deadline:
            if now - self._last_sound > IDLE_BEFORE_WAKE_S:
                self._wake()
            self._woken_for = deadline
        wake_at = now + MAX_SLEEP_S
        if deadline is not None:
            early = deadline - WAKE_LEAD_S
            wake_at = min(
                wake_at, deadline if now >= early or self._woken_for == deadline else early
            )
        return wake_at

    def _run(self) -> None:
        while not self._stopping:
            wake_at = self.step()
            if wake_at is None:
                return
            with self._nudged:
                timeout = wake_at - self._clock()
                if timeout > 0 and not self._pending_nudge:
                    self._nudged.wait(timeout)
                self._pending_nudge = False

    def _nudge(self) -> None:
        with self._nudged:
            self._pending_nudge = True  # not lost if the thread is between step() and wait()
            self._nudged.notify_all()
