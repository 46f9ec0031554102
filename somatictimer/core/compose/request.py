"""What a person asks the session builder for: minutes, a focus, families, an intensity."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.model import CAUTIONS

MIN_MINUTES = 10
MAX_MINUTES = 90


class ComposeError(ValueError):
    """The request cannot be met; the message is one sentence saying why."""


class Focus(StrEnum):
    HIPS = "hips"
    PSOAS = "psoas"
    LOW_BACK = "low-back"
    FEET = "feet"
    CALM = "calm"  # calm / sleep
    MORNING = "morning-energy"

    @property
    def label(self) -> str:
        return FOCUS_LABELS[self]


FOCUS_LABELS = {
    Focus.HIPS: "Hips",
    Focus.PSOAS: "Psoas",
    Focus.LOW_BACK: "Low back",
    Focus.FEET: "Feet",
    Focus.CALM: "Calm & sleep",
    Focus.MORNING: "Morning energy",
}


class Intensity(StrEnum):
    GENTLE = "gentle"
    MODERATE = "moderate"
    STRONG = "strong"

    @property
    def level(self) -> int:
        """The highest pose ``intensity`` (1 gentle, 2 moderate, 3 strong) it allows."""
        return {Intensity.GENTLE: 1, Intensity.MODERATE: 2, Intensity.STRONG: 3}[self]


@dataclass(frozen=True, slots=True)
class ComposeRequest:
    """One "build me a session" request; the same request always gives the same sequence."""

    minutes: int
    focus: Focus
    families: tuple[str, ...] = FAMILY_IDS  # the traditions to draw the main part from
    intensity: Intensity = Intensity.MODERATE
    profile: frozenset[str] = field(default_factory=frozenset)  # ticked caution flags
    seed: int = 0

    def check(self) -> None:
        """Raise ComposeError for values no session can be built from."""
        if not MIN_MINUTES <= self.minutes <= MAX_MINUTES:
            raise ComposeError(
                f"A built session lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, "
                f"not {self.minutes:g}."
            )
        if not self.families:
            raise ComposeError("Choose at least one family to draw the poses from.")
        unknown = [f for f in self.families if f not in FAMILY_IDS]
        if unknown:
            raise ComposeError(f'There is no family "{unknown[0]}".')
        flags = sorted(self.profile - set(CAUTIONS))
        if flags:
            raise ComposeError(f'There is no caution flag "{flags[0]}".')
