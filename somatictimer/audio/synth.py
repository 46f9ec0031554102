"""The built-in cue sounds: parameters in plain Python, synthesis with pydub, a WAV cache."""

from __future__ import annotations

import functools
import hashlib
import math
import os
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydub import AudioSegment

# Bump when the synthesis code changes in a way the parameters below do not show.
SYNTH_VERSION = 1
RATE = 44100
PEAK_DBFS = -3.0  # every cue peaks here: headroom, and equal peaks across the set
EDGE_MS = (3, 10)  # a last fade in/out over the whole mix: every cue starts and ends at 0


Partials = tuple[tuple[float, float, float], ...]


@dataclass(frozen=True)
class Strike:
    """A struck tone: sine partials, each decaying exponentially at its own rate."""

    partials: Partials  # (freq_hz, amplitude, decay_s): decay_s is the 1/e time
    length_ms: int
    attack_ms: int
    release_ms: int


@dataclass(frozen=True)
class Glide:
    """A sustained tone whose pitch glides from ``start_hz`` to ``end_hz`` over its length."""

    start_hz: float
    end_hz: float
    length_ms: int
    attack_ms: int
    release_ms: int
    harmonics: tuple[tuple[int, float], ...] = ((1, 1.0), (2, 0.18), (3, 0.06))


Layer = tuple[int, Strike | Glide]  # (offset_ms, tone)


def _partials(f0: float, spec: Partials) -> Partials:
    """``(ratio, amplitude, decay_s)`` over a fundamental -> absolute ``(freq_hz, ...)``."""
    return tuple((round(f0 * ratio, 3), amp, decay) for ratio, amp, decay in spec)


# Singing bowl: inharmonic modes; the detuned twin (+1.4 Hz) beats slowly, the bowl shimmer.
_BOWL = _partials(
    352.0,
    (
        (1.0, 1.0, 2.2),
        (1.0 + 1.4 / 352.0, 0.25, 2.0),
        (2.71, 0.45, 1.3),
        (5.15, 0.2, 0.7),
        (8.43, 0.08, 0.35),
    ),
)
_SOFT_BELL = (
    (1.0, 1.0, 0.55),
    (2.0, 0.3, 0.35),
    (2.76, 0.22, 0.22),
    (4.07, 0.1, 0.12),
    (5.4, 0.05, 0.08),
)
# Gong: low, many inharmonic modes; the higher ones die first, so it darkens as it fades.
_GONG = _partials(
    98.0,
    (
        (1.0, 1.0, 2.6),
        (1.0 + 0.9 / 98.0, 0.35, 2.4),
        (1.48, 0.45, 2.0),
        (2.13, 0.35, 1.6),
        (2.79, 0.28, 1.2),
        (3.56, 0.18, 0.9),
        (4.37, 0.12, 0.7),
        (5.21, 0.08, 0.5),
        (6.48, 0.05, 0.35),
    ),
)


def _bell(f0: float) -> Strike:
    return Strike(_partials(f0, _SOFT_BELL), length_ms=1500, attack_ms=15, release_ms=700)


def _alone(tone: Strike | Glide) -> tuple[Layer, ...]:
    return ((0, tone),)


# Wood block: a few fast-dying resonances, nothing above ~2.4 kHz so it knocks, not clicks.
_WOOD = ((620.0, 1.0, 0.028), (1510.0, 0.32, 0.012), (2360.0, 0.14, 0.006))
_HOLD = ((150.0, 1.0, 0.05), (300.0, 0.2, 0.02))

SOUNDS: dict[str, tuple[Layer, ...]] = {
    "bowl": _alone(Strike(_BOWL, length_ms=4000, attack_ms=6, release_ms=1500)),
    "soft-bell": _alone(_bell(660.0)),
    # Two strikes, the second a minor third up: "switch sides" must not sound like one bell.
    "double-bell": ((0, _bell(660.0)), (350, _bell(660.0 * 1.19))),
    "wood-block": _alone(Strike(_WOOD, length_ms=110, attack_ms=3, release_ms=40)),
    "gong": _alone(Strike(_GONG, length_ms=6000, attack_ms=45, release_ms=2000)),
    "pip": _alone(Strike(((880.0, 1.0, 0.08),), length_ms=120, attack_ms=6, release_ms=70)),
    "inhale": _alone(Glide(220.0, 330.0, length_ms=900, attack_ms=300, release_ms=350)),
    "exhale": _alone(Glide(330.0, 220.0, length_ms=1100, attack_ms=250, release_ms=550)),
    "hold": _alone(Strike(_HOLD, length_ms=150, attack_ms=5, release_ms=60)),
}
SOUND_NAMES: tuple[str, ...] = tuple(SOUNDS)


# --- cache (plain Python: a warm start must not import pydub) ----------------------------


def sound_hash(name: str) -> str:
    """First 12 hex digits of sha256 over the sound's parameters and the synthesis version."""
    key = repr((SYNTH_VERSION, RATE, PEAK_DBFS, EDGE_MS, SOUNDS[name]))
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def cue_paths(cache_dir: Path) -> dict[str, Path]:
    """Where each cue's WAV lives in the cache (whether or not it exists yet)."""
    folder = cache_dir / "cues"
    return {name: folder / f"{name}-{sound_hash(name)}.wav" for name in SOUND_NAMES}


def cached_cue_files(cache_dir: Path) -> dict[str, Path] | None:
    """The cached WAV of every cue, or None if any is missing."""
    paths = cue_paths(cache_dir)
    return paths if all(p.is_file() for p in paths.values()) else None


def ensure_cue_files(cache_dir: Path) -> dict[str, Path]:
    """Synthesize the cues missing from the cache; return every cue's WAV path."""
    paths = cue_paths(cache_dir)
    for name, path in paths.items():
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_wav(synthesize(name), path)
    return paths


def render_all(out_dir: Path) -> list[Path]:
    """Write every cue as ``out_dir/<name>.wav`` (``somatictimer cues render DIR``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in SOUND_NAMES:
        path = out_dir / f"{name}.wav"
        _write_wav(synthesize(name), path)
        written.append(path)
    return written


def _write_wav(segment: AudioSegment, path: Path) -> None:
    # Temp file in the same folder, then rename: a reader never sees half a WAV. (Not mkstemp:
    # its 0600 mode would ignore the umask for files the user renders.)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as out:
            segment.export(out, format="wav")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- synthesis (pydub, imported on first use) ---------------------------------------------


def import_pydub() -> Any:
    """Import pydub without its import-time warnings (no ffmpeg; audioop deprecated on 3.11+)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Couldn't find ffmpeg or avconv", RuntimeWarning)
        warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
        import pydub
        import pydub.effects
        import pydub.generators
    return pydub


@functools.cache
def _generators() -> tuple[Any, Any]:
    """The two SignalGenerator subclasses (defined here because pydub is imported lazily)."""
    base = import_pydub().generators.SignalGenerator

    class DecayingSine(base):  # type: ignore[misc, valid-type]
        """``sin(2πft)·exp(-t/decay)``; the decay as a per-sample factor (no exp per sample)."""

        def __init__(self, freq_hz: float, decay_s: float, sample_rate: int = RATE) -> None:
            super().__init__(sample_rate=sample_rate)
            self.freq_hz = freq_hz
            self.decay_s = decay_s

        def generate(self) -> Any:
            step = 2 * math.pi * self.freq_hz / self.sample_rate
            fall = math.exp(-1.0 / (self.decay_s * self.sample_rate))
            sin, env, n = math.sin, 1.0, 0
            while True:
                yield env * sin(step * n)
                env *= fall
                n += 1

    class GlideWave(base):  # type: ignore[misc, valid-type]
        """A glide with accumulated phase, so the pitch bends without jumps in the wave."""

        def __init__(self, tone: Glide, sample_rate: int = RATE) -> None:
            super().__init__(sample_rate=sample_rate)
            self.tone = tone

        def generate(self) -> Any:
            tone, rate = self.tone, self.sample_rate
            glide_n = tone.length_ms * rate / 1000
            span = math.log(tone.end_hz / tone.start_hz)
            norm = sum(amp for _, amp in tone.harmonics)
            phase, n, sin = 0.0, 0, math.sin
            while True:
                # Smoothstep on a log-frequency path: the bend eases in and out.
                u = min(n / glide_n, 1.0)
                freq = tone.start_hz * math.exp(span * u * u * (3 - 2 * u))
                yield sum(amp * sin(h * phase) for h, amp in tone.harmonics) / norm
                phase = (phase + 2 * math.pi * freq / rate) % (2 * math.pi)
                n += 1

    return DecayingSine, GlideWave


def _render_tone(tone: Strike | Glide, gain: float) -> AudioSegment:
    pydub = import_pydub()
    decaying_sine, glide_wave = _generators()
    if isinstance(tone, Glide):
        seg = glide_wave(tone).to_audio_segment(tone.length_ms, volume=_db(gain))
    else:
        seg = pydub.AudioSegment.silent(tone.length_ms, frame_rate=RATE)
        total = sum(amp for _, amp, _ in tone.partials)
        for freq, amp, decay_s in tone.partials:
            # Stop a partial once it is 80 dB down: the rest is inaudible and costs time.
            ms = min(tone.length_ms, math.ceil(decay_s * math.log(1e4) * 1000))
            # Amplitudes scaled to sum to ``gain`` <= 1, so overlay (which saturates) never clips.
            wave = decaying_sine(freq, decay_s).to_audio_segment(ms, volume=_db(gain * amp / total))
            seg = seg.overlay(wave)
    return seg.fade_in(tone.attack_ms).fade_out(tone.release_ms)


def _db(ratio: float) -> float:
    return 20 * math.log10(ratio)


def synthesize(name: str) -> AudioSegment:
    """One cue as a 44.1 kHz 16-bit mono AudioSegment, peaking at PEAK_DBFS."""
    pydub = import_pydub()
    layers = SOUNDS[name]
    length = max(offset + tone.length_ms for offset, tone in layers)
    mix = pydub.AudioSegment.silent(length, frame_rate=RATE)
    for offset, tone in layers:
        # Each layer at 1/n so overlapping strikes cannot add past full scale.
        mix = mix.overlay(_render_tone(tone, 1 / len(layers)), position=offset)
    mix = mix.fade_in(EDGE_MS[0]).fade_out(EDGE_MS[1])
    return pydub.effects.normalize(mix, headroom=-PEAK_DBFS)
