"""SessionEngine: the state machine that plays a Timeline against a monotonic clock.

Position is always derived from the clock: ``clock() - anchor`` while running, frozen while
paused. Nothing counts ticks, so a slow or irregular poller never makes the timer drift.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from enum import StrEnum

from somatictimer.core.events import Hook
from somatictimer.core.timeline import Cue, Segment, SegmentKind, Timeline, extend_segment

BACK_GRACE_MS = 2000  # "back" within this much of a block's start goes to the previous one
EXTEND_S = 30.0
SUSPEND_GAP_S = 5.0  # a sleep longer than this between polls pauses the session


def session_clock() -> Callable[[], float]:
    """A monotonic clock that keeps counting while the machine sleeps (Linux BOOTTIME).

    Plain CLOCK_MONOTONIC stops during suspend, which would hide the gap the engine uses to
    auto-pause and tell the user; BOOTTIME shows it. Elsewhere ``time.monotonic`` already does.
    """
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is None:
        return time.monotonic
    return functools.partial(time.clock_gettime, boottime)


def asleep_clock() -> Callable[[], float] | None:
    """Seconds the machine has spent suspended since boot (BOOTTIME minus MONOTONIC), or
    None where the system cannot tell. With it a poll that came late because this thread
    was busy (a slow disk, a locked file) is not mistaken for a suspend."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is None:
        return None
    return lambda: time.clock_gettime(boottime) - time.monotonic()


class State(StrEnum):
    IDLE = "idle"
    PREP = "prep"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


ACTIVE = (State.PREP, State.RUNNING)
LIVE = (State.PREP, State.RUNNING, State.PAUSED)


class SessionEngine:
    """Plays one Timeline; the UI, audio scheduler and terminal all just poll it."""

    def __init__(
        self,
        timeline: Timeline,
        clock: Callable[[], float] | None = None,
        suspend_gap_s: float | None = SUSPEND_GAP_S,
        asleep: Callable[[], float] | None = None,
    ) -> None:
        """``asleep`` reads the seconds spent suspended (see ``asleep_clock``); the real
        clock brings its own. Without one any gap between polls longer than
        ``suspend_gap_s`` counts as a suspend."""
        self.timeline = timeline
        self.clock = clock or session_clock()
        self._suspend_gap_s = suspend_gap_s
        self._asleep = asleep if asleep is not None or clock is not None else asleep_clock()
        self._asleep_at_poll = 0.0
        self.state = State.IDLE
        self._anchor = 0.0  # clock time at which position would be 0
        self._frozen_ms = 0.0  # position while not running
        self._next_cue_ms = 0  # cues before this have been handed out (or skipped)
        self._last_poll = 0.0
        self._run_since: float | None = None
        self._practised_s = 0.0
        self._segment_index = -1
        self.pauses = 0
        self.state_did_change = Hook("state_did_change")  # (old, new)
        self.segment_did_start = Hook("segment_did_start")  # (segment)
        self.timeline_did_change = Hook("timeline_did_change")  # (timeline)
        self.session_did_autopause = Hook("session_did_autopause")  # (gap seconds)
        self.cues_were_skipped = Hook("cues_were_skipped")  # (from_ms, to_ms) half-open

    # -- reading ---------------------------------------------------------------------------
    @property
    def position_ms(self) -> float:
        if self.state in ACTIVE:
            # Rounded to a nanosecond so float noise never delays a cue by a poll.
            raw = round((self.clock() - self._anchor) * 1000, 6)
            return min(max(raw, 0.0), self.timeline.total_ms)
        return self._frozen_ms

    @property
    def position_s(self) -> float:
        return self.position_ms / 1000

    @property
    def remaining_s(self) -> float:
        return (self.timeline.total_ms - self.position_ms) / 1000

    @property
    def segment(self) -> Segment:
        return self.timeline.segment_at(self.position_ms)

    @property
    def segment_remaining_s(self) -> float:
        return (self.segment.end_ms - self.position_ms) / 1000

    @property
    def practised_s(self) -> float:
        """Seconds actually practised: the get-ready countdown and pauses left out."""
        return self._practised_s + self._running_s(self.clock())

    def next_cue(self) -> Cue | None:
        """The first cue not yet handed out, without handing it out."""
        return self.timeline.cue_from(self._next_cue_ms)

    def clock_time_of(self, position_ms: float) -> float:
        """The clock reading at which a position will be reached if nothing changes."""
        return self._anchor + position_ms / 1000

    # -- commands --------------------------------------------------------------------------
    def start(self) -> None:
        if self.state is not State.IDLE:
            raise RuntimeError(f"cannot start a session that is {self.state}")
        now = self.clock()
        self._anchor = now
        self._begin_running(now)
        self._set_state(State.PREP if self.timeline.prep_ms > 0 else State.RUNNING)
        self._note_segment()

    def pause(self) -> None:
        if self.state in ACTIVE:
            self._freeze(self.position_ms)
            self.pauses += 1
            self._set_state(State.PAUSED)

    def resume(self) -> None:
        if self.state is State.PAUSED:
            now = self.clock()
            self._anchor = now - self._frozen_ms / 1000
            self._begin_running(now)
            self._set_state(self._active_state_at(self._frozen_ms))

    def stop(self) -> None:
        if self.state in LIVE or self.state is State.IDLE:
            if self.state in ACTIVE:
                self._freeze(self.position_ms)
            self._set_state(State.STOPPED)

    def skip(self) -> None:
        """Jump to the start of the next hold (or the end). Skipped cues never fire."""
        if self.state not in LIVE:
            return
        following = self.timeline.next_hold(self.segment.index)
        self._jump(following.start_ms if following else self.timeline.total_ms)

    def back(self) -> None:
        """Restart the current hold, or go to the previous one within 2 s of its start."""
        if self.state not in LIVE:
            return
        position, current = self.position_ms, self.segment
        holds = [s for s in self.timeline.holds if s.index <= current.index]
        if current.kind is SegmentKind.HOLD and position - current.start_ms >= BACK_GRACE_MS:
            target = current.start_ms
        elif current.kind is SegmentKind.HOLD and len(holds) >= 2:
            target = holds[-2].start_ms
        elif current.kind is not SegmentKind.HOLD and holds:
            target = holds[-1].start_ms
        else:
            target = 0 if not holds else holds[0].start_ms
        self._jump(target)

    def extend(self, by_s: float = EXTEND_S) -> bool:
        """Make the current hold longer; everything after it moves later. False if not a hold."""
        current = self.segment
        if self.state not in LIVE or current.kind is not SegmentKind.HOLD:
            return False
        self.timeline = extend_segment(self.timeline, current.index, round(by_s * 1000))
        self.timeline_did_change.emit(self.timeline)
        return True

    def poll(self) -> list[Cue]:
        """Advance state from the clock and return the cues now due (each exactly once)."""
        if self.state not in ACTIVE:
            return []
        now = self.clock()
        gap = now - self._last_poll
        if self._slept(gap):
            # The machine slept: keep the position it had at the last poll.
            self._freeze((self._last_poll - self._anchor) * 1000)
            self._practised_s = max(0.0, self._practised_s - gap)
            self.pauses += 1
            self._set_state(State.PAUSED)
            self.session_did_autopause.emit(gap)
            return []
        self._last_poll = now
        due = self.due_cues()
        if self.state is State.PREP and self.position_ms >= self.timeline.prep_ms:
            self._set_state(State.RUNNING)
        self._note_segment()
        if self.position_ms >= self.timeline.total_ms:
            overshoot = (now - self._anchor) - self.timeline.total_ms / 1000
            self._freeze(self.timeline.total_ms)
            self._practised_s = max(0.0, self._practised_s - max(0.0, overshoot))
            self._set_state(State.FINISHED)
        return due

    def due_cues(self) -> list[Cue]:
        """Cues from where the last call stopped up to now; each exactly once."""
        until_ms = self.position_ms
        if until_ms < self._next_cue_ms:
            return []
        cues = self.timeline.cues_in(self._next_cue_ms, until_ms)
        self._next_cue_ms = math.floor(until_ms) + 1
        return cues

    # -- internals -------------------------------------------------------------------------
    def _begin_running(self, now: float) -> None:
        self._run_since = now
        self._mark_alive(now)

    def _mark_alive(self, now: float) -> None:
        """A poll or a command: no suspend can have happened before this moment."""
        self._last_poll = now
        if self._asleep is not None:
            self._asleep_at_poll = self._asleep()

    def _slept(self, gap: float) -> bool:
        """Whether the machine was suspended for longer than the limit since the last poll
        (a late poll with no sleep in it is not a suspend where the clock can tell)."""
        limit = self._suspend_gap_s
        if self._asleep is None:
            return limit is not None and gap > limit
        asleep = self._asleep()
        slept, self._asleep_at_poll = asleep - self._asleep_at_poll, asleep
        return limit is not None and slept > limit

    def _running_s(self, now: float) -> float:
        """Practice since running began: the part of it spent before the end of the
        get-ready countdown does not count."""
        if self._run_since is None:
            return 0.0
        prep_ends = self._anchor + self.timeline.prep_ms / 1000
        return max(0.0, now - max(self._run_since, prep_ends))

    def _bank_practice(self, now: float) -> None:
        self._practised_s += self._running_s(now)
        self._run_since = now

    def _freeze(self, position_ms: float) -> None:
        if self._run_since is not None:
            self._bank_practice(self.clock())
            self._run_since = None
        self._frozen_ms = min(max(position_ms, 0.0), self.timeline.total_ms)

    def _jump(self, target_ms: int) -> None:
        # Cues not handed out yet before the target are skipped, whichever way the jump
        # goes: "back" to a block that began after the last poll skips some too.
        if target_ms > self._next_cue_ms:
            self.cues_were_skipped.emit(self._next_cue_ms, target_ms)
        if self.state is State.PAUSED:
            self._frozen_ms = target_ms
        else:
            now = self.clock()
            self._bank_practice(now)  # what was practised counts against the old anchor
            self._anchor = now - target_ms / 1000
            self._mark_alive(now)
            self._set_state(self._active_state_at(target_ms))
        self._next_cue_ms = target_ms
        self._note_segment()

    def _active_state_at(self, position_ms: float) -> State:
        return State.PREP if position_ms < self.timeline.prep_ms else State.RUNNING

    def _note_segment(self) -> None:
        segment = self.segment
        if segment.index != self._segment_index:
            self._segment_index = segment.index
            self.segment_did_start.emit(segment)

    def _set_state(self, new: State) -> None:
        old, self.state = self.state, new
        if old is not new:
            self.state_did_change.emit(old, new)
