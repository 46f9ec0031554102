"""Build me a session: the composer's rules hold on a thousand generated requests, a few
requests give exactly the session a person would expect, and impossible ones say why."""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from somatictimer.core.compose import (
    ComposeError,
    ComposeRequest,
    Focus,
    Intensity,
    broken_rules,
    compose,
)
from somatictimer.core.compose.rules import (
    MAX_POSITION_CHANGES,
    POSITION_ORDER,
    TOLERANCE_S,
    is_rest,
)
from somatictimer.core.describe import clock
from somatictimer.core.library import Library, load_library
from somatictimer.core.library.adapt import flagged_steps
from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.library.writer import library_text
from somatictimer.core.model import CAUTIONS, Side, Sides
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.conftest import examples


@functools.cache
def _library() -> Library:
    loaded = load_library([[builtin_library_dir()]])
    assert loaded.ok, loaded.problems
    return loaded.library


requests = st.builds(
    ComposeRequest,
    minutes=st.integers(10, 90),
    focus=st.sampled_from(Focus),
    families=st.sets(st.sampled_from(FAMILY_IDS), min_size=2).map(lambda f: tuple(sorted(f))),
    intensity=st.sampled_from(Intensity),
    profile=st.sets(st.sampled_from(CAUTIONS), max_size=4).map(frozenset),
    seed=st.integers(0, 2**32),
)

# What a request that cannot be met may say (each is one sentence).
REASONS = re.compile(
    r"None of the chosen families has a pose for [a-z &]+ that fits your caution profile at "
    r"(gentle|moderate|strong) intensity\.$"
    r"|The chosen families' poses that fit your caution profile at (gentle|moderate|strong) "
    r"intensity fill at most about (?P<most>\d+) minutes; choose more families or fewer "
    r"minutes\.$"
    r"|No choice of the poses fits exactly \d+ minutes; try other minutes or more families\.$"
)


@settings(max_examples=examples(1000), deadline=None)
@given(requests)
def test_every_built_session_keeps_the_rules(request: ComposeRequest) -> None:
    library = _library()
    try:
        built = compose(request, library)
    except ComposeError as error:
        reason = REASONS.match(str(error))
        assert reason, str(error)
        if reason["most"]:
            assert int(reason["most"]) < request.minutes
        assume(False)
        return
    timeline = compile_timeline(built, library.poses, library.breaths)
    assert abs(timeline.practice_s - request.minutes * 60) <= TOLERANCE_S
    assert flagged_steps(built, library, request.profile) == []
    poses = [library.poses[step.pose] for step in built.steps]
    for number, pose in enumerate(poses):
        sides = [s.side for s in timeline.holds if s.step_index == number]
        if pose.sides is Sides.PER_SIDE:
            assert sorted(sides) == [Side.LEFT, Side.RIGHT], pose.id
    positions = [pose.position for pose in poses]
    changes = sum(1 for a, b in pairwise(positions) if a != b)
    assert changes <= MAX_POSITION_CHANGES, positions
    assert poses[0].intensity == 1 and not is_rest(poses[0])
    assert is_rest(poses[-1]) or poses[-1].id == "natural-abdominal-breathing"
    assert all(pose.intensity <= request.intensity.level for pose in poses)
    assert broken_rules(built, library, request) == []


def test_twenty_minutes_for_the_hips_as_a_person_sees_it() -> None:
    library = _library()
    built = compose(ComposeRequest(20, Focus.HIPS, seed=1), library)
    timeline = compile_timeline(built, library.poses, library.breaths)
    assert built.name == "Hips, 20 min"
    assert clock(timeline.practice_s) == "20:00"
    assert clock(timeline.prep_ms / 1000) == "0:10"
    names = [library.poses[step.pose].name for step in built.steps]
    assert names[0] == "Knee Circles"
    assert names[-1] == "Corpse Pose (Savasana)"
    assert [(s.pose, s.hold_s, s.reps) for s in built.steps] == [
        ("knee-circles", None, 16),
        ("standing-hip-circles", None, 16),
        ("high-lunge", 30.0, None),
        ("goddess", 30.0, None),
        ("leg-swings", None, 20),
        ("swaying-the-head-and-tail", None, 6),
        ("single-leg-knee-bends", None, 10),
        ("wide-leg-forward-hang", 71.0, None),
        ("standing-hip-forward-opening", 61.0, None),
        ("the-side-kick", None, 3),
        ("the-one-leg-circle", None, 10),
        ("bridge", None, 6),
        ("hip-hike", None, 10),
        ("reclined-bound-angle", 122.0, None),
        ("corpse-pose", 191.0, None),
    ]


def test_a_gentle_ten_minutes_for_calm_before_sleep() -> None:
    library = _library()
    request = ComposeRequest(10, Focus.CALM, intensity=Intensity.GENTLE, seed=1)
    built = compose(request, library)
    timeline = compile_timeline(built, library.poses, library.breaths)
    assert [library.poses[step.pose].name for step in built.steps] == [
        "Natural Abdominal Breathing",
        "Caterpillar",
        "Coherent / Resonance Breathing (5.5-5.5)",
        "Corpse Pose (Savasana)",
    ]
    assert clock(timeline.practice_s) == "10:00"
    assert built.description == "Built for calm & sleep, gentle, from every family (seed 1)."


def test_the_caution_profile_swaps_the_closing_rest_and_the_flagged_poses() -> None:
    library = _library()
    request = ComposeRequest(30, Focus.HIPS, profile=frozenset({"pregnancy-late"}), seed=4)
    built = compose(request, library)
    assert built.steps[-1].pose == "wide-knee-childs-pose"  # Savasana is flat on the back
    assert not {"supine", "prone"} & {library.poses[s.pose].position for s in built.steps}


def test_another_one_is_a_different_session_the_same_seed_the_same_one() -> None:
    library = _library()
    built = [compose(ComposeRequest(20, Focus.HIPS, seed=seed), library) for seed in range(10)]
    assert len({tuple(step.pose for step in seq.steps) for seq in built}) == 10
    again = compose(
        ComposeRequest(20, Focus.HIPS, seed=3), load_library([[builtin_library_dir()]]).library
    )
    assert again == built[3]


@pytest.mark.parametrize("intensity", Intensity)
@pytest.mark.parametrize("focus", Focus)
def test_another_one_for_every_focus_and_intensity(focus: Focus, intensity: Intensity) -> None:
    library = _library()
    request = ComposeRequest(20, focus, intensity=intensity)
    built = [compose(replace(request, seed=seed), library) for seed in range(5)]
    assert len({seq.steps for seq in built}) == 5


def test_a_built_session_passes_the_librarys_own_checks(tmp_path: Path) -> None:
    library = _library()
    for number, focus in enumerate(Focus):
        request = ComposeRequest(15 + 12 * number, focus, seed=number)
        built = compose(request, library)
        saved = tmp_path / f"{built.id}.toml"
        saved.write_text(library_text([built]), encoding="utf-8")
        loaded = load_library([[builtin_library_dir()], [saved]])
        assert loaded.problems == []
        assert loaded.library.sequences[built.id] == built


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (
            ComposeRequest(90, Focus.FEET, families=("feet",)),
            "The chosen families' poses that fit your caution profile at moderate intensity "
            "fill at most about 23 minutes; choose more families or fewer minutes.",
        ),
        (
            ComposeRequest(30, Focus.FEET, families=("pilates-mat", "somatics")),
            "None of the chosen families has a pose for feet that fits your caution profile "
            "at moderate intensity.",
        ),
        (ComposeRequest(5, Focus.HIPS), "A built session lasts 10 to 90 minutes, not 5."),
        (
            ComposeRequest(20, Focus.HIPS, families=()),
            "Choose at least one family to draw the poses from.",
        ),
        (ComposeRequest(20, Focus.HIPS, families=("karate",)), 'There is no family "karate".'),
        (
            ComposeRequest(20, Focus.HIPS, profile=frozenset({"ankles"})),
            'There is no caution flag "ankles".',
        ),
    ],
)
def test_a_request_that_cannot_be_met_says_why(request_: ComposeRequest, words: str) -> None:
    with pytest.raises(ComposeError) as raised:
        compose(request_, _library())
    assert str(raised.value) == words


def test_a_profile_that_flags_everything_says_so() -> None:
    request = ComposeRequest(20, Focus.PSOAS, families=("yin-yoga",), seed=2)
    assert compose(request, _library()).steps[-1].pose == "corpse-pose"
    with pytest.raises(ComposeError) as raised:
        compose(replace(request, profile=frozenset(CAUTIONS)), _library())
    assert str(raised.value) == (
        "None of the chosen families has a pose for psoas that fits your caution profile "
        "at moderate intensity."
    )


def test_the_focus_mapping_finds_poses_for_every_focus_in_the_library() -> None:
    from somatictimer.core.compose.rules import serves

    library = _library()
    for focus in Focus:
        assert len([p for p in library.poses.values() if serves(p, focus)]) >= 8, focus


def test_positions_run_from_standing_down_to_lying() -> None:
    library = _library()
    built = compose(ComposeRequest(45, Focus.HIPS, seed=11), library)
    main = [library.poses[step.pose].position for step in built.steps[1:-1]]
    assert main == sorted(main, key=POSITION_ORDER.index)


def test_the_docs_list_the_focus_mapping_as_the_code_has_it() -> None:
    from somatictimer.core.compose.rules import FOCUS_MATCHES

    docs = (Path(__file__).parents[2] / "docs" / "session-builder.md").read_text("utf-8")
    for focus, match in FOCUS_MATCHES.items():
        words = ", ".join(f'"{word}"' for word in match.words)
        ids = ", ".join(f"`{pose_id}`" for pose_id in match.ids) or "—"
        row = f"| {focus.label} (`{focus.value}`) | {words} | {ids} |"
        assert row in docs.splitlines(), row
    assert f"**N = {MAX_POSITION_CHANGES} times**" in docs


def test_a_pose_above_the_intensity_brings_in_no_substitute() -> None:
    from dataclasses import replace as changed

    from somatictimer.core.model import Pose

    real = _library()
    strong = Pose(
        "strong-hip-thing", "Strong", "hip-opener-yoga", "outer hip", "seated", hold_s=60,
        intensity=3, cautions=("knee",), substitutes=("its-substitute",),
    )  # fmt: skip
    # Moderate, so it is never a (gentle) warm-up, and of another family, never a filler.
    moderate = Pose("its-substitute", "Moderate", "feet", "test", "seated", hold_s=60, intensity=2)
    library = changed(real, poses={**real.poses, strong.id: strong, moderate.id: moderate})
    request = ComposeRequest(30, Focus.HIPS, ("hip-opener-yoga",), profile=frozenset({"knee"}))

    def chosen(intensity: Intensity) -> set[str]:
        built = [compose(replace(request, intensity=intensity, seed=s), library) for s in range(8)]
        return {step.pose for seq in built for step in seq.steps}

    assert moderate.id in chosen(Intensity.STRONG)
    assert moderate.id not in chosen(Intensity.MODERATE)
