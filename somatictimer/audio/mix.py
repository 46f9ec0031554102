"""Which sound each cue makes and how loud: plain data, cheap to import at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

from somatictimer.core.model import CueKind

SILENT = "none"

DEFAULT_SOUNDS: dict[CueKind, str] = {
    CueKind.SESSION_START: "bowl",
    CueKind.COUNTDOWN: "pip",
    CueKind.STEP_START: "bowl",
    CueKind.SWITCH_SIDE: "double-bell",
    CueKind.TRANSITION: "soft-bell",
    CueKind.HALFWAY: "soft-bell",
    CueKind.INTERVAL: "soft-bell",
    CueKind.REP: "wood-block",
    CueKind.INHALE: "inhale",
    CueKind.HOLD_IN: "hold",
    CueKind.EXHALE: "exhale",
    CueKind.HOLD_OUT: "hold",
    CueKind.END: "gong",
}

# When cues share an instant only the most important one sounds (a bowl and an inhale
# tone together would blur both); the screen still shows all of them.
PRIORITY = (
    CueKind.END,
    CueKind.SWITCH_SIDE,
    CueKind.STEP_START,
    CueKind.SESSION_START,
    CueKind.TRANSITION,
    CueKind.COUNTDOWN,
    CueKind.HALFWAY,
    CueKind.INTERVAL,
    CueKind.INHALE,
    CueKind.EXHALE,
    CueKind.HOLD_IN,
    CueKind.HOLD_OUT,
    CueKind.REP,
)


@dataclass
class Mix:
    """Volumes in percent, applied in software (independent of the system mixer)."""

    master_pct: int = 80
    event_pct: dict[CueKind, int] = field(default_factory=dict)
    muted: bool = False

    def gain(self, kind: CueKind) -> float:
        if self.muted:
            return 0.0
        gain = self.master_pct / 100 * self.event_pct.get(kind, 100) / 100
        return min(max(gain, 0.0), 1.0)  # software gain only attenuates: never clip
