"""The pacer on screen: the phase, its progress, the move words and the rep counter, wherever
the hold sits in the session."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from somatictimer.core.model import CueKind, Step
from somatictimer.core.pacer import BreathPhase, breath_phase_at, rep_at
from somatictimer.core.timeline import compile_timeline, extend_segment

from tests.conftest import examples
from tests.core.factories import BREATHS, pose, sequence

IN, OUT, HOLD_IN = CueKind.INHALE, CueKind.EXHALE, CueKind.HOLD_IN


def test_a_box_breath_hold_reads_its_phase_right_after_the_halfway_bell() -> None:
    # Box breathing 4-4-4-4 over a 60 s hold after a 10 s get-ready: halfway rings at
    # 40 s, in the hold-out that runs from 38 s to 42 s.
    timeline = compile_timeline(
        sequence(Step("p"), prep_s=10), {"p": pose(hold_s=60, breath="box")}, BREATHS
    )
    phase = breath_phase_at(timeline, 41_000)
    assert phase is not None
    assert (phase.kind, phase.start_ms, phase.end_ms, phase.breath_number) == (
        CueKind.HOLD_OUT,
        38_000,
        42_000,
        2,
    )
    assert phase.word == "hold" and phase.progress(41_000) == 0.75


def test_progress_stays_between_zero_and_one() -> None:
    phase = BreathPhase(IN, 1_000, 5_000, 1)
    assert phase.progress(0) == 0.0 and phase.progress(3_000) == 0.5
    assert phase.progress(9_000) == 1.0  # asked late, between two repaints
    assert BreathPhase(IN, 2_000, 2_000, 1).progress(2_000) == 1.0  # no length: done


def test_the_move_words_do_not_depend_on_the_pose_being_first() -> None:
    # 8 s reps breathe in for 4 s and out for 4 s; the hold starts after a 10 s get-ready.
    cat_cow = replace(
        pose("cat-cow", reps=10, rep_s=8), rep_breath=(IN, OUT), rep_moves=("cow", "cat")
    )
    timeline = compile_timeline(sequence(Step("cat-cow"), prep_s=10), {"cat-cow": cat_cow}, BREATHS)
    words = [breath_phase_at(timeline, 10_000 + at) for at in (0, 2_000, 4_000, 6_000, 8_000)]
    assert [w.move for w in words if w is not None] == ["cow", "cow", "cat", "cat", "cow"]


def test_the_same_pose_paced_by_a_pattern_shows_no_move_words() -> None:
    cat_cow = replace(
        pose("cat-cow", reps=4, rep_s=6), rep_breath=(IN, OUT), rep_moves=("cow", "cat")
    )
    timeline = compile_timeline(
        sequence(Step("cat-cow"), Step("cat-cow", breath="box"), prep_s=0, transition_s=0),
        {"cat-cow": cat_cow},
        BREATHS,
    )
    second = timeline.holds[1]
    phase = breath_phase_at(timeline, second.start_ms + 1_000)
    assert phase is not None and phase.kind is IN and phase.move == ""


@st.composite
def paired_holds(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    phases = draw(st.sampled_from([(IN, OUT), (IN, OUT, IN), (IN, HOLD_IN, OUT, HOLD_IN)]))
    reps = draw(st.integers(1, 12))
    rep_ms = draw(st.integers(1, 12_000))
    span = draw(st.integers(1, 3))
    prep_ms = draw(st.sampled_from([0, 1_500, 4_500, 10_000]))
    extra_ms = draw(st.sampled_from([0, 10, 2_000]))
    return phases, reps, rep_ms, span, prep_ms, extra_ms


@settings(max_examples=examples(100), deadline=None)
@given(paired_holds())
# One rep with three phases: the second phase starts on a millisecond just short of a third.
@example(((IN, OUT, IN), 1, 5_000, 1, 0, 0))
# Phases of a millisecond or two.
@example(((IN, HOLD_IN, OUT, HOLD_IN), 7, 55 / 7, 1, 0, 0))
@example(((IN,), 1, 1, 2, 0, 0))
# A 1 ms hold with one phase, then 10 ms more at the same pace.
@example(((IN,), 1, 1, 1, 0, 10))
def test_each_paired_phase_shows_its_own_move_word(case) -> None:  # type: ignore[no-untyped-def]
    phases, reps, rep_ms, span, prep_ms, extra_ms = case
    moves = tuple(f"move {n}" for n in range(max(len(phases), 2)))
    item = replace(
        pose("flow", reps=reps, rep_s=rep_ms / 1000),
        rep_breath=phases,
        rep_breath_span=span,
        rep_moves=moves,
    )
    timeline = compile_timeline(
        sequence(Step("flow"), prep_s=prep_ms / 1000), {"flow": item}, BREATHS
    )
    hold = timeline.holds[0]
    if extra_ms:
        timeline = extend_segment(timeline, hold.index, extra_ms)
    paired = [c for c in timeline.cues if c.segment == hold.index and c.kind in phases]
    for number, cue in enumerate(paired):
        phase = breath_phase_at(timeline, cue.at_ms)
        assert phase is not None and phase.start_ms == cue.at_ms
        assert (phase.kind, phase.move) == (cue.kind, moves[number % len(moves)])


def test_the_rep_counter_counts_from_the_holds_own_start() -> None:
    squats = pose("squats", reps=10, rep_s=6)
    timeline = compile_timeline(sequence(Step("squats"), prep_s=10), {"squats": squats}, BREATHS)
    hold = timeline.holds[0]
    assert rep_at(hold, 10_000) == (1, 10)
    assert rep_at(hold, 10_000 + 13_500) == (3, 10)
    assert rep_at(hold, 69_999) == (10, 10)


def test_the_rep_counter_works_on_a_one_millisecond_hold() -> None:
    blink = pose("blink", reps=2, rep_s=0.0005)
    timeline = compile_timeline(sequence(Step("blink"), prep_s=0), {"blink": blink}, BREATHS)
    hold = timeline.holds[0]
    assert hold.duration_ms == 1
    assert rep_at(hold, 0.25) == (1, 2) and rep_at(hold, 0.75) == (2, 2)
