"""Hypothesis strategies for valid library items: what an editor could save."""

from __future__ import annotations

from hypothesis import strategies as st
from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.model import (
    BREATH_CUES,
    CAUTIONS,
    POSITIONS,
    PROPS,
    BreathPattern,
    CueKind,
    Pose,
    Sequence,
    Side,
    Sides,
    Step,
)

ids = st.from_regex(r"\A[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}\Z")
# Any text a person types, as the loader keeps it (it strips the ends).
texts = st.text(max_size=30).map(str.strip)
names = texts.filter(bool)
seconds = st.floats(min_value=0.01, max_value=600, allow_nan=False)
halves = st.integers(min_value=1, max_value=120).map(lambda n: n / 2)


@st.composite
def breaths(draw: st.DrawFn, pattern_id: str | None = None) -> BreathPattern:
    return BreathPattern(
        id=pattern_id or draw(ids),
        name=draw(names),
        inhale_s=draw(halves),
        exhale_s=draw(halves),
        hold_in_s=draw(st.sampled_from([0.0, 0.5, 4.0, 60.0])),
        hold_out_s=draw(st.sampled_from([0.0, 2.0, 7.5])),
        notes=draw(texts),
        cautions=tuple(draw(st.lists(st.sampled_from(CAUTIONS), max_size=3))),
    )


@st.composite
def poses(draw: st.DrawFn, pose_id: str | None = None, breath_ids: tuple[str, ...] = ()) -> Pose:
    counted = draw(st.booleans())
    paired = counted and draw(st.booleans())
    phases = tuple(draw(st.lists(st.sampled_from(BREATH_CUES), min_size=1, max_size=4)))
    return Pose(
        id=pose_id or draw(ids),
        name=draw(names),
        tradition=draw(st.sampled_from(FAMILY_IDS)),
        category=draw(names),
        position=draw(st.sampled_from(POSITIONS)),
        sides=draw(st.sampled_from(list(Sides))),
        hold_s=None if counted else draw(seconds),
        reps=draw(st.integers(1, 10)) if counted else None,  # 10 x 600 s stays under 2 h
        rep_s=draw(st.floats(0.5, 600)) if counted else None,
        first_side=draw(st.sampled_from([Side.RIGHT, Side.LEFT])),
        breath=draw(texts),
        breath_pattern=None if paired or not breath_ids else draw(st.sampled_from(breath_ids)),
        cue=draw(texts),
        cautions=tuple(draw(st.lists(st.sampled_from(CAUTIONS), max_size=3))),
        props=tuple(draw(st.lists(st.sampled_from([p for p in PROPS if p != "none"]), max_size=2))),
        intensity=draw(st.integers(1, 3)),
        figure=draw(st.none() | ids),
        figure_mirror=draw(st.booleans()),
        lineage=draw(texts),
        ref=draw(st.none() | st.from_regex(r"\A[A-Z][0-9]{2}\Z")) or "",
        rep_breath=phases if paired else (),
        rep_breath_span=draw(st.integers(1, 8)) if paired else 1,
        rep_moves=(
            tuple(
                draw(
                    st.lists(
                        names.map(lambda t: t[:40].strip() or "x"),
                        min_size=len(phases),
                        max_size=len(phases),
                    )
                )
            )
            if paired and draw(st.booleans())
            else ()
        ),
    )


@st.composite
def steps(draw: st.DrawFn, poses_by_id: dict[str, Pose], breath_ids: list[str]) -> Step:
    pose = draw(st.sampled_from(sorted(poses_by_id)))
    per_side = poses_by_id[pose].sides is Sides.PER_SIDE
    return draw(
        st.builds(
            Step,
            pose=st.just(pose),
            side=st.none() | st.sampled_from([Side.RIGHT, Side.LEFT]) if per_side else st.none(),
            hold_s=st.none() | seconds,
            reps=st.none() | st.integers(1, 10),
            rep_s=st.none() | st.floats(0.5, 60),
            breath=st.none() | st.sampled_from([*breath_ids, "natural"]),
            rest_after_s=st.sampled_from([0.0, 0.5, 30.0]),
            note=texts,
        )
    )


@st.composite
def sequences(draw: st.DrawFn, poses_by_id: dict[str, Pose], breath_ids: list[str]) -> Sequence:
    sounds = draw(
        st.dictionaries(
            st.sampled_from([kind.value for kind in CueKind]),
            st.sampled_from(["bowl", "gong", "none", "my sounds/end.wav"]),
            max_size=3,
        )
    )
    return Sequence(
        id=draw(ids),
        name=draw(names),
        steps=tuple(draw(st.lists(steps(poses_by_id, breath_ids), min_size=1, max_size=6))),
        description=draw(texts),
        transition_s=draw(st.sampled_from([0.0, 5.0, 2.5, 600.0])),
        prep_s=draw(st.sampled_from([0.0, 10.0, 3.5])),
        breath=draw(st.none() | st.sampled_from([*breath_ids, "natural"])),
        interval_s=draw(st.none() | st.floats(1, 3600)),
        sounds=tuple(sorted(sounds.items())),
    )
