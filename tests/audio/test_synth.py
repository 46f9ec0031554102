"""The synthesized cue set, judged on its samples by what a listener would notice."""

from __future__ import annotations

import itertools
import math
import re
import shutil
import subprocess
import sys
import wave
from array import array
from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.audio import synth

RATE = 44100
FULL_SCALE = 32768


def ms(n: float) -> int:
    return round(n * RATE / 1000)


def read_samples(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        samples = array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def peak(samples: array[int]) -> int:
    return max(abs(s) for s in samples)


def envelope(samples: array[int], window_ms: int = 10) -> list[float]:
    """RMS per window."""
    n = ms(window_ms)
    chunks = (samples[i : i + n] for i in range(0, len(samples) - n + 1, n))
    return [math.sqrt(sum(s * s for s in c) / n) for c in chunks]


def voiced(samples: array[int], floor: float = 0.1) -> array[int]:
    """The part whose 10 ms envelope is within 20 dB of its loudest."""
    env = envelope(samples)
    loud = [i for i, e in enumerate(env) if e >= floor * max(env)]
    return samples[ms(10 * loud[0]) : ms(10 * (loud[-1] + 1))]


def audible_s(samples: array[int]) -> float:
    """How long it rings: up to the last 10 ms within 40 dB of the loudest."""
    env = envelope(samples)
    return 0.01 * (max(i for i, e in enumerate(env) if e >= 0.01 * max(env)) + 1)


def zcr_hz(samples: array[int]) -> float:
    """Pitch from zero crossings: two per cycle."""
    crossings = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return crossings / 2 / (len(samples) / RATE)


def dominant_hz(samples: array[int], window_ms: int = 200) -> float:
    """The strongest frequency (40-1500 Hz) over the first 200 ms after the onset."""
    top = peak(samples)
    start = next(i for i, s in enumerate(samples) if abs(s) > top / 10)
    chunk = samples[start : start + ms(window_ms)]
    step = 8  # mean of 8 samples: a crude low-pass, then 5.5 kHz is plenty below 1.5 kHz
    x = [sum(chunk[i : i + step]) / step for i in range(0, len(chunk) - step + 1, step)]
    n, rate = len(x), RATE / step
    x = [v * (0.5 - 0.5 * math.cos(2 * math.pi * i / (n - 1))) for i, v in enumerate(x)]

    def power(k: int) -> float:  # Goertzel: one DFT bin
        coeff = 2 * math.cos(2 * math.pi * k / n)
        s1 = s2 = 0.0
        for v in x:
            s1, s2 = v + coeff * s1 - s2, s1
        return s1 * s1 + s2 * s2 - coeff * s1 * s2

    best = max(range(math.ceil(40 * n / rate), int(1500 * n / rate) + 1), key=power)
    return best * rate / n


def count_onsets(env: list[float], rise: float = 1.5) -> int:
    """Strikes: the envelope climbs 1.5x above its dip after falling 1.5x below its peak."""
    onsets, ringing, low, high = 0, False, 0.0, 0.0
    for e in env:
        if ringing:
            high = max(high, e)
            if e < high / rise:
                ringing, low = False, e
        else:
            low = min(low, e)
            if e > max(rise * low, 0.2 * max(env)):
                onsets, ringing, high = onsets + 1, True, e
    return onsets


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, array[int]]:
    paths = synth.render_all(tmp_path_factory.mktemp("render"))
    assert [p.name for p in paths] == [f"{name}.wav" for name in synth.SOUND_NAMES]
    return {p.stem: read_samples(p) for p in paths}


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    synth.ensure_cue_files(cache)
    return cache


def test_the_set_has_the_cues_the_app_asks_for() -> None:
    assert synth.SOUND_NAMES == (
        "bowl", "soft-bell", "double-bell", "wood-block", "gong",
        "pip", "inhale", "exhale", "hold",
    )  # fmt: skip


@pytest.mark.parametrize("name", synth.SOUND_NAMES)
def test_every_cue_peaks_at_the_same_level_and_never_clips(
    rendered: dict[str, array[int]], name: str
) -> None:
    samples = rendered[name]
    peak_db = 20 * math.log10(peak(samples) / FULL_SCALE)
    assert abs(peak_db - synth.PEAK_DBFS) <= 0.5
    assert 32767 not in samples and -32768 not in samples
    rms = math.sqrt(sum(s * s for s in samples) / len(samples))
    assert rms > 0.01 * FULL_SCALE  # clearly audible, not a whisper of noise


@pytest.mark.parametrize("name", synth.SOUND_NAMES)
def test_every_cue_starts_and_ends_at_silence(rendered: dict[str, array[int]], name: str) -> None:
    samples = rendered[name]
    quiet = 0.01 * FULL_SCALE
    assert abs(samples[0]) <= 2 and abs(samples[-1]) <= 0.002 * FULL_SCALE
    # A ramp, not a step: the first millisecond stays far below the peak (no click) ...
    assert peak(samples[: ms(1)]) < 0.1 * peak(samples)
    # ... and the last 5 ms have faded to near silence.
    assert peak(samples[-ms(5) :]) < quiet


def test_inhale_rises_and_exhale_falls(rendered: dict[str, array[int]]) -> None:
    def start_end_hz(name: str) -> tuple[float, float]:
        part = voiced(rendered[name])
        return zcr_hz(part[: ms(150)]), zcr_hz(part[-ms(150) :])

    inhale_start, inhale_end = start_end_hz("inhale")
    exhale_start, exhale_end = start_end_hz("exhale")
    assert inhale_end > 1.25 * inhale_start
    assert exhale_end < exhale_start / 1.25
    hold = zcr_hz(voiced(rendered["hold"]))
    assert hold < 0.85 * min(inhale_start, exhale_end)  # the hold tick sits clearly lower
    assert len(rendered["hold"]) / RATE <= 0.2


def test_bowl_rings_longer_than_soft_bell(rendered: dict[str, array[int]]) -> None:
    assert audible_s(rendered["bowl"]) > 1.5 * audible_s(rendered["soft-bell"])
    assert audible_s(rendered["gong"]) > audible_s(rendered["bowl"])  # the end lingers longest


def test_double_bell_is_two_strikes_and_soft_bell_one(rendered: dict[str, array[int]]) -> None:
    assert count_onsets(envelope(rendered["soft-bell"])) == 1
    assert count_onsets(envelope(rendered["double-bell"])) == 2
    second = dominant_hz(rendered["double-bell"][ms(350) :])
    assert second > 1.1 * dominant_hz(rendered["soft-bell"])  # the second strike is higher


def test_gong_is_the_lowest_sound(rendered: dict[str, array[int]]) -> None:
    pitches = {name: dominant_hz(samples) for name, samples in rendered.items()}
    gong = pitches.pop("gong")
    assert 90 <= gong <= 130
    assert gong < min(pitches.values()), pitches


def test_short_cues_are_short(rendered: dict[str, array[int]]) -> None:
    for name, limit_s in {"wood-block": 0.12, "pip": 0.13, "hold": 0.2}.items():
        assert len(rendered[name]) / RATE <= limit_s, name


def test_synthesize_gives_44k_16_bit_mono() -> None:
    segment = synth.synthesize("pip")
    assert (segment.frame_rate, segment.sample_width, segment.channels) == (RATE, 2, 1)


# --- the cache -----------------------------------------------------------------------------


def test_cache_files_are_named_by_sound_and_hash(tmp_path: Path) -> None:
    assert synth.cached_cue_files(tmp_path) is None
    paths = synth.cue_paths(tmp_path)
    assert list(paths) == list(synth.SOUND_NAMES)
    for name, path in paths.items():
        assert path.parent == tmp_path / "cues"
        assert re.fullmatch(rf"{re.escape(name)}-[0-9a-f]{{12}}\.wav", path.name)


def test_a_second_ensure_writes_nothing(warm_cache: Path) -> None:
    paths = synth.cached_cue_files(warm_cache)
    assert paths is not None and paths == synth.ensure_cue_files(warm_cache)
    before = {p: p.stat().st_mtime_ns for p in (warm_cache / "cues").iterdir()}
    assert synth.ensure_cue_files(warm_cache) == paths
    after = {p: p.stat().st_mtime_ns for p in (warm_cache / "cues").iterdir()}
    assert after == before  # same files, untouched, and no temp files left behind


def test_a_missing_file_is_the_only_one_rewritten(warm_cache: Path, tmp_path: Path) -> None:
    shutil.copytree(warm_cache / "cues", tmp_path / "cues")
    paths = synth.cue_paths(tmp_path)
    paths["gong"].unlink()
    assert synth.cached_cue_files(tmp_path) is None
    before = {n: p.stat().st_mtime_ns for n, p in paths.items() if n != "gong"}
    synth.ensure_cue_files(tmp_path)
    assert paths["gong"].is_file()
    assert {n: p.stat().st_mtime_ns for n, p in paths.items() if n != "gong"} == before


def test_a_new_synth_version_gives_new_files(
    warm_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(warm_cache / "cues", tmp_path / "cues")
    old = synth.cue_paths(tmp_path)
    monkeypatch.setattr(synth, "SYNTH_VERSION", synth.SYNTH_VERSION + 1)
    assert synth.cached_cue_files(tmp_path) is None
    new = synth.ensure_cue_files(tmp_path)
    assert all(new[name].name != old[name].name for name in synth.SOUND_NAMES)
    assert all(p.is_file() for p in new.values())


def test_editing_one_sound_renames_only_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    old = synth.cue_paths(Path("/cache"))
    offset, pip = synth.SOUNDS["pip"][0]
    monkeypatch.setitem(synth.SOUNDS, "pip", ((offset, replace(pip, length_ms=100)),))
    new = synth.cue_paths(Path("/cache"))
    assert [name for name in synth.SOUND_NAMES if new[name] != old[name]] == ["pip"]


WARM_START = """
import sys
from pathlib import Path
from somatictimer.audio import sounds, synth

cache = Path(sys.argv[1])
assert synth.cached_cue_files(cache) is not None
loaded = sounds.load_cue_sounds(cache)
assert sorted(loaded) == sorted(synth.SOUND_NAMES), loaded
assert "pydub" not in sys.modules and "audioop" not in sys.modules
"""


def test_a_warm_start_does_not_import_pydub(warm_cache: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", WARM_START, str(warm_cache)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
