"""Which breath phase a position falls in, read from the timeline's breath cues.

The pacer on screen and the breath sounds both come from the same cues, so what a person
sees and hears is always in step.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from somatictimer.core.model import BREATH_CUES, CueKind
from somatictimer.core.timeline import Timeline

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
    if segment.breath is None or position_ms >= segment.end_ms:
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
            return BreathPhase(cue.kind, cue.at_ms, min(end, segment.end_ms), cue.count or 0)
        index -= 1
    return None
