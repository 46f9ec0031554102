"""Sounds as playable 16-bit PCM: WAV files read with the stdlib, other formats via ffmpeg."""

from __future__ import annotations

import math
import shutil
import sys
import wave
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from somatictimer.audio import synth


@dataclass(frozen=True)
class Sound:
    """Interleaved little-endian PCM, ready for a player."""

    name: str
    pcm: bytes = field(repr=False)
    channels: int
    sample_width: int
    rate: int

    @property
    def frame_count(self) -> int:
        return len(self.pcm) // (self.channels * self.sample_width)

    @property
    def duration_s(self) -> float:
        return self.frame_count / self.rate


class SoundFileError(Exception):
    """A sound file cannot be used; the message names the file and what is wrong."""


def load_wav(path: Path, name: str | None = None) -> Sound:
    """Read a PCM WAV file (8/16/24/32-bit, mono or stereo) as 16-bit PCM."""
    path = Path(path)
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise SoundFileError(f"{path}: file not found") from None
    except OSError as error:
        raise SoundFileError(f"{path}: cannot read ({error.strerror or error})") from None
    except (wave.Error, EOFError) as error:
        raise SoundFileError(f"{path}: {_wav_problem(path, error)}") from None
    if channels not in (1, 2):
        raise SoundFileError(f"{path}: {channels} channels; only mono and stereo are supported")
    if not frames:
        raise SoundFileError(f"{path}: contains no audio")
    pcm = _to_16_bit(frames, width)
    if pcm is None:
        raise SoundFileError(f"{path}: {8 * width}-bit samples are not supported; use 16-bit")
    return Sound(name or path.stem, pcm, channels, 2, rate)


def _wav_problem(path: Path, error: Exception) -> str:
    if _is_riff_wave(path):
        # A WAV, but not integer PCM (float, extensible, compressed) or cut short.
        return f"unsupported or damaged WAV ({error}); save it as 16-bit PCM WAV"
    return f"not a WAV file ({error})"


def _is_riff_wave(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError:
        return False
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def _to_16_bit(frames: bytes, width: int) -> bytes | None:
    """Little-endian PCM of 1-4 bytes per sample -> 16-bit, by keeping the top two bytes."""
    if width == 2:
        return frames
    if width == 1:  # unsigned 8-bit: flip the sign bit, make it the high byte
        out = bytearray(2 * len(frames))
        out[1::2] = frames.translate(bytes((b ^ 0x80) for b in range(256)))
        return bytes(out)
    if width in (3, 4):
        out = bytearray(2 * (len(frames) // width))
        out[0::2] = frames[width - 2 :: width]
        out[1::2] = frames[width - 1 :: width]
        return bytes(out)
    return None


def load_sound_file(path: Path, name: str | None = None) -> Sound:
    """Any sound file: WAV natively; other formats through pydub when ffmpeg is installed."""
    path = Path(path)
    if path.suffix.lower() == ".wav":
        try:
            return load_wav(path, name)
        except SoundFileError:
            # The stdlib reads plain PCM only; ffmpeg also reads float and extensible WAVs.
            if not (_is_riff_wave(path) and _have_ffmpeg()):
                raise
            return _decode_with_ffmpeg(path, name)
    if not path.is_file():
        raise SoundFileError(f"{path}: file not found")
    if not _have_ffmpeg():
        kind = path.suffix.lstrip(".").upper() or "this file"
        raise SoundFileError(
            f"{path}: reading {kind} needs ffmpeg, which is not installed; "
            "use a WAV file or install ffmpeg"
        )
    return _decode_with_ffmpeg(path, name)


def _have_ffmpeg() -> bool:
    return shutil.which("ffmpeg") is not None or shutil.which("avconv") is not None


def _decode_with_ffmpeg(path: Path, name: str | None) -> Sound:
    pydub = synth.import_pydub()
    try:
        segment = pydub.AudioSegment.from_file(str(path))
    except Exception as error:  # pydub raises assorted errors carrying ffmpeg's output
        detail = str(error).strip().splitlines()
        reason = detail[-1] if detail else type(error).__name__
        raise SoundFileError(f"{path}: cannot decode ({reason})") from None
    if segment.channels > 2:
        segment = segment.set_channels(1)
    if not segment.raw_data:
        raise SoundFileError(f"{path}: contains no audio")
    return _from_segment(segment.set_sample_width(2), name or path.stem)


def _from_segment(segment: Any, name: str) -> Sound:
    return Sound(name, segment.raw_data, segment.channels, segment.sample_width, segment.frame_rate)


def scaled(sound: Sound, gain: float) -> Sound:
    """The sound at ``gain`` (0.0-1.0) of its level: software volume, rounded to nearest."""
    if not 0.0 <= gain <= 1.0:
        raise ValueError(f"gain must be between 0.0 and 1.0, not {gain}")
    if gain == 1.0:
        return sound
    if sound.sample_width != 2:
        raise ValueError(f"{sound.name}: scaled() needs 16-bit PCM")
    if gain == 0.0:
        return Sound(sound.name, bytes(len(sound.pcm)), sound.channels, 2, sound.rate)
    samples = array("h")
    samples.frombytes(sound.pcm)
    big_endian = sys.byteorder == "big"  # PCM is little-endian; array uses native order
    if big_endian:
        samples.byteswap()
    # Fixed point: 15 fraction bits, +half to round; |result| <= |sample|, so no overflow.
    factor = round(gain * 32768)
    samples = array("h", [(s * factor + 16384) >> 15 for s in samples])
    if big_endian:
        samples.byteswap()
    return Sound(sound.name, samples.tobytes(), sound.channels, 2, sound.rate)


def silence(
    duration_s: float,
    rate: int = 44100,
    channels: int = 1,
    sample_width: int = 2,
    name: str = "silence",
) -> Sound:
    """Zeros: what a player sends to open (wake) the device before the first cue."""
    if duration_s < 0 or not math.isfinite(duration_s):
        raise ValueError(f"duration must be >= 0 seconds, not {duration_s}")
    frames = round(duration_s * rate)
    return Sound(name, bytes(frames * channels * sample_width), channels, sample_width, rate)


def load_cue_sounds(cache_dir: Path) -> dict[str, Sound]:
    """The built-in cues from the WAV cache, synthesizing them only when the cache is cold."""
    try:
        paths = synth.cached_cue_files(cache_dir) or synth.ensure_cue_files(cache_dir)
        loaded = {}
        for name, path in paths.items():
            try:
                loaded[name] = load_wav(path, name)
            except SoundFileError:
                # A damaged cache file (a full disk, a stray edit): write it again.
                path.unlink(missing_ok=True)
                synth.ensure_cue_files(cache_dir)
                loaded[name] = load_wav(path, name)
        return loaded
    except OSError:
        # No usable cache folder: the cues still sound, synthesized in memory.
        return {name: _from_segment(synth.synthesize(name), name) for name in synth.SOUND_NAMES}
