"""What the Practice page says, moment by moment (the words a person reads from the mat)."""

from __future__ import annotations

from somatictimer.core.engine import State
from somatictimer.core.library import load_library
from somatictimer.core.model import Side, Step
from somatictimer.core.now_showing import now_showing
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence

LIBRARY = load_library([[builtin_library_dir()]]).library
TIMELINE = compile_timeline(
    sequence(
        Step("bound-angle", hold_s=60, note="sit on a block"),
        Step("low-lunge", hold_s=45),
        prep_s=10,
        transition_s=5,
    ),
    LIBRARY.poses,
    LIBRARY.breaths,
)
PREP, BOUND, GAP, RIGHT, SWITCH, LEFT = TIMELINE.segments


def showing(segment, state=State.RUNNING):  # type: ignore[no-untyped-def]
    return now_showing(TIMELINE, segment, state, LIBRARY)


def test_a_hold_shows_its_pose_note_and_the_next_pose_with_its_length() -> None:
    now = showing(BOUND)
    assert now.title == "Bound Angle (Baddha Konasana)" and now.side == ""
    assert now.note == "sit on a block" and now.cue == LIBRARY.poses["bound-angle"].cue
    assert now.banner == ""
    assert now.next_line == "Next up: Low Lunge (Anjaneyasana) · right · 0:45"
    assert now.figure is LIBRARY.poses["bound-angle"]


def test_paused_is_said_during_a_hold_and_during_a_gap() -> None:
    assert showing(BOUND, State.PAUSED).banner == "Paused"
    assert showing(GAP, State.PAUSED).banner == "Paused"
    assert showing(BOUND, State.PREP).banner == ""


def test_the_gaps_name_what_comes_and_the_side_switch_says_which_side() -> None:
    ready = showing(PREP)
    assert (ready.title, ready.banner, ready.next_line) == (
        "Get ready",
        "Next up: Bound Angle (Baddha Konasana) · 1:00",
        "",
    )
    change = showing(GAP)
    assert change.title == "Get ready" and change.side == "Right side"
    assert change.banner == "Next up: Low Lunge (Anjaneyasana) · 0:45"
    assert change.figure is LIBRARY.poses["low-lunge"] and change.figure_side is Side.RIGHT
    switch = showing(SWITCH)
    assert (switch.title, switch.banner, switch.side, switch.next_line) == (
        "Switch sides",
        "",
        "Left side",
        "",
    )


def test_the_last_hold_says_so_and_sides_are_named() -> None:
    right, left = showing(RIGHT), showing(LEFT)
    assert right.side == "Right side" and left.side == "Left side"
    assert right.next_line == "Next up: Low Lunge (Anjaneyasana) · left · 0:45"
    assert left.next_line == "Last pose"


def test_a_rest_at_the_end_and_an_alternating_pose() -> None:
    timeline = compile_timeline(
        sequence(
            Step("cat-cow", reps=2, rep_s=6),
            Step("the-saw", rest_after_s=30),
            prep_s=0,
            transition_s=0,
        ),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    cat_cow, saw, rest = timeline.segments
    first = now_showing(timeline, cat_cow, State.RUNNING, LIBRARY)
    assert first.next_line == "Next up: The Saw (#11) · 0:48" and first.note == ""
    assert first.figure_side is Side.NONE and first.side == ""
    sawing = now_showing(timeline, saw, State.RUNNING, LIBRARY)
    assert sawing.side == "Alternate sides" and sawing.figure_side is Side.ALTERNATING
    assert sawing.next_line == "Last pose"
    resting = now_showing(timeline, rest, State.RUNNING, LIBRARY)
    assert (resting.title, resting.banner, resting.side, resting.cue, resting.next_line) == (
        "Rest",
        "",
        "",
        "",
        "",
    )
    assert resting.figure is None and resting.figure_side is Side.NONE
