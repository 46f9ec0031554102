"""Cue timing: dispatch lateness of the scheduler vs a naive 1 s QTimer countdown, and onset
latency of each player through a PulseAudio null sink.

    python benchmarks/cue_timing.py [--seconds 20]

Targets: dispatch p99 <= 5 ms and max <= 20 ms; onset <= 20 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from somatictimer.audio.cueplayer import CuePlayer  # noqa: E402
from somatictimer.audio.players import PlayerChain, RecordingPlayer  # noqa: E402
from somatictimer.audio.scheduler import CueScheduler  # noqa: E402
from somatictimer.audio.sounds import Sound, load_cue_sounds  # noqa: E402
from somatictimer.core.engine import SessionEngine, State, session_clock  # noqa: E402
from somatictimer.core.model import Pose, Sequence, Side, Sides, Step  # noqa: E402
from somatictimer.core.timeline import TimelineOptions, compile_timeline  # noqa: E402
from tests.helpers import pulse  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def dispatch_lateness(seconds: float) -> tuple[list[float], float]:
    """Run a real-time session with a cue every 50 ms; return lateness (ms) and end error."""
    reps = int(seconds / 0.05)
    pose = Pose(
        "tick",
        "Tick",
        "bench",
        "bench",
        "seated",
        sides=Sides.ALTERNATING,
        reps=reps,
        rep_s=0.05,
        first_side=Side.RIGHT,
    )
    sequence = Sequence("bench", "Bench", (Step("tick"),), transition_s=0, prep_s=0)
    timeline = compile_timeline(sequence, {"tick": pose}, {}, TimelineOptions(halfway_min_s=None))
    clock = session_clock()
    engine = SessionEngine(timeline, clock=clock)
    recorder = RecordingPlayer(clock)
    silent = Sound("tick", b"\0\0" * 10, 1, 2, 44100)
    sounds = {name: silent for name in ("bowl", "wood-block", "gong", "pip", "soft-bell")}
    cue_player = CuePlayer(PlayerChain(recorder), sounds, clock=clock)
    scheduler = CueScheduler(engine, cue_player.fire, wake=cue_player.wake)
    scheduler.start()
    naive_error = naive_qtimer_countdown(int(seconds))
    scheduler.join()
    assert engine.state is State.FINISHED
    lateness = [(r.called - r.due) * 1000 for r in recorder.records if r.due is not None]
    return lateness, naive_error


def naive_qtimer_countdown(ticks: int) -> float:
    """A countdown that decrements on each 1 s QTimer tick (Qt's default, coarse timer):
    the way many timers are written. Returns how late (ms) it reaches zero."""
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    remaining = ticks
    started = time.monotonic()
    ended: list[float] = []

    def tick() -> None:
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            ended.append(time.monotonic())
            timer.stop()
            app.quit()

    timer = QTimer()
    timer.setInterval(1000)
    timer.timeout.connect(tick)
    timer.start()
    app.exec()
    return (ended[0] - started - ticks) * 1000


def onset_latencies() -> dict[str, list[float | None]] | str:
    if not pulse.available():
        return "PulseAudio not installed: onset latency not measured"
    results: dict[str, list[float | None]] = {}
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        load_cue_sounds(cache)
        with pulse.null_sink_server() as env, pulse.recording(env) as recorder:
            pulse.alsa_to_pulse(Path(folder) / "config")
            env = {**env, "XDG_CONFIG_HOME": str(Path(folder) / "config"), "PYTHONPATH": str(ROOT)}
            for backend in ("simpleaudio", "qt"):
                try:
                    latencies = pulse.measure_onsets(env, recorder, cache, backend, ["pip"] * 10)
                except RuntimeError as error:
                    print(f"  {backend}: not measured ({str(error).strip().splitlines()[-1]})")
                    continue
                results[backend] = [None if v is None else v * 1000 for v in latencies]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    lateness, naive_error = dispatch_lateness(args.seconds)
    print(
        f"cue dispatch lateness over {len(lateness)} cues in {args.seconds:g} s (target p99 "
        f"<= 5 ms, max <= 20 ms):"
    )
    print(
        f"  p50 {percentile(lateness, 0.5):.3f} ms   p99 {percentile(lateness, 0.99):.3f} ms"
        f"   max {max(lateness):.3f} ms   (min {min(lateness):.3f} ms)"
    )
    print(
        f"baseline, same run: naive countdown on 1 s QTimer ticks reached zero "
        f"{naive_error:+.1f} ms off after {int(args.seconds)} s; the engine's end cue was "
        f"{lateness[-1]:+.3f} ms off"
    )
    onsets = onset_latencies()
    if isinstance(onsets, str):
        print(onsets)
        return
    print(
        "onset latency through a PulseAudio null sink, play() call to first sound "
        "(target <= 20 ms):"
    )
    for backend, values in onsets.items():
        heard = [v for v in values if v is not None]
        missing = len(values) - len(heard)
        print(
            f"  {backend:12} median {statistics.median(heard):.1f} ms   max {max(heard):.1f} ms"
            f"   ({len(heard)} cues heard, {missing} not)"
            if heard
            else f"  {backend:12} nothing heard"
        )


if __name__ == "__main__":
    main()
