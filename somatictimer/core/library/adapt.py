"""Fit a sequence to the user's caution profile: keep, skip or substitute each flagged item.

Substitutes come from the data (each pose lists its ``substitutes``, best first); a
substitute takes exactly the time the item had, so the session's length stays the same.
Breathing patterns with holds become their ``no_hold`` pattern when a breath-hold caution
is ticked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from somatictimer.core.blocks import NATURAL, block_plan, breath_for
from somatictimer.core.library.cautions import BREATH_HOLD_FLAGS
from somatictimer.core.library.types import Library
from somatictimer.core.model import Pose, Sequence, Sides, Step

MIN_SUB_BLOCK_S = 10.0  # a per-side substitute shorter than this per side runs one side only


class Choice(StrEnum):
    SUBSTITUTE = "substitute"
    SKIP = "skip"
    KEEP = "keep"


@dataclass(frozen=True, slots=True)
class FlaggedStep:
    """A step whose pose touches a ticked flag, and what could replace it."""

    index: int
    pose: Pose
    flags: tuple[str, ...]
    substitute: Pose | None

    @property
    def default(self) -> Choice:
        return Choice.SUBSTITUTE if self.substitute is not None else Choice.SKIP


def touched(pose: Pose, profile: frozenset[str]) -> tuple[str, ...]:
    """The ticked flags an item carries, in the item's order."""
    return tuple(flag for flag in pose.cautions if flag in profile)


def substitute_for(pose: Pose, library: Library, profile: frozenset[str]) -> Pose | None:
    """The first listed substitute that carries none of the ticked flags."""
    for sub_id in pose.substitutes:
        sub = library.poses.get(sub_id)
        if sub is not None and not touched(sub, profile):
            return sub
    return None


def flagged_steps(
    sequence: Sequence, library: Library, profile: frozenset[str]
) -> list[FlaggedStep]:
    found = []
    for index, step in enumerate(sequence.steps):
        pose = library.poses.get(step.pose)
        if pose is not None and (flags := touched(pose, profile)):
            found.append(FlaggedStep(index, pose, flags, substitute_for(pose, library, profile)))
    return found


def adapt(
    sequence: Sequence,
    library: Library,
    profile: frozenset[str],
    choices: Mapping[int, Choice] | None = None,
) -> Sequence:
    """The sequence as it will be practised; ``choices`` by step index (default: substitute
    where the data has one, else skip). May return a sequence with no steps left."""
    choices = dict(choices or {})
    flagged = {f.index: f for f in flagged_steps(sequence, library, profile)}
    steps: list[Step] = []
    for index, step in enumerate(sequence.steps):
        entry = flagged.get(index)
        choice = choices.get(index, entry.default) if entry else Choice.KEEP
        if choice is Choice.SKIP:
            continue
        if choice is Choice.SUBSTITUTE and entry is not None and entry.substitute is not None:
            step = _substituted(step, entry.pose, entry.substitute, sequence.transition_s)
        steps.append(step)
    adapted = replace(sequence, steps=tuple(steps))
    if profile & BREATH_HOLD_FLAGS:
        adapted = _without_breath_holds(adapted, library)
    return adapted


def _blocks(pose: Pose, side_given: bool) -> int:
    return 2 if pose.sides is Sides.PER_SIDE and not side_given else 1


def _substituted(step: Step, pose: Pose, sub: Pose, transition_s: float) -> Step:
    """A step of ``sub`` filling exactly the time the original step's blocks and the
    transitions between them took."""
    plan = block_plan(step, pose)
    blocks = len(plan.sides)
    total_s = blocks * plan.block_s + (blocks - 1) * transition_s
    side = step.side if sub.sides is Sides.PER_SIDE else None
    sub_blocks = _blocks(sub, side is not None)
    block_s = (total_s - (sub_blocks - 1) * transition_s) / sub_blocks
    if sub_blocks == 2 and block_s < MIN_SUB_BLOCK_S:
        side, block_s = sub.first_side, total_s
    block_s = round(block_s * 1000) / 1000
    reps = max(1, round(block_s / sub.rep_s)) if sub.rep_s else None
    return Step(
        pose=sub.id,
        hold_s=block_s,
        reps=reps,
        side=side,
        breath=step.breath,
        rest_after_s=step.rest_after_s,
        note=f"instead of {pose.name}",
    )


def _no_hold(pattern_id: str | None, library: Library) -> str | None:
    pattern = library.breaths.get(pattern_id or "")
    if pattern is None or not pattern.has_holds:
        return pattern_id
    return pattern.no_hold or NATURAL


def _without_breath_holds(sequence: Sequence, library: Library) -> Sequence:
    steps = []
    for step in sequence.steps:
        pose = library.poses.get(step.pose)
        if pose is not None:
            current = breath_for(step, pose, sequence.breath)
            safer = _no_hold(current, library)
            if safer != current:
                step = replace(step, breath=safer)
        steps.append(step)
    return replace(sequence, steps=tuple(steps), breath=_no_hold(sequence.breath, library))
