"""The terminal status line shows what a person on the mat needs at a glance."""

from __future__ import annotations

from somatictimer.audio.scheduler import Snapshot
from somatictimer.core.engine import State
from somatictimer.core.model import CueKind, Side
from somatictimer.core.pacer import BreathPhase
from somatictimer.core.timeline import Segment, SegmentKind
from somatictimer.terminal import status_line

HOLD = Segment(3, SegmentKind.HOLD, 60_000, 120_000, pose_id="lunge", side=Side.LEFT)


def snapshot(position_s: float, state: State = State.RUNNING) -> Snapshot:
    return Snapshot(state, position_s, 240.0, HOLD, 120.0 - position_s, position_s)


def test_status_counts_down_like_a_clock_and_shows_breath_and_progress() -> None:
    phase = BreathPhase(CueKind.EXHALE, 64_000, 70_000, 1)
    line = status_line(snapshot(64.2), "Low Lunge · left", phase, 200)
    parts = line.split("   ")
    assert parts[0] == "▶ Low Lunge · left"  # running, and what to do now
    assert "0:56 left" in parts  # 55.8 s left in the hold shows as a clock would
    assert "exhale 6" in parts  # the breath phase and its seconds left (5.8 s rounds up)
    *overall, bar = parts[-1].split(" ")
    assert overall == ["1:04", "/", "4:00"]  # where the whole session is
    assert bar.count("█") == 3 and len(bar) == 12  # 64 of 240 s: a quarter of the bar


def test_the_last_second_still_shows_one_and_paused_is_marked() -> None:
    line = status_line(snapshot(119.4, State.PAUSED), "Low Lunge · left", None, 200)
    assert line.startswith("⏸ Low Lunge · left   0:01 left")


def test_a_narrow_terminal_gets_a_shortened_line() -> None:
    line = status_line(snapshot(64.2), "Low Lunge · left", None, 20)
    assert len(line) == 20 and line.endswith("…")
