"""How settings turn into timeline options and cue sounds (kept out of the app's wiring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from somatictimer.core.settings import Settings
from somatictimer.core.timeline import TimelineOptions

if TYPE_CHECKING:
    from somatictimer.audio.service import AudioService

BREATH_KINDS = ("inhale", "hold-in", "exhale", "hold-out")
PLAYER_WORDS = {"simpleaudio": "simpleaudio (ALSA)", "qt": "Qt (PulseAudio/PipeWire)"}


def audio_outputs() -> list[tuple[bytes, str]]:
    """Qt's output devices, if QtMultimedia can load here (imported only when asked)."""
    try:
        from somatictimer.audio.players import QtAudioPlayer

        return QtAudioPlayer.outputs()
    except Exception:  # no libpulse, no multimedia plugin: just the system default
        return []


def default_output() -> str:
    """The name of the system's default output, as Qt sees it ("" without QtMultimedia)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return ""
    return QMediaDevices.defaultAudioOutput().description()


def audio_in_use(
    audio: AudioService,
    device_hex: str,
    outputs: Callable[[], list[tuple[bytes, str]]] = audio_outputs,
    default: Callable[[], str] = default_output,
) -> str:
    """What plays the cues now, in words: the backend (the one "Automatic" picked, or the one
    a failure fell back to) and its device. ``device_hex`` is the device it was opened with."""
    if audio.cue_player is None:
        return "In use now: nothing yet (sound starts a moment after the window opens)"
    name = audio.cue_player.chain.player.name
    if name not in PLAYER_WORDS:
        return "In use now: no sound (cues are shown, not heard)"
    if name == "qt":
        named = dict((device.hex(), words) for device, words in outputs())
        device = named.get(device_hex) or f"the system default ({default() or 'unnamed'})"
    else:
        device = "the default ALSA device"
    words = f"In use now: {PLAYER_WORDS[name]} on {device}"
    picked = audio.reason.startswith(f"audio: {name}") and "(chosen)" not in audio.reason
    if picked:  # "Automatic" tried the others first: say why they were passed over
        why = audio.reason.partition("(")[2].rstrip(")")
        words += f", picked automatically{f' ({why})' if why else ''}"
    return words


def watch_outputs(on_change: Callable[[], None]) -> object | None:
    """Call ``on_change`` when audio outputs come or go (a headset plugged in). Returns the
    QMediaDevices watcher, which the caller keeps alive; None without QtMultimedia."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return None
    watcher = QMediaDevices()
    watcher.audioOutputsChanged.connect(on_change)
    return watcher


def timeline_options(settings: Settings) -> TimelineOptions:
    return TimelineOptions(
        prep_s=settings.prep_countdown_s,
        transition_s=settings.transition_s,
        halfway_min_s=settings.halfway_min_s if settings.halfway_cue else None,
    )


def sound_choices(settings: Settings) -> dict[str, str]:
    choices = dict(settings.event_sounds)
    if not settings.breath_sounds:
        choices.update({kind: "none" for kind in BREATH_KINDS})
    return choices
