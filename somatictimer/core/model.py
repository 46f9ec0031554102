"""The domain model: Pose, BreathPattern, Step, Sequence (immutable values)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Sides(StrEnum):
    """How a pose handles the two sides of the body."""

    NONE = "none"  # symmetrical: one block
    PER_SIDE = "per-side"  # one full block on each side, first side then the other
    ALTERNATING = "alternating"  # reps swap sides inside one block


class Side(StrEnum):
    """Which side a block or rep works."""

    NONE = "none"
    RIGHT = "right"
    LEFT = "left"
    ALTERNATING = "alternating"

    @property
    def other(self) -> Side:
        return {Side.RIGHT: Side.LEFT, Side.LEFT: Side.RIGHT}.get(self, self)


class CueKind(StrEnum):
    """Moments the timeline marks; each maps to a sound (sequence ``sounds`` keys)."""

    SESSION_START = "session-start"
    COUNTDOWN = "countdown"  # 3-2-1 pips before a block
    STEP_START = "step-start"
    SWITCH_SIDE = "switch-side"
    TRANSITION = "transition"  # a block ended, move to the next pose
    HALFWAY = "halfway"
    INTERVAL = "interval"
    REP = "rep"
    INHALE = "inhale"
    HOLD_IN = "hold-in"
    EXHALE = "exhale"
    HOLD_OUT = "hold-out"
    END = "end"


BREATH_CUES = (CueKind.INHALE, CueKind.HOLD_IN, CueKind.EXHALE, CueKind.HOLD_OUT)


POSITIONS = ("standing", "seated", "supine", "prone", "kneeling", "side-lying")
CAUTIONS = (
    "pregnancy-late",
    "hip-replacement-posterior",
    "hip-replacement-anterior",
    "knee",
    "lower-back-acute",
    "osteoporosis",
    "glaucoma-high-bp",
    "wrist",
    "neck",
    "balance",
)
PROPS = ("block", "strap", "bolster", "ball", "chair", "wall", "blanket", "none")

# Anything longer per step is almost certainly a typo (minutes typed as seconds).
MAX_STEP_S = 2 * 60 * 60


@dataclass(frozen=True, slots=True)
class BreathPattern:
    """A paced breath: seconds of inhale, hold-in, exhale and hold-out."""

    id: str
    name: str
    inhale_s: float
    exhale_s: float
    hold_in_s: float = 0.0
    hold_out_s: float = 0.0
    notes: str = ""
    cautions: tuple[str, ...] = ()
    no_hold: str | None = None  # pattern to use instead when a breath-hold caution applies

    @property
    def has_holds(self) -> bool:
        return self.hold_in_s > 0 or self.hold_out_s > 0

    @property
    def cycle_s(self) -> float:
        return self.inhale_s + self.hold_in_s + self.exhale_s + self.hold_out_s

    @property
    def breaths_per_min(self) -> float:
        return 60.0 / self.cycle_s


@dataclass(frozen=True, slots=True)
class Pose:
    """Any library item: a yoga pose, Pilates exercise, qi gong movement, breath practice."""

    id: str
    name: str
    tradition: str  # a family id (core.library.families)
    category: str
    position: str
    sides: Sides = Sides.NONE
    hold_s: float | None = None  # timed hold (per side for per-side poses)
    reps: int | None = None  # or repetitions ...
    rep_s: float | None = None  # ... of this many seconds each
    first_side: Side = Side.RIGHT
    breath: str = ""  # how to breathe, in words
    breath_pattern: str | None = None  # id of a BreathPattern the pacer follows
    cue: str = ""
    cautions: tuple[str, ...] = ()
    props: tuple[str, ...] = ()
    intensity: int = 1
    figure: str | None = None  # the id of the figure drawn for it (None: its own id)
    figure_mirror: bool = False  # that figure drawn the other way round
    lineage: str = ""  # the source or school ("CHQA standard", "classical Pilates #5")
    ref: str = ""  # the reference row (Y01, B08) the item was written from
    # Breath paired with the movement: the phases of one rep (or of ``rep_breath_span``
    # reps) in order, each an equal share, with what the body does in each.
    rep_breath: tuple[CueKind, ...] = ()
    rep_breath_span: int = 1
    rep_moves: tuple[str, ...] = ()
    substitutes: tuple[str, ...] = ()  # ids to use instead when a caution applies, best first

    @property
    def default_s(self) -> float:
        """Default length of one block (one side for per-side poses)."""
        if self.hold_s is not None:
            return self.hold_s
        assert self.reps is not None and self.rep_s is not None
        return self.reps * self.rep_s


@dataclass(frozen=True, slots=True)
class Step:
    """One entry of a Sequence: a pose reference plus optional overrides."""

    pose: str
    hold_s: float | None = None
    reps: int | None = None
    rep_s: float | None = None
    side: Side | None = None  # run only this side of a per-side pose
    breath: str | None = None  # pattern id, or "natural" for none
    rest_after_s: float = 0.0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Sequence:
    """An ordered practice: steps, transitions, prep countdown, breath, interval bell."""

    id: str
    name: str
    steps: tuple[Step, ...]
    description: str = ""
    transition_s: float = 5.0
    prep_s: float = 10.0
    breath: str | None = None  # default pattern id for holds whose pose has none
    interval_s: float | None = None  # optional bell every N seconds of practice
    sounds: tuple[tuple[str, str], ...] = ()  # (cue kind, sound name) pairs
