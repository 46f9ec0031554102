"""Library load + validation of the full built-in library, against plain ``tomllib`` parsing
of the same files in the same run.

    python benchmarks/library_load.py [--runs 30]
    python benchmarks/library_load.py --figures-json [--quick]   # for run.py

Targets: median load <= 50 ms (the tomllib baseline is shown beside it); a user library
file with one 2,000-step sequence loaded and checked on top of the built-in library in
<= 0.5 s. Each figure is the median of ``--runs`` timed repetitions, taken in turns with
its baseline, after one warm-up each.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from somatictimer.core.library import Library, LoadResult, library_files, load_library  # noqa: E402
from somatictimer.core.paths import builtin_library_dir  # noqa: E402

from benchmarks.figures import Figure, at_most, progress, run_module  # noqa: E402

TARGET_MS = 50.0
TARGET_RATIO = 2.0  # shown by main() only
LONG_STEPS, LONG_TARGET_S = 2000, 0.5


def medians_ms(works: list[Callable[[], object]], runs: int) -> list[float]:
    """Median time of each piece of work, run in turns so that both see the same machine
    (CPU clock, cache, other load) rather than one after the other."""
    for work in works:
        work()
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, record in zip(works, times, strict=True):
            start = time.perf_counter()
            work()
            record.append((time.perf_counter() - start) * 1000)
    return [statistics.median(record) for record in times]


def full_library(runs: int) -> tuple[float, float, Library]:
    """Median ms of tomllib parsing only and of load + validation; the loaded library."""
    folder = builtin_library_dir()
    files = library_files([folder])

    def parse_only() -> object:
        return [tomllib.loads(path.read_text(encoding="utf-8")) for path in files]

    def load() -> LoadResult:
        result = load_library([[folder]])
        assert not result.problems, result.problems[:3]
        return result

    baseline, loaded = medians_ms([parse_only, load], runs)
    return baseline, loaded, load().library


def long_sequence(steps: int) -> str:
    """A user library file: one sequence of ``steps`` steps, each a built-in pose."""
    lines = [
        "schema = 1",
        "[[sequence]]",
        'id = "long-benchmark"',
        f'name = "{steps} steps"',
        "steps = [",
    ]
    poses = ("butterfly", "half-butterfly", "dragon")
    lines += [f'  {{ pose = "{poses[n % len(poses)]}", hold_s = 30 }},' for n in range(steps)]
    return "\n".join([*lines, "]", ""])


def long_file(runs: int) -> tuple[float, float, int]:
    """Median ms of loading the built-in library alone and with a 2,000-step user file."""
    folder = builtin_library_dir()
    with tempfile.TemporaryDirectory(prefix="somatictimer-library-") as name:
        user = Path(name) / "library"
        user.mkdir()
        path = user / "long.toml"
        path.write_text(long_sequence(LONG_STEPS), encoding="utf-8")

        def builtin_only() -> object:
            return load_library([[folder]])

        def with_long() -> object:
            result = load_library([[folder], [user]])
            assert not result.problems, result.problems[:3]
            assert len(result.library.sequences["long-benchmark"].steps) == LONG_STEPS
            return result

        baseline, loaded = medians_ms([builtin_only, with_long], runs)
        return baseline, loaded, path.stat().st_size


def figures(quick: bool) -> list[Figure]:
    runs, long_runs = (10, 3) if quick else (30, 7)
    load = os.getloadavg()[0]
    where = f"load average {load:.2f} at the start, {os.cpu_count()} cores"
    progress("library_load: full library and a 2,000-step file")
    baseline, loaded, library = full_library(runs)
    builtin_ms, long_ms, size = long_file(long_runs)
    return [
        at_most(
            "library load + validation (full library)",
            loaded,
            "ms",
            TARGET_MS,
            baseline=baseline,
            baseline_label="tomllib parse only, same files",
            note=f"load_library of the {len(library.poses)} poses, "
            f"{len(library.sequences)} sequences, {len(library.breaths)} patterns; "
            f"median of {runs}, taken in turns with the baseline; {loaded / baseline:.2f}x "
            f"the baseline; {where}",
        ),
        at_most(
            "a 2,000-step library file checked",
            long_ms,
            "ms",
            LONG_TARGET_S * 1000,
            baseline=builtin_ms,
            baseline_label="the built-in library alone",
            note=f"load_library of the built-in library plus a user folder holding one "
            f"sequence of {LONG_STEPS} steps of built-in poses ({size / 1024:.0f} KiB), every "
            f"check included; median of {long_runs}; {where}",
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    folder = builtin_library_dir()
    files = library_files([folder])
    baseline, loaded, library = full_library(runs)
    ratio = loaded / baseline
    ok = loaded <= TARGET_MS and ratio <= TARGET_RATIO
    print(
        f"library: {len(files)} files, {len(library.poses)} poses, "
        f"{len(library.breaths)} patterns, {len(library.sequences)} sequences"
    )
    print(f"tomllib parse only (baseline): {baseline:7.2f} ms  (median of {runs})")
    print(f"load + validation:             {loaded:7.2f} ms  (target <= {TARGET_MS:g} ms)")
    print(f"ratio: {ratio:.2f}x  (target <= {TARGET_RATIO:g}x)  -> {'ok' if ok else 'OVER TARGET'}")
    builtin_ms, long_ms, _size = long_file(max(3, runs // 4))
    print(
        f"with a {LONG_STEPS}-step user file:  {long_ms:7.1f} ms  (built-in alone "
        f"{builtin_ms:.1f} ms; target <= {LONG_TARGET_S * 1000:g} ms)"
    )
    ok = ok and long_ms <= LONG_TARGET_S * 1000
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(run_module(main, figures))
