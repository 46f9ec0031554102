"""Breath paired with reps: inhale and exhale cues per rep, the pacer and the rep counter."""

from __future__ import annotations

from dataclasses import replace

from somatictimer.core.model import CueKind, Side, Sides, Step
from somatictimer.core.pacer import breath_phase_at, rep_at
from somatictimer.core.timeline import compile_timeline, extend_segment

from tests.core.factories import BREATHS, pose, sequence

IN, OUT = CueKind.INHALE, CueKind.EXHALE


def _cat_cow(**changes):  # type: ignore[no-untyped-def]
    base = replace(
        pose("cat-cow", reps=10, rep_s=6),
        rep_breath=(IN, OUT),
        rep_moves=("cow: chest lifts", "cat: back rounds"),
    )
    return replace(base, **changes)


def _timeline(item, step: Step | None = None, **seq):  # type: ignore[no-untyped-def]
    return compile_timeline(
        sequence(step or Step(item.id), prep_s=0, **seq), {item.id: item}, BREATHS
    )


def _breath_cues(timeline):  # type: ignore[no-untyped-def]
    return [(c.at_ms, c.kind, c.count) for c in timeline.cues if c.kind in (IN, OUT)]


def test_each_rep_is_an_inhale_then_an_exhale_with_no_rep_ticks_on_top() -> None:
    timeline = _timeline(_cat_cow())
    cues = _breath_cues(timeline)
    assert cues[:4] == [(0, IN, 1), (3000, OUT, 1), (6000, IN, 2), (9000, OUT, 2)]
    assert len(cues) == 20 and cues[-1] == (57_000, OUT, 10)
    assert not [c for c in timeline.cues if c.kind is CueKind.REP]


def test_the_pacer_follows_the_paired_phases_and_names_the_movement() -> None:
    timeline = _timeline(_cat_cow())
    phase = breath_phase_at(timeline, 13_500)
    assert phase is not None
    assert (phase.kind, phase.start_ms, phase.end_ms) == (IN, 12_000, 15_000)
    assert phase.move == "cow: chest lifts"
    later = breath_phase_at(timeline, 16_000)
    assert later is not None and later.kind is OUT and later.move == "cat: back rounds"


def test_the_rep_counter_reads_rep_n_of_reps() -> None:
    timeline = _timeline(_cat_cow())
    hold = timeline.segments[0]
    assert rep_at(hold, 0) == (1, 10)
    assert rep_at(hold, 13_500) == (3, 10)
    assert rep_at(hold, 59_999) == (10, 10)
    timed = _timeline(pose("still", hold_s=60)).segments[0]
    assert rep_at(timed, 10_000) is None


def test_a_span_of_two_reps_breathes_in_on_one_and_out_on_the_next() -> None:
    stretch = replace(
        pose("one-leg-stretch", reps=10, rep_s=3, sides=Sides.ALTERNATING),
        rep_breath=(IN, OUT),
        rep_breath_span=2,
    )
    cues = _breath_cues(_timeline(stretch))
    assert cues[:3] == [(0, IN, 1), (3000, OUT, 1), (6000, IN, 2)]
    assert len(cues) == 10


def test_three_phases_split_the_rep_evenly_in_whole_milliseconds() -> None:
    roll_up = replace(pose("roll-up", reps=3, rep_s=10), rep_breath=(IN, OUT, IN))
    cues = _breath_cues(_timeline(roll_up))
    assert [at for at, _, _ in cues[:4]] == [0, 3333, 6666, 10_000]
    assert [kind for _, kind, _ in cues[:3]] == [IN, OUT, IN]


def test_a_timed_override_or_a_pattern_on_the_step_turns_the_pairing_off() -> None:
    item = _cat_cow()
    timed = _timeline(item, Step(item.id, hold_s=60))
    assert _breath_cues(timed) == []
    paced = _timeline(item, Step(item.id, breath="long-exhale"))
    assert _breath_cues(paced)[:2] == [(0, IN, 1), (4000, OUT, 1)]


def test_thirty_seconds_more_keeps_the_same_pace_and_the_counter_stops_at_the_last_rep() -> None:
    timeline = extend_segment(_timeline(_cat_cow()), 0, 30_000)
    cues = _breath_cues(timeline)
    assert cues[-1][0] == 87_000 and len(cues) == 30
    assert rep_at(timeline.segments[0], 80_000) == (10, 10)


def test_per_side_paired_blocks_start_each_side_on_an_inhale() -> None:
    item = replace(_cat_cow(), sides=Sides.PER_SIDE, first_side=Side.LEFT)
    timeline = _timeline(item, transition_s=5)
    left, _, right = timeline.segments
    assert (left.side, right.side) == (Side.LEFT, Side.RIGHT)
    starts = {c.at_ms: c.kind for c in timeline.cues if c.kind in (IN, OUT)}
    assert starts[left.start_ms] is IN and starts[right.start_ms] is IN


def test_the_pacer_stops_at_the_hold_end_and_counts_breaths_and_seconds_left() -> None:
    timeline = _timeline(_cat_cow())
    phase = breath_phase_at(timeline, 7_250)
    assert phase is not None and phase.breath_number == 2
    assert phase.remaining_s(7_250) == 1.75 and phase.remaining_s(9_500) == 0.0
    assert phase.progress(7_500) == 0.5
    assert breath_phase_at(timeline, 59_999) is not None
    assert breath_phase_at(timeline, 60_000) is None  # the hold is over
    plain = _timeline(replace(_cat_cow(), rep_moves=()))
    last = breath_phase_at(plain, 1_000)
    assert last is not None and last.move == "" and last.kind is IN


def test_the_rep_counter_needs_two_reps_and_a_hold() -> None:
    two = _timeline(pose("two", reps=2, rep_s=5)).segments[0]
    assert rep_at(two, 4_999) == (1, 2) and rep_at(two, 5_000) == (2, 2)
    one = _timeline(pose("one", reps=1, rep_s=5)).segments[0]
    assert rep_at(one, 1_000) is None
    with_gap = compile_timeline(
        sequence(Step("two"), Step("two"), prep_s=5, transition_s=5),
        {"two": pose("two", reps=2, rep_s=5)},
        BREATHS,
    )
    prep, _, gap, _ = with_gap.segments
    assert rep_at(prep, 1_000) is None and rep_at(gap, 11_000) is None
