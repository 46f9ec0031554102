"""A step that overrides only reps or only rep length: the block lengths and counts a user gets."""

from __future__ import annotations

import pytest
from somatictimer.core.blocks import block_plan, breath_for
from somatictimer.core.model import BreathPattern, CueKind, Step
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import BREATHS, pose, sequence

STILL = pose("still", hold_s=60)  # a timed hold of 60 s
SQUATS = pose("squats", reps=5, rep_s=4)  # 5 reps of 4 s


@pytest.mark.parametrize(
    ("item", "step", "block_s", "reps"),
    [
        # A timed pose given a rep count spreads the reps over its usual hold.
        (STILL, Step("still", reps=3), 60, 3),
        # A timed pose given only a rep length plays one rep of that length.
        (STILL, Step("still", rep_s=10), 10, 1),
        # A rep pose keeps its rep length when only the count changes ...
        (SQUATS, Step("squats", reps=3), 12, 3),
        # ... and its count when only the rep length changes.
        (SQUATS, Step("squats", rep_s=2), 10, 5),
    ],
)
def test_one_override_keeps_the_other_from_the_pose(item, step, block_s, reps) -> None:  # type: ignore[no-untyped-def]
    plan = block_plan(step, item)
    assert (plan.block_s, plan.reps) == (block_s, reps)
    timeline = compile_timeline(sequence(step, prep_s=0), {item.id: item}, BREATHS)
    (hold,) = timeline.holds
    assert (hold.duration_ms, hold.reps) == (block_s * 1000, reps)


def test_three_reps_over_a_timed_hold_tick_at_each_third() -> None:
    timeline = compile_timeline(
        sequence(Step("still", reps=3), prep_s=0), {"still": STILL}, BREATHS
    )
    ticks = [(c.at_ms, c.count) for c in timeline.cues if c.kind is CueKind.REP]
    assert ticks == [(20_000, 2), (40_000, 3)]


def test_natural_on_a_step_means_no_pacing_even_if_a_pattern_is_called_natural() -> None:
    natural = BreathPattern("natural", "Natural", inhale_s=3, exhale_s=3)
    breaths = {**BREATHS, "natural": natural}
    paced = pose("paced", hold_s=30)
    assert breath_for(Step("paced", breath="natural"), paced, None) is None
    timeline = compile_timeline(
        sequence(Step("paced", breath="natural"), prep_s=0), {"paced": paced}, breaths
    )
    assert timeline.holds[0].breath is None
    assert not [c for c in timeline.cues if c.kind in (CueKind.INHALE, CueKind.EXHALE)]
