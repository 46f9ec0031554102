"""Run every benchmark; print each figure with its target and the baseline measured in the
same run; write the report into docs/quality.md.

    python benchmarks/run.py [--quick] [--json] [--no-write] [NAME ...]

Each benchmark runs in its own child process (``python benchmarks/NAME.py --figures-json``),
so memory and CPU figures do not see each other. ``--quick`` (under 5 minutes on a 2-core
machine) uses shorter real-time stretches and fewer repetitions, the same data sizes.
``--json`` prints the figures as a JSON list on stdout (the table then goes to stderr).
The report replaces only what lies between the markers below in docs/quality.md; it is
written when every benchmark was run, unless ``--no-write``. Exit status 0 when every
figure meets its target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
from benchmarks.figures import (  # noqa: E402
    MARKER,
    Figure,
    console_table,
    json_list,
    markdown_misses,
    markdown_notes,
    markdown_table,
    not_measured,
    written_whys,
)

BENCHMARKS = ["cue_timing", "startup", "idle_cpu", "history", "library_load", "figure_frame"]
REPORT = ROOT / "docs" / "quality.md"
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
HEADING = "## Speed and memory (benchmarks/run.py)"


@dataclass(frozen=True)
class Run:
    figures: list[Figure]
    command: str
    started: datetime
    seconds: float
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float]
    load_per_benchmark: dict[str, float]  # 1-minute load average as each one started


def run_one(name: str, quick: bool) -> list[Figure]:
    """One benchmark module in a child process: its figures (or one saying it failed)."""
    command = [sys.executable, str(HERE / f"{name}.py"), "--figures-json"]
    if quick:
        command.append("--quick")
    try:
        result = subprocess.run(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,  # progress goes to stderr, straight to the terminal
            text=True,
            timeout=900 if quick else 3600,
        )
    except subprocess.TimeoutExpired:
        return [not_measured(f"{name} benchmark", "", "runs to the end", "timed out")]
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(MARKER)]
    if result.returncode != 0 or not lines:
        why = f"the benchmark failed (exit status {result.returncode}; its stderr is above)"
        return [not_measured(f"{name} benchmark", "", "runs to the end", why)]
    return [Figure.from_json(item) for item in json.loads(lines[-1].removeprefix(MARKER))]


def run_all(names: list[str], quick: bool) -> Run:
    command = shlex.join(["python", "benchmarks/run.py", *sys.argv[1:]])
    started, began = datetime.now(UTC), time.monotonic()
    load_before = os.getloadavg()
    figures: list[Figure] = []
    per_benchmark: dict[str, float] = {}
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        per_benchmark[name] = os.getloadavg()[0]
        figures += run_one(name, quick)
    return Run(
        figures,
        command,
        started,
        time.monotonic() - began,
        load_before,
        os.getloadavg(),
        per_benchmark,
    )


def _load(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def _qt_version() -> str:
    try:
        import PySide6

        return f"PySide6 {PySide6.__version__}"
    except ImportError:
        return "PySide6 not installed"


def section(run: Run, whys: dict[str, str]) -> str:
    """The Markdown that goes between the markers."""
    met = sum(f.ok for f in run.figures)
    per = ", ".join(f"{name} {load:.2f}" for name, load in run.load_per_benchmark.items())
    return "\n".join(
        [
            f"Measured {run.started:%Y-%m-%d %H:%M} UTC with `{run.command}` "
            f"({run.seconds / 60:.1f} min), which wrote this section: edit only the `why:` lines "
            "(they are kept from one run to the next).",
            "",
            f"- Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}, {_qt_version()}.",
            f"- Load average (1 / 5 / 15 min): {_load(run.load_before)} before, "
            f"{_load(run.load_after)} after; 1-minute load as each benchmark started: {per}.",
            "- Each benchmark runs in its own process; baselines are measured in the same "
            "run, taken in turns with the figure where it makes sense.",
            "",
            f"**{met} of {len(run.figures)} figures meet their targets.**",
            "",
            markdown_table(run.figures),
            "",
            "### Not met",
            "",
            markdown_misses(run.figures, whys),
            "",
            "### How each figure was measured",
            "",
            markdown_notes(run.figures),
        ]
    )


def write_report(run: Run, path: Path = REPORT) -> None:
    """Replace the text between the markers (added at the end, under their heading, the
    first time); leave the rest of the file exactly as it is."""
    text = path.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        old, tail = rest.split(END, 1)
    else:
        head = text.rstrip("\n") + f"\n\n{HEADING}\n\n"
        old, tail = "", "\n"
    new = section(run, written_whys(old))
    path.write_text(f"{head}{BEGIN}\n{new}\n{END}{tail}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--quick", action="store_true", help="finish within 5 minutes")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-write", action="store_true", help="leave docs/quality.md alone")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    names = args.names or BENCHMARKS
    run = run_all(names, args.quick)
    table = console_table(run.figures)
    summary = (
        f"{sum(f.ok for f in run.figures)} of {len(run.figures)} figures ok; "
        f"{run.seconds:.0f} s; load average {_load(run.load_before)} before, "
        f"{_load(run.load_after)} after ({os.cpu_count()} cores)"
    )
    if args.json:
        print(table + "\n" + summary, file=sys.stderr)
        print(json_list(run.figures))
    else:
        print(table + "\n" + summary)
    if args.no_write:
        pass
    elif names != BENCHMARKS:
        print(f"{REPORT.name} not written: only part of the benchmarks ran", file=sys.stderr)
    else:
        write_report(run)
        print(f"written: {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0 if all(f.ok for f in run.figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
