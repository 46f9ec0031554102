"""A private PulseAudio server with a null sink, recorded through its monitor.

Used by the Qt player tests and the onset-latency benchmark: the server runs in a temporary
runtime dir, so it never touches a real desktop's sound server.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

SINK = "somatictimer_test"
RATE = 44100


def available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "parec"))


@contextlib.contextmanager
def null_sink_server() -> Iterator[dict[str, str]]:
    """Start a throwaway PulseAudio server; yields the environment that points at it."""
    runtime = Path(tempfile.mkdtemp(prefix="st-pulse-"))
    runtime.chmod(0o700)
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
        "HOME": str(runtime),
    }
    env.pop("PULSE_SERVER", None)
    server = subprocess.Popen(
        [
            "pulseaudio",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "-n",
            "--log-target=stderr",
            "--log-level=error",
            "--load=module-native-protocol-unix",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1",
            "--load=module-always-sink",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            if subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
                break
            if server.poll() is not None:
                raise RuntimeError("pulseaudio exited: " + server.stderr.read().decode()[-500:])
            time.sleep(0.05)
        else:
            raise RuntimeError("pulseaudio did not start")
        subprocess.run(["pactl", "set-default-sink", SINK], env=env, check=True)
        yield env
    finally:
        server.terminate()
        server.wait(5)
        assert server.stderr is not None
        server.stderr.close()
        shutil.rmtree(runtime, ignore_errors=True)


class Recorder:
    """Reads parec's output on a thread, noting when each chunk arrived (monotonic)."""

    def __init__(self, env: dict[str, str]) -> None:
        self._process = subprocess.Popen(
            [
                "parec",
                f"--device={SINK}.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=2",
                "--raw",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
        )
        self.chunks: list[tuple[float, bytes]] = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        while True:
            data = self._process.stdout.read(256)
            if not data:
                return
            self.chunks.append((time.monotonic(), data))

    def wait_started(self, timeout_s: float = 5.0) -> None:
        """Block until the monitor stream delivers audio (parec takes a moment to attach)."""
        deadline = time.monotonic() + timeout_s
        while not self.chunks and time.monotonic() < deadline:
            time.sleep(0.01)
        if not self.chunks:
            raise RuntimeError("parec delivered nothing")

    def samples(self) -> array.array[int]:
        return array.array("h", b"".join(data for _, data in self.chunks))

    def onset_after(self, since: float, threshold: int = 300) -> float | None:
        """Monotonic time of the first loud sample that arrived after ``since``.

        A chunk's last sample is taken to be recorded just before the chunk arrived, so the
        estimate errs late by at most the recorder's own latency (a few ms).
        """
        for arrived, data in self.chunks:
            if arrived < since:
                continue
            frames = array.array("h", data)
            for index, value in enumerate(frames):
                if abs(value) >= threshold:
                    return arrived - (len(frames) - index) / RATE
        return None

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(5)
        self._thread.join(2)
        if self._process.stdout is not None:
            self._process.stdout.close()


@contextlib.contextmanager
def recording(env: dict[str, str]) -> Iterator[Recorder]:
    """parec from the null sink's monitor: raw s16le mono at RATE."""
    recorder = Recorder(env)
    try:
        recorder.wait_started()
        yield recorder
    finally:
        recorder.close()


PLAY_AND_REPORT = """
import json, sys, time
from pathlib import Path
from somatictimer.audio.players import open_player
from somatictimer.audio.sounds import load_cue_sounds
sounds = load_cue_sounds(Path(sys.argv[1]))
player, _ = open_player(sys.argv[2])
player.wake()
time.sleep(0.5)
calls = []
for name in sys.argv[3].split(","):
    calls.append(time.monotonic())
    player.play(sounds[name])
    time.sleep(float(sys.argv[4]))
time.sleep(0.3)
player.close()
print(json.dumps(calls))
"""


def measure_onsets(
    env: dict[str, str],
    recorder: Recorder,
    cache_dir: Path,
    backend: str,
    names: list[str],
    spacing_s: float = 0.4,
) -> list[float | None]:
    """Play ``names`` through ``backend`` in a fresh process; onset latency (s) of each."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            PLAY_AND_REPORT,
            str(cache_dir),
            backend,
            ",".join(names),
            str(spacing_s),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-1500:])
    calls = json.loads(result.stdout)
    onsets = [recorder.onset_after(call) for call in calls]
    return [
        None if onset is None else onset - call for onset, call in zip(onsets, calls, strict=True)
    ]


def alsa_to_pulse(config_home: Path) -> None:
    """Route ALSA's default device to PulseAudio (needs libasound2-plugins) for simpleaudio."""
    alsa = config_home / "alsa"
    alsa.mkdir(parents=True, exist_ok=True)
    (alsa / "asoundrc").write_text(
        "pcm.!default { type pulse }\nctl.!default { type pulse }\n", encoding="utf-8"
    )


# A fresh process (a cold device, as at a real start) plays a one-step session through the
# real scheduler and prints its first cue's due time; the parent finds the first sound in
# the null sink's recording (tests/audio/test_first_cue.py and benchmarks/cue_timing.py).
FIRST_CUE = """
import json, sys, time
from pathlib import Path
from somatictimer.audio.cueplayer import CuePlayer
from somatictimer.audio.players import PlayerChain, open_player
from somatictimer.audio.scheduler import CueScheduler
from somatictimer.audio.sounds import load_cue_sounds
from somatictimer.core.engine import SessionEngine
from somatictimer.core.model import Pose, Sequence, Step
from somatictimer.core.timeline import TimelineOptions, compile_timeline

sounds = load_cue_sounds(Path(sys.argv[1]))
pose = Pose("p", "P", "bench", "bench", "seated", hold_s=1.0)
choice = (("session-start", sys.argv[3]), ("step-start", sys.argv[3]))
sequence = Sequence("s", "S", (Step("p"),), transition_s=0, prep_s=0, sounds=choice)
timeline = compile_timeline(sequence, {"p": pose}, {}, TimelineOptions(halfway_min_s=None))
engine = SessionEngine(timeline, clock=time.monotonic, suspend_gap_s=None)
player, _ = open_player(sys.argv[2])
cues = CuePlayer(PlayerChain(player), sounds, clock=time.monotonic)
cues.use_sounds(dict(sequence.sounds), Path("."))
fired = []
def fire(due_cues, due):
    fired.append(due)
    cues.fire(due_cues, due)
scheduler = CueScheduler(engine, fire, wake=cues.wake, clock=time.monotonic)
scheduler.start()
scheduler.join(30)
time.sleep(0.5)
player.close()
print(json.dumps(fired[0]))
"""


def wait_quiet(recorder: Recorder, quiet_s: float = 0.5, timeout_s: float = 15.0) -> None:
    """Wait until the sink has been silent for ``quiet_s``: the previous child's last sound
    (an end bell still draining from the sound server) must not pass for the next first cue."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        since = time.monotonic() - quiet_s
        recent = [data for arrived, data in recorder.chunks[-1000:] if arrived >= since]
        if recent and all(max(map(abs, array.array("h", data))) < 300 for data in recent):
            return
        time.sleep(0.05)
    raise RuntimeError(f"the null sink did not fall silent within {timeout_s:g} s")


def first_cue_late_ms(
    env: dict[str, str], recorder: Recorder, cache_dir: Path, backend: str, sound: str
) -> float:
    """How late (ms) the first cue of a session opening with ``sound`` is heard."""
    wait_quiet(recorder)
    child = subprocess.run(
        [sys.executable, "-c", FIRST_CUE, str(cache_dir), backend, sound],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-1500:])
    due = float(json.loads(child.stdout))
    onset = recorder.onset_after(due - 0.2)
    if onset is None:
        raise RuntimeError("the first cue was not heard")
    return (onset - due) * 1000
