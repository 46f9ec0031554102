"""Figures as data: ``*.toml`` files of ``[[figure]]`` tables, keyed by library item id.

    schema = 1

    [[figure]]
    id = "cat-cow"            # the item it shows (or any name another figure can start from)
    view = "side"             # side, front, three-quarter, high-side, high-front, top
    like = "table-top"        # optional: start from that figure's first keyframe
    motion = "breath"         # breath (the default), reps, or tremor (a small shaking loop)
    props = [{ kind = "block", at = "hand_r" }]
    [[figure.keyframe]]
    name = "cow"              # optional, for people reading the file
    spine = [-20, 0, 0]       # angles in degrees: see figures/skeleton.py
    [[figure.keyframe]]
    name = "cat"
    spine = 35                # one number: the first angle (flex), the others 0

A keyframe lists only what changes: it starts from the keyframe before it (the first from
``like``, else a person standing; ``like`` brings its props too, unless the figure lists its
own). Problems are reported like the library's, as
``file:line: key.path: expected …, found …``, and a broken figure is left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from somatictimer.core import fields as f
from somatictimer.core.library.toml_lines import TomlLines
from somatictimer.core.library.types import Problem
from somatictimer.core.safe_files import NotAFile, TomlProblem, parse_toml, read_regular
from somatictimer.figures.camera import PROPS, VIEWS, Prop
from somatictimer.figures.skeleton import JOINTS

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024
MOTIONS = ("breath", "reps", "tremor")
POINTS = (
    "pelvis mid chest neck head "
    + " ".join(
        f"{part}_{s}"
        for s in ("r", "l")
        for part in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "heel", "toe")
    )
).split()
FIGURE_KEYS = {"id", "view", "like", "motion", "props", "keyframe"}

Angles = dict[str, tuple[float, ...]]


@dataclass(frozen=True, slots=True)
class Keyframe:
    angles: Angles
    name: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    view: str
    keyframes: tuple[Keyframe, ...]
    props: tuple[Prop, ...] = ()
    motion: str = "breath"
    like: str = ""


@dataclass
class FigureSet:
    figures: dict[str, Figure] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_figures(folders: Iterable[Path]) -> FigureSet:
    """Every ``*.toml`` in the folders, in order (a later id replaces an earlier one); a
    file given instead of a folder is read as it is (a shared sequence's figures)."""
    result = FigureSet()
    raw: dict[str, tuple[dict[str, Any], str, TomlLines, int, int]] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else _file(folder):
            for table, lines, index, first_keyframe in _tables(path, result.problems):
                raw[str(table.get("id"))] = (table, str(path), lines, index, first_keyframe)
    building: set[str] = set()

    def build(figure_id: str) -> Figure | None:
        if figure_id in result.figures:
            return result.figures[figure_id]
        if figure_id in building or figure_id not in raw:
            return None
        building.add(figure_id)
        figure = _figure(*raw[figure_id], build, result.problems)
        building.discard(figure_id)
        if figure is not None:
            result.figures[figure_id] = figure
        return figure

    for figure_id in raw:
        build(figure_id)
    return result


def _file(path: Path) -> list[Path]:
    return [path] if path.suffix == ".toml" and path.exists() else []


def _tables(
    path: Path, problems: list[Problem]
) -> list[tuple[dict[str, Any], TomlLines, int, int]]:
    """The file's [[figure]] tables with their index and the index (in the file) of their
    first [[figure.keyframe]], for line numbers."""
    name = str(path)
    try:
        text = read_regular(path, MAX_FILE_BYTES).decode("utf-8")
        data = parse_toml(text)
    except TomlProblem as problem:
        problems.append(
            Problem(name, problem.line, "", f"expected valid TOML, found {problem.detail}")
        )
        return []
    except NotAFile as error:
        problems.append(
            Problem(
                name, None, "", f"expected a figures file, found {error.kind or 'more than 1 MiB'}"
            )
        )
        return []
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(name, None, "", f"cannot read the file: {error}"))
        return []
    lines = TomlLines(text)
    if data.get("schema") != SCHEMA_VERSION or type(data.get("schema")) is not int:
        problems.append(
            Problem(
                name,
                lines.top_level("schema") or 1,
                "schema",
                f"expected 1, found {f.show(data.get('schema'))}",
            )
        )
        return []
    tables = data.get("figure", [])
    if not isinstance(tables, list):
        problems.append(
            Problem(name, lines.top_level("figure"), "figure", "expected [[figure]] tables")
        )
        return []
    good = []
    first_keyframe = 0
    for index, table in enumerate(tables):
        frames = table.get("keyframe") if isinstance(table, dict) else None
        count = len(frames) if isinstance(frames, list) else 0
        if not isinstance(table, dict) or not isinstance(table.get("id"), str) or not table["id"]:
            problems.append(
                Problem(
                    name, lines.table("figure", index), f"figure[{index + 1}].id", "expected an id"
                )
            )
        else:
            good.append((table, lines, index, first_keyframe))
        first_keyframe += count
    return good


class _Bad(Exception):
    def __init__(self, key: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.key, self.message, self.line = key, message, line


def _figure(
    table: dict[str, Any],
    file: str,
    lines: TomlLines,
    index: int,
    first_keyframe: int,
    build: Any,
    problems: list[Problem],
) -> Figure | None:
    figure_id = table["id"]
    where = f"figure.{figure_id}"
    try:
        for key in table:
            if key not in FIGURE_KEYS:
                raise _Bad(
                    key, f"expected one of {', '.join(sorted(FIGURE_KEYS))}, found {f.show(key)}"
                )
        view = table.get("view", "side")
        if view not in VIEWS:
            raise _Bad("view", f"expected one of {', '.join(VIEWS)}, found {f.show(view)}")
        motion = table.get("motion", "breath")
        if motion not in MOTIONS:
            raise _Bad("motion", f"expected one of {', '.join(MOTIONS)}, found {f.show(motion)}")
        like = table.get("like", "")
        start: Angles = {}
        props: tuple[Prop, ...] = ()
        if like:
            base = build(like) if isinstance(like, str) else None
            if base is None:
                raise _Bad("like", f"expected the id of another figure, found {f.show(like)}")
            start, props = dict(base.keyframes[0].angles), base.props  # its chair comes too
        if "props" in table:
            props = tuple(_prop(item, n) for n, item in enumerate(_list(table, "props")))
        frames = _list(table, "keyframe")
        if not frames:
            raise _Bad("keyframe", "expected at least one [[figure.keyframe]]")
        keyframes = []
        for number, frame in enumerate(frames):
            try:
                start = _keyframe_angles(frame, start)
            except _Bad as bad:
                line = lines.key("figure.keyframe", first_keyframe + number, bad.key)
                raise _Bad(f"keyframe[{number + 1}].{bad.key}", bad.message, line) from None
            keyframes.append(Keyframe(start, str(frame.get("name", ""))))
    except _Bad as bad:
        line = (
            bad.line
            or lines.key("figure", index, bad.key.split(".")[0].split("[")[0])
            or lines.table("figure", index)
        )
        problems.append(Problem(file, line, f"{where}.{bad.key}", bad.message))
        return None
    return Figure(
        figure_id, view, tuple(keyframes), props, motion, like if isinstance(like, str) else ""
    )


def _list(table: dict[str, Any], key: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise _Bad(key, f"expected a list, found {f.show(value)}")
    return value


def _prop(item: Any, number: int) -> Prop:
    key = f"props[{number + 1}]"
    if not isinstance(item, dict):
        raise _Bad(key, f"expected {{ kind = …, at = … }}, found {f.show(item)}")
    kind, at, to = item.get("kind"), item.get("at", "pelvis"), item.get("to", "")
    if kind not in PROPS:
        raise _Bad(f"{key}.kind", f"expected one of {', '.join(PROPS)}, found {f.show(kind)}")
    for name, value in (("at", at), ("to", to)):
        if value and value not in POINTS:
            raise _Bad(
                f"{key}.{name}",
                f"expected a body point ({', '.join(POINTS[:5])}, …), found {f.show(value)}",
            )
    if kind == "strap" and not to:
        raise _Bad(f"{key}.to", "expected the body point the strap reaches")
    offset = item.get("offset", [0, 0, 0])
    if not (isinstance(offset, list) and len(offset) == 3 and all(_number(v) for v in offset)):
        raise _Bad(f"{key}.offset", f"expected [x, y, z], found {f.show(offset)}")
    return Prop(kind, at, to, tuple(float(v) for v in offset))  # type: ignore[arg-type]


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _keyframe_angles(frame: Any, start: Angles) -> Angles:
    if not isinstance(frame, dict):
        raise _Bad("", f"expected a table, found {f.show(frame)}")
    angles = dict(start)
    for joint, value in frame.items():
        if joint == "name":
            continue
        ranges = JOINTS.get(joint)
        if ranges is None:
            raise _Bad(joint, f"expected a joint ({', '.join(JOINTS)}), found {f.show(joint)}")
        values = [value] if _number(value) else value
        if (
            not isinstance(values, list)
            or not 1 <= len(values) <= len(ranges)
            or not all(_number(v) for v in values)
        ):
            count = "a number" if len(ranges) == 1 else f"a number or a list of up to {len(ranges)}"
            raise _Bad(joint, f"expected {count} (degrees), found {f.show(value)}")
        for (low, high), v in zip(ranges, values, strict=False):
            if not low <= v <= high:
                raise _Bad(joint, f"expected degrees from {low:g} to {high:g}, found {v:g}")
        angles[joint] = tuple(float(v) for v in values) + (0.0,) * (len(ranges) - len(values))
    return angles


def figure_for(
    item_id: str, figure: str | None, mirror: bool, figures: FigureSet
) -> tuple[Figure | None, bool]:
    """The figure an item shows, and whether mirrored: its own id unless it names another."""
    return figures.figures.get(figure or item_id), mirror
