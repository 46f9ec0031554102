"""The cue player follows volume changes made during a session and stays quiet, without
failing, for a cue whose sound is not loaded."""

from __future__ import annotations

from array import array

from somatictimer.audio.cueplayer import CuePlayer
from somatictimer.audio.mix import Mix
from somatictimer.audio.players import PlayerChain, RecordingPlayer
from somatictimer.audio.sounds import Sound
from somatictimer.core.model import CueKind, Step
from somatictimer.core.timeline import compile_timeline

from tests.audio.test_scheduler import SOUNDS
from tests.core.factories import BREATHS, pose, sequence


def peak(sound: Sound | None) -> int:
    assert sound is not None
    samples = array("h")
    samples.frombytes(sound.pcm)
    return max(abs(s) for s in samples)


def test_turning_the_volume_down_mid_session_makes_the_next_sound_quieter() -> None:
    mix = Mix(master_pct=40)
    cues = CuePlayer(PlayerChain(RecordingPlayer()), SOUNDS, mix=mix)
    loud = peak(cues.sound(CueKind.END))
    mix.master_pct = 30  # the settings page changes the shared mix in place
    quieter = peak(cues.sound(CueKind.END))
    mix.master_pct = 60
    louder = peak(cues.sound(CueKind.END))
    full = peak(SOUNDS["gong"])
    assert (loud, quieter, louder) == (round(full * 0.4), round(full * 0.3), round(full * 0.6))


def test_a_cue_whose_sound_is_not_loaded_stays_silent() -> None:
    sounds = {name: sound for name, sound in SOUNDS.items() if name != "gong"}
    recorder = RecordingPlayer()
    cues = CuePlayer(PlayerChain(recorder), sounds)
    assert cues.sound(CueKind.END) is None
    timeline = compile_timeline(sequence(Step("p"), prep_s=0), {"p": pose()}, BREATHS)
    cues.fire([c for c in timeline.cues if c.kind is CueKind.END], 0.0)
    assert recorder.records == []
