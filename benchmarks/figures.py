"""One measured figure with its target and baseline, and the ways the report shows them.

Each benchmark module offers ``figures(quick) -> list[Figure]``; ``run_module`` gives it the
``--figures-json [--quick]`` command line that ``run.py`` calls in a child process.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

MARKER = "@@figures "  # the child's last stdout line: MARKER + JSON list


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | None  # None: not measured (the note says why)
    unit: str
    target: str  # e.g. "<= 2 ms", "<= 1.5x baseline"
    ok: bool
    baseline: float | None = None  # in the same unit as value, measured in the same run
    baseline_label: str = ""  # what the baseline is
    note: str = ""  # how it was measured: runs, load, extra numbers
    miss: str = ""  # when not ok: by how much

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        return cls(**data)


def _num(value: float) -> str:
    """Three significant figures, no exponent for everyday sizes."""
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) >= 0.001 else f"{value:.2g}"


def at_most(
    name: str,
    value: float,
    unit: str,
    limit: float,
    *,
    baseline: float | None = None,
    baseline_label: str = "",
    note: str = "",
    either_way: bool = False,
) -> Figure:
    """A figure with an absolute target: ``value <= limit`` (``|value|`` if ``either_way``)."""
    size = abs(value) if either_way else value
    ok = size <= limit
    target = f"{'|x| ' if either_way else ''}<= {_num(limit)} {unit}".strip()
    miss = "" if ok else f"{_num(size - limit)} {unit} over the target ({size / limit:.2f}x it)"
    return Figure(name, value, unit, target, ok, baseline, baseline_label, note, miss)


def ratio_at_most(
    name: str,
    value: float,
    unit: str,
    baseline: float,
    baseline_label: str,
    ratio: float,
    *,
    note: str = "",
) -> Figure:
    """A figure whose target is a multiple of a baseline measured in the same run."""
    actual = value / baseline
    ok = actual <= ratio
    note = f"{actual:.2f}x the baseline" + (f"; {note}" if note else "")
    miss = "" if ok else f"{actual:.2f}x the baseline against {_num(ratio)}x allowed"
    return Figure(
        name, value, unit, f"<= {_num(ratio)}x baseline", ok, baseline, baseline_label, note, miss
    )


def not_measured(name: str, unit: str, target: str, why: str) -> Figure:
    return Figure(name, None, unit, target, False, note=why, miss="not measured")


# -- the child side --------------------------------------------------------------------------


def run_module(main: Callable[[], int | None], figures: Callable[[bool], list[Figure]]) -> int:
    """``--figures-json [--quick]``: print the figures for run.py; otherwise the module's
    own ``main()``. Progress goes to stderr so stdout carries only the figures."""
    if "--figures-json" not in sys.argv[1:]:
        return main() or 0
    measured = figures("--quick" in sys.argv[1:])
    print(MARKER + json.dumps([f.to_json() for f in measured]), flush=True)
    return 0


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- rendering -------------------------------------------------------------------------------


def value_text(figure: Figure) -> str:
    return "not measured" if figure.value is None else f"{_num(figure.value)} {figure.unit}"


def baseline_text(figure: Figure) -> str:
    if figure.baseline is None:
        return "-"
    return f"{_num(figure.baseline)} {figure.unit} ({figure.baseline_label})"


def console_table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "value", "target", "baseline", "ok")]
    rows += [
        (
            f.name,
            value_text(f),
            f.target,
            "-" if f.baseline is None else f"{_num(f.baseline)} {f.unit}",
            "ok" if f.ok else "NO",
        )
        for f in figures
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def json_list(figures: Sequence[Figure]) -> str:
    return json.dumps([f.to_json() for f in figures], indent=2)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(figures: Sequence[Figure]) -> str:
    lines = [
        "| figure | value | target | baseline (same run) | ok |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {_cell(f.name)} | {_cell(value_text(f))} | {_cell(f.target)} | "
            f"{_cell(baseline_text(f))} | {'ok' if f.ok else '**no**'} |"
        )
    return "\n".join(lines)


def markdown_notes(figures: Sequence[Figure]) -> str:
    lines = [f"- **{f.name}**: {f.note}" for f in figures if f.note]
    return "\n".join(lines)


WHY_PLACEHOLDER = "(to be filled in)"


def markdown_misses(figures: Sequence[Figure], whys: dict[str, str]) -> str:
    """Each figure not met, by how much, and why (``whys``: explanations written into an
    earlier report, kept for figures still not met)."""
    missed = [f for f in figures if not f.ok]
    if not missed:
        return "Every figure meets its target."
    lines = []
    for f in missed:
        lines.append(f"- **{f.name}**: {value_text(f)} against {f.target}: {f.miss}.")
        lines.append(f"  why: {whys.get(f.name, WHY_PLACEHOLDER)}")
    return "\n".join(lines)


def written_whys(section: str) -> dict[str, str]:
    """The filled-in ``why:`` lines of an earlier report, by figure name."""
    whys: dict[str, str] = {}
    name = None
    for line in section.splitlines():
        if line.startswith("- **") and "**:" in line:
            name = line[4 : line.index("**:")]
        elif line.startswith("  why: ") and name is not None:
            why = line.removeprefix("  why: ").strip()
            if why and why != WHY_PLACEHOLDER:
                whys[name] = why
            name = None
    return whys
