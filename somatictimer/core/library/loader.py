"""Load and validate library TOML files, merge layers by id, report every problem at once."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence as Seq
from pathlib import Path
from typing import Any

from somatictimer.core import fields as f
from somatictimer.core.library.build import build_breath, build_pose, build_sequence
from somatictimer.core.library.links import Item, Rejected, check_rejected, link
from somatictimer.core.library.schema import FIELDS_BY_KIND, KINDS, SCHEMA_VERSION, STEP_FIELDS
from somatictimer.core.library.toml_lines import TomlLines
from somatictimer.core.library.types import LoadResult, Origin, Problem
from somatictimer.core.model import CueKind
from somatictimer.core.safe_files import NotAFile, TomlProblem, parse_toml, read_regular

MAX_FILE_BYTES = 1024 * 1024


def library_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their ``*.toml`` files (sorted, recursive); keep files as given."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return found


def load_installed(builtin: Path, user: Path) -> LoadResult:
    """The shipped library with the user's folder layered on top (when it exists)."""
    return load_library([[builtin], [user] if user.is_dir() else []])


def load_library(layers: Seq[Seq[Path]], *, other_tables: Seq[str] = ()) -> LoadResult:
    """Load layers of files/folders; a later layer's ids override an earlier layer's.
    ``other_tables`` are top-level keys left for another reader (a shared file's figures)."""
    problems: list[Problem] = []
    merged: dict[tuple[str, str], Item] = {}
    rejected: list[Rejected] = []
    for layer in layers:
        in_layer: dict[tuple[str, str], Item] = {}
        for path in library_files(layer):
            for item in _parse_file(path, problems, other_tables):
                if isinstance(item, Rejected):
                    rejected.append(item)
                    continue
                key = (item.kind, item.id)
                if key in in_layer:
                    first = in_layer[key].origin
                    problems.append(
                        Problem(
                            item.origin.file,
                            item.origin.line,
                            f"{item.kind}.{item.id}",
                            f"id already defined in {first.file}:{first.line}; ids must be unique"
                            " (a user file may override a built-in one, not repeat it)",
                        )
                    )
                    continue
                in_layer[key] = item
        merged.update(in_layer)
    library = link(merged, problems)
    check_rejected(rejected, library, problems)  # unknown ids in the same pass as the rest
    return LoadResult(library, problems)


def _parse_file(
    path: Path, problems: list[Problem], other_tables: Seq[str] = ()
) -> list[Item | Rejected]:
    name = str(path)

    def fail(message: str, line: int | None = None) -> list[Item | Rejected]:
        problems.append(Problem(name, line, "", message))
        return []

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return fail(f"expected a library file of at most 1 MiB, found {size / 2**20:.1f} MiB")
        raw = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return fail("expected a library file, found nothing at this path")
    except NotAFile as error:
        return fail(f"expected a library file, found {error.kind or 'more than 1 MiB'}")
    except OSError as error:
        return fail(f"cannot read the file: {error.strerror or error}")
    if b"\x00" in raw:
        return fail("expected UTF-8 TOML text, found binary data (NUL bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return fail(
            f"expected UTF-8 TOML text, found byte 0x{raw[error.start]:02x} at offset {error.start}"
        )
    if not text.strip():
        return fail(
            "expected `schema = 1` and at least one [[pose]], [[breath]] or "
            "[[sequence]], found an empty file"
        )
    try:
        data = parse_toml(text)
    except TomlProblem as problem:
        return fail(
            f"expected valid TOML, found a syntax error: {problem.detail}"
            + (f" (column {problem.column})" if problem.column else ""),
            problem.line,
        )
    lines = TomlLines(text)
    return _read_tables(name, data, lines, problems, other_tables)


def _read_tables(
    name: str,
    data: dict[str, Any],
    lines: TomlLines,
    problems: list[Problem],
    other_tables: Seq[str] = (),
) -> list[Item | Rejected]:
    schema = data.get("schema")
    if type(schema) is not int or schema != SCHEMA_VERSION:  # true and 1.0 are not 1
        found = "nothing" if schema is None else f.show(schema)
        newer = type(schema) is int and schema > SCHEMA_VERSION
        problems.append(
            Problem(
                name,
                lines.top_level("schema") or 1,
                "schema",
                f"expected 1, found {found}"
                + ("; this file needs a newer somatictimer" if newer else ""),
            )
        )
        if newer:
            return []
    items: list[Item | Rejected] = []
    for key, value in data.items():
        if key == "schema" or key in other_tables:
            continue
        if key not in KINDS:
            problems.append(
                Problem(
                    name,
                    lines.table(key, 0) or lines.top_level(key),
                    key,
                    "expected [[pose]], [[breath]] or [[sequence]] tables, found an unknown key"
                    + f.suggest(key, KINDS),
                )
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(
                Problem(
                    name,
                    lines.top_level(key),
                    key,
                    f"expected [[{key}]] tables, found {f.show(value)}",
                )
            )
            continue
        for index, table in enumerate(value):
            item = _read_table(name, key, index, table, lines, problems)
            if item is not None:
                items.append(item)
    if not items and not problems:
        problems.append(
            Problem(
                name,
                None,
                "",
                "expected at least one [[pose]], [[breath]] or [[sequence]], found none",
            )
        )
    return items


def _check_fields(
    table: dict[str, Any],
    spec: dict[str, f.Field],
    path: str,
    locate: Any,
    nested: Iterable[str],
    report: Any,
) -> dict[str, Any]:
    """Check a table against its field spec; report every problem; return clean values."""
    clean: dict[str, Any] = {}
    for key, value in table.items():
        if key in nested:
            continue
        if key not in spec:
            report(
                locate(key),
                f"{path}.{key}",
                "expected no such key (unknown keys are usually typos)"
                + f.suggest(key, [*spec, *nested]),
            )
            continue
        try:
            clean[key] = spec[key].check(value)
        except f.FieldError as error:
            report(locate(key), f"{path}.{key}", str(error))
    for key, rule in spec.items():
        if rule.required and key not in table:
            report(locate(None), f"{path}.{key}", "expected this key, found it missing")
    return clean


def _read_table(
    name: str,
    kind: str,
    index: int,
    table: dict[str, Any],
    lines: TomlLines,
    problems: list[Problem],
) -> Item | Rejected | None:
    raw_id = table.get("id")
    label = raw_id if isinstance(raw_id, str) and f.ID_RE.match(raw_id) else f"[{index}]"
    path = f"{kind}.{label}" if not label.startswith("[") else f"{kind}{label}"
    before = len(problems)

    def report(line: int | None, key_path: str, message: str) -> None:
        problems.append(Problem(name, line, key_path, message))

    def locate(key: str | None) -> int | None:
        return lines.key(kind, index, key) if key else lines.table(kind, index)

    nested = ("sounds", "steps") if kind == "sequence" else ()
    clean = _check_fields(table, FIELDS_BY_KIND[kind], path, locate, nested, report)
    step_lines: list[int | None] = []
    if kind == "sequence":
        clean["sounds"] = _read_sounds(table.get("sounds", {}), path, locate, report)
        clean["steps"] = _read_steps(table.get("steps"), path, index, lines, step_lines, report)
    elif kind == "pose":
        timed, counted = "hold_s" in table, "reps" in table or "rep_s" in table
        if timed == counted or (counted and not ("reps" in table and "rep_s" in table)):
            found = "both" if timed and counted else "neither" if not counted else "only one"
            report(
                locate(None),
                f"{path}.hold_s",
                f"expected either hold_s or reps + rep_s, found {found}",
            )
        _check_rep_breath(table, path, locate, report)
    origin = Origin(name, lines.table(kind, index), tuple(step_lines), locate=locate)
    if len(problems) > before:
        return Rejected(kind, path, table, origin)
    build = {"breath": build_breath, "pose": build_pose, "sequence": build_sequence}[kind]
    return Item(kind, clean["id"], build(clean), origin)


def _check_rep_breath(table: dict[str, Any], path: str, locate: Any, report: Any) -> None:
    """Breath paired with reps needs reps, no pattern of its own, and one move per phase."""
    phases = table.get("rep_breath")
    if phases is None:
        for key in ("rep_moves", "rep_breath_span"):
            if key in table:
                report(locate(key), f"{path}.{key}", "expected rep_breath beside it, found none")
        return
    if "reps" not in table:
        report(
            locate("rep_breath"),
            f"{path}.rep_breath",
            "expected a rep-based item (reps + rep_s) for breath paired with reps, found hold_s",
        )
    if "breath_pattern" in table:
        report(
            locate("breath_pattern"),
            f"{path}.breath_pattern",
            "expected either breath_pattern or rep_breath, found both",
        )
    if not isinstance(phases, list) or not phases:
        return
    moves = table.get("rep_moves")
    if isinstance(moves, list) and len(moves) != len(phases):
        report(
            locate("rep_moves"),
            f"{path}.rep_moves",
            f"expected one move per rep_breath phase ({len(phases)}), found {len(moves)}",
        )


def _read_sounds(value: Any, path: str, locate: Any, report: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        report(
            locate("sounds"),
            f"{path}.sounds",
            f'expected a table like {{ end = "gong" }}, found {f.show(value)}',
        )
        return {}
    kinds = [k.value for k in CueKind]
    clean: dict[str, str] = {}
    for key, sound in value.items():
        if key not in kinds:
            report(
                locate("sounds"),
                f"{path}.sounds.{key}",
                "expected a cue kind, found an unknown key" + f.suggest(key, kinds),
            )
        elif not isinstance(sound, str) or not sound.strip():
            report(
                locate("sounds"),
                f"{path}.sounds.{key}",
                f"expected a sound name in quotes, found {f.show(sound)}",
            )
        else:
            clean[key] = sound.strip()
    return clean


def _read_steps(
    value: Any, path: str, index: int, lines: TomlLines, step_lines: list[int | None], report: Any
) -> list[dict[str, Any]]:
    if value is None:
        report(
            lines.table("sequence", index),
            f"{path}.steps",
            "expected a list of steps, found it missing",
        )
        return []
    if not isinstance(value, list) or not value:
        found = "an empty list" if value == [] else f.show(value)
        report(
            lines.key("sequence", index, "steps"),
            f"{path}.steps",
            f'expected at least one step like {{ pose = "cat-cow" }}, found {found}',
        )
        return []
    steps: list[dict[str, Any]] = []
    for number, step in enumerate(value):
        line = lines.item("sequence", index, "steps", number)
        step_lines.append(line)
        step_path = f"{path}.steps[{number + 1}]"
        if not isinstance(step, dict):
            report(
                line,
                step_path,
                f'expected a table like {{ pose = "cat-cow" }}, found {f.show(step)}',
            )
            continue
        steps.append(
            _check_fields(step, STEP_FIELDS, step_path, lambda _k, ln=line: ln, (), report)
        )
    return steps
