"""Sounds as PCM: WAV reading, clear errors for unusable files, software volume, the cue set."""

from __future__ import annotations

import math
import shutil
import struct
import wave
from array import array
from pathlib import Path

import pytest
from somatictimer.audio import sounds, synth
from somatictimer.audio.sounds import Sound, SoundFileError, load_sound_file, load_wav, scaled


def write_wav(path: Path, frames: bytes, *, width: int = 2, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(22050)
        wav.writeframes(frames)
    return path


def sine(n: int = 2205, amplitude: int = 20000) -> array[int]:
    return array(
        "h", (round(amplitude * math.sin(2 * math.pi * 441 * i / 44100)) for i in range(n))
    )


def samples_of(sound: Sound) -> array[int]:
    return array("h", sound.pcm)  # little-endian test machines, as the WAVs are


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    synth.ensure_cue_files(cache)
    return cache


def test_load_wav_round_trip(tmp_path: Path) -> None:
    pcm = sine().tobytes()
    sound = load_wav(write_wav(tmp_path / "chime.wav", pcm))
    assert sound == Sound("chime", pcm, 1, 2, 22050)
    assert sound.duration_s == pytest.approx(0.1)
    assert load_wav(tmp_path / "chime.wav", name="start").name == "start"
    assert "pcm" not in repr(sound)  # a repr never dumps the samples


def test_load_wav_keeps_stereo(tmp_path: Path) -> None:
    pcm = array("h", [1000, -1000] * 100).tobytes()
    sound = load_wav(write_wav(tmp_path / "s.wav", pcm, channels=2))
    assert (sound.channels, sound.pcm, sound.duration_s) == (2, pcm, pytest.approx(100 / 22050))


@pytest.mark.parametrize(
    ("width", "raw", "expected"),
    [
        (1, bytes([0x80, 0xFF, 0x00]), [0, 127 << 8, -128 << 8]),  # unsigned 8-bit
        (3, b"\x56\x34\x12" + b"\xaa\xcb\xed" + b"\x00\x00\x00", [0x1234, -0x1235, 0]),
        (4, struct.pack("<3i", 0x12345678, -0x12345678, 0), [0x1234, -0x1235, 0]),
    ],
)  # fmt: skip
def test_load_wav_converts_other_widths_to_16_bit(
    tmp_path: Path, width: int, raw: bytes, expected: list[int]
) -> None:
    sound = load_wav(write_wav(tmp_path / "w.wav", raw, width=width))
    assert (sound.sample_width, list(samples_of(sound))) == (2, expected)


def test_a_text_file_named_wav_is_not_a_wav(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    path.write_text("hello, I am not a sound\n")
    for load in (load_wav, load_sound_file):
        with pytest.raises(SoundFileError, match="not a WAV file") as caught:
            load(path)
        assert str(caught.value).startswith(f"{path}: ")


def test_a_truncated_wav_is_reported_as_damaged(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "cut.wav", sine().tobytes())
    path.write_bytes(path.read_bytes()[:30])
    with pytest.raises(SoundFileError, match=r"cut\.wav: unsupported or damaged WAV"):
        load_sound_file(path)


def test_mp3_without_ffmpeg_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "y.mp3"
    path.write_bytes(b"ID3\x03\x00" + bytes(100))
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    with pytest.raises(SoundFileError) as caught:
        load_sound_file(path)
    assert str(caught.value) == (
        f"{path}: reading MP3 needs ffmpeg, which is not installed; "
        "use a WAV file or install ffmpeg"
    )


@pytest.mark.parametrize("file_name", ["gone.wav", "gone.ogg"])
def test_a_missing_file_is_named(tmp_path: Path, file_name: str) -> None:
    path = tmp_path / file_name
    with pytest.raises(SoundFileError) as caught:
        load_sound_file(path)
    assert str(caught.value) == f"{path}: file not found"


def test_a_wav_without_audio_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SoundFileError, match=r"empty\.wav: contains no audio"):
        load_wav(write_wav(tmp_path / "empty.wav", b""))


def test_scaled_halves_the_peak() -> None:
    sound = Sound("tone", sine().tobytes(), 1, 2, 44100)
    half = scaled(sound, 0.5)
    assert max(map(abs, samples_of(half))) == pytest.approx(10000, abs=1)
    assert half == Sound("tone", half.pcm, 1, 2, 44100) and len(half.pcm) == len(sound.pcm)
    assert scaled(sound, 1.0) is sound
    assert set(scaled(sound, 0.0).pcm) == {0}
    extremes = Sound("x", array("h", [32767, -32768]).tobytes(), 1, 2, 44100)
    assert list(samples_of(scaled(extremes, 0.999))) == [32734, -32735]
    for bad in (-0.1, 1.5, math.nan):
        with pytest.raises(ValueError):
            scaled(sound, bad)


def test_silence() -> None:
    quiet = sounds.silence(0.25)
    assert (quiet.name, quiet.rate, quiet.channels, quiet.sample_width) == ("silence", 44100, 1, 2)
    assert quiet.duration_s == pytest.approx(0.25) and set(quiet.pcm) == {0}
    assert len(sounds.silence(0.5, rate=48000, channels=2).pcm) == 48000 * 2 * 2 // 2
    with pytest.raises(ValueError):
        sounds.silence(-1)


def test_load_cue_sounds_synthesizes_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = sounds.load_cue_sounds(tmp_path)
    assert list(cold) == list(synth.SOUND_NAMES)
    assert all((s.rate, s.channels, s.sample_width) == (44100, 1, 2) for s in cold.values())
    assert cold["gong"].duration_s > cold["pip"].duration_s

    def no_synthesis(cache_dir: Path) -> None:
        raise AssertionError("a warm cache must not synthesize")

    monkeypatch.setattr(synth, "ensure_cue_files", no_synthesis)
    assert sounds.load_cue_sounds(tmp_path) == cold


def test_load_cue_sounds_repairs_a_damaged_cache(warm_cache: Path, tmp_path: Path) -> None:
    shutil.copytree(warm_cache / "cues", tmp_path / "cues")
    bell = synth.cue_paths(tmp_path)["soft-bell"]
    good = load_wav(bell, "soft-bell")
    bell.write_bytes(b"RIFF")  # what a full disk or a stray edit might leave
    others = {p: p.stat().st_mtime_ns for p in (tmp_path / "cues").iterdir() if p != bell}
    loaded = sounds.load_cue_sounds(tmp_path)
    assert loaded["soft-bell"] == good
    assert {p: p.stat().st_mtime_ns for p in others} == others  # only the bad one rewritten


def test_load_cue_sounds_without_a_usable_cache_synthesizes_in_memory(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    loaded = sounds.load_cue_sounds(blocked)
    assert list(loaded) == list(synth.SOUND_NAMES)
    assert all(s.rate == 44100 and s.sample_width == 2 and s.pcm for s in loaded.values())
