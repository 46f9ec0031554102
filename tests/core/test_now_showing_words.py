"""The player's words in a gap before an unsided pose, on a later step, and when the library
no longer has a pose the session names."""

from __future__ import annotations

from dataclasses import replace

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
        Step("bound-angle", hold_s=30, note="knees lower now"),
        prep_s=10,
        transition_s=5,
    ),
    LIBRARY.poses,
    LIBRARY.breaths,
)
PREP, FIRST, GAP, SECOND = TIMELINE.segments
BOUND = LIBRARY.poses["bound-angle"]


def test_get_ready_before_an_unsided_pose_shows_its_cue_and_its_length() -> None:
    ready = now_showing(TIMELINE, PREP, State.PREP, LIBRARY)
    assert (ready.title, ready.side, ready.note) == ("Get ready", "", "")
    assert ready.cue == BOUND.cue and ready.cue != ""
    assert ready.banner == "Next up: Bound Angle (Baddha Konasana) · 1:00"
    assert ready.next_line == ""
    assert ready.figure is BOUND and ready.figure_side is Side.NONE


def test_a_change_shows_the_coming_pose_without_a_note() -> None:
    change = now_showing(TIMELINE, GAP, State.RUNNING, LIBRARY)
    assert (change.title, change.side, change.note, change.cue) == ("Get ready", "", "", BOUND.cue)
    assert change.banner == "Next up: Bound Angle (Baddha Konasana) · 0:30"
    assert change.next_line == ""


def test_each_hold_shows_the_note_of_its_own_step() -> None:
    assert now_showing(TIMELINE, FIRST, State.RUNNING, LIBRARY).note == "sit on a block"
    assert now_showing(TIMELINE, SECOND, State.RUNNING, LIBRARY).note == "knees lower now"


def test_a_next_pose_gone_from_the_library_is_not_named() -> None:
    timeline = compile_timeline(
        sequence(Step("bound-angle"), Step("low-lunge"), prep_s=0, transition_s=5),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    reloaded = replace(LIBRARY, poses={k: v for k, v in LIBRARY.poses.items() if k != "low-lunge"})
    hold, change = timeline.segments[:2]
    during = now_showing(timeline, hold, State.RUNNING, reloaded)
    assert during.title == BOUND.name and "Low Lunge" not in during.next_line
    gap = now_showing(timeline, change, State.RUNNING, reloaded)
    assert (gap.next_line, gap.cue, gap.figure) == ("", "", None)
