"""Cold start to first shown window, and peak RSS: the app against a bare PySide6
QMainWindow measured the same way in the same run.

    python benchmarks/startup.py [--runs 5]
    python benchmarks/startup.py --figures-json [--quick]   # for run.py

Target: both ratios <= 1.5 against the bare window. Each start is a fresh process on the
offscreen platform; the parent notes the wall time before spawning, the child reports when
its first window has been shown and painted (after the first event-loop turn) and its peak
RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks._env import isolated_env  # noqa: E402
from benchmarks.figures import Figure, progress, ratio_at_most, run_module  # noqa: E402

TARGET_RATIO = 1.5

REPORT = """
def report():
    import json, resource, time
    print(json.dumps({"shown": time.time(),
                      "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    QApplication.quit()
"""

BARE = (
    REPORT
    + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, report)
app.exec()
"""
)

TEXT = (
    REPORT
    + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMainWindow, QSplitter
app = QApplication([])
window = QMainWindow()
split = QSplitter()
items = QListWidget()
items.addItems([f"Pose {i}" for i in range(60)])
split.addWidget(items)
split.addWidget(QLabel("<h2>Details</h2><p>Some text, so fonts load as in any real app.</p>"))
window.setCentralWidget(split)
window.resize(1100, 720)
window.show()
QTimer.singleShot(0, report)
app.exec()
"""
)

APP = (
    REPORT
    + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from somatictimer.core.paths import AppPaths
from somatictimer.ui.shell.style import apply_style
app = QApplication([])
app.setQuitOnLastWindowClosed(False)
apply_style(app)
from somatictimer.ui.app import App
desktop = App(AppPaths.from_platform(), "auto")
desktop.show()
QTimer.singleShot(0, report)
app.exec()
"""
)


def one(code: str, env: dict[str, str]) -> tuple[float, int]:
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("{")][-1]
    data = json.loads(line)
    return data["shown"] - started, data["rss_kb"]


def measure(programs: dict[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Median start-to-first-window (s) and peak RSS (MB) of each program."""
    _home, env = isolated_env("st-bench-")
    one(APP, env)  # warm the cue cache and the OS file cache: we measure a normal start
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in programs}
    for _ in range(runs):  # interleaved so all see the same machine load
        for name, code in programs.items():
            results[name].append(one(code, env))
    return {
        name: (statistics.median(r[0] for r in got), statistics.median(r[1] for r in got) / 1024)
        for name, got in results.items()
    }


def figures(quick: bool) -> list[Figure]:
    runs = 3 if quick else 7
    load = os.getloadavg()[0]
    progress(f"startup: bare window and somatictimer, {runs} starts each")
    summary = measure({"bare": BARE, "app": APP}, runs)
    (app_s, app_mb), (bare_s, bare_mb) = summary["app"], summary["bare"]
    how = (
        f"median of {runs} fresh processes each, taken in turns (offscreen platform, warm "
        f"file cache); load average {load:.2f} at the start, {os.cpu_count()} cores"
    )
    bare = "bare PySide6 QMainWindow, 1100x720"
    return [
        ratio_at_most(
            "start to first window", app_s * 1000, "ms", bare_s * 1000, bare, TARGET_RATIO, note=how
        ),
        ratio_at_most("peak RSS at start", app_mb, "MB", bare_mb, bare, TARGET_RATIO, note=how),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    programs = {"bare QMainWindow": BARE, "window with text": TEXT, "somatictimer": APP}
    summary = measure(programs, args.runs)
    for name, (seconds, rss_mb) in summary.items():
        print(
            f"{name:18} start to first window {seconds * 1000:7.0f} ms   "
            f"peak RSS {rss_mb:6.1f} MB   (median of {args.runs})"
        )
    app_s, app_mb = summary["somatictimer"]
    for baseline in ("bare QMainWindow", "window with text"):
        base_s, base_mb = summary[baseline]
        print(
            f"somatictimer / {baseline} (target <= {TARGET_RATIO:g}): "
            f"start {app_s / base_s:.2f}x   peak RSS {app_mb / base_mb:.2f}x"
        )


if __name__ == "__main__":
    raise SystemExit(run_module(main, figures))
