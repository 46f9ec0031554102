"""Finding things in the library: one item to practise by id or name, for some minutes; the
search box and filters; the suggestion for a mistyped sequence."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core.library import Library, Origin
from somatictimer.core.library.practise import find_item, practise, practise_breath
from somatictimer.core.library.search import PoseFilter, choices, sequence_accepts
from somatictimer.core.model import Step
from somatictimer.core.timeline import SegmentKind, compile_timeline

from tests.core.factories import BOX, EXHALE, pose, sequence


def _library() -> Library:
    rock = replace(pose("rock", reps=6, rep_s=8), category="hips, low back")
    sit = replace(pose("sit", hold_s=60), category="rest", name="Easy Sit")
    named = replace(sequence(Step("rock"), Step("sit")), id="morning", name="Morning Ease")
    return Library(
        poses={"rock": rock, "sit": sit},
        breaths={BOX.id: BOX, EXHALE.id: EXHALE},
        sequences={"morning": named},
    )


def _holds(
    library: Library, query: str, minutes: float | None = None
) -> list[tuple[str | None, int | None, int]]:
    timeline = compile_timeline(practise(library, query, minutes), library.poses, library.breaths)
    return [
        (s.pose_id, s.reps, s.duration_ms) for s in timeline.segments if s.kind is SegmentKind.HOLD
    ]


def test_items_are_found_by_id_or_name_and_say_what_they_are() -> None:
    library = _library()
    assert find_item(library, "sit") == ("pose", "sit")
    assert find_item(library, "easy sit") == ("pose", "sit")
    assert find_item(library, "box") == ("breath", "box")
    assert find_item(library, "4-6") == ("breath", "long-exhale")  # EXHALE's name
    assert find_item(library, "nothing") is None


def test_a_pose_practised_for_some_minutes_lasts_that_long() -> None:
    library = _library()
    assert _holds(library, "sit", minutes=2) == [("sit", None, 120_000)]
    assert _holds(library, "rock", minutes=1) == [("rock", 8, 64_000)]  # whole reps of 8 s


def test_a_very_short_practice_of_a_rep_pose_is_one_rep() -> None:
    assert _holds(_library(), "rock", minutes=0.05) == [("rock", 1, 8_000)]


def test_a_pattern_without_an_item_is_practised_seated_breathing_it_by_name() -> None:
    library = _library()
    made_up = library.poses[practise_breath(library, "long-exhale").steps[0].pose]
    assert (made_up.category, made_up.breath, made_up.breath_pattern) == (
        "paced breathing",
        "4-6",
        "long-exhale",
    )


def test_the_category_filter_matches_one_of_a_poses_categories() -> None:
    library = _library()
    assert [p.id for p in library.poses.values() if PoseFilter(category="low back").accepts(p)] == [
        "rock"
    ]
    assert choices(library)["category"] == ["hips", "low back", "rest"]


def test_letters_found_in_no_field_find_nothing() -> None:
    library = _library()
    assert not any(PoseFilter(text="xx").accepts(p) for p in library.poses.values())
    assert not sequence_accepts(library.sequences["morning"], library, "xx")
    assert sequence_accepts(library.sequences["morning"], library, "easy sit")


def test_a_mistyped_sequence_is_suggested_by_name_or_id_and_nonsense_by_nothing() -> None:
    library = _library()
    assert library.suggest_sequence("mornin ease") == "Morning Ease"
    assert library.suggest_sequence("mornign") == "morning"
    assert library.suggest_sequence("zzzz") is None


def test_an_origin_without_a_way_to_find_keys_gives_its_table_line() -> None:
    assert Origin("mine.toml", 3).line_of("hold_s") == 3
