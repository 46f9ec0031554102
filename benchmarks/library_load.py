"""Library load + validation of the full built-in library, against plain ``tomllib`` parsing
of the same files in the same run.

    python benchmarks/library_load.py [--runs 30]

Targets: median load <= 50 ms and <= 2x the tomllib baseline. Each figure is the median of
``--runs`` timed repetitions, the two taken in turns, after one warm-up each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from somatictimer.core.library import library_files, load_library  # noqa: E402
from somatictimer.core.paths import builtin_library_dir  # noqa: E402

TARGET_MS = 50.0
TARGET_RATIO = 2.0


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    folder = builtin_library_dir()
    files = library_files([folder])

    def parse_only() -> object:
        return [tomllib.loads(path.read_text(encoding="utf-8")) for path in files]

    def load() -> object:
        result = load_library([[folder]])
        assert not result.problems, result.problems[:3]
        return result

    baseline, loaded = medians_ms([parse_only, load], runs)
    library = load().library  # type: ignore[attr-defined]
    ratio = loaded / baseline
    ok = loaded <= TARGET_MS and ratio <= TARGET_RATIO
    print(
        f"library: {len(files)} files, {len(library.poses)} poses, "
        f"{len(library.breaths)} patterns, {len(library.sequences)} sequences"
    )
    print(f"tomllib parse only (baseline): {baseline:7.2f} ms  (median of {runs})")
    print(f"load + validation:             {loaded:7.2f} ms  (target <= {TARGET_MS:g} ms)")
    print(f"ratio: {ratio:.2f}x  (target <= {TARGET_RATIO:g}x)  -> {'ok' if ok else 'OVER TARGET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
