"""Playback backends behind one small interface, and the choice between them.

- ``SimpleaudioPlayer``: the chosen low-latency library (ALSA; optional extra, builds from
  source).
- ``QtAudioPlayer``: a ``QAudioSink`` per cue on its own thread (PulseAudio/PipeWire; ships in
  the PySide6-Addons wheel, so it needs no compiler). Not ``QSoundEffect``, which replays a
  tail of the previous sound.
- ``RecordingPlayer``: plays nothing, records what would play and when (tests, no device).
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from somatictimer.audio.errors import PlaybackError
from somatictimer.audio.qt_quiet import keep_probing_off_the_terminal
from somatictimer.audio.sounds import Sound, silence
from somatictimer.core.settings_schema import AUDIO_BACKENDS

log = logging.getLogger(__name__)

BACKENDS = AUDIO_BACKENDS  # one list: settings, --audio and the players agree
WAKE_S = 0.25  # silence long enough to open and settle the device
QT_READY_TIMEOUT_S = 2.0


class Player(Protocol):
    name: str

    def play(self, sound: Sound, *, cue: str = "", due: float | None = None) -> None:
        """Start playing at once and return within a millisecond or two."""

    def wake(self) -> None:
        """Play a little silence so the device is open before an important cue."""

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PlayRecord:
    cue: str
    sound: str
    due: float | None  # clock time the cue was scheduled for
    called: float  # clock time play() was called


class RecordingPlayer:
    """Records each cue with its scheduled and actual time; used by tests and without sound."""

    name = "null"

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.records: list[PlayRecord] = []
        self.wake_times: list[float] = []  # clock readings at which the device was woken

    def play(self, sound: Sound, *, cue: str = "", due: float | None = None) -> None:
        self.records.append(PlayRecord(cue, sound.name, due, self._clock()))

    @property
    def wakes(self) -> int:
        return len(self.wake_times)

    def wake(self) -> None:
        self.wake_times.append(self._clock())

    def close(self) -> None:
        pass


class SimpleaudioPlayer:
    """simpleaudio: opens the default ALSA device for each sound; returns in ~1 ms."""

    name = "simpleaudio"

    def __init__(self) -> None:
        try:
            import simpleaudio
        except ImportError as error:
            raise PlaybackError(
                "simpleaudio is not installed (pip install 'somatictimer[simpleaudio]')"
            ) from error
        self._sa: Any = simpleaudio
        self._playing: list[Any] = []

    def play(self, sound: Sound, *, cue: str = "", due: float | None = None) -> None:
        self._playing = [p for p in self._playing if p.is_playing()]
        try:
            self._playing.append(
                self._sa.play_buffer(sound.pcm, sound.channels, sound.sample_width, sound.rate)
            )
        except Exception as error:  # SimpleaudioError and friends: device gone or busy
            raise PlaybackError(f"simpleaudio could not play: {error}") from error

    def wake(self) -> None:
        self.play(silence(WAKE_S))

    def close(self) -> None:
        for playing in self._playing:
            playing.stop()
        self._playing.clear()


class QtAudioPlayer:
    """QtMultimedia: one QAudioSink per cue, created on a dedicated audio thread."""

    name = "qt"

    def __init__(self, device_id: bytes | None = None) -> None:
        keep_probing_off_the_terminal()
        try:
            from somatictimer.audio import qt_sink
        except ImportError as error:  # QtMultimedia needs libpulse0
            raise PlaybackError(f"QtMultimedia is not available: {error}") from error
        self._backend = qt_sink.SinkThread(device_id)

    @staticmethod
    def outputs() -> list[tuple[bytes, str]]:
        """(id, description) of every audio output Qt sees."""
        keep_probing_off_the_terminal()
        from somatictimer.audio import qt_sink

        return qt_sink.outputs()

    def play(self, sound: Sound, *, cue: str = "", due: float | None = None) -> None:
        self._backend.play(sound)

    def wake(self) -> None:
        """Play silence; the first time, wait until the device really runs (≤ 2 s)."""
        self.play(silence(WAKE_S))
        if not self._backend.wait_ready(QT_READY_TIMEOUT_S):
            log.warning("Qt audio output did not start within %s s", QT_READY_TIMEOUT_S)

    def close(self) -> None:
        self._backend.close()


_FACTORIES: dict[str, Callable[[], Player]] = {
    "simpleaudio": SimpleaudioPlayer,
    "qt": QtAudioPlayer,
    "null": RecordingPlayer,
}


def open_player(choice: str, device_id: bytes | None = None) -> tuple[Player, str]:
    """The player for ``--audio CHOICE`` and a sentence saying why it was picked.

    ``auto`` tries simpleaudio, then Qt, each by opening the device with silence; when
    neither can play, or the chosen one cannot open, the recording player keeps the session
    going without sound.
    ``device_id`` picks a Qt output device (the system default when None or unknown).
    """
    if choice not in BACKENDS:
        raise ValueError(f"unknown audio backend {choice!r}; expected one of {BACKENDS}")
    factories: dict[str, Callable[[], Player]] = {
        **_FACTORIES,
        "qt": functools.partial(QtAudioPlayer, device_id),
    }
    if choice != "auto":
        try:
            player = factories[choice]()
        except PlaybackError as error:  # as with auto: the session goes on, cues shown only
            return RecordingPlayer(), f"no sound: {error}; cues will be shown but not heard"
        return player, f"audio: {player.name} (chosen)"
    reasons = []
    for name in ("simpleaudio", "qt"):
        try:
            player = factories[name]()
            player.wake()
        except PlaybackError as error:
            reasons.append(f"{name}: {error}")
            continue
        return player, f"audio: {name}" + (f" ({'; '.join(reasons)})" if reasons else "")
    return RecordingPlayer(), "no sound device found, cues will be shown but not heard (" + (
        "; ".join(reasons) + ")"
    )


def fallbacks_after(name: str) -> list[str]:
    """Backends to try, in order, when ``name`` fails mid-session."""
    order = ["simpleaudio", "qt", "null"]
    return order[order.index(name) + 1 :] if name in order else ["null"]


class PlayerChain:
    """Plays through one player; when it fails, moves to the next backend and says so once."""

    def __init__(
        self,
        player: Player,
        on_fallback: Callable[[str], None] | None = None,
        factories: dict[str, Callable[[], Player]] | None = None,
    ) -> None:
        self.player = player
        self._on_fallback = on_fallback or (lambda message: None)
        self._factories = factories or _FACTORIES
        self._lock = threading.Lock()

    def play(self, sound: Sound, *, cue: str = "", due: float | None = None) -> None:
        with self._lock:
            while True:
                try:
                    self.player.play(sound, cue=cue, due=due)
                    return
                except PlaybackError as error:
                    self._fall_back(error)

    def wake(self) -> None:
        with self._lock:
            try:
                self.player.wake()
            except PlaybackError as error:
                self._fall_back(error)

    def close(self) -> None:
        self.player.close()

    def _fall_back(self, error: PlaybackError) -> None:
        failed = self.player.name
        log.warning("audio backend %s failed: %s", failed, error)
        for name in fallbacks_after(failed):
            try:
                player = self._factories[name]()
                if name != "null":
                    player.wake()
            except PlaybackError as next_error:
                log.warning("audio backend %s unavailable: %s", name, next_error)
                continue
            self.player = player
            shown = "no sound (cues shown only)" if name == "null" else name
            self._on_fallback(f"Sound stopped working ({error}); switched to {shown}.")
            return
