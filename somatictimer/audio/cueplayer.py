"""What each cue sounds like: cue kind -> sound, one sound per instant, software volume."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from somatictimer.audio.players import PlayerChain
from somatictimer.audio.sounds import Sound, SoundFileError, load_sound_file, scaled
from somatictimer.core.model import CueKind
from somatictimer.core.timeline import Cue

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


class CuePlayer:
    """Turns due cues into one sound through the player chain; the scheduler calls ``fire``."""

    def __init__(
        self,
        chain: PlayerChain,
        sounds: Mapping[str, Sound],
        sound_for: Mapping[CueKind, str] | None = None,
        mix: Mix | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.chain = chain
        self._sounds = dict(sounds)
        self.sound_for = {**DEFAULT_SOUNDS, **(sound_for or {})}
        self.mix = mix or Mix()
        self._clock = clock
        self._scaled: dict[tuple[str, float], Sound] = {}
        self._lock = threading.Lock()
        self.busy_until = 0.0  # clock time the last sound stops

    def sound(self, kind: CueKind) -> Sound | None:
        """The sound a cue kind plays at the current volume, or None if it is silent."""
        name = self.sound_for.get(kind, SILENT)
        gain = self.mix.gain(kind)
        if name == SILENT or name not in self._sounds or gain <= 0:
            return None
        key = (name, round(gain, 3))
        with self._lock:
            if key not in self._scaled:
                self._scaled[key] = scaled(self._sounds[name], gain)
            return self._scaled[key]

    def use_sounds(self, choices: Mapping[str, str], base_dir: Path) -> list[str]:
        """Apply per-event choices (cue kind -> built-in sound name, "none", or a file path,
        relative paths from ``base_dir``). Returns notices for files that cannot be used;
        those events keep their built-in sound."""
        notices = []
        for kind_name, choice in choices.items():
            kind = CueKind(kind_name)
            if choice == SILENT or choice in self._sounds:
                self.sound_for[kind] = choice
                continue
            path = Path(choice).expanduser()
            path = path if path.is_absolute() else base_dir / path
            try:
                self._sounds[str(path)] = load_sound_file(path)
            except SoundFileError as error:
                notices.append(
                    f"{error}; {kind.value} keeps the built-in {DEFAULT_SOUNDS[kind]} sound"
                )
                continue
            self.sound_for[kind] = str(path)
        return notices

    def fire(self, cues: list[Cue], due: float) -> None:
        for kind in sorted({c.kind for c in cues}, key=PRIORITY.index):
            sound = self.sound(kind)
            if sound is not None:
                self.chain.play(sound, cue=kind.value, due=due)
                self.busy_until = max(self.busy_until, self._clock() + sound.duration_s)
                return

    def wake(self) -> None:
        self.chain.wake()
