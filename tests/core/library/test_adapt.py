"""Fitting a sequence to "My body": keep, skip or substitute; the length stays the same."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core.library import Library
from somatictimer.core.library.adapt import Choice, adapt, flagged_steps
from somatictimer.core.model import Side, Sides, Step
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import BREATHS, pose, sequence

KNEE = frozenset({"knee"})


def _library() -> Library:
    lunge = replace(
        pose("lunge", sides=Sides.PER_SIDE, hold_s=45),
        cautions=("knee",),
        substitutes=("kneeling-thing", "bridge"),
    )
    kneeling = replace(pose("kneeling-thing", hold_s=30), cautions=("knee",))
    bridge = pose("bridge", reps=6, rep_s=8)
    rest = pose("rest", hold_s=120)
    poses = {p.id: p for p in (lunge, kneeling, bridge, rest)}
    return Library(poses=poses, breaths=dict(BREATHS))


def _practice_s(seq, library: Library) -> float:  # type: ignore[no-untyped-def]
    return compile_timeline(seq, library.poses, library.breaths).practice_s


def test_the_first_substitute_free_of_the_ticked_flags_takes_the_same_time() -> None:
    library = _library()
    original = sequence(Step("rest", hold_s=60), Step("lunge"), transition_s=5)
    (entry,) = flagged_steps(original, library, KNEE)
    assert entry.index == 1 and entry.flags == ("knee",)
    assert entry.substitute is not None and entry.substitute.id == "bridge"  # not the kneeling one
    adapted = adapt(original, library, KNEE)
    assert [s.pose for s in adapted.steps] == ["rest", "bridge"]
    # Two 45 s sides + one 5 s transition become one 95 s block of whole reps.
    assert adapted.steps[1].hold_s == 95 and adapted.steps[1].reps == 12
    assert _practice_s(adapted, library) == _practice_s(original, library) == 60 + 5 + 95


def test_keep_leaves_the_item_and_skip_removes_its_blocks_and_transitions() -> None:
    library = _library()
    original = sequence(Step("rest", hold_s=60), Step("lunge"), transition_s=5)
    kept = adapt(original, library, KNEE, {1: Choice.KEEP})
    assert kept.steps == original.steps
    skipped = adapt(original, library, KNEE, {1: Choice.SKIP})
    assert [s.pose for s in skipped.steps] == ["rest"]
    assert _practice_s(skipped, library) == 60


def test_with_no_substitute_the_default_is_skip() -> None:
    library = _library()
    profile = frozenset({"knee"})
    library.poses["lunge"] = replace(library.poses["lunge"], substitutes=("kneeling-thing",))
    (entry,) = flagged_steps(sequence(Step("lunge")), library, profile)
    assert entry.substitute is None and entry.default is Choice.SKIP
    assert adapt(sequence(Step("lunge")), library, profile).steps == ()


def test_a_per_side_substitute_splits_the_time_over_both_sides() -> None:
    library = _library()
    library.poses["bridge"] = replace(library.poses["bridge"], sides=Sides.PER_SIDE)
    library.poses["rest"] = replace(
        library.poses["rest"], cautions=("knee",), substitutes=("bridge",)
    )
    original = sequence(Step("rest", hold_s=125), transition_s=5)
    adapted = adapt(original, library, KNEE)
    assert adapted.steps[0].hold_s == 60  # (125 - 5) / 2 per side
    assert _practice_s(adapted, library) == 125


def test_breath_hold_flags_swap_patterns_with_holds_for_their_no_hold_pattern() -> None:
    library = _library()
    library.breaths["box"] = replace(library.breaths["box"], no_hold="long-exhale")
    original = sequence(Step("rest"), Step("bridge", breath="box"), breath="box")
    for flag in ("glaucoma-high-bp", "pregnancy-late"):
        adapted = adapt(original, library, frozenset({flag}))
        assert adapted.breath == "long-exhale"
        assert [s.breath for s in adapted.steps] == ["long-exhale", "long-exhale"]
    assert adapt(original, library, KNEE).breath == "box"  # other flags leave breath alone


def test_a_substitute_keeps_the_side_breath_rest_and_says_what_it_replaces() -> None:
    library = _library()
    library.poses["bridge"] = replace(library.poses["bridge"], sides=Sides.PER_SIDE)
    original = sequence(
        Step("lunge", side=Side.LEFT, breath="long-exhale", rest_after_s=20), transition_s=5
    )
    (step,) = adapt(original, library, KNEE).steps
    assert (step.pose, step.side, step.hold_s) == ("bridge", Side.LEFT, 45)
    assert (step.breath, step.rest_after_s, step.note) == ("long-exhale", 20, "instead of Lunge")


def test_a_per_side_substitute_too_short_to_split_runs_one_side() -> None:
    library = _library()
    library.poses["bridge"] = replace(library.poses["bridge"], sides=Sides.PER_SIDE)
    library.poses["rest"] = replace(
        library.poses["rest"], cautions=("knee",), substitutes=("bridge",)
    )
    for hold_s, expected in ((24, (Side.RIGHT, 24, 3)), (25, (None, 10, 1))):
        (step,) = adapt(sequence(Step("rest", hold_s=hold_s)), library, KNEE).steps
        assert (step.side, step.hold_s, step.reps) == expected
        assert _practice_s(sequence(step), library) == hold_s


def test_only_the_flagged_step_changes_and_later_steps_stay() -> None:
    library = _library()
    original = sequence(Step("lunge"), Step("rest", hold_s=60), Step("lunge"))
    adapted = adapt(original, library, KNEE, {0: Choice.SKIP})
    assert [s.pose for s in adapted.steps] == ["rest", "bridge"]
