"""Which breath phase a position falls in, read from the timeline's breath cues.

The pacer on screen and the breath sounds both come from the same cues, so what a person
sees and hears is always in step.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from somatictimer.core.model import BREATH_CUES, CueKind
from somatictimer.core.timeline import Segment, SegmentKind, Timeline

PHASE_WORDS = {
    CueKind.INHALE: "inhale",
    CueKind.HOLD_IN: "hold",
    CueKind.EXHALE: "exhale",
    CueKind.HOLD_OUT: "hold",
}


@dataclass(frozen=True, slots=True)
class BreathPhase:
    kind: CueKind
    start_ms: int
    end_ms: int
    breath_number: int
    move: str = ""  # what the body does in this phase, for breath paired with reps

    @property
    def word(self) -> str:
        return PHASE_WORDS[self.kind]

    def progress(self, position_ms: float) -> float:
        """0.0 at the phase start, 1.0 at its end."""
        length = self.end_ms - self.start_ms
        return min(max((position_ms - self.start_ms) / length, 0.0), 1.0) if length else 1.0

    def remaining_s(self, position_ms: float) -> float:
        return max(self.end_ms - position_ms, 0.0) / 1000


def breath_phase_at(timeline: Timeline, position_ms: float) -> BreathPhase | None:
    """The breath phase at a position, or None outside paced holds."""
    segment = timeline.segment_at(position_ms)
    if (segment.breath is None and not segment.rep_breath) or position_ms >= segment.end_ms:
        return None
    cues = timeline.cues
    index = bisect.bisect_right(timeline.cue_times, position_ms) - 1
    while index >= 0 and cues[index].segment == segment.index:
        cue = cues[index]
        if cue.kind in BREATH_CUES:
            end = segment.end_ms
            for later in itertools.islice(cues, index + 1, None):  # no copy: 20 times a second
                if later.segment != segment.index:
                    break  # cues are in time order: the segment is over
                if later.kind in BREATH_CUES:
                    end = later.at_ms
                    break
            move = _move(timeline, segment, cue.at_ms)
            return BreathPhase(cue.kind, cue.at_ms, min(end, segment.end_ms), cue.count or 0, move)
        index -= 1
    return None


def _move(timeline: Timeline, segment: Segment, at_ms: int) -> str:
    """The pose's words for a paired phase ("cow: chest lifts"), found by its start time."""
    moves = timeline.moves.get(segment.pose_id or "", ()) if segment.rep_breath else ()
    if not moves:
        return ""
    return moves[paired_phase_number(segment, at_ms) % len(moves)]


def paired_phase_number(segment: Segment, at_ms: int) -> int:
    """Which of a hold's paired breath phases (0, 1, 2, ...) has begun by ``at_ms``."""
    # Phase n starts at start + planned*n*span // (reps*phases) (paired_phase_start); the
    # last n starting at or before at_ms, in exact integer arithmetic:
    scale = (segment.reps or 1) * len(segment.rep_breath)
    per = max(segment.planned_ms * segment.rep_breath_span, 1)
    return ((at_ms - segment.start_ms + 1) * scale - 1) // per


def rep_at(segment: Segment, position_ms: float) -> tuple[int, int] | None:
    """(rep now, reps in all) during a rep-based hold, e.g. (3, 10); None otherwise."""
    reps = segment.reps
    if not reps or reps < 2 or segment.kind is not SegmentKind.HOLD:
        return None
    done = (position_ms - segment.start_ms) * reps // max(segment.planned_ms, 1)
    return int(min(max(done + 1, 1), reps)), reps
