"""How a session went, told from its steps: which blocks were practised, cut short, skipped
or never reached, and whether the session counts as completed (docs/history-format.md).

Everything here is derived from what a history record already keeps (each step's planned
and practised seconds, and whether the session reached its end), so old records, imports
and exports all get the same answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from somatictimer.core.describe import plural
from somatictimer.core.history.records import SessionRecord, StepRecord

FULL_SHARE = 0.9  # a block practised for 90 % of its planned time was practised in full
FULL_WITHIN_S = 2.0  # ... or to within 2 s of its end (the last poll may fall just short)
HALF_SHARE = 0.5  # less than half of a block, and it was not practised
MAX_SKIPPED_SHARE = 0.1  # "completed": at most a tenth of the planned hold time left out
REACHED_END = ("completed", "partial")  # statuses of sessions that played to their end


class Outcome(StrEnum):
    FULL = "practised"
    SHORTENED = "shortened"
    SKIPPED = "skipped"
    NOT_REACHED = "not reached"


@dataclass(frozen=True)
class BlockCounts:
    """The blocks (holds, each side its own) of one session, by outcome."""

    total: int
    full: int
    shortened: int
    skipped: int
    not_reached: int
    skipped_names: tuple[str, ...] = ()  # the skipped blocks, in order, with their side
    completed: bool = False  # see is_completed

    @property
    def practised(self) -> int:
        """Blocks practised for at least half their time: in full or shortened."""
        return self.full + self.shortened


def step_outcomes(steps: Sequence[StepRecord], *, reached_end: bool) -> list[Outcome]:
    """Each step's outcome. A step practised for less than half its planned time was
    skipped when the session went on past it (a later step was practised, or the session
    reached its end); otherwise the session ended before it (not reached)."""
    last_begun = max((i for i, s in enumerate(steps) if s.actual_s > 0), default=-1)
    outcomes = []
    for index, step in enumerate(steps):
        if _in_full(step):
            outcomes.append(Outcome.FULL)
        elif step.actual_s >= step.planned_s * HALF_SHARE:
            outcomes.append(Outcome.SHORTENED)
        elif reached_end or index < last_begun:
            outcomes.append(Outcome.SKIPPED)
        else:
            outcomes.append(Outcome.NOT_REACHED)
    return outcomes


def _in_full(step: StepRecord) -> bool:
    return (
        step.actual_s >= step.planned_s * FULL_SHARE
        or step.planned_s - step.actual_s <= FULL_WITHIN_S
    )


def count_blocks(steps: Sequence[StepRecord], *, reached_end: bool) -> BlockCounts:
    outcomes = step_outcomes(steps, reached_end=reached_end)
    skipped = tuple(
        step_label(step)
        for step, outcome in zip(steps, outcomes, strict=True)
        if outcome is Outcome.SKIPPED
    )
    return BlockCounts(
        total=len(steps),
        full=outcomes.count(Outcome.FULL),
        shortened=outcomes.count(Outcome.SHORTENED),
        skipped=len(skipped),
        not_reached=outcomes.count(Outcome.NOT_REACHED),
        skipped_names=skipped,
        completed=is_completed(steps, reached_end=reached_end),
    )


def record_blocks(record: SessionRecord) -> BlockCounts:
    """The block counts of a saved session."""
    return count_blocks(record.steps, reached_end=record.status in REACHED_END)


def step_label(step: StepRecord) -> str:
    """ "Low Lunge (left)": the name as the user saw it, with the side when it has one."""
    name = step.pose_name or step.pose_id
    return f"{name} ({step.side})" if step.side in ("left", "right") else name


def left_out_s(steps: Sequence[StepRecord]) -> float:
    """Planned hold time not practised: skipped blocks and the unpractised part of
    shortened ones (time added with +30 s does not make up for another block)."""
    return sum(max(0.0, step.planned_s - step.actual_s) for step in steps)


def is_completed(steps: Sequence[StepRecord], *, reached_end: bool) -> bool:
    """The rule for "completed": the session played to the end of its plan, and no more
    than MAX_SKIPPED_SHARE (a tenth) of the planned hold time was left out by skipping or
    cutting blocks short. Skipping one pose of a long sequence still completes it; skipping
    through most of it does not. A session with no steps (entered by hand, imported)
    completes when it reached its end."""
    if not reached_end:
        return False
    planned = sum(step.planned_s for step in steps)
    return planned <= 0 or left_out_s(steps) <= planned * MAX_SKIPPED_SHARE


def ending_status(steps: Sequence[StepRecord], *, reached_end: bool) -> str:
    """The status a finished or stopped session is saved with: "completed" (see
    is_completed), "partial" (reached the end with more left out) or "stopped"."""
    if not reached_end:
        return "stopped"
    return "completed" if is_completed(steps, reached_end=True) else "partial"


def blocks_text(counts: BlockCounts) -> str:
    """ "12 of 16 poses (1 shortened) · 2 skipped": what the end screen and history say."""
    text = f"{counts.practised} of {plural(counts.total, 'pose')}"
    if counts.shortened:
        text += f" ({counts.shortened} shortened)"
    if counts.skipped:
        text += f" · {counts.skipped} skipped"
    return text
