"""Small builders for model values, and hypothesis strategies over them."""

from __future__ import annotations

from hypothesis import strategies as st
from somatictimer.core.model import BreathPattern, Pose, Sequence, Side, Sides, Step

BOX = BreathPattern("box", "Box", inhale_s=4, hold_in_s=4, exhale_s=4, hold_out_s=4)
EXHALE = BreathPattern("long-exhale", "4-6", inhale_s=4, exhale_s=6)
BREATHS = {b.id: b for b in (BOX, EXHALE)}


def pose(
    pose_id: str = "p",
    *,
    sides: Sides = Sides.NONE,
    hold_s: float | None = 60,
    reps: int | None = None,
    rep_s: float | None = None,
    breath: str | None = None,
    first_side: Side = Side.RIGHT,
) -> Pose:
    if reps is not None:
        hold_s = None
    return Pose(
        pose_id,
        pose_id.title(),
        "test",
        "test",
        "seated",
        sides=sides,
        hold_s=hold_s,
        reps=reps,
        rep_s=rep_s,
        breath_pattern=breath,
        first_side=first_side,
    )


def sequence(
    *steps: Step,
    transition_s: float = 5,
    prep_s: float = 10,
    breath: str | None = None,
    interval_s: float | None = None,
) -> Sequence:
    return Sequence(
        "s",
        "S",
        tuple(steps),
        transition_s=transition_s,
        prep_s=prep_s,
        breath=breath,
        interval_s=interval_s,
    )


half_steps = st.integers(min_value=1, max_value=40).map(lambda n: n / 2)


@st.composite
def poses(draw: st.DrawFn, pose_id: str) -> Pose:
    sides = draw(st.sampled_from(list(Sides)))
    breath = draw(st.sampled_from([None, "box", "long-exhale"]))
    if draw(st.booleans()):
        return pose(
            pose_id,
            sides=sides,
            hold_s=draw(st.integers(1, 400)) / 4,
            breath=breath,
            first_side=draw(st.sampled_from([Side.RIGHT, Side.LEFT])),
        )
    return pose(
        pose_id, sides=sides, reps=draw(st.integers(1, 12)), rep_s=draw(half_steps), breath=breath
    )


@st.composite
def libraries(draw: st.DrawFn) -> tuple[Sequence, dict[str, Pose]]:
    """A random sequence over random poses (all references valid)."""
    count = draw(st.integers(1, 5))
    library = {f"p{i}": draw(poses(f"p{i}")) for i in range(count)}
    steps = []
    for _ in range(draw(st.integers(1, 8))):
        pose_id = draw(st.sampled_from(sorted(library)))
        hold = draw(st.one_of(st.none(), st.integers(1, 2400).map(lambda n: n / 8)))
        side = None
        if library[pose_id].sides is Sides.PER_SIDE:
            side = draw(st.sampled_from([None, Side.RIGHT, Side.LEFT]))
        rest = draw(st.sampled_from([0, 0, 0, 7.5]))
        steps.append(
            Step(
                pose_id,
                hold_s=hold,
                side=side,
                rest_after_s=rest,
                breath=draw(st.sampled_from([None, None, "natural", "box"])),
            )
        )
    seq = sequence(
        *steps,
        transition_s=draw(st.sampled_from([0, 2, 3, 5, 10, 2.5])),
        prep_s=draw(st.sampled_from([0, 3, 10])),
        breath=draw(st.sampled_from([None, "long-exhale"])),
        interval_s=draw(st.sampled_from([None, 60, 17.5])),
    )
    return seq, library
