"""Each fact once: the side, and what comes next, are said in one place on every screen;
long rests are known (they may dim the window); an alternating block names its side now."""

from __future__ import annotations

import pytest
from somatictimer.core.engine import State
from somatictimer.core.library import load_library
from somatictimer.core.model import Step
from somatictimer.core.now_showing import is_long_rest, now_showing
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import SegmentKind, compile_timeline

from tests.core.factories import sequence

LIBRARY = load_library([[builtin_library_dir()]]).library


@pytest.mark.parametrize("sequence_id", sorted(LIBRARY.sequences))
def test_every_screen_of_every_sequence_says_next_and_the_side_once(sequence_id: str) -> None:
    timeline = compile_timeline(LIBRARY.sequences[sequence_id], LIBRARY.poses, LIBRARY.breaths)
    for segment in timeline.segments:
        for state in (State.RUNNING, State.PAUSED):
            now = now_showing(timeline, segment, state, LIBRARY, segment.start_ms + 1)
            words = " | ".join((now.title, now.banner, now.next_line, now.cue, now.note))
            assert words.count("Next up") <= 1, words
            assert "Next:" not in words and "Change" not in now.title
            for side in ("Right side", "Left side"):
                assert words.count(side) == 0, words  # only in the side badge


def test_long_rests_are_resting_poses_or_rests_of_a_minute_or_more() -> None:
    timeline = compile_timeline(
        sequence(
            Step("corpse-pose", hold_s=180),
            Step("legs-up-the-wall", hold_s=59),
            Step("bound-angle", hold_s=300, rest_after_s=60),
            Step("wide-knee-childs-pose", hold_s=60, rest_after_s=59),
            prep_s=0,
            transition_s=0,
        ),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    found = [
        (
            s.pose_id or s.kind.value,
            s.duration_ms // 1000,
            is_long_rest(s, LIBRARY.poses.get(s.pose_id or "")),
        )
        for s in timeline.segments
    ]
    assert found == [
        ("corpse-pose", 180, True),
        ("legs-up-the-wall", 59, False),  # under a minute
        ("bound-angle", 300, False),  # not a resting pose
        ("rest", 60, True),
        ("wide-knee-childs-pose", 60, True),  # "rest, low back"
        ("rest", 59, False),
    ]
    savasana = timeline.segments[0]
    assert now_showing(timeline, savasana, State.RUNNING, LIBRARY).long_rest
    rest = next(s for s in timeline.segments if s.kind is SegmentKind.REST)
    assert now_showing(timeline, rest, State.RUNNING, LIBRARY).long_rest


def test_an_alternating_block_names_the_side_of_the_rep_under_way() -> None:
    timeline = compile_timeline(
        sequence(Step("the-saw", reps=4, rep_s=10), prep_s=0, transition_s=0),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    (saw,) = timeline.segments
    first = saw.first_side.value.capitalize()
    other = saw.first_side.other.value.capitalize()
    sides = [
        now_showing(timeline, saw, State.RUNNING, LIBRARY, saw.start_ms + at).side
        for at in (0, 9_999, 10_000, 25_000, 39_999)
    ]
    assert sides == [
        f"{first} side · alternating",
        f"{first} side · alternating",
        f"{other} side · alternating",
        f"{first} side · alternating",
        f"{other} side · alternating",
    ]
    assert now_showing(timeline, saw, State.RUNNING, LIBRARY).side == "Alternate sides"
