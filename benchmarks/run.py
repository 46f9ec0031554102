"""Run every benchmark and print its figures next to its baseline.

python benchmarks/run.py            # all
python benchmarks/run.py cue_timing # one
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["cue_timing", "startup", "idle_cpu", "history", "library_load"]


def main() -> int:
    chosen = sys.argv[1:] or BENCHMARKS
    status = 0
    for name in chosen:
        print(f"== {name}", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / f"{name}.py")]).returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
