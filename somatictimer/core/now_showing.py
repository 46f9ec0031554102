"""What the player says at a moment: title, side, banner, cue, the "next" line (pure, so the
words a person reads from the mat are tested without a window).

Each fact is said once: the side only in the side badge, what comes next only as one
"Next up: ..." (the banner in a gap, the line under the cue during a hold).
"""

from __future__ import annotations

from dataclasses import dataclass

from somatictimer.core.describe import clock
from somatictimer.core.engine import State
from somatictimer.core.library import Library
from somatictimer.core.model import Pose, Side
from somatictimer.core.pacer import rep_at
from somatictimer.core.timeline import Segment, SegmentKind, Timeline

SIDE_WORDS = {"right": "Right side", "left": "Left side", "alternating": "Alternate sides"}
LONG_REST_MS = 60_000  # a rest this long or longer may dim the screen


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
    long_rest: bool = False  # a long rest: the window may dim (see is_long_rest)


def now_showing(
    timeline: Timeline,
    segment: Segment,
    state: State,
    library: Library,
    position_ms: float | None = None,
) -> Showing:
    """``position_ms`` (the session's position) names the side of an alternating block's
    rep under way; without it the badge says "Alternate sides"."""
    following = timeline.next_hold(segment.index)
    next_pose = library.poses.get(following.pose_id or "") if following else None
    paused = state is State.PAUSED
    if segment.kind is SegmentKind.HOLD:
        pose = library.poses[segment.pose_id or ""]
        step = timeline.sequence.steps[segment.step_index or 0]
        return Showing(
            title=pose.name,
            side=_side_now(segment, position_ms),
            banner="Paused" if paused else "",
            cue=pose.cue,
            note=step.note,
            next_line=_next_line(next_pose, following),
            figure=pose,
            figure_side=segment.side,
            long_rest=is_long_rest(segment, pose),
        )
    switching = (
        following is not None
        and following.step_index == _previous_step(timeline, segment)
        and following.side in (Side.LEFT, Side.RIGHT)
    )
    if paused:
        banner = "Paused"
    elif switching or next_pose is None or following is None:
        banner = ""  # "Switch sides" and the side badge say it all
    else:
        banner = f"Next up: {next_pose.name} · {clock(following.duration_ms / 1000)}"
    if switching:
        title = "Switch sides"
    else:
        title = "Rest" if segment.kind is SegmentKind.REST else "Get ready"
    return Showing(
        title=title,
        side=SIDE_WORDS.get(following.side.value, "") if following else "",
        banner=banner,
        cue=next_pose.cue if next_pose else "",
        note="",
        next_line="",
        figure=next_pose,
        figure_side=following.side if following else Side.NONE,
        long_rest=is_long_rest(segment, None),
    )


def is_long_rest(segment: Segment, pose: Pose | None) -> bool:
    """A minute or more of rest: a rest between poses, or a hold of a resting pose (its
    category names "rest": Savasana, Legs Up the Wall, Constructive Rest...)."""
    if segment.duration_ms < LONG_REST_MS:
        return False
    if segment.kind is SegmentKind.REST:
        return True
    if segment.kind is not SegmentKind.HOLD or pose is None:
        return False
    return "rest" in (part.strip() for part in pose.category.split(","))


def _side_now(segment: Segment, position_ms: float | None) -> str:
    if segment.side is not Side.ALTERNATING or position_ms is None:
        return SIDE_WORDS.get(segment.side.value, "")
    rep = rep_at(segment, position_ms)
    if rep is None:
        return SIDE_WORDS["alternating"]
    side = segment.first_side if rep[0] % 2 == 1 else segment.first_side.other
    return f"{SIDE_WORDS[side.value]} · alternating"


def _next_line(next_pose: Pose | None, following: Segment | None) -> str:
    if next_pose is None or following is None:
        return "Last pose"
    side = f" · {following.side.value}" if following.side in (Side.LEFT, Side.RIGHT) else ""
    return f"Next up: {next_pose.name}{side} · {clock(following.duration_ms / 1000)}"


def _previous_step(timeline: Timeline, segment: Segment) -> int | None:
    """Step index of the hold just before a gap segment."""
    for earlier in reversed(timeline.segments[: segment.index]):
        if earlier.kind is SegmentKind.HOLD:
            return earlier.step_index
    return None
