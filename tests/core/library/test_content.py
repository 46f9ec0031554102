"""The shipped library: all 100 reference items, ten families, ten sequences with their sums,
and a substitute for every flag of every flagged item."""

from __future__ import annotations

from collections import Counter

import pytest
from somatictimer.core.library import Library, load_library
from somatictimer.core.library.adapt import adapt, flagged_steps
from somatictimer.core.library.cautions import BREATH_HOLD_FLAGS
from somatictimer.core.library.families import BY_ID as FAMILIES
from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.model import CAUTIONS, CueKind
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

# Reference §2: items per family letter; §4: each sequence's total in seconds.
ITEMS_PER_LETTER = {
    "Y": 18,
    "N": 11,
    "P": 17,
    "Q": 12,
    "T": 6,
    "S": 8,
    "R": 8,
    "D": 6,
    "F": 6,
    "B": 8,
}
SEQUENCE_TOTALS_S = {
    "evening-hip-release": 1200,
    "psoas-unwind": 720,
    "pilates-core-and-hips": 900,
    "eight-brocades": 722,
    "somatic-morning": 602,
    "desk-worker-hip-reset": 299,
    "yin-hip-series": 1800,
    "shake-and-release": 1200,
    "tai-chi-dance-mobility": 480,
    "foot-arch-reset": 360,
}


@pytest.fixture(scope="module")
def library() -> Library:
    result = load_library([[builtin_library_dir()]])
    assert result.problems == []
    return result.library


def test_the_library_holds_the_hundred_reference_items(library: Library) -> None:
    refs = [pose.ref for pose in library.poses.values()]
    assert len(library.poses) == 100
    assert len(set(refs)) == 100
    assert Counter(ref[0] for ref in refs) == ITEMS_PER_LETTER
    for ref in refs:
        assert 1 <= int(ref[1:]) <= ITEMS_PER_LETTER[ref[0]]


def test_every_item_has_a_family_matching_its_row_and_every_field_filled(
    library: Library,
) -> None:
    families = Counter(pose.tradition for pose in library.poses.values())
    assert set(families) == set(FAMILY_IDS)
    assert min(families.values()) >= 6
    for pose in library.poses.values():
        assert FAMILIES[pose.tradition].letter == pose.ref[0], pose.id
        assert pose.cue and pose.lineage and pose.category and pose.breath, pose.id
        assert pose.default_s > 0, pose.id
        assert isinstance(pose.cautions, tuple) and set(pose.cautions) <= set(CAUTIONS)
        assert 1 <= pose.intensity <= 3


@pytest.mark.parametrize(("sequence_id", "total_s"), sorted(SEQUENCE_TOTALS_S.items()))
def test_each_sequence_sums_to_the_reference_total(
    library: Library, sequence_id: str, total_s: int
) -> None:
    sequence = library.sequences[sequence_id]
    timeline = compile_timeline(sequence, library.poses, library.breaths)
    assert timeline.practice_s == total_s
    assert timeline.total_s == total_s + sequence.prep_s


def test_the_library_holds_exactly_the_ten_sequences(library: Library) -> None:
    assert set(library.sequences) == set(SEQUENCE_TOTALS_S)


def test_every_flag_of_every_flagged_item_has_a_substitute_without_it(library: Library) -> None:
    for pose in library.poses.values():
        assert pose.id not in pose.substitutes
        for flag in pose.cautions:
            free = [s for s in pose.substitutes if flag not in library.poses[s].cautions]
            assert free, f"{pose.id} has no substitute free of {flag}"


def test_movement_items_pair_the_breath_with_the_reps(library: Library) -> None:
    cat_cow = library.poses["cat-cow"]
    assert cat_cow.rep_breath == (CueKind.INHALE, CueKind.EXHALE)
    assert "cow" in cat_cow.rep_moves[0] and "cat" in cat_cow.rep_moves[1]
    paired = [p for p in library.poses.values() if p.rep_breath]
    assert len(paired) >= 25  # Pilates, Brocades, somatics, bridge, tai chi ...
    for pose in paired:
        assert pose.reps and pose.breath_pattern is None, pose.id
        assert len(pose.rep_moves) in (0, len(pose.rep_breath)), pose.id


def test_breath_patterns_with_holds_name_a_pattern_without(library: Library) -> None:
    for pattern in library.breaths.values():
        if pattern.has_holds:
            assert pattern.no_hold is not None
            assert not library.breaths[pattern.no_hold].has_holds
    sigh = library.breaths["physiological-sigh"]  # reference §3: ~3 s in, ~6 s out, no holds
    assert (sigh.inhale_s, sigh.hold_in_s, sigh.exhale_s, sigh.hold_out_s) == (3, 0, 6, 0)


@pytest.mark.parametrize("flag", CAUTIONS)
def test_every_sequence_under_each_single_flag_keeps_no_flagged_item_and_its_length(
    library: Library, flag: str
) -> None:
    profile = frozenset({flag})
    for sequence in library.sequences.values():
        before = compile_timeline(sequence, library.poses, library.breaths)
        flagged = flagged_steps(sequence, library, profile)
        assert all(entry.substitute is not None for entry in flagged), sequence.id
        adapted = adapt(sequence, library, profile)
        for step in adapted.steps:
            assert flag not in library.poses[step.pose].cautions, (sequence.id, step.pose)
        after = compile_timeline(adapted, library.poses, library.breaths)
        assert after.practice_s == before.practice_s, sequence.id
        if flag in BREATH_HOLD_FLAGS:
            assert not any(p.has_holds for p in after.breaths.values())
