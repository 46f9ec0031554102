"""CPU used by a running session: main window on the Practice page, then tray only, then
only the mini window; against an idle bare QMainWindow measured the same way.

    python benchmarks/idle_cpu.py [--seconds 20]
    python benchmarks/idle_cpu.py --figures-json [--quick]   # for run.py

Targets, of one core: <= 1 % for a steady hold with the window visible, <= 2 % with the
pacer always moving, or a figure and the pacer (Cat-Cow), <= 0.3 % with the tray icon only.
Each case is a fresh process (offscreen platform, no sound) that measures its own CPU time
(user + system, all threads) over a stretch of real time while the session runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks._env import isolated_env  # noqa: E402
from benchmarks.figures import Figure, at_most, not_measured, progress, run_module  # noqa: E402

CHILD = """
import json, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
app.setQuitOnLastWindowClosed(False)
case, seconds = sys.argv[1], float(sys.argv[2])
if case == "baseline":
    window = QMainWindow(); window.show()
else:
    from somatictimer.core.paths import AppPaths
    from somatictimer.ui.shell.style import apply_style
    apply_style(app)
    from somatictimer.ui.app import App
    desktop = App(AppPaths.from_platform(), "null", tray_available=case != "mini")
    desktop.show()
    desktop.start(desktop.library.sequences[sys.argv[3]])
    if case == "tray":
        desktop.toggle_main()
    elif case == "mini":
        desktop.show_compact()
result = {}
def begin():
    result["cpu"], result["wall"] = time.process_time(), time.monotonic()
def end():
    cpu, wall = time.process_time() - result["cpu"], time.monotonic() - result["wall"]
    print(json.dumps({"percent": 100 * cpu / wall}))
    app.exit(0)  # quit() would first ask windows to close; the player window refuses
def settled():
    # Start-up work (opening the sound device, scaling the cue sounds to the volume once,
    # sockets) is not idle CPU: measure from a second after the audio is ready.
    ready = getattr(locals().get("desktop") or globals().get("desktop"), "audio", None)
    if ready is not None and not ready.ready.is_set():
        QTimer.singleShot(200, settled)
        return
    QTimer.singleShot(1000, begin)
    QTimer.singleShot(int(1000 + seconds * 1000), end)
QTimer.singleShot(3000, settled)
app.exec()
"""

CASES = {  # case: (label, sequence)
    "baseline": ("idle bare QMainWindow", "-"),
    "window": ("session, main window on Practice (steady hold)", "evening-hip-release"),
    "window-pacer": ("session, main window, 5.5-5.5 pacer always moving", "pacer-benchmark"),
    "window-figure": ("session, main window, Cat-Cow: figure and pacer moving", "figure-benchmark"),
    "tray": ("session, window hidden, tray icon only", "evening-hip-release"),
    "mini": ("session, mini window only (no tray)", "evening-hip-release"),
}
PACER_SEQUENCE = """schema = 1
[[sequence]]
id = "pacer-benchmark"
name = "Pacer benchmark"
prep_s = 0
steps = [{ pose = "coherent-breathing", hold_s = 300 }]

[[sequence]]
id = "figure-benchmark"
name = "Figure benchmark"
prep_s = 0
steps = [{ pose = "cat-cow", reps = 40 }]
"""


TARGETS = {  # case: (figure name, % of one core)
    "window": ("idle CPU, steady hold (window on Practice)", 1.0),
    "window-pacer": ("idle CPU, pacer moving (window on Practice)", 2.0),
    "window-figure": ("idle CPU, figure and pacer moving (window on Practice)", 2.0),
    "tray": ("idle CPU, tray only (window hidden)", 0.3),
}


def measure(cases: list[str], seconds: float) -> dict[str, float | str]:
    """% of one core used by each case over ``seconds`` (or why it failed)."""
    home, env = isolated_env("st-cpu-")
    library = home / "d" / "somatictimer" / "library"
    library.mkdir(parents=True)
    (library / "bench.toml").write_text(PACER_SEQUENCE, encoding="utf-8")
    results: dict[str, float | str] = {}
    for case in cases:
        sequence = CASES[case][1]
        result = subprocess.run(
            [sys.executable, "-c", CHILD, case.split("-")[0], str(seconds), sequence],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        lines = [ln for ln in result.stdout.splitlines() if ln.startswith("{")]
        if lines:
            results[case] = float(json.loads(lines[-1])["percent"])
        else:
            tail = result.stderr.strip().splitlines()
            results[case] = f"the child failed: {tail[-1] if tail else result.returncode}"
    return results


def figures(quick: bool) -> list[Figure]:
    seconds = 8.0 if quick else 20.0
    load = os.getloadavg()[0]
    progress(f"idle_cpu: bare window and three session cases, {seconds:g} s each")
    results = measure(["baseline", *TARGETS], seconds)
    base = results["baseline"]
    found = []
    for case, (name, limit) in TARGETS.items():
        got = results[case]
        if isinstance(got, str):
            found.append(not_measured(name, "%", f"<= {limit:g} %", got))
            continue
        found.append(
            at_most(
                name,
                got,
                "%",
                limit,
                baseline=base if isinstance(base, float) else None,
                baseline_label="idle bare QMainWindow",
                note=f"{CASES[case][0]}: CPU time (user + system, all threads) over "
                f"{seconds:g} s of a running session after 3 s to settle, offscreen, no "
                f"sound; load average {load:.2f} at the start, {os.cpu_count()} cores",
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    for case, got in measure(list(CASES), args.seconds).items():
        label = CASES[case][0]
        if isinstance(got, str):
            print(f"{label}: {got}")
            continue
        print(f"{label:52} {got:5.2f} % of one core over {args.seconds:g} s")


if __name__ == "__main__":
    raise SystemExit(run_module(main, figures))
