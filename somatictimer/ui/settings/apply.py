"""How settings turn into timeline options and cue sounds (kept out of the app's wiring)."""

from __future__ import annotations

from collections.abc import Callable

from somatictimer.core.settings import Settings
from somatictimer.core.timeline import TimelineOptions

BREATH_KINDS = ("inhale", "hold-in", "exhale", "hold-out")


def audio_outputs() -> list[tuple[bytes, str]]:
    """Qt's output devices, if QtMultimedia can load here (imported only when asked)."""
    try:
        from somatictimer.audio.players import QtAudioPlayer

        return QtAudioPlayer.outputs()
    except Exception:  # no libpulse, no multimedia plugin: just the system default
        return []


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
