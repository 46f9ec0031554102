"""Read mutmut's results and report kill rates per group, against the floors.

    python scripts/mutation_report.py [--names FILE] [--floor-core 85] [--floor-rest 70]
                                      [--markdown]

Groups: "core" is somatictimer/core; "rest" is the audio scheduler and cue player. A mutant
counts as killed when a test failed (or timed out) with it; as survived when the tests
passed or no test covered it. Mutants listed in ``tests/mutation-equivalent/*.txt`` (one name
per line, ``#`` comments) change no behaviour and are left out of the rate. With
``--names`` only the mutants named in that file (a sampled run) are counted. Exit status 1
when a group is below its floor.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
META = ROOT / "mutants"
EQUIVALENT = ROOT / "tests" / "mutation-equivalent"  # one file per area
KILLED_CODES = {1, 3, -24, 24, 36, 37, 152, 255, -11, -9}  # failed, timed out, crashed
NO_TESTS = {5, 33}


def load_results() -> dict[str, int | None]:
    """Every mutant name with its exit code (None: not run yet)."""
    results: dict[str, int | None] = {}
    for meta in sorted(META.rglob("*.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        results.update(data.get("exit_code_by_key", {}))
    return results


def equivalent_names() -> set[str]:
    names: set[str] = set()
    for listing in sorted(EQUIVALENT.glob("*.txt")):
        lines = listing.read_text(encoding="utf-8").splitlines()
        names.update(line.split("#", 1)[0].strip() for line in lines)
    names.discard("")
    return names


def group_of(name: str) -> str:
    return "core" if name.startswith("somatictimer.core.") else "rest"


def module_of(name: str) -> str:
    return name.rsplit(".", 1)[0]


def sample(names: list[str], count: int, seed: int) -> list[str]:
    """A fixed-seed sample: three quarters from core, a quarter from the rest, so the small
    group still gets enough mutants for its rate to mean something."""
    rng = random.Random(seed)
    wanted = {"core": round(count * 0.75), "rest": count - round(count * 0.75)}
    chosen: list[str] = []
    for group, share in wanted.items():
        members = sorted(n for n in names if group_of(n) == group)
        chosen.extend(rng.sample(members, min(share, len(members))))
    return sorted(chosen)


def summarise(results: dict[str, int | None], equivalent: set[str]) -> dict[str, Counter[str]]:
    table: dict[str, Counter[str]] = {"core": Counter(), "rest": Counter()}
    for name, code in results.items():
        counts = table[group_of(name)]
        if name in equivalent:
            counts["equivalent"] += 1
        elif code is None:
            counts["not run"] += 1
        elif code in KILLED_CODES:
            counts["killed"] += 1
        elif code in NO_TESTS:
            counts["no test"] += 1
        else:
            counts["survived"] += 1
    return table


def rate(counts: Counter[str]) -> float:
    judged = counts["killed"] + counts["survived"] + counts["no test"]
    return 100.0 * counts["killed"] / judged if judged else 100.0


def survivors(results: dict[str, int | None], equivalent: set[str]) -> list[str]:
    return sorted(
        name
        for name, code in results.items()
        if name not in equivalent and code is not None and code not in KILLED_CODES
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=Path, help="count only the mutants named in this file")
    parser.add_argument("--sample", type=int, help="print a sample of this many mutant names")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--floor-core", type=float, default=85.0)
    parser.add_argument("--floor-rest", type=float, default=70.0)
    parser.add_argument("--markdown", action="store_true", help="print the table for docs")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    args = parser.parse_args()
    results = load_results()
    if not results:
        print("no mutmut results under mutants/: run scripts/mutation.sh first", file=sys.stderr)
        return 2
    equivalent = equivalent_names()
    if args.sample:
        print(
            "\n".join(sample([n for n in results if n not in equivalent], args.sample, args.seed))
        )
        return 0
    if args.names:
        wanted = set(args.names.read_text().split())
        results = {n: c for n, c in results.items() if n in wanted}
    if args.survivors:
        print("\n".join(survivors(results, equivalent)))
        return 0
    table = summarise(results, equivalent)
    floors = {"core": args.floor_core, "rest": args.floor_rest}
    ok = True
    if args.markdown:
        print("| group | killed | survived | no test | equivalent | kill rate | floor |")
        print("|---|---|---|---|---|---|---|")
    for group, counts in table.items():
        below = rate(counts) < floors[group]
        ok &= not below
        if args.markdown:
            print(
                f"| {group} | {counts['killed']} | {counts['survived']} | {counts['no test']} "
                f"| {counts['equivalent']} | {rate(counts):.1f} % | {floors[group]:g} % |"
            )
        else:
            print(
                f"{group:5} killed {counts['killed']:5}  survived {counts['survived']:4}  "
                f"no test {counts['no test']:4}  equivalent {counts['equivalent']:3}  "
                f"not run {counts['not run']:4}  -> {rate(counts):5.1f} % "
                f"(floor {floors[group]:g} %){'  BELOW' if below else ''}"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
