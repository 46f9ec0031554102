"""The figure moves with the same cues the pacer and the sounds use, and only then."""

from __future__ import annotations

from dataclasses import replace

import pytest
from somatictimer.core.engine import SessionEngine
from somatictimer.core.model import CueKind, Sides, Step
from somatictimer.core.timeline import compile_timeline
from somatictimer.figures.data import Angles, Figure, Keyframe
from somatictimer.figures.motion import frame_at

from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock

COW: Angles = {"spine": (-20.0, 0.0, 0.0)}
CAT: Angles = {"spine": (30.0, 0.0, 0.0)}
LUNGE: Angles = {"hip_r": (90.0, 0.0, 0.0), "knee_r": (90.0,)}
FIGURES = {
    "cat-cow": Figure("cat-cow", "side", (Keyframe(COW, "cow"), Keyframe(CAT, "cat"))),
    "lunge": Figure("lunge", "front", (Keyframe(LUNGE),)),
}
# Cat-Cow: 4 reps of 8 s, inhale (into cow) then exhale (into cat), 4 s each.
CAT_COW = replace(pose("cat-cow", reps=4, rep_s=8), rep_breath=(CueKind.INHALE, CueKind.EXHALE))
POSES = {"cat-cow": CAT_COW, "lunge": pose("lunge", sides=Sides.PER_SIDE, hold_s=30)}
TIMELINE = compile_timeline(
    sequence(Step("cat-cow"), Step("lunge"), prep_s=0, transition_s=6), POSES, BREATHS
)  # cat-cow 0-32 s, change 32-38, lunge right 38-68, change 68-73?, lunge left


def lookup(pose_id: str):  # type: ignore[no-untyped-def]
    return FIGURES.get(pose_id), False


def spine_at(seconds: float, **options: bool) -> float:
    frame = frame_at(TIMELINE, seconds * 1000, lookup, **options)
    assert frame is not None
    return frame.angles["spine"][0]


def test_the_figure_reaches_cow_as_the_inhale_ends_and_cat_as_the_exhale_ends() -> None:
    inhale, exhale = [c for c in TIMELINE.cues if c.kind in (CueKind.INHALE, CueKind.EXHALE)][:2]
    assert (inhale.at_ms, exhale.at_ms) == (0, 4000)  # the cues the pacer and sounds use
    assert spine_at(3.999) == pytest.approx(-20.0, abs=0.01)  # cow, by the exhale cue
    assert spine_at(7.999) == pytest.approx(30.0, abs=0.01)  # cat, by the next inhale cue
    assert spine_at(6.0) == pytest.approx(5.0, abs=0.01)  # halfway, eased, in the exhale
    assert spine_at(4.5) < spine_at(5.0) < spine_at(5.5)  # moving the whole time


def test_reduce_motion_shows_each_phase_still() -> None:
    assert spine_at(0.5, reduce_motion=True) == spine_at(3.5, reduce_motion=True) == -20.0
    assert spine_at(4.5, reduce_motion=True) == spine_at(7.5, reduce_motion=True) == 30.0
    held = frame_at(TIMELINE, 4500, lookup, reduce_motion=True)
    assert held is not None and not held.moving


def test_a_change_morphs_from_the_last_pose_to_the_next_and_sides_mirror() -> None:
    change = next(s for s in TIMELINE.segments if s.start_ms == 32_000)
    middle = frame_at(TIMELINE, change.start_ms + 1500, lookup)  # morphs in its first 3 s
    assert middle is not None and middle.moving
    assert middle.angles["spine"][0] == pytest.approx(15.0)  # halfway from cat to 0
    assert middle.angles["hip_r"][0] == pytest.approx(45.0)  # halfway to the lunge
    assert middle.yaw == pytest.approx(45.0)  # the camera turns from side to front
    right = frame_at(TIMELINE, 40_000, lookup)
    left_start = [s for s in TIMELINE.holds if s.pose_id == "lunge"][1].start_ms
    left = frame_at(TIMELINE, left_start + 1000, lookup)
    assert right is not None and left is not None
    assert (right.mirror, left.mirror) == (False, True)
    assert right.angles == left.angles  # the same shape, drawn the other way round


def test_paused_the_figure_stands_still() -> None:
    clock = FakeClock()
    engine = SessionEngine(TIMELINE, clock=clock, suspend_gap_s=None)
    engine.start()
    clock.advance(5.0)
    engine.poll()
    engine.pause()
    before = frame_at(TIMELINE, engine.position_ms, lookup)
    clock.advance(30.0)
    assert frame_at(TIMELINE, engine.position_ms, lookup) == before
