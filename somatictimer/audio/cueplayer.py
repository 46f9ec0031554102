"""What each cue sounds like: cue kind -> sound, one sound per instant, software volume."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from somatictimer.audio.mix import DEFAULT_SOUNDS, PRIORITY, SILENT, Mix
from somatictimer.audio.players import PlayerChain
from somatictimer.audio.sounds import Sound, SoundFileError, load_sound_file, scaled
from somatictimer.core.model import CueKind
from somatictimer.core.timeline import Cue


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

    def prepare(self) -> None:
        """Scale every sound the cues may play at the current volumes now, so the first
        cue of each kind does not spend milliseconds on it at its due time."""
        for kind in CueKind:
            self.sound(kind)

    def wake(self) -> None:
        self.prepare()
        self.chain.wake()
