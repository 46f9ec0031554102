"""Real playback: simpleaudio into an ALSA file PCM, Qt into a private PulseAudio null sink."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import pytest
from somatictimer.audio.players import RecordingPlayer, open_player
from somatictimer.audio.sounds import load_cue_sounds

from tests.helpers import pulse

ROOT = Path(__file__).resolve().parents[2]


def python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result


def no_device_env(tmp_path: Path) -> dict[str, str]:
    """ALSA's default points at a card that does not exist; no PulseAudio server."""
    alsa = tmp_path / "config" / "alsa"
    alsa.mkdir(parents=True)
    (alsa / "asoundrc").write_text("pcm.!default { type hw; card 97 }\n", encoding="utf-8")
    import os

    return {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }


def test_simpleaudio_plays_the_exact_samples_through_alsa(tmp_path: Path) -> None:
    import os

    import simpleaudio  # noqa: F401 - part of the test extra: missing is a failure, not a skip

    capture = tmp_path / "captured.wav"
    alsa = tmp_path / "config" / "alsa"
    alsa.mkdir(parents=True)
    (alsa / "asoundrc").write_text(
        f'pcm.!default {{ type file; slave.pcm "null"; file "{capture}"; format "wav" }}\n',
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    python(
        f"""
import time
from pathlib import Path
from somatictimer.audio.players import SimpleaudioPlayer
from somatictimer.audio.sounds import load_cue_sounds
bowl = load_cue_sounds(Path({str(cache)!r}))["bowl"]
SimpleaudioPlayer().play(bowl)
time.sleep(bowl.duration_s + 0.3)
""",
        env,
    )
    expected = load_cue_sounds(cache)["bowl"]
    with wave.open(str(capture)) as played:
        assert (played.getnchannels(), played.getsampwidth(), played.getframerate()) == (
            expected.channels,
            expected.sample_width,
            expected.rate,
        )
        frames = played.readframes(played.getnframes())
    assert frames == expected.pcm


def test_qt_player_is_heard_through_pulseaudio_on_time(tmp_path: Path) -> None:
    assert pulse.available(), "install pulseaudio and pulseaudio-utils (README, Set up)"
    cache = tmp_path / "cache"
    load_cue_sounds(cache)  # warm the cache so the child starts at once
    with pulse.null_sink_server() as env, pulse.recording(env) as recorder:
        latencies = pulse.measure_onsets(env, recorder, cache, "qt", ["pip", "pip", "bowl"])
        assert None not in latencies, latencies
        # Heard, in order, each within 60 ms of play() (onsets measured on the recording).
        assert all(-0.005 < lat < 0.060 for lat in latencies), latencies  # type: ignore[operator]
        assert max(recorder.samples()) > 20000  # the −3 dBFS peak came through unattenuated


def test_auto_without_any_device_falls_back_to_recording_and_says_why(tmp_path: Path) -> None:
    result = python(
        """
from somatictimer.audio.players import open_player
player, reason = open_player("auto")
print(player.name)
print(reason)
""",
        no_device_env(tmp_path),
    )
    name, reason = result.stdout.strip().split("\n", 1)
    assert name == "null"
    assert reason.startswith("no sound device found, cues will be shown but not heard")
    assert "qt:" in reason


def test_null_choice_is_the_recording_player() -> None:
    player, reason = open_player("null")
    assert isinstance(player, RecordingPlayer)
    assert reason == "audio: null (chosen)"


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown audio backend"):
        open_player("bluetooth")


def test_run_in_terminal_without_a_sound_device_finishes_with_a_notice(tmp_path: Path) -> None:
    env = no_device_env(tmp_path)
    library = tmp_path / "data" / "somatictimer" / "library"
    library.mkdir(parents=True)
    (library / "short.toml").write_text(
        'schema = 1\n\n[[sequence]]\nid = "tiny"\nname = "Tiny"\nprep_s = 1\n'
        'transition_s = 0.5\nsteps = [\n  { pose = "equal-breathing", hold_s = 1 },\n'
        '  { pose = "cat-cow", hold_s = 1 },\n]\n',
        encoding="utf-8",
    )
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "somatictimer", "run", "tiny"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "no sound device found, cues will be shown but not heard" in result.stderr
    assert "Equal Breathing" in result.stdout and "Cat–Cow" in result.stdout
    # The plan's 2.5 s exactly: the 1 s get-ready countdown is not practice.
    assert "Tiny: 0:02.5 of practice\n" in result.stdout
    assert "Finished Tiny: 0:02.5 of practice." in result.stdout
