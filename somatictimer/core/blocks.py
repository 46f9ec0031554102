"""How one Step of a Sequence becomes timed blocks: length, reps, sides, breath."""

from __future__ import annotations

from dataclasses import dataclass

from somatictimer.core.model import Pose, Side, Sides, Step

NATURAL = "natural"


@dataclass(frozen=True, slots=True)
class BlockPlan:
    """The resolved timing of a step: one block per entry of ``sides``."""

    block_s: float  # length of each block
    reps: int | None  # rep count inside each block (None: a timed hold)
    sides: tuple[Side, ...]  # one block per side listed


def block_plan(step: Step, pose: Pose) -> BlockPlan:
    """Resolve a step's overrides against its pose's defaults.

    ``hold_s`` alone makes a timed hold (rep ticks dropped); ``hold_s`` with ``reps`` spreads
    the reps over the hold; ``reps``/``rep_s`` alone override the pose's counts.
    """
    if step.hold_s is not None:
        block_s, reps = step.hold_s, step.reps
    elif step.reps is not None or step.rep_s is not None:
        reps = step.reps if step.reps is not None else pose.reps
        rep_s = step.rep_s if step.rep_s is not None else pose.rep_s
        if reps is None or rep_s is None:  # a timed pose given only one of the two
            reps = reps or 1
            rep_s = rep_s if rep_s is not None else pose.default_s / reps
        block_s = reps * rep_s
    else:
        block_s, reps = pose.default_s, pose.reps
    if pose.sides is Sides.PER_SIDE:
        sides = (step.side,) if step.side else (pose.first_side, pose.first_side.other)
    elif pose.sides is Sides.ALTERNATING:
        sides = (Side.ALTERNATING,)
    else:
        sides = (Side.NONE,)
    return BlockPlan(block_s=block_s, reps=reps, sides=sides)


def breath_for(step: Step, pose: Pose, sequence_breath: str | None) -> str | None:
    """The pattern id a block follows: step, else pose, else the sequence's (timed holds only).

    Rep-based blocks keep their own tempo, so the sequence-wide pattern skips them.
    """
    if step.breath is not None:
        return None if step.breath == NATURAL else step.breath
    if pose.breath_pattern:
        return pose.breath_pattern
    if block_plan(step, pose).reps is None:
        return sequence_breath
    return None
