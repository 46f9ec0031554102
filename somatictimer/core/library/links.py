"""Resolve references between loaded items: patterns, substitutes, no-hold patterns and the
poses and breaths a sequence's steps name. Broken references are reported, never fatal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from somatictimer.core import fields as f
from somatictimer.core.blocks import NATURAL, block_plan
from somatictimer.core.library.types import Library, Origin, Problem
from somatictimer.core.model import MAX_STEP_S, BreathPattern, Pose, Sequence, Sides


@dataclass
class Item:
    """One checked table from a file, before references between items are resolved."""

    kind: str
    id: str
    value: Any
    origin: Origin


def link(items: dict[tuple[str, str], Item], problems: list[Problem]) -> Library:
    """Resolve references between items; drop sequences whose references are broken."""
    library = Library()
    for (kind, item_id), item in items.items():
        library.origins[(kind, item_id)] = item.origin
        if kind == "breath":
            library.breaths[item_id] = item.value
    for (kind, item_id), item in items.items():
        if kind != "pose":
            continue
        pose: Pose = item.value
        if pose.breath_pattern and pose.breath_pattern not in library.breaths:
            problems.append(
                Problem(
                    item.origin.file,
                    item.origin.line_of("breath_pattern"),
                    f"pose.{item_id}.breath_pattern",
                    f"expected a known breath pattern id, found {f.show(pose.breath_pattern)}"
                    + f.suggest(pose.breath_pattern, library.breaths),
                )
            )
            pose = replace(pose, breath_pattern=None)
        library.poses[item_id] = pose
    for (kind, _id), item in items.items():
        if kind == "pose":
            _substitutes_known(item, library, problems)
        elif kind == "breath":
            _no_hold_known(item, library, problems)
    for (kind, item_id), item in items.items():
        if kind == "sequence" and _sequence_links(item, library, problems):
            library.sequences[item_id] = item.value
    return library


def _substitutes_known(item: Item, library: Library, problems: list[Problem]) -> None:
    pose: Pose = library.poses[item.id]  # as linked so far (a broken pattern already gone)
    unknown = [s for s in pose.substitutes if s not in library.poses or s == pose.id]
    for sub in unknown:
        itself = sub == pose.id
        why = "another item's id" if itself else "a known pose id"
        hint = "" if itself else f.suggest(sub, library.poses)  # never "did you mean" itself
        problems.append(
            Problem(
                item.origin.file,
                item.origin.line_of("substitutes"),
                f"pose.{pose.id}.substitutes",
                f"expected {why}, found {f.show(sub)}{hint}",
            )
        )
    if unknown:
        library.poses[pose.id] = replace(
            pose, substitutes=tuple(s for s in pose.substitutes if s not in unknown)
        )


def _no_hold_known(item: Item, library: Library, problems: list[Problem]) -> None:
    breath: BreathPattern = item.value
    if breath.no_hold is None:
        return
    target = library.breaths.get(breath.no_hold)
    if target is None or target.has_holds:
        expected = "a known breath pattern id" if target is None else "a pattern without holds"
        problems.append(
            Problem(
                item.origin.file,
                item.origin.line_of("no_hold"),
                f"breath.{breath.id}.no_hold",
                f"expected {expected}, found {f.show(breath.no_hold)}"
                + (f.suggest(breath.no_hold, library.breaths) if target is None else ""),
            )
        )
        library.breaths[breath.id] = replace(breath, no_hold=None)


def _sequence_links(item: Item, library: Library, problems: list[Problem]) -> bool:
    sequence: Sequence = item.value
    origin = item.origin
    before = len(problems)
    path = f"sequence.{sequence.id}"

    def breath_known(breath: str | None, line: int | None, key_path: str) -> None:
        if breath and breath != NATURAL and breath not in library.breaths:
            problems.append(
                Problem(
                    origin.file,
                    line,
                    key_path,
                    f'expected a known breath pattern id or "natural", found {f.show(breath)}'
                    + f.suggest(breath, library.breaths),
                )
            )

    breath_known(sequence.breath, origin.line_of("breath"), f"{path}.breath")
    for number, step in enumerate(sequence.steps):
        line = origin.step_lines[number] if number < len(origin.step_lines) else origin.line
        step_path = f"{path}.steps[{number + 1}]"
        pose = library.poses.get(step.pose)
        if pose is None:
            problems.append(
                Problem(
                    origin.file,
                    line,
                    f"{step_path}.pose",
                    f"expected a known pose id, found {f.show(step.pose)}"
                    + f.suggest(step.pose, library.poses),
                )
            )
            continue
        breath_known(step.breath, line, f"{step_path}.breath")
        if step.side is not None and pose.sides is not Sides.PER_SIDE:
            problems.append(
                Problem(
                    origin.file,
                    line,
                    f"{step_path}.side",
                    f'expected no side: "{pose.id}" is not a per-side pose (sides = '
                    f'"{pose.sides.value}"), found {f.show(step.side.value)}',
                )
            )
        block_s = block_plan(step, pose).block_s
        if block_s > MAX_STEP_S:
            problems.append(
                Problem(
                    origin.file,
                    line,
                    step_path,
                    f"expected a block of at most {MAX_STEP_S} s, found {block_s:g} s",
                )
            )
    return len(problems) == before


@dataclass
class Rejected:
    """A table with problems of its own: left out of the library, but the ids it names are
    still checked, so one pass reports an unknown id beside the table's other problems."""

    kind: str
    path: str  # how problems name it: "sequence.my-hips", or "pose[2]" without a usable id
    table: dict[str, Any]
    origin: Origin


def check_rejected(rejected: list[Rejected], library: Library, problems: list[Problem]) -> None:
    """Report each unknown id a rejected table names. An id defined by another rejected
    table is not unknown: that table's own problems are reported already."""
    poses = {*library.poses, *(r.table.get("id") for r in rejected if r.kind == "pose")}
    breaths = {*library.breaths, *(r.table.get("id") for r in rejected if r.kind == "breath")}
    for item in rejected:
        for value, known, line, key_path in _references(item, poses, breaths):
            if isinstance(value, str) and f.ID_RE.match(value) and value not in known:
                words = "a known pose id" if known is poses else "a known breath pattern id"
                words += ' or "natural"' if NATURAL in known else ""
                options = [k for k in known if isinstance(k, str)]
                problems.append(
                    Problem(
                        item.origin.file,
                        line,
                        key_path,
                        f"expected {words}, found {f.show(value)}{f.suggest(value, options)}",
                    )
                )


def _references(
    item: Rejected, poses: set[Any], breaths: set[Any]
) -> Iterator[tuple[Any, set[Any], int | None, str]]:
    """(value, the ids it must be one of, line, key path) for each id the table names."""
    table, origin, path = item.table, item.origin, item.path
    if item.kind == "pose":
        line = origin.line_of("breath_pattern")
        yield table.get("breath_pattern"), breaths, line, f"{path}.breath_pattern"
        substitutes = table.get("substitutes")
        for sub in substitutes if isinstance(substitutes, list) else []:
            yield sub, poses, origin.line_of("substitutes"), f"{path}.substitutes"
    elif item.kind == "breath":
        yield table.get("no_hold"), breaths, origin.line_of("no_hold"), f"{path}.no_hold"
    elif item.kind == "sequence":
        breaths = {*breaths, NATURAL}
        yield table.get("breath"), breaths, origin.line_of("breath"), f"{path}.breath"
        steps = table.get("steps")
        for number, step in enumerate(steps if isinstance(steps, list) else []):
            if isinstance(step, dict):
                line, step_path = origin.step_lines[number], f"{path}.steps[{number + 1}]"
                yield step.get("pose"), poses, line, f"{step_path}.pose"
                yield step.get("breath"), breaths, line, f"{step_path}.breath"
