"""Practise one item: a pose with its default timing, or a breath pattern for some minutes."""

from __future__ import annotations

from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence, Step

PREFIX = "practise-"
DEFAULT_BREATH_MINUTES = 3.0
PREP_S = 10.0
TRANSITION_S = 5.0


class UnknownItem(LookupError):
    """No sequence, pose or breath pattern has that id or name; the message says so."""


def find_item(library: Library, query: str) -> tuple[str, str] | None:
    """("pose" | "breath", id) for an id or a name (case-insensitive)."""
    if query in library.poses:
        return "pose", query
    if query in library.breaths:
        return "breath", query
    folded = query.casefold().strip()
    for kind, items in (("pose", library.poses), ("breath", library.breaths)):
        for item_id, item in items.items():
            if item.name.casefold() == folded:
                return kind, item_id
    return None


def practise_pose(library: Library, pose_id: str, minutes: float | None = None) -> Sequence:
    """A one-item session of a pose: its default timing (both sides), or ``minutes`` long."""
    pose = library.poses[pose_id]
    step = Step(pose=pose.id)
    if minutes is not None:
        step = _lasting(pose, minutes * 60)
    return Sequence(
        id=PREFIX + pose.id,
        name=pose.name,
        steps=(step,),
        description=pose.cue,
        transition_s=TRANSITION_S,
        prep_s=PREP_S,
    )


def practise_breath(library: Library, pattern_id: str, minutes: float | None = None) -> Sequence:
    """A session of a breath pattern for ``minutes``, through the library's item for it
    (Box Breathing for the box pattern) or, where there is none, a plain seated pose."""
    pattern = library.breaths[pattern_id]
    pose = next(
        (p for p in library.poses.values() if p.breath_pattern == pattern_id and not p.rep_breath),
        None,
    )
    if pose is None:
        pose = library.add_ad_hoc(
            Pose(
                id=f"paced-{pattern.id}",
                name=pattern.name,
                tradition="breathwork",
                category="paced breathing",
                position="seated",
                hold_s=DEFAULT_BREATH_MINUTES * 60,
                breath=pattern.name,
                breath_pattern=pattern.id,
                cue=pattern.notes,
                cautions=pattern.cautions,
            )
        )
    return practise_pose(library, pose.id, minutes)


def practise(library: Library, query: str, minutes: float | None = None) -> Sequence:
    """A sequence by id or name, else a one-item session of a pose or breath pattern."""
    sequence = library.find_sequence(query)
    if sequence is not None:
        return sequence
    found = find_item(library, query)
    if found is None:
        raise UnknownItem(f'no sequence, pose or breath pattern named "{query}"')
    kind, item_id = found
    if kind == "pose":
        return practise_pose(library, item_id, minutes)
    return practise_breath(library, item_id, minutes)


def _lasting(pose: Pose, seconds: float) -> Step:
    """A step of ``pose`` lasting ``seconds`` per block, keeping whole reps where it has reps."""
    if pose.rep_s:
        reps = max(1, round(seconds / pose.rep_s))
        return Step(pose=pose.id, reps=reps, rep_s=pose.rep_s)
    return Step(pose=pose.id, hold_s=seconds)
