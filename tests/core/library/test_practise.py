"""Practise anything: one pose or one breath pattern as a session of its own."""

from __future__ import annotations

import pytest
from somatictimer.core.library import Library, load_library
from somatictimer.core.library.practise import UnknownItem, practise, practise_breath
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import SegmentKind, compile_timeline


@pytest.fixture
def library() -> Library:
    return load_library([[builtin_library_dir()]]).library


def _holds(sequence, library: Library):  # type: ignore[no-untyped-def]
    timeline = compile_timeline(sequence, library.poses, library.breaths)
    return [s for s in timeline.segments if s.kind is SegmentKind.HOLD]


def test_a_pose_runs_with_its_default_timing_on_both_sides(library: Library) -> None:
    sequence = practise(library, "Low Lunge (Anjaneyasana)")
    holds = _holds(sequence, library)
    assert [(h.pose_id, h.side.value, h.duration_ms) for h in holds] == [
        ("low-lunge", "right", 45_000),
        ("low-lunge", "left", 45_000),
    ]


def test_a_breath_pattern_runs_for_the_chosen_minutes_through_its_item(
    library: Library,
) -> None:
    sequence = practise(library, "box-4-4-4-4", minutes=4)
    (hold,) = _holds(sequence, library)
    assert hold.pose_id == "box-breathing" and hold.breath == "box-4-4-4-4"
    assert hold.duration_ms == 4 * 60_000


def test_a_pattern_without_an_item_gets_a_plain_seated_one_not_listed(library: Library) -> None:
    sequence = practise_breath(library, "hundred-5-5", minutes=2)
    (hold,) = _holds(sequence, library)
    assert hold.breath == "hundred-5-5" and hold.duration_ms == 120_000
    assert library.poses[hold.pose_id or ""].name == library.breaths["hundred-5-5"].name
    assert hold.pose_id not in {p.id for p in library.listed_poses()}


def test_a_sequence_name_still_means_the_sequence_and_unknown_names_say_so(
    library: Library,
) -> None:
    assert practise(library, "eight brocades").id == "eight-brocades"
    with pytest.raises(UnknownItem, match='no sequence, pose or breath pattern named "nope"'):
        practise(library, "nope")


def test_a_one_item_session_reads_like_the_item(library: Library) -> None:
    sequence = practise(library, "half-pigeon")
    pigeon = library.poses["half-pigeon"]
    assert (sequence.id, sequence.name, sequence.description) == (
        "practise-half-pigeon",
        pigeon.name,
        pigeon.cue,
    )
    assert (sequence.prep_s, sequence.transition_s) == (10, 5)
    assert practise(library, "Box Breathing (4-4-4-4)").steps[0].pose == "box-breathing"


def test_a_pattern_without_an_item_gets_its_notes_cautions_and_three_minutes(
    library: Library,
) -> None:
    from dataclasses import replace

    library.breaths["held"] = replace(library.breaths["box-4-4-4-4"], id="held", name="Held")
    sequence = practise_breath(library, "held")
    pose = library.poses[sequence.steps[0].pose]
    assert (pose.name, pose.position, pose.tradition) == ("Held", "seated", "breathwork")
    assert pose.cue == library.breaths["box-4-4-4-4"].notes
    assert pose.cautions == ("glaucoma-high-bp", "pregnancy-late")  # flagged like the pattern
    assert _holds(sequence, library)[0].duration_ms == 180_000
    assert practise(library, "Held").steps[0].pose == pose.id  # found by name too
