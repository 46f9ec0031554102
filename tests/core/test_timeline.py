"""The timeline compiler: segments tile time exactly, cues land where a user expects."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from somatictimer.core.model import CueKind, Side, Sides, Step
from somatictimer.core.timeline import (
    SegmentKind,
    TimelineOptions,
    compile_timeline,
    extend_segment,
)

from tests.conftest import examples
from tests.core.factories import BREATHS, libraries, pose, sequence


def compile_one(*steps: Step, poses=None, **kwargs):  # type: ignore[no-untyped-def]
    poses = poses or {"p": pose()}
    options = kwargs.pop("options", None)
    return compile_timeline(sequence(*steps, **kwargs), poses, BREATHS, options)


def cue_times(timeline, kind: CueKind) -> list[float]:  # type: ignore[no-untyped-def]
    return [c.at_s for c in timeline.cues if c.kind is kind]


def test_per_side_pose_runs_right_then_left_with_switch_cue_between() -> None:
    poses = {"lunge": pose("lunge", sides=Sides.PER_SIDE, hold_s=45)}
    timeline = compile_one(Step("lunge"), poses=poses, prep_s=10, transition_s=5)
    holds = timeline.holds
    assert [(h.side, h.start_s, h.end_s) for h in holds] == [
        (Side.RIGHT, 10.0, 55.0),
        (Side.LEFT, 60.0, 105.0),
    ]
    assert cue_times(timeline, CueKind.SWITCH_SIDE) == [55.0]
    assert cue_times(timeline, CueKind.STEP_START) == [10.0, 60.0]
    assert cue_times(timeline, CueKind.END) == [105.0]


def test_countdown_pips_sit_in_the_gap_before_each_hold_never_inside_a_hold() -> None:
    poses = {"p": pose(hold_s=30)}
    timeline = compile_one(Step("p"), Step("p"), poses=poses, prep_s=10, transition_s=2)
    pips = [(c.at_s, c.count) for c in timeline.cues if c.kind is CueKind.COUNTDOWN]
    # Full 3-2-1 in the 10 s prep; only 2-1 fit the 2 s transition.
    assert pips == [(7.0, 3), (8.0, 2), (9.0, 1), (40.0, 2), (41.0, 1)]


def test_halfway_only_for_timed_holds_of_at_least_the_threshold() -> None:
    poses = {
        "long": pose("long", hold_s=90),
        "short": pose("short", hold_s=59),
        "reps": pose("reps", reps=10, rep_s=6),
    }
    timeline = compile_one(
        Step("long"), Step("short"), Step("reps"), poses=poses, prep_s=0, transition_s=0
    )
    assert cue_times(timeline, CueKind.HALFWAY) == [45.0]
    off = compile_one(Step("long"), poses=poses, options=TimelineOptions(halfway_min_s=None))
    assert cue_times(off, CueKind.HALFWAY) == []


def test_reps_tick_between_reps_and_alternate_sides() -> None:
    poses = {"saw": pose("saw", sides=Sides.ALTERNATING, reps=4, rep_s=8, first_side=Side.LEFT)}
    timeline = compile_one(Step("saw"), poses=poses, prep_s=0)
    reps = [(c.at_s, c.count, c.side) for c in timeline.cues if c.kind is CueKind.REP]
    assert reps == [(8.0, 2, Side.RIGHT), (16.0, 3, Side.LEFT), (24.0, 4, Side.RIGHT)]


def test_breath_cues_follow_the_pattern_over_the_hold_and_stop_at_its_end() -> None:
    poses = {"p": pose(hold_s=20, breath="box")}
    timeline = compile_one(Step("p"), poses=poses, prep_s=0)
    breath = [
        (c.at_s, c.kind.value)
        for c in timeline.cues
        if c.kind in (CueKind.INHALE, CueKind.HOLD_IN, CueKind.EXHALE, CueKind.HOLD_OUT)
    ]
    assert breath == [
        (0.0, "inhale"),
        (4.0, "hold-in"),
        (8.0, "exhale"),
        (12.0, "hold-out"),
        (16.0, "inhale"),
    ]


def test_sequence_breath_applies_to_timed_holds_but_not_to_rep_blocks_or_natural_steps() -> None:
    poses = {"hold": pose("hold", hold_s=30), "reps": pose("reps", reps=3, rep_s=10)}
    timeline = compile_one(
        Step("hold"),
        Step("reps"),
        Step("hold", breath="natural"),
        poses=poses,
        breath="long-exhale",
    )
    assert [h.breath for h in timeline.holds] == ["long-exhale", None, None]


def test_interval_bell_every_n_seconds_of_practice() -> None:
    timeline = compile_one(Step("p", hold_s=100), prep_s=10, interval_s=30)
    assert cue_times(timeline, CueKind.INTERVAL) == [40.0, 70.0, 100.0]


def test_extension_moves_everything_after_the_hold_and_keeps_what_came_before() -> None:
    poses = {"p": pose(hold_s=60, breath="long-exhale")}
    timeline = compile_one(Step("p"), Step("p"), poses=poses, prep_s=10, transition_s=5)
    longer = extend_segment(timeline, 1, 30_000)
    assert longer.total_ms == timeline.total_ms + 30_000
    old_end = timeline.segments[1].end_ms
    assert [c for c in longer.cues if c.at_ms < old_end] == [
        c for c in timeline.cues if c.at_ms < old_end
    ]
    assert cue_times(longer, CueKind.HALFWAY)[0] == 40.0  # still the planned midpoint
    # The pacer keeps breathing through the extra 30 s.
    assert max(c.at_s for c in longer.cues if c.kind is CueKind.INHALE and c.segment == 1) == 90.0


def test_long_sequence_offsets_do_not_drift() -> None:
    poses = {"p": pose(hold_s=0.1)}
    timeline = compile_one(*[Step("p")] * 1000, poses=poses, prep_s=0, transition_s=0.2)
    assert timeline.total_ms == 1000 * 100 + 999 * 200
    assert timeline.total_s == 299.8


@settings(max_examples=examples(300), deadline=None)
@given(libraries())
def test_segments_tile_the_timeline_and_cues_stay_inside_it(case) -> None:  # type: ignore[no-untyped-def]
    seq, poses = case
    timeline = compile_timeline(seq, poses, BREATHS)
    segments = timeline.segments
    assert segments[0].start_ms == 0
    for before, after in itertools.pairwise(segments):
        assert before.end_ms == after.start_ms
        assert before.end_ms > before.start_ms
    assert sum(s.duration_ms for s in segments) == timeline.total_ms
    times = [c.at_ms for c in timeline.cues]
    assert times == sorted(times)
    assert times[0] >= 0 and times[-1] == timeline.total_ms
    assert [c.kind for c in timeline.cues].count(CueKind.END) == 1
    for cue in timeline.cues:
        segment = timeline.segments[cue.segment]
        assert segment.start_ms <= cue.at_ms <= segment.end_ms
    # Deterministic: compiling again gives the same timeline.
    assert compile_timeline(seq, poses, BREATHS) == timeline


@settings(max_examples=examples(200), deadline=None)
@given(libraries())
def test_total_is_blocks_plus_transitions_plus_rests_plus_prep(case) -> None:  # type: ignore[no-untyped-def]
    seq, poses = case
    timeline = compile_timeline(seq, poses, BREATHS)
    holds = [s for s in timeline.segments if s.kind is SegmentKind.HOLD]
    rests = sum(round(step.rest_after_s * 1000) for step in seq.steps)
    expected = (
        sum(h.duration_ms for h in holds)
        + (len(holds) - 1) * round(seq.transition_s * 1000)
        + rests
        + round(seq.prep_s * 1000)
    )
    assert timeline.total_ms == expected


def test_a_paced_rep_block_sounds_breath_cues_not_rep_ticks() -> None:
    poses = {"hundred": pose("hundred", reps=10, rep_s=10, breath="long-exhale")}
    timeline = compile_one(Step("hundred"), poses=poses, prep_s=0)
    assert cue_times(timeline, CueKind.REP) == []
    assert len(cue_times(timeline, CueKind.INHALE)) == 10


def test_breath_phase_follows_the_cues_and_ends_with_the_hold() -> None:
    from somatictimer.core.pacer import breath_phase_at

    poses = {"p": pose(hold_s=10, breath="long-exhale"), "q": pose("q", hold_s=5)}
    timeline = compile_one(Step("p"), Step("q"), poses=poses, prep_s=0, transition_s=2)
    phases = [
        (p.word, p.start_ms, p.end_ms) if (p := breath_phase_at(timeline, ms)) else None
        for ms in (0, 3999, 4000, 9999, 10_000, 12_500)
    ]
    assert phases == [
        ("inhale", 0, 4000),
        ("inhale", 0, 4000),
        ("exhale", 4000, 10_000),
        ("exhale", 4000, 10_000),
        None,
        None,
    ]
