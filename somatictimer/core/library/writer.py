"""Write sequences, poses and breath patterns back as library TOML (docs/library-format.md),
and save them into the user library folder, whole or not at all, never over a file unasked.

Keys at their default are left out, so a written file reads like a hand-written one; what
is written loads back equal (tests/core/library/test_writer*.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from somatictimer.core import toml_emit
from somatictimer.core.library.loader import load_library
from somatictimer.core.library.schema import SCHEMA_VERSION
from somatictimer.core.model import BreathPattern, Pose, Sequence, Side, Sides, Step
from somatictimer.core.safe_files import write_atomically

Item = Sequence | Pose | BreathPattern
KIND_OF = {Sequence: "sequence", Pose: "pose", BreathPattern: "breath"}


class ItemExists(FileExistsError):
    """Saving would replace a file that is already there; pass ``replace=True`` to mean it."""


class SharedFile(ValueError):
    """The id is defined in a hand-written file beside other items: saving a copy elsewhere
    would define it twice, and rewriting that file would lose the rest of its words."""


def seconds(value: float) -> float | int:
    """60.0 is written ``60``; 2.5 stays ``2.5``."""
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def breath_table(pattern: BreathPattern) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": pattern.id,
        "name": pattern.name,
        "inhale_s": seconds(pattern.inhale_s),
        "hold_in_s": seconds(pattern.hold_in_s),
        "exhale_s": seconds(pattern.exhale_s),
        "hold_out_s": seconds(pattern.hold_out_s),
    }
    for name in ("hold_in_s", "hold_out_s"):
        if not table[name]:
            del table[name]
    _put(table, "notes", pattern.notes)
    _put(table, "cautions", list(pattern.cautions))
    _put(table, "no_hold", pattern.no_hold)
    return table


def pose_table(pose: Pose) -> dict[str, Any]:
    table: dict[str, Any] = {"id": pose.id, "name": pose.name, "tradition": pose.tradition}
    _put(table, "lineage", pose.lineage)
    _put(table, "ref", pose.ref)
    table["category"] = pose.category
    table["position"] = pose.position
    if pose.sides is not Sides.NONE:
        table["sides"] = pose.sides.value
    if pose.first_side is not Side.RIGHT:
        table["first_side"] = pose.first_side.value
    if pose.hold_s is not None:
        table["hold_s"] = seconds(pose.hold_s)
    _put(table, "reps", pose.reps)
    if pose.rep_s is not None:
        table["rep_s"] = seconds(pose.rep_s)
    _put(table, "rep_breath", [kind.value for kind in pose.rep_breath])
    if pose.rep_breath and pose.rep_breath_span != 1:
        table["rep_breath_span"] = pose.rep_breath_span
    _put(table, "rep_moves", list(pose.rep_moves))
    _put(table, "breath", pose.breath)
    _put(table, "breath_pattern", pose.breath_pattern)
    _put(table, "cue", pose.cue)
    _put(table, "cautions", list(pose.cautions))
    _put(table, "props", list(pose.props))
    if pose.intensity != 1:
        table["intensity"] = pose.intensity
    _put(table, "substitutes", list(pose.substitutes))
    _put(table, "figure", pose.figure)
    if pose.figure_mirror:
        table["figure_mirror"] = True
    return table


def step_table(step: Step) -> dict[str, Any]:
    table: dict[str, Any] = {"pose": step.pose}
    if step.side is not None:
        table["side"] = step.side.value
    for name in ("hold_s", "reps", "rep_s"):
        amount = getattr(step, name)
        if amount is not None:
            table[name] = seconds(amount) if name != "reps" else amount
    _put(table, "breath", step.breath)
    if step.rest_after_s:
        table["rest_after_s"] = seconds(step.rest_after_s)
    _put(table, "note", step.note)
    return table


def sequence_table(sequence: Sequence) -> dict[str, Any]:
    table: dict[str, Any] = {"id": sequence.id, "name": sequence.name}
    _put(table, "description", sequence.description)
    # Written even at their defaults: they shape the whole practice, and defaults may move.
    table["transition_s"] = seconds(sequence.transition_s)
    table["prep_s"] = seconds(sequence.prep_s)
    _put(table, "breath", sequence.breath)
    if sequence.interval_s is not None:
        table["interval_s"] = seconds(sequence.interval_s)
    _put(table, "sounds", dict(sequence.sounds))
    table["steps"] = [step_table(step) for step in sequence.steps]
    return table


def _put(table: dict[str, Any], name: str, value: Any) -> None:
    """Only what differs from the default (empty text, no list, None) is written."""
    if value not in (None, "", [], {}, ()):
        table[name] = value


def item_table(item: Item) -> dict[str, Any]:
    if isinstance(item, Sequence):
        return sequence_table(item)
    if isinstance(item, Pose):
        return pose_table(item)
    return breath_table(item)


def library_text(items: Iterable[Item], *, comment: str = "", tail: Iterable[str] = ()) -> str:
    """A whole library file: ``schema = 1`` then each item's table (patterns first, then
    poses, then sequences: the order people read them in). ``tail`` lines (figures in a
    shared file) come last."""
    ordered = sorted(items, key=lambda item: ("breath", "pose", "sequence").index(kind_of(item)))
    # A comment may hold no control characters: a name's odd ones become spaces there.
    plain = "".join(c if c.isprintable() or c == "\n" else " " for c in comment)
    lines = [f"# {line}".rstrip() for line in plain.split("\n")] if comment else []
    lines.append(f"schema = {SCHEMA_VERSION}")
    for item in ordered:
        lines.append("")
        lines.extend(toml_emit.table_lines(kind_of(item), item_table(item), one_per_line="steps"))
    tail = list(tail)
    if tail:
        lines.append("")
        lines.extend(tail)
    return "\n".join(lines) + "\n"


def kind_of(item: Item) -> str:
    return KIND_OF[type(item)]


def item_path(folder: Path, item: Item) -> Path:
    """Where an item of our own is saved: ``sequence-ID.toml``, ``pose-ID.toml``,
    ``breath-ID.toml`` (a pose and a sequence may share an id)."""
    return folder / f"{kind_of(item)}-{item.id}.toml"


def save_item(folder: Path, item: Item, *, replace: bool = False) -> Path:
    """Write ``item`` into the user library ``folder`` atomically; the file written.

    An item already defined in a file of its own (one we saved, or a one-item hand-written
    file) is saved over that file, and only with ``replace=True`` (else ItemExists). One
    defined in a file beside other items raises SharedFile: a second definition would be an
    error, and rewriting the other file would drop its comments."""
    target = where_to_save(folder, item)
    text = library_text([item])
    try:
        write_atomically(target, text.encode("utf-8"), replace=replace)
    except FileExistsError as error:
        raise ItemExists(
            f"{target} is already there; save with replace to write over it"
        ) from error
    return target


def where_to_save(folder: Path, item: Item) -> Path:
    """The file ``item`` belongs in (see save_item); SharedFile when there is none."""
    kind = kind_of(item)
    origins = load_library([[folder]] if folder.is_dir() else []).library.origins
    origin = origins.get((kind, item.id))
    if origin is None:
        return item_path(folder, item)
    neighbours = [key for key, there in origins.items() if there.file == origin.file]
    if len(neighbours) > 1:
        raise SharedFile(
            f"{origin.file}:{origin.line}: {kind}.{item.id} is defined there beside other "
            "items; edit it in that file, or save it under another id"
        )
    return Path(origin.file)
