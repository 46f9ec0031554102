"""What the player says at a moment: title, side, banner, cue, the "next" line (pure, so the
words a person reads from the mat are tested without a window)."""

from __future__ import annotations

from dataclasses import dataclass

from somatictimer.core.describe import clock
from somatictimer.core.engine import State
from somatictimer.core.library import Library
from somatictimer.core.model import Pose, Side
from somatictimer.core.timeline import Segment, SegmentKind, Timeline

SIDE_WORDS = {"right": "Right side", "left": "Left side", "alternating": "Alternate sides"}
GAP_TITLES = {SegmentKind.PREP: "Get ready", SegmentKind.REST: "Rest"}


@dataclass(frozen=True, slots=True)
class Showing:
    """The words on the Practice page, and which pose the figure shows on which side."""

    title: str
    side: str
    banner: str
    cue: str
    note: str
    next_line: str
    figure: Pose | None
    figure_side: Side


def now_showing(timeline: Timeline, segment: Segment, state: State, library: Library) -> Showing:
    following = timeline.next_hold(segment.index)
    next_pose = library.poses.get(following.pose_id or "") if following else None
    paused = state is State.PAUSED
    next_line = _next_line(next_pose, following, segment)
    if segment.kind is SegmentKind.HOLD:
        pose = library.poses[segment.pose_id or ""]
        step = timeline.sequence.steps[segment.step_index or 0]
        return Showing(
            title=pose.name,
            side=SIDE_WORDS.get(segment.side.value, ""),
            banner="Paused" if paused else "",
            cue=pose.cue,
            note=step.note,
            next_line=next_line,
            figure=pose,
            figure_side=segment.side,
        )
    switching = (
        following is not None
        and following.step_index == _previous_step(timeline, segment)
        and following.side in (Side.LEFT, Side.RIGHT)
    )
    if paused:
        banner = "Paused"
    elif switching and following is not None:
        banner = f"Switch to the {following.side.value} side"
    else:
        banner = f"Next: {next_pose.name}" if next_pose else ""
    return Showing(
        title=GAP_TITLES.get(segment.kind, "Switch sides" if switching else "Change"),
        side=SIDE_WORDS.get(following.side.value, "") if following else "",
        banner=banner,
        cue=next_pose.cue if next_pose else "",
        note="",
        next_line=next_line,
        figure=next_pose,
        figure_side=following.side if following else Side.NONE,
    )


def _next_line(next_pose: Pose | None, following: Segment | None, segment: Segment) -> str:
    if next_pose is None or following is None:
        return "last pose" if segment.kind is SegmentKind.HOLD else ""
    side = f" · {following.side.value}" if following.side in (Side.LEFT, Side.RIGHT) else ""
    return f"next: {next_pose.name}{side} · {clock(following.duration_ms / 1000)}"


def _previous_step(timeline: Timeline, segment: Segment) -> int | None:
    """Step index of the hold just before a gap segment."""
    for earlier in reversed(timeline.segments[: segment.index]):
        if earlier.kind is SegmentKind.HOLD:
            return earlier.step_index
    return None
