"""Plain-data views of library items and timelines (for --json output and text listings)."""

from __future__ import annotations

import math
from typing import Any

from somatictimer.core.library import Library
from somatictimer.core.model import BreathPattern, Pose, Sequence
from somatictimer.core.timeline import Segment, SegmentKind, Timeline, compile_timeline


def whole_seconds_left(seconds: float) -> int:
    """Seconds left rounded up, like a kitchen timer (1 in the last second); a hair of float
    noise (3.0000001) must not show as 4."""
    return max(0, math.ceil(seconds - 1e-6))


def countdown(seconds: float) -> str:
    """Time left as the clocks on screen show it: 0:01 during the last second."""
    return clock(whole_seconds_left(seconds))


def clock(seconds: float) -> str:
    """12:02, 1:05:00 or 0:04.5 for a duration in seconds."""
    whole, fraction = divmod(round(seconds * 10), 10)
    hours, rest = divmod(int(whole), 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{fraction}" if fraction else text


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 minute", "2 minutes", "0 sessions"; ``words`` for a plural that is not word + s."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def unknown_line(message: str, hint: str | None) -> str:
    """The one line for a name nothing matched: the message, then the closest name or where
    to look."""
    suffix = f'; did you mean "{hint}"?' if hint else "; see `somatictimer list`"
    return f"somatictimer: {message}{suffix}"


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` columns: padded, or cut with "…" when longer."""
    return text.ljust(width) if len(text) <= width else text[: width - 1] + "…"


GAP_WORDS = {
    SegmentKind.PREP: "Get ready",
    SegmentKind.TRANSITION: "Change",
    SegmentKind.REST: "Rest",
}


def segment_title(segment: Segment, library: Library) -> str:
    """The pose's name for a hold, otherwise what the gap is ("Get ready", "Change", "Rest")."""
    pose = library.poses.get(segment.pose_id or "")
    if segment.kind is SegmentKind.HOLD and pose is not None:
        return pose.name
    return GAP_WORDS.get(segment.kind, "")


def pose_timing(pose: Pose) -> str:
    if pose.hold_s is not None:
        return f"hold {pose.hold_s:g} s"
    return f"{pose.reps} × {pose.rep_s:g} s"


def breath_summary(breath: BreathPattern) -> str:
    parts = [breath.inhale_s, breath.hold_in_s, breath.exhale_s, breath.hold_out_s]
    return "-".join(f"{p:g}" for p in parts) + f" ({breath.breaths_per_min:.1f}/min)"


def sequence_total_s(sequence: Sequence, library: Library) -> float:
    """Practice length without the prep countdown, as the reference sums it."""
    return compile_timeline(sequence, library.poses, library.breaths).practice_s


def pose_json(pose: Pose) -> dict[str, Any]:
    return {
        "id": pose.id,
        "name": pose.name,
        "tradition": pose.tradition,
        "lineage": pose.lineage,
        "ref": pose.ref,
        "category": pose.category,
        "position": pose.position,
        "sides": pose.sides.value,
        "hold_s": pose.hold_s,
        "reps": pose.reps,
        "rep_s": pose.rep_s,
        "default_s": pose.default_s,
        "breath_pattern": pose.breath_pattern,
        "rep_breath": [kind.value for kind in pose.rep_breath],
        "cautions": list(pose.cautions),
        "substitutes": list(pose.substitutes),
        "props": list(pose.props),
        "intensity": pose.intensity,
    }


def breath_json(breath: BreathPattern) -> dict[str, Any]:
    return {
        "id": breath.id,
        "name": breath.name,
        "inhale_s": breath.inhale_s,
        "hold_in_s": breath.hold_in_s,
        "exhale_s": breath.exhale_s,
        "hold_out_s": breath.hold_out_s,
        "cycle_s": breath.cycle_s,
        "no_hold": breath.no_hold,
    }


def sequence_json(sequence: Sequence, library: Library) -> dict[str, Any]:
    timeline = compile_timeline(sequence, library.poses, library.breaths)
    return {
        "id": sequence.id,
        "name": sequence.name,
        "description": sequence.description,
        "total_s": timeline.practice_s,
        "prep_s": timeline.prep_ms / 1000,
        "steps": len(sequence.steps),
        "blocks": len(timeline.holds),
    }


def _segment_json(segment: Segment, library: Library) -> dict[str, Any]:
    pose = library.poses.get(segment.pose_id or "")
    return {
        "index": segment.index,
        "kind": segment.kind.value,
        "start_s": segment.start_s,
        "end_s": segment.end_s,
        "pose_id": segment.pose_id,
        "pose_name": pose.name if pose else None,
        "side": segment.side.value,
        "reps": segment.reps,
        "breath": segment.breath,
        "step": None if segment.step_index is None else segment.step_index + 1,
    }


def timeline_json(timeline: Timeline, library: Library) -> dict[str, Any]:
    """The documented ``plan --json`` object (docs/cli.md)."""
    return {
        "sequence_id": timeline.sequence.id,
        "sequence_name": timeline.sequence.name,
        "total_s": timeline.total_s,
        "prep_s": timeline.prep_ms / 1000,
        "practice_s": timeline.practice_s,
        "segments": [_segment_json(s, library) for s in timeline.segments],
        "cues": [
            {
                "at_s": c.at_s,
                "kind": c.kind.value,
                "segment": c.segment,
                "count": c.count,
                "side": c.side.value if c.side else None,
            }
            for c in timeline.cues
        ],
    }
