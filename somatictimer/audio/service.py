"""The app's sound: loads cue sounds and opens the player off the GUI thread.

Opening a device can take a second (PulseAudio's first stream) and a cold cache means
synthesis, so neither may delay the first window. Until the player is ready cues are
passed over (the session clock never waits for sound).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from somatictimer.audio.mix import DEFAULT_SOUNDS, Mix
from somatictimer.core.model import CueKind
from somatictimer.core.timeline import Cue

if TYPE_CHECKING:  # the players and sounds are imported on the audio thread, not at start-up
    from somatictimer.audio.cueplayer import CuePlayer
    from somatictimer.audio.players import Player

log = logging.getLogger(__name__)


class AudioService:
    """Thread-safe front for cue playback; every method returns at once."""

    def __init__(
        self,
        cache_dir: Path,
        backend: str,
        on_notice: Callable[[str], None],
        base_dir: Path,
        opener: Callable[[str, bytes | None], tuple[Player, str]] | None = None,
        device_hex: str = "",
    ) -> None:
        self._cache_dir = cache_dir
        self._backend = backend
        self._notice = on_notice
        self._base_dir = base_dir
        self._opener = opener
        self._device = bytes.fromhex(device_hex) if _is_hex(device_hex) else None
        self.cue_player: CuePlayer | None = None
        self.mix = Mix()
        self._choices: dict[str, str] = {}
        self.ready = threading.Event()
        self.reason = ""

    def open_in_background(self) -> None:
        threading.Thread(target=self._open, name="somatictimer-audio-open", daemon=True).start()

    def _open(self) -> None:
        from somatictimer.audio.cueplayer import CuePlayer
        from somatictimer.audio.players import PlayerChain, open_player
        from somatictimer.audio.sounds import load_cue_sounds

        try:
            sounds = load_cue_sounds(self._cache_dir)
            player, self.reason = (self._opener or open_player)(self._backend, self._device)
        except Exception as error:  # never let sound take the app down
            log.exception("audio could not start")
            self._notice(f"Sound is off: {error}")
            return
        log.info(self.reason)
        if player.name == "null" and self._backend != "null":
            self._notice("No sound device found: cues will be shown but not heard.")
        cue_player = CuePlayer(PlayerChain(player, on_fallback=self._notice), sounds, mix=self.mix)
        for notice in cue_player.use_sounds(self._choices, self._base_dir):
            self._notice(notice)
        cue_player.prepare()  # here, off the cue thread: never just before a cue
        self.cue_player = cue_player
        self.ready.set()

    def configure(
        self, master_pct: int, event_pct: Mapping[str, int], choices: Mapping[str, str]
    ) -> None:
        self.mix.master_pct = master_pct
        self.mix.event_pct = {CueKind(k): v for k, v in event_pct.items()}
        self._choices = dict(choices)
        if self.cue_player is not None:
            self.cue_player.sound_for = dict(DEFAULT_SOUNDS)
            for notice in self.cue_player.use_sounds(self._choices, self._base_dir):
                self._notice(notice)
            self.cue_player.prepare()  # new volumes: scaled now, not at the next cue

    @property
    def muted(self) -> bool:
        return self.mix.muted

    def set_muted(self, muted: bool) -> None:
        self.mix.muted = muted

    def fire(self, cues: list[Cue], due: float) -> None:
        if self.cue_player is not None:
            self.cue_player.fire(cues, due)

    def wake(self) -> None:
        if self.cue_player is not None:
            self.cue_player.wake()

    def preview(self, kind: CueKind) -> None:
        """Play the sound an event would make now (settings' preview button)."""
        if self.cue_player is None:
            return
        sound = self.cue_player.sound(kind)
        if sound is not None:
            self.cue_player.chain.play(sound, cue=kind.value, due=time.monotonic())

    def close(self) -> None:
        if self.cue_player is not None:
            self.cue_player.chain.close()


def _is_hex(text: str) -> bool:
    try:
        return bool(text) and bytes.fromhex(text) is not None
    except ValueError:
        return False
