"""Where the figure is at a moment of the session: read from the timeline, never a clock.

- A held pose is still.
- A movement with breath paired to its reps moves between its keyframes in time with the
  breath cues the pacer and the sounds use: during each phase it eases from the keyframe of
  the phase before to the phase's own, and arrives as the phase ends (by the end of the
  inhale Cat-Cow is in cow, by the end of the exhale in cat).
- Other rep-based movements go through their keyframes once per rep and back.
- Shaking loops through its keyframes every ``TREMOR_MS``.
- In a change, get-ready or rest it morphs from the last pose to the next.
- Paused, the position stands still, and so does the figure. ``reduce_motion`` shows each
  phase's keyframe without the movement between, and the next pose at once in a change.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from somatictimer.core.model import Side
from somatictimer.core.pacer import breath_phase_at, paired_phase_number
from somatictimer.core.timeline import Segment, SegmentKind, Timeline
from somatictimer.figures.camera import VIEWS, Prop
from somatictimer.figures.data import Angles, Figure

TREMOR_MS = 600
MORPH_MAX_MS = 3000  # a long rest morphs in its first three seconds, then rests
FIGURELESS_CYCLE_MS = 8000  # a multi-keyframe hold with no breath or reps to follow

FigureLookup = Callable[[str], tuple[Figure | None, bool]]  # pose id -> (figure, mirrored)


@dataclass(frozen=True, slots=True)
class FigureFrame:
    """Everything needed to draw the figure at one moment."""

    angles: Angles
    yaw: float
    pitch: float
    props: tuple[Prop, ...]
    mirror: bool
    figures: tuple[Figure, ...]  # whose bounds the drawing fits (two while morphing)
    moving: bool  # whether it changes from moment to moment now (repaint speed)


def ease(t: float) -> float:
    """Gentle in and out."""
    t = min(max(t, 0.0), 1.0)
    return 0.5 - 0.5 * math.cos(math.pi * t)


def blend(a: Angles, b: Angles, t: float) -> Angles:
    joints = set(a) | set(b)
    out: Angles = {}
    for joint in joints:
        va, vb = a.get(joint, ()), b.get(joint, ())
        n = max(len(va), len(vb))
        va, vb = va + (0.0,) * (n - len(va)), vb + (0.0,) * (n - len(vb))
        out[joint] = tuple(x + (y - x) * t for x, y in zip(va, vb, strict=True))
    return out


def frame_at(
    timeline: Timeline, position_ms: float, lookup: FigureLookup, *, reduce_motion: bool = False
) -> FigureFrame | None:
    segment = timeline.segment_at(position_ms)
    if segment.kind is SegmentKind.HOLD:
        return _hold(timeline, segment, position_ms, lookup, reduce_motion)
    before = _neighbour(timeline, segment.index, -1)
    after = _neighbour(timeline, segment.index, +1)
    target = _still(after, lookup, first=True) if after else None
    source = _still(before, lookup, first=False) if before else None
    if target is None:
        return source
    if source is None or reduce_motion:
        return target
    length = min(segment.duration_ms, MORPH_MAX_MS)
    t = ease((position_ms - segment.start_ms) / max(length, 1))
    return FigureFrame(
        blend(source.angles, target.angles, t),
        source.yaw + (target.yaw - source.yaw) * t,
        source.pitch + (target.pitch - source.pitch) * t,
        target.props if t >= 0.5 else source.props,
        target.mirror if t >= 0.5 else source.mirror,
        source.figures + target.figures,
        moving=0.0 < t < 1.0,
    )


def _neighbour(timeline: Timeline, index: int, step: int) -> Segment | None:
    i = index + step
    while 0 <= i < len(timeline.segments):
        if timeline.segments[i].kind is SegmentKind.HOLD:
            return timeline.segments[i]
        i += step
    return None


def _figure(segment: Segment, lookup: FigureLookup) -> tuple[Figure, bool] | None:
    figure, mirrored = lookup(segment.pose_id or "")
    if figure is None:
        return None
    return figure, mirrored != (segment.side is Side.LEFT)  # the left side is the mirror


def _frame(figure: Figure, mirror: bool, angles: Angles, moving: bool) -> FigureFrame:
    yaw, pitch = VIEWS[figure.view]
    return FigureFrame(angles, yaw, pitch, figure.props, mirror, (figure,), moving)


def _still(segment: Segment, lookup: FigureLookup, *, first: bool) -> FigureFrame | None:
    found = _figure(segment, lookup)
    if found is None:
        return None
    figure, mirror = found
    keyframe = figure.keyframes[0] if first or figure.motion == "tremor" else figure.keyframes[-1]
    return _frame(figure, mirror, keyframe.angles, moving=False)


def _hold(
    timeline: Timeline,
    segment: Segment,
    position_ms: float,
    lookup: FigureLookup,
    reduce_motion: bool,
) -> FigureFrame | None:
    found = _figure(segment, lookup)
    if found is None:
        return None
    figure, mirror = found
    frames = [k.angles for k in figure.keyframes]
    if len(frames) == 1:
        return _frame(figure, mirror, frames[0], moving=False)
    into = position_ms - segment.start_ms
    if figure.motion == "tremor":
        if reduce_motion:
            return _frame(figure, mirror, frames[0], moving=False)
        return _cycle(figure, mirror, frames, (into % TREMOR_MS) / TREMOR_MS)
    phase = breath_phase_at(timeline, position_ms)
    if phase is not None and (segment.rep_breath or figure.motion == "breath"):
        number = (
            paired_phase_number(segment, phase.start_ms)
            if segment.rep_breath
            else phase.breath_number
        )
        target, source = frames[number % len(frames)], frames[(number - 1) % len(frames)]
        if reduce_motion:
            return _frame(figure, mirror, target, moving=False)
        t = ease(phase.progress(position_ms))
        return _frame(figure, mirror, blend(source, target, t), moving=True)
    if segment.reps:
        rep = into * segment.reps / max(segment.planned_ms, 1)
        if reduce_motion:
            return _frame(figure, mirror, frames[int(rep) % len(frames)], moving=False)
        return _cycle(figure, mirror, frames, rep % 1.0)
    if reduce_motion:
        return _frame(figure, mirror, frames[0], moving=False)
    return _cycle(figure, mirror, frames, (into % FIGURELESS_CYCLE_MS) / FIGURELESS_CYCLE_MS)


def _cycle(figure: Figure, mirror: bool, frames: list[Angles], where: float) -> FigureFrame:
    """Through every keyframe and back to the first over ``where`` from 0 to 1."""
    count = len(frames)  # two keyframes: there and back; more: round and back to the first
    path = [*frames, frames[0]]
    position = where * count
    i = min(int(position), count - 1)
    return _frame(figure, mirror, blend(path[i], path[i + 1], ease(position - i)), moving=True)
