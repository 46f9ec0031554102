"""The session builder's rules as data and checks, shared by the composer, its tests and
docs/session-builder.md: what serves each focus, the order of positions, hold ranges, and
``broken_rules`` that lists every rule a built sequence breaks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from math import ceil

from somatictimer.core.blocks import block_plan
from somatictimer.core.compose.request import ComposeRequest, Focus
from somatictimer.core.library.adapt import flagged_steps
from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence, Sides
from somatictimer.core.timeline import compile_timeline


@dataclass(frozen=True, slots=True)
class FocusMatch:
    """A pose serves a focus when its category holds one of ``words`` or its id is listed."""

    words: tuple[str, ...]
    ids: tuple[str, ...] = ()


# From REFERENCE.md: the items' categories, and the sample sequences written for each aim
# (SEQ-01 Evening Hip Release, SEQ-02 Psoas Unwind, SEQ-05 Somatic Morning, SEQ-10 Foot-Arch
# Reset ...).
FOCUS_MATCHES: Mapping[Focus, FocusMatch] = {
    Focus.HIPS: FocusMatch(
        ("hip", "thigh", "groin", "glute", "outer hip"),
        ("cat-cow", "bound-angle", "wide-knee-childs-pose"),
    ),
    Focus.PSOAS: FocusMatch(
        ("hip flexor", "hip extension", "front body", "pelvis", "pelvic", "low back"),
        (
            "constructive-rest-position",
            "hip-hike",
            "reclined-bound-angle",
            "extended-exhale",
            "natural-abdominal-breathing",
        ),
    ),
    Focus.LOW_BACK: FocusMatch(
        ("low back", "pelvis", "pelvic", "spine", "spinal", "back extensors", "trunk", "waist"),
        ("constructive-rest-position", "pelvic-curl", "bridge", "knee-circles"),
    ),
    Focus.FEET: FocusMatch(
        ("foot", "feet", "plantar", "arch", "ankle", "calf", "calves", "sole", "toe"),
    ),
    Focus.CALM: FocusMatch(
        ("rest", "calm", "sleep", "down-regulation", "baseline", "steadiness", "settle"),
        ("standing-like-a-tree", "pelvic-clock", "butterfly", "caterpillar", "bound-angle"),
    ),
    Focus.MORNING: FocusMatch(
        (
            "warm-up",
            "loosening",
            "stretch up",
            "side-body",
            "chest opening",
            "coordination",
            "mobility",
            "rotation",
            "spine sequencing",
            "whole-body",
            "quick reset",
            "strength",
        ),
        ("arch-and-flatten", "arch-and-curl", "side-bend", "hip-hike", "cloud-hands"),
    ),
}

# Categories that make a good first pose: gentle ways in (the warm-up prefers them).
WARM_UP_WORDS = ("warm-up", "check-in", "baseline", "stance", "loosening", "mobility", "ankle")
NEVER_FIRST = ("closing-form",)  # a way out, not in

# Where the body is, from standing down to lying: the main part moves along this order
# only, so it never climbs from the floor back to standing.
POSITION_ORDER = ("standing", "kneeling", "seated", "prone", "side-lying", "supine")
FLOOR = frozenset(POSITION_ORDER[1:])
MAX_MAIN_POSITIONS = 3  # positions in the main part
# Warm-up -> main part (1) + between the main part's positions (2) + main -> rest (1).
MAX_POSITION_CHANGES = 4
MAX_FLOOR_TO_STANDING = 1  # only a floor warm-up before a standing main part

HOLD_SCALE = (0.5, 2.0)  # a pose's block is between these times its library default
MIN_BLOCK_S = 15.0  # and never shorter than this (a side, for per-side poses)
TOLERANCE_S = 5.0  # the practice time lands this close to the minutes asked for
TRANSITION_S = 5.0
PREP_S = 10.0
WARM_UP_MAX_INTENSITY = 1


def serves(pose: Pose, focus: Focus) -> bool:
    match = FOCUS_MATCHES[focus]
    category = pose.category.casefold()
    return pose.id in match.ids or any(word in category for word in match.words)


def is_rest(pose: Pose) -> bool:
    """A resting pose: its category names rest (Corpse Pose, Constructive Rest ...)."""
    return any(part.strip() == "rest" for part in pose.category.casefold().split(","))


def is_warm_up(pose: Pose) -> bool:
    category = pose.category.casefold()
    return any(word in category for word in WARM_UP_WORDS)


def blocks(pose: Pose) -> int:
    """Blocks a whole step of the pose plays: both sides for a per-side pose."""
    return 2 if pose.sides is Sides.PER_SIDE else 1


def block_range(pose: Pose) -> tuple[float, float]:
    """The shortest and longest sensible block: the default scaled by HOLD_SCALE, at least
    MIN_BLOCK_S. For rep-based poses, whole reps at the pose's own tempo."""
    low, high = HOLD_SCALE
    if pose.rep_s and pose.reps:
        fewest = max(1, ceil(pose.reps * low), ceil(MIN_BLOCK_S / pose.rep_s))
        most = max(fewest, int(pose.reps * high))
        return fewest * pose.rep_s, most * pose.rep_s
    shortest = max(MIN_BLOCK_S, pose.default_s * low)
    return shortest, max(shortest, pose.default_s * high)


def position_changes(positions: list[str]) -> int:
    return sum(1 for a, b in pairwise(positions) if a != b)


def floor_to_standing(positions: list[str]) -> int:
    pairs = pairwise(positions)
    return sum(1 for a, b in pairs if a in FLOOR and b == "standing")


def broken_rules(sequence: Sequence, library: Library, request: ComposeRequest) -> list[str]:
    """Every rule of docs/session-builder.md the sequence breaks (empty: it keeps them all)."""
    broken: list[str] = []
    poses = [library.poses[step.pose] for step in sequence.steps]
    practice_s = compile_timeline(sequence, library.poses, library.breaths).practice_s
    if abs(practice_s - request.minutes * 60) > TOLERANCE_S:
        broken.append(f"lasts {practice_s:g} s, asked for {request.minutes * 60} s")
    for entry in flagged_steps(sequence, library, request.profile):
        broken.append(f"step {entry.index + 1} ({entry.pose.id}) is flagged {entry.flags}")
    for number, (step, pose) in enumerate(zip(sequence.steps, poses, strict=True), 1):
        if step.side is not None:
            broken.append(f"step {number} ({pose.id}) runs one side only")
        shortest, longest = block_range(pose)
        length = block_plan(step, pose).block_s
        if not shortest - 0.001 <= length <= longest + 0.001:
            broken.append(f"step {number} ({pose.id}) lasts {length:g} s a block")
        if pose.intensity > request.intensity.level:
            broken.append(f"step {number} ({pose.id}) is stronger than {request.intensity}")
    if len({step.pose for step in sequence.steps}) != len(sequence.steps):
        broken.append("a pose comes twice")
    if poses and poses[0].intensity > WARM_UP_MAX_INTENSITY:
        broken.append(f"starts with {poses[0].id}, not a gentle warm-up")
    if poses and not _closes_with_rest(poses[-1], library, request):
        broken.append(f"ends with {poses[-1].id}, not a rest")
    positions = [pose.position for pose in poses]
    if position_changes(positions) > MAX_POSITION_CHANGES:
        broken.append(f"changes position {position_changes(positions)} times: {positions}")
    if floor_to_standing(positions) > MAX_FLOOR_TO_STANDING:
        broken.append(f"gets up from the floor {floor_to_standing(positions)} times")
    return broken


def clear_rests(library: Library, profile: frozenset[str]) -> list[Pose]:
    return [
        pose
        for pose in library.listed_poses()
        if is_rest(pose) and not set(pose.cautions) & profile
    ]


def _closes_with_rest(pose: Pose, library: Library, request: ComposeRequest) -> bool:
    """A rest pose, or, when the profile flags every rest pose, a flagged rest's substitute."""
    if is_rest(pose):
        return True
    if clear_rests(library, request.profile):
        return False
    return any(pose.id in rest.substitutes for rest in library.listed_poses() if is_rest(rest))
