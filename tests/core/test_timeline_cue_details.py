"""Timeline details a user hears or reads in `plan --json`: which bell, when, in what order."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core.model import BreathPattern, CueKind, Sides, Step
from somatictimer.core.pacer import breath_phase_at
from somatictimer.core.timeline import SegmentKind, TimelineOptions, compile_timeline

from tests.core.factories import BREATHS, pose, sequence

BREATH_KINDS = (CueKind.INHALE, CueKind.HOLD_IN, CueKind.EXHALE, CueKind.HOLD_OUT)


def kinds_at(timeline, at_ms: int) -> list[CueKind]:  # type: ignore[no-untyped-def]
    return [c.kind for c in timeline.cues if c.at_ms == at_ms]


def test_interval_bells_count_practice_from_the_first_hold_and_stop_before_the_end() -> None:
    squats = pose("squats", reps=4, rep_s=15)  # 60 s, a rep tick every 15 s
    timeline = compile_timeline(
        sequence(Step("squats"), prep_s=0, interval_s=30), {"squats": squats}, BREATHS
    )
    assert [c.at_ms for c in timeline.cues if c.kind is CueKind.INTERVAL] == [30_000]
    # The interval bell and the rep tick share 30 s: the bell comes first, as documented.
    assert kinds_at(timeline, 30_000) == [CueKind.INTERVAL, CueKind.REP]
    assert kinds_at(timeline, 60_000) == [CueKind.END]


def test_no_change_bell_between_poses_that_follow_with_no_gap() -> None:
    poses = {"a": pose("a", hold_s=20), "b": pose("b", hold_s=20)}
    timeline = compile_timeline(
        sequence(Step("a"), Step("b"), prep_s=0, transition_s=0), poses, BREATHS
    )
    assert kinds_at(timeline, 20_000) == [CueKind.STEP_START]


def test_changing_to_a_per_side_pose_rings_the_change_bell_not_the_switch_bell() -> None:
    poses = {"a": pose("a", hold_s=20), "b": pose("b", sides=Sides.PER_SIDE, hold_s=20)}
    timeline = compile_timeline(
        sequence(Step("a"), Step("b"), prep_s=0, transition_s=5), poses, BREATHS
    )
    assert kinds_at(timeline, 20_000) == [CueKind.TRANSITION]
    assert kinds_at(timeline, 45_000) == [CueKind.SWITCH_SIDE]


def test_halfway_and_rep_ticks_land_on_whole_milliseconds() -> None:
    poses = {"long": pose("long", hold_s=60.001), "trio": pose("trio", reps=3, rep_s=10 / 3)}
    timeline = compile_timeline(
        sequence(Step("long"), Step("trio"), prep_s=0, transition_s=0), poses, BREATHS
    )
    (halfway,) = [c for c in timeline.cues if c.kind is CueKind.HALFWAY]
    assert halfway.at_ms == 30_000 and isinstance(halfway.at_ms, int)
    ticks = [c.at_ms for c in timeline.cues if c.kind is CueKind.REP]
    assert ticks == [60_001 + 3_333, 60_001 + 6_666]
    assert all(isinstance(at, int) for at in ticks)


def test_two_reps_tick_once_at_the_half() -> None:
    timeline = compile_timeline(
        sequence(Step("two"), prep_s=0), {"two": pose("two", reps=2, rep_s=5)}, BREATHS
    )
    assert [(c.at_ms, c.count) for c in timeline.cues if c.kind is CueKind.REP] == [(5_000, 2)]


def test_breath_cues_follow_every_phase_and_count_the_breaths() -> None:
    # 2 s in, 0.5 s hold, 3 s out, no hold out: a 5.5 s breath over an 11 s hold.
    pattern = BreathPattern("short-hold", "Short hold", inhale_s=2, hold_in_s=0.5, exhale_s=3)
    timeline = compile_timeline(
        sequence(Step("p"), prep_s=0),
        {"p": pose(hold_s=11, breath="short-hold")},
        {"short-hold": pattern},
    )
    breath = [(c.at_ms, c.kind, c.count) for c in timeline.cues if c.kind in BREATH_KINDS]
    assert breath == [
        (0, CueKind.INHALE, 1),
        (2_000, CueKind.HOLD_IN, 1),
        (2_500, CueKind.EXHALE, 1),
        (5_500, CueKind.INHALE, 2),
        (7_500, CueKind.HOLD_IN, 2),
        (8_000, CueKind.EXHALE, 2),
    ]


def test_a_paired_hold_too_short_to_pace_has_no_breath_cues_and_no_pacer() -> None:
    cat_cow = replace(
        pose("cat-cow", reps=10, rep_s=6),
        rep_breath=(CueKind.INHALE, CueKind.EXHALE),
        rep_moves=("cow", "cat"),
    )
    # 10 reps of 1 ms: 20 phases cannot share 10 ms, so the hold is not paced at all.
    timeline = compile_timeline(
        sequence(Step("cat-cow"), Step("cat-cow", rep_s=0.001), prep_s=0, transition_s=5),
        {"cat-cow": cat_cow},
        BREATHS,
    )
    _, _, short = timeline.segments
    assert short.duration_ms == 10
    assert [c.kind for c in timeline.cues if c.segment == short.index] == [
        CueKind.STEP_START,
        CueKind.END,
    ]
    assert breath_phase_at(timeline, short.start_ms + 5) is None


def test_a_rest_belongs_to_its_step() -> None:
    timeline = compile_timeline(
        sequence(Step("p", hold_s=10), Step("p", hold_s=10, rest_after_s=20), prep_s=0),
        {"p": pose()},
        BREATHS,
    )
    rest = timeline.segments[-1]
    assert (rest.kind, rest.step_index, rest.duration_ms) == (SegmentKind.REST, 1, 20_000)


def test_settings_override_the_sequences_get_ready_and_change_times() -> None:
    timeline = compile_timeline(
        sequence(Step("p", hold_s=10), Step("p", hold_s=10), prep_s=10, transition_s=5),
        {"p": pose()},
        BREATHS,
        TimelineOptions(prep_s=3, transition_s=2),
    )
    assert [(s.kind, s.duration_ms) for s in timeline.segments] == [
        (SegmentKind.PREP, 3_000),
        (SegmentKind.HOLD, 10_000),
        (SegmentKind.TRANSITION, 2_000),
        (SegmentKind.HOLD, 10_000),
    ]


def test_gaps_of_a_single_millisecond_are_kept() -> None:
    timeline = compile_timeline(
        sequence(
            Step("p", hold_s=1),
            Step("p", hold_s=1, rest_after_s=0.001),
            prep_s=0.001,
            transition_s=0.001,
        ),
        {"p": pose()},
        BREATHS,
    )
    assert [(s.kind, s.duration_ms) for s in timeline.segments] == [
        (SegmentKind.PREP, 1),
        (SegmentKind.HOLD, 1_000),
        (SegmentKind.TRANSITION, 1),
        (SegmentKind.HOLD, 1_000),
        (SegmentKind.REST, 1),
    ]


def test_natural_on_a_paired_pose_turns_the_pairing_off_and_ticks_the_reps() -> None:
    cat_cow = replace(pose("cat-cow", reps=4, rep_s=6), rep_breath=(CueKind.INHALE, CueKind.EXHALE))
    timeline = compile_timeline(
        sequence(Step("cat-cow", breath="natural"), prep_s=0), {"cat-cow": cat_cow}, BREATHS
    )
    (hold,) = timeline.holds
    assert hold.rep_breath == () and hold.breath is None
    assert not [c for c in timeline.cues if c.kind in BREATH_KINDS]
    assert [c.at_ms for c in timeline.cues if c.kind is CueKind.REP] == [6_000, 12_000, 18_000]


def test_a_breath_pattern_missing_from_the_library_leaves_the_hold_unpaced() -> None:
    timeline = compile_timeline(
        sequence(Step("p"), prep_s=0, breath="long-exhale"), {"p": pose(hold_s=30)}, {}
    )
    assert timeline.holds[0].breath is None and timeline.breaths == {}
    assert not [c for c in timeline.cues if c.kind in BREATH_KINDS]
