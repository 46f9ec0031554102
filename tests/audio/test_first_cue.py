"""The first cue is as punctual as the rest: the device opens before the clock starts, and
no sound is prepared at its due time. Heard through a PulseAudio null sink."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest
from somatictimer.audio.cueplayer import CuePlayer
from somatictimer.audio.players import PlayerChain, RecordingPlayer
from somatictimer.audio.scheduler import CueScheduler
from somatictimer.audio.sounds import Sound, load_cue_sounds, scaled
from somatictimer.core.engine import SessionEngine
from somatictimer.core.model import CueKind, Step
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import BREATHS, pose, sequence
from tests.core.test_engine import FakeClock
from tests.helpers import pulse


def test_a_slow_device_delays_the_start_not_the_first_cue() -> None:
    clock = FakeClock()
    engine = SessionEngine(
        compile_timeline(sequence(Step("p"), prep_s=0), {"p": pose(hold_s=60)}, BREATHS),
        clock=clock,
    )
    player = RecordingPlayer(clock)
    sounds = {"bowl": Sound("bowl", b"\0\1" * 44100, 1, 2, 44100)}
    cues = CuePlayer(PlayerChain(player), sounds, clock=clock)

    def slow_wake() -> None:  # the sound server takes 300 ms to open the device
        cues.wake()
        clock.advance(0.3)

    scheduler = CueScheduler(engine, cues.fire, wake=slow_wake, clock=clock)
    scheduler.start(threaded=False)
    scheduler.step()
    (first, *_) = player.records  # the cue at 0:00 sounds at 0:00 of the session's clock
    assert first.due == engine.clock_time_of(0) and first.called - first.due == 0.0


def test_every_cue_sound_is_ready_before_the_session_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = ("bowl", "pip", "double-bell", "soft-bell", "wood-block", "inhale", "exhale")
    sounds = {n: Sound(n, b"\0\1" * 4410, 1, 2, 44100) for n in (*names, "hold", "gong")}
    cues = CuePlayer(PlayerChain(RecordingPlayer(FakeClock())), sounds)
    cues.mix.master_pct = 50  # a volume that needs scaling
    cues.wake()  # what the scheduler does before the clock starts
    scaled_at_cue_time: list[str] = []

    def counting(sound: Sound, gain: float) -> Sound:
        scaled_at_cue_time.append(sound.name)
        return scaled(sound, gain)

    monkeypatch.setattr("somatictimer.audio.cueplayer.scaled", counting)
    for kind in CueKind:
        cues.sound(kind)
    assert scaled_at_cue_time == []  # nothing left to compute at a cue's due time


@pytest.mark.parametrize("sound", ["bowl", "pip"])
@pytest.mark.parametrize("backend", ["qt", "simpleaudio"])
def test_a_session_opening_with_any_sound_is_heard_on_time(
    tmp_path: Path, backend: str, sound: str
) -> None:
    assert pulse.available(), "install pulseaudio and pulseaudio-utils (README, Set up)"
    cache = tmp_path / "cache"
    load_cue_sounds(cache)  # warm: the child starts at once
    with pulse.null_sink_server() as env, pulse.recording(env) as recorder:
        if backend == "simpleaudio":
            pulse.alsa_to_pulse(tmp_path / "config")
            env = {**env, "XDG_CONFIG_HOME": str(tmp_path / "config")}
        # A fresh process each time: a cold device, as at a real start.
        late_ms = [pulse.first_cue_late_ms(env, recorder, cache, backend, sound) for _ in range(3)]
    # The plan's 0:00, as heard: within 10 ms (median of three cold starts).
    assert -2 < statistics.median(late_ms) <= 10, late_ms
