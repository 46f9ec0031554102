"""Compile a Sequence into a Timeline: segments that tile time, and cues at exact offsets.

All arithmetic is in whole milliseconds, so offsets never drift however long the
sequence; seconds are exposed as floats derived from those integers.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum

from somatictimer.core.blocks import block_plan, breath_for
from somatictimer.core.model import BreathPattern, CueKind, Pose, Sequence, Side

COUNTDOWN_FROM = 3
# When two cues share an instant they fire in this order (the end bell last).
_CUE_ORDER = {
    kind: rank
    for rank, kind in enumerate(
        (
            CueKind.SESSION_START,
            CueKind.TRANSITION,
            CueKind.SWITCH_SIDE,
            CueKind.COUNTDOWN,
            CueKind.STEP_START,
            CueKind.HALFWAY,
            CueKind.INTERVAL,
            CueKind.REP,
            CueKind.INHALE,
            CueKind.HOLD_IN,
            CueKind.EXHALE,
            CueKind.HOLD_OUT,
            CueKind.END,
        )
    )
}


def to_ms(seconds: float) -> int:
    return round(seconds * 1000)


class SegmentKind(StrEnum):
    PREP = "prep"
    HOLD = "hold"
    TRANSITION = "transition"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the timeline; consecutive segments share their boundary."""

    index: int
    kind: SegmentKind
    start_ms: int
    end_ms: int
    step_index: int | None = None  # which Step of the sequence (holds and rests)
    pose_id: str | None = None
    side: Side = Side.NONE
    reps: int | None = None
    first_side: Side = Side.RIGHT  # of an alternating block's reps
    breath: str | None = None  # BreathPattern id followed during this hold
    # Breath paired with reps: the phases of one cycle, spread evenly over rep_breath_span reps.
    rep_breath: tuple[CueKind, ...] = ()
    rep_breath_span: int = 1
    planned_ms: int = 0  # length before any +30 s extension (halfway and reps use it)

    @property
    def start_s(self) -> float:
        return self.start_ms / 1000

    @property
    def end_s(self) -> float:
        return self.end_ms / 1000

    @property
    def duration_ms(self) -> int:
        return self.end_ms - self.start_ms


@dataclass(frozen=True, slots=True, order=True)
class Cue:
    """Something to sound or show at an exact offset from the session start."""

    at_ms: int
    rank: int = field(repr=False)
    kind: CueKind = field(compare=False)
    segment: int = field(compare=False)
    count: int | None = field(default=None, compare=False)  # 3-2-1 number, rep number
    side: Side | None = field(default=None, compare=False)

    @property
    def at_s(self) -> float:
        return self.at_ms / 1000


def _cue(
    at_ms: int, kind: CueKind, segment: int, count: int | None = None, side: Side | None = None
) -> Cue:
    return Cue(at_ms, _CUE_ORDER[kind], kind, segment, count, side)


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """Knobs that come from settings rather than from the sequence."""

    prep_s: float | None = None  # None: the sequence's own prep countdown
    transition_s: float | None = None  # None: the sequence's own transitions
    halfway_min_s: float | None = 60.0  # None: no halfway cue
    rep_cues: bool = True


@dataclass(frozen=True)
class Timeline:
    """What a session plays: segments tiling [0, total] and cues sorted by time."""

    sequence: Sequence
    segments: tuple[Segment, ...]
    cues: tuple[Cue, ...]
    breaths: Mapping[str, BreathPattern]
    options: TimelineOptions
    moves: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # pose id -> rep_moves

    @property
    def total_ms(self) -> int:
        return self.segments[-1].end_ms

    @property
    def total_s(self) -> float:
        return self.total_ms / 1000

    @property
    def prep_ms(self) -> int:
        first = self.segments[0]
        return first.duration_ms if first.kind is SegmentKind.PREP else 0

    @property
    def practice_s(self) -> float:
        return (self.total_ms - self.prep_ms) / 1000

    @property
    def holds(self) -> list[Segment]:
        return [s for s in self.segments if s.kind is SegmentKind.HOLD]

    def segment_at(self, position_ms: float) -> Segment:
        """The segment containing a position (the last one at or after the end)."""
        index = max(0, bisect.bisect_right(self._segment_starts, position_ms) - 1)
        return self.segments[index]

    def next_hold(self, after_index: int) -> Segment | None:
        return next(
            (s for s in self.segments[after_index + 1 :] if s.kind is SegmentKind.HOLD), None
        )

    @functools.cached_property
    def cue_times(self) -> list[int]:
        return [c.at_ms for c in self.cues]

    @functools.cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start_ms for s in self.segments]

    def cues_in(self, from_ms: int, to_ms: float) -> list[Cue]:
        """Cues with ``from_ms <= at_ms <= to_ms``."""
        times = self.cue_times
        return list(
            self.cues[bisect.bisect_left(times, from_ms) : bisect.bisect_right(times, to_ms)]
        )

    def cue_from(self, from_ms: int) -> Cue | None:
        """The first cue at or after ``from_ms``."""
        index = bisect.bisect_left(self.cue_times, from_ms)
        return self.cues[index] if index < len(self.cues) else None


def compile_timeline(
    sequence: Sequence,
    poses: Mapping[str, Pose],
    breaths: Mapping[str, BreathPattern],
    options: TimelineOptions | None = None,
) -> Timeline:
    """Sequence -> Timeline. Pure: the same inputs always give the same timeline."""
    options = options or TimelineOptions()
    segments = list(_segments(sequence, poses, breaths, options))
    used = {s.breath: breaths[s.breath] for s in segments if s.breath}
    moves = {s.pose_id: poses[s.pose_id].rep_moves for s in segments if s.rep_breath and s.pose_id}
    return Timeline(
        sequence, tuple(segments), _cues(segments, used, sequence, options), used, options, moves
    )


def extend_segment(timeline: Timeline, index: int, by_ms: int) -> Timeline:
    """The same timeline with segment ``index`` longer by ``by_ms`` and all later ones shifted.

    Cues are recomputed from the segments, so everything before the old end stays as it
    was; halfway and reps keep their planned places, breath cues carry on into the extra time.
    """
    segments = [
        replace(s, end_ms=s.end_ms + by_ms)
        if s.index == index
        else replace(s, start_ms=s.start_ms + by_ms, end_ms=s.end_ms + by_ms)
        if s.index > index
        else s
        for s in timeline.segments
    ]
    cues = _cues(segments, timeline.breaths, timeline.sequence, timeline.options)
    return replace(timeline, segments=tuple(segments), cues=cues)


def _segments(
    sequence: Sequence,
    poses: Mapping[str, Pose],
    breaths: Mapping[str, BreathPattern],
    options: TimelineOptions,
) -> Iterator[Segment]:
    prep_s = sequence.prep_s if options.prep_s is None else options.prep_s
    transition_ms = to_ms(
        sequence.transition_s if options.transition_s is None else options.transition_s
    )
    at, index = 0, 0

    def make(kind: SegmentKind, length_ms: int, **details: object) -> Segment:
        nonlocal at, index
        segment = Segment(index, kind, at, at + length_ms, planned_ms=length_ms, **details)  # type: ignore[arg-type]
        at, index = segment.end_ms, index + 1
        return segment

    if to_ms(prep_s) > 0:
        yield make(SegmentKind.PREP, to_ms(prep_s))
    first_block = True
    for step_index, step in enumerate(sequence.steps):
        pose = poses[step.pose]
        plan = block_plan(step, pose)
        breath = breath_for(step, pose, sequence.breath)
        paired = pose.rep_breath if plan.reps and breath is None and step.breath is None else ()
        for side in plan.sides:
            if not first_block and transition_ms > 0:
                yield make(SegmentKind.TRANSITION, transition_ms)
            first_block = False
            yield make(
                SegmentKind.HOLD,
                to_ms(plan.block_s),
                step_index=step_index,
                pose_id=pose.id,
                side=side,
                reps=plan.reps,
                first_side=pose.first_side,
                breath=breath if breath in breaths else None,
                rep_breath=paired,
                rep_breath_span=pose.rep_breath_span,
            )
        if to_ms(step.rest_after_s) > 0:
            yield make(SegmentKind.REST, to_ms(step.rest_after_s), step_index=step_index)


def _cues(
    segments: list[Segment],
    breaths: Mapping[str, BreathPattern],
    sequence: Sequence,
    options: TimelineOptions,
) -> tuple[Cue, ...]:
    total = segments[-1].end_ms
    cues = [_cue(0, CueKind.SESSION_START, 0)]
    holds = [s for s in segments if s.kind is SegmentKind.HOLD]
    for number, hold in enumerate(holds):
        cues.extend(_countdown(segments, hold))
        cues.append(_cue(hold.start_ms, CueKind.STEP_START, hold.index, side=hold.side))
        following = holds[number + 1] if number + 1 < len(holds) else None
        if following is not None:
            same_step = following.step_index == hold.step_index
            gap = following.start_ms > hold.end_ms
            after = hold.index + 1
            if same_step and following.side is not hold.side:
                cues.append(_cue(hold.end_ms, CueKind.SWITCH_SIDE, after, side=following.side))
            elif gap:
                cues.append(_cue(hold.end_ms, CueKind.TRANSITION, after))
        cues.extend(_inside_hold(hold, breaths, options))
    if sequence.interval_s:
        step_ms = to_ms(sequence.interval_s)
        prep = segments[0]
        at = (prep.end_ms if prep.kind is SegmentKind.PREP else 0) + step_ms
        while at < total:
            cues.append(_cue(at, CueKind.INTERVAL, _segment_index(segments, at)))
            at += step_ms
    cues.append(_cue(total, CueKind.END, segments[-1].index))
    return tuple(sorted(cues))


def _countdown(segments: list[Segment], hold: Segment) -> Iterator[Cue]:
    """3-2-1 pips in the gap (prep, transition, rest) before a hold — never inside a hold."""
    gap_start = hold.start_ms
    for earlier in reversed(segments[: hold.index]):
        if earlier.kind is SegmentKind.HOLD:
            break
        gap_start = earlier.start_ms
    for count in range(COUNTDOWN_FROM, 0, -1):
        at = hold.start_ms - count * 1000
        if at >= gap_start and at < hold.start_ms:
            yield _cue(at, CueKind.COUNTDOWN, _segment_index(segments, at), count=count)


def _inside_hold(
    hold: Segment, breaths: Mapping[str, BreathPattern], options: TimelineOptions
) -> Iterator[Cue]:
    planned = hold.planned_ms
    # Halfway marks long still holds; rep blocks already tick at every rep.
    timed = hold.reps is None
    if timed and options.halfway_min_s is not None and planned >= to_ms(options.halfway_min_s):
        yield _cue(hold.start_ms + planned // 2, CueKind.HALFWAY, hold.index)
    # A paced block keeps time with its breath cues; rep ticks on top would only clutter.
    paced = hold.breath is not None or bool(hold.rep_breath)
    if options.rep_cues and hold.reps and hold.reps > 1 and not paced:
        for rep in range(1, hold.reps):
            side = None
            if hold.side is Side.ALTERNATING:
                side = hold.first_side if rep % 2 == 0 else hold.first_side.other
            yield _cue(
                hold.start_ms + planned * rep // hold.reps,
                CueKind.REP,
                hold.index,
                count=rep + 1,
                side=side,
            )
    if hold.rep_breath and hold.reps:
        yield from _paired_breath(hold)
    pattern = breaths.get(hold.breath) if hold.breath else None
    if pattern is not None:
        phases = [
            (kind, to_ms(s))
            for kind, s in (
                (CueKind.INHALE, pattern.inhale_s),
                (CueKind.HOLD_IN, pattern.hold_in_s),
                (CueKind.EXHALE, pattern.exhale_s),
                (CueKind.HOLD_OUT, pattern.hold_out_s),
            )
            if to_ms(s) > 0
        ]
        at, breath_number = hold.start_ms, 0
        while at < hold.end_ms:
            breath_number += 1
            for kind, length in phases:
                if at >= hold.end_ms:
                    break
                yield _cue(at, kind, hold.index, count=breath_number)
                at += length


def paired_phase_start(hold: Segment, number: int) -> int:
    """Start of the ``number``-th (from 0) paired breath phase of a hold, in ms.

    Phases split each cycle of ``rep_breath_span`` reps evenly; integer arithmetic keeps
    phase boundaries on rep boundaries exactly. Past the planned end (after +30 s) the same
    pace carries on.
    """
    phases = len(hold.rep_breath)
    reps = hold.reps or 1
    return hold.start_ms + hold.planned_ms * number * hold.rep_breath_span // (reps * phases)


def _paired_breath(hold: Segment) -> Iterator[Cue]:
    phases = len(hold.rep_breath)
    number = 0
    while (at := paired_phase_start(hold, number)) < hold.end_ms:
        if paired_phase_start(hold, number + 1) == at:
            break  # a zero-length phase: nothing left to pace
        kind = hold.rep_breath[number % phases]
        yield _cue(at, kind, hold.index, count=number // phases + 1)
        number += 1


def _segment_index(segments: list[Segment], at_ms: int) -> int:
    starts = [s.start_ms for s in segments]
    return max(0, bisect.bisect_right(starts, at_ms) - 1)
