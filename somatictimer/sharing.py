"""Sequences as shareable files: one ``.toml`` holding a sequence with the user's own poses,
breath patterns and figures it needs; and bringing such a file into the user library.

A shared file is a library file (docs/library-format.md) that may also hold ``[[figure]]``
tables (docs/figures-format.md). Importing reads it with the same loaders, under the same
1 MiB cap, reports every problem as ``FILE:LINE: ...``, and writes nothing unless all of it
is good. An id already in the library is a clash: the caller chooses to replace it or to
import under a new id; nothing is overwritten silently. The file is only ever data: sound
files (paths) are neither exported nor imported.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from somatictimer.core import describe, toml_emit
from somatictimer.core.blocks import NATURAL
from somatictimer.core.library.loader import load_library
from somatictimer.core.library.toml_lines import TomlLines
from somatictimer.core.library.types import Library, Origin, Problem
from somatictimer.core.library.writer import (
    Item,
    SharedFile,
    kind_of,
    library_text,
    seconds,
    where_to_save,
)
from somatictimer.core.model import BreathPattern, Pose, Sequence
from somatictimer.core.paths import AppPaths, builtin_figures_dir, builtin_library_dir
from somatictimer.core.safe_files import parse_toml, read_regular, write_atomically
from somatictimer.core.settings_schema import SOUND_NAMES
from somatictimer.figures.camera import Prop
from somatictimer.figures.data import MAX_FILE_BYTES, Figure, FigureSet, load_figures
from somatictimer.figures.skeleton import JOINTS

FIGURE = "figure"
BUILT_IN = "built-in"


@dataclass(frozen=True)
class Folders:
    """The four places items come from: shipped and the user's, library and figures."""

    builtin_library: Path
    user_library: Path
    builtin_figures: Path
    user_figures: Path

    @classmethod
    def installed(cls, paths: AppPaths) -> Folders:
        return cls(
            builtin_library_dir(),
            paths.user_library_dir,
            builtin_figures_dir(),
            paths.user_figures_dir,
        )


# -- export ---------------------------------------------------------------------------------


@dataclass
class Export:
    text: str
    notes: list[str]  # what was left out, for the person exporting


def export_sequence(sequence: Sequence, library: Library, folders: Folders) -> Export:
    """The shared file's text: the sequence, with every pose, breath pattern and figure of
    the user's own that it needs (built-in ones are in every install)."""
    mine = _user_items(library, folders.user_library)
    poses = _poses_needed(sequence, library)
    breaths = _breaths_needed(sequence, poses, library)
    figures = _user_figures(folders)
    drawn = [figures[f] for f in dict.fromkeys(p.figure or p.id for p in poses) if f in figures]
    notes = []
    sounds = []
    for kind, sound in sequence.sounds:
        if sound in (*SOUND_NAMES, "none"):
            sounds.append((kind, sound))
        else:
            notes.append(f'the sound file "{sound}" ({kind}) is not included')
    sequence = replace(sequence, sounds=tuple(sounds))
    items: list[Item] = [
        *(b for b in breaths if ("breath", b.id) in mine),
        *(p for p in poses if ("pose", p.id) in mine),
        sequence,
    ]
    counts = [
        describe.plural(sum(isinstance(i, Pose) for i in items), "pose"),
        describe.plural(sum(isinstance(i, BreathPattern) for i in items), "breath pattern"),
        describe.plural(len(drawn), FIGURE),
    ]
    comment = (
        f'Somatic Timer sequence "{sequence.name}", with the {", ".join(counts)} of its own '
        "it needs.\n"
        "Add it to your library with: somatictimer sequence import FILE"
    )
    tail = [line for figure in drawn for line in ["", *figure_lines(figure)]][1:]
    return Export(library_text(items, comment=comment, tail=tail), notes)


def _user_items(library: Library, user_folder: Path) -> set[tuple[str, str]]:
    """(kind, id) of every item defined in the user's library folder."""
    folder = str(user_folder)
    return {
        key for key, origin in library.origins.items() if Path(origin.file).is_relative_to(folder)
    }


def _poses_needed(sequence: Sequence, library: Library) -> list[Pose]:
    """The poses the steps name, and their substitutes (which a caution may call for)."""
    needed: dict[str, Pose] = {}
    waiting = [step.pose for step in sequence.steps]
    while waiting:
        pose = library.poses.get(waiting.pop(0))
        if pose is not None and pose.id not in needed:
            needed[pose.id] = pose
            waiting.extend(pose.substitutes)
    return list(needed.values())


def _breaths_needed(sequence: Sequence, poses: list[Pose], library: Library) -> list[BreathPattern]:
    named = [
        sequence.breath,
        *(s.breath for s in sequence.steps),
        *(p.breath_pattern for p in poses),
    ]
    needed: dict[str, BreathPattern] = {}
    waiting = [b for b in named if b and b != NATURAL]
    while waiting:
        pattern = library.breaths.get(waiting.pop(0) or "")
        if pattern is not None and pattern.id not in needed:
            needed[pattern.id] = pattern
            waiting.extend([pattern.no_hold] if pattern.no_hold else [])
    return list(needed.values())


def _user_figures(folders: Folders) -> dict[str, Figure]:
    """The figures the user added or changed (a shipped id drawn differently counts)."""
    shipped = load_figures([folders.builtin_figures]).figures
    both = load_figures([folders.builtin_figures, folders.user_figures]).figures
    return {k: v for k, v in both.items() if replace(v, like="") != _plain(shipped.get(k))}


def _plain(figure: Figure | None) -> Figure | None:
    return replace(figure, like="") if figure is not None else None


def figure_lines(figure: Figure) -> list[str]:
    """A figure as ``[[figure]]`` and its keyframes, every angle written out (no ``like``:
    a shared figure must not depend on figures the other install may lack)."""
    table: dict[str, object] = {"id": figure.id, "view": figure.view}
    if figure.motion != "breath":
        table["motion"] = figure.motion
    if figure.props:
        table["props"] = [_prop(prop) for prop in figure.props]
    lines = toml_emit.table_lines(FIGURE, table)
    for keyframe in figure.keyframes:
        frame: dict[str, object] = {"name": keyframe.name} if keyframe.name else {}
        for joint in JOINTS:
            if joint in keyframe.angles:
                angles = [seconds(a) for a in keyframe.angles[joint]]
                frame[joint] = angles[0] if len(angles) == 1 else angles
        lines.extend(toml_emit.table_lines(f"{FIGURE}.keyframe", frame))
    return lines


def _prop(prop: Prop) -> dict[str, object]:
    table: dict[str, object] = {"kind": prop.kind, "at": prop.at}
    if prop.to:
        table["to"] = prop.to
    if any(prop.offset):
        table["offset"] = [seconds(v) for v in prop.offset]
    return table


# -- import ---------------------------------------------------------------------------------


class OnClash(StrEnum):
    ASK = "ask"  # report the clashes, write nothing
    REPLACE = "replace"  # the file's item takes the id (a built-in one is overridden)
    RENAME = "rename"  # the file's item gets a free id, and the file's references follow


@dataclass(frozen=True)
class Clash:
    kind: str  # breath, pose, sequence or figure
    id: str
    where: str  # "built-in", or the user file that defines it
    new_id: str  # the id it gets with OnClash.RENAME
    line: int | None = None  # where the shared file defines it

    def __str__(self) -> str:
        there = "a built-in one" if self.where == BUILT_IN else self.where
        return f'{self.kind} "{self.id}" is already in your library ({there})'


@dataclass
class Incoming:
    """What a shared file holds, checked; what clashes; what is there already unchanged."""

    source: Path
    items: list[Item] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # "pose.x": identical, not written
    # Identical items that name a clashing one: renaming that one changes them too.
    follow: list[Clash] = field(default_factory=list)
    lines: dict[tuple[str, str], int | None] = field(default_factory=dict)  # in the file


def read_shared(path: Path, folders: Folders) -> Incoming:
    """Check a shared file with the library's and the figures' own loaders, as if it were a
    layer above the user's folder, and find the ids it shares with the library."""
    incoming = Incoming(path)
    user_layer = [folders.user_library] if folders.user_library.is_dir() else []
    installed = load_library([[folders.builtin_library], user_layer])
    loaded = load_library([[folders.builtin_library], user_layer, [path]], other_tables=(FIGURE,))
    name = str(path)
    incoming.problems = [p for p in loaded.problems if p.file == name]
    if any(p.line is None or not p.key_path for p in incoming.problems):
        return incoming  # not read at all (too big, not TOML, not UTF-8): nothing more to say
    library = loaded.library
    for (kind, item_id), origin in library.origins.items():
        item = _items_of(library, kind).get(item_id)  # None: left out for its problems
        if origin.file == name and item is not None:
            incoming.items.append(item)
            incoming.lines[(kind, item_id)] = origin.line
            _sound_files(item, origin, incoming.problems)
    figure_folders = [folders.builtin_figures, folders.user_figures]
    figures = load_figures([*figure_folders, path])
    said = {(p.line, p.key_path) for p in incoming.problems}  # both check the schema line
    incoming.problems += [
        p for p in figures.problems if p.file == name and (p.line, p.key_path) not in said
    ]
    figure_ids = _figure_ids(path)
    incoming.figures = [figures.figures[i] for i in figure_ids if i in figures.figures]
    text_lines = TomlLines(read_regular(path, MAX_FILE_BYTES).decode("utf-8"))
    for index, figure_id in enumerate(figure_ids):
        incoming.lines.setdefault((FIGURE, figure_id), text_lines.table(FIGURE, index))
    if not incoming.problems:
        _find_clashes(incoming, installed.library, load_figures(figure_folders), folders)
    return incoming


def _items_of(library: Library, kind: str) -> Mapping[str, Item]:
    found: Mapping[str, Item]
    if kind == "breath":
        found = library.breaths
    elif kind == "pose":
        found = library.poses
    else:
        found = library.sequences
    return found


def _sound_files(item: Item, origin: Origin, problems: list[Problem]) -> None:
    if not isinstance(item, Sequence):
        return
    for kind, sound in item.sounds:
        if sound not in (*SOUND_NAMES, "none"):
            problems.append(
                Problem(
                    origin.file,
                    origin.line_of("sounds"),
                    f"sequence.{item.id}.sounds.{kind}",
                    f'expected a built-in sound or "none" in a shared file, found '
                    f'"{sound}" (sound files are not shared)',
                )
            )


def _figure_ids(path: Path) -> list[str]:
    """The ids of the file's figures, in order (the file has just been read and checked)."""
    data = parse_toml(read_regular(path, MAX_FILE_BYTES).decode("utf-8"))
    tables = data.get(FIGURE, [])
    return [t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)]


def _find_clashes(
    incoming: Incoming, library: Library, figures: FigureSet, folders: Folders
) -> None:
    taken = {
        "breath": set(library.breaths),
        "pose": set(library.poses),
        "sequence": set(library.sequences),
        FIGURE: set(figures.figures),
    }
    for kind, item_id in [(kind_of(i), i.id) for i in incoming.items] + [
        (FIGURE, f.id) for f in incoming.figures
    ]:
        taken[kind].add(item_id)  # a new id must not be one the file itself uses
    for item in incoming.items:
        kind = kind_of(item)
        old = _items_of(library, kind).get(item.id)
        if old is None:
            continue
        if old == item:
            incoming.unchanged.append(f"{kind}.{item.id}")
            continue
        origin = library.origins[(kind, item.id)]
        user = Path(origin.file).is_relative_to(folders.user_library)
        where = origin.file if user else BUILT_IN
        line = incoming.lines.get((kind, item.id))
        incoming.clashes.append(Clash(kind, item.id, where, _free_id(item.id, taken[kind]), line))
    user_figures = _figure_files(folders.user_figures)
    for figure in incoming.figures:
        old_figure = figures.figures.get(figure.id)
        if old_figure is None:
            continue
        if _plain(old_figure) == _plain(figure):
            incoming.unchanged.append(f"{FIGURE}.{figure.id}")
            continue
        where = str(user_figures[figure.id]) if figure.id in user_figures else BUILT_IN
        line = incoming.lines.get((FIGURE, figure.id))
        new_id = _free_id(figure.id, taken[FIGURE])
        incoming.clashes.append(Clash(FIGURE, figure.id, where, new_id, line))
    renamed = {(c.kind, c.id) for c in incoming.clashes}
    waiting = [i for i in incoming.items if f"{kind_of(i)}.{i.id}" in incoming.unchanged]
    while follower := next((i for i in waiting if renamed & _references(i)), None):
        waiting.remove(follower)
        kind = kind_of(follower)
        where = library.origins[(kind, follower.id)].file
        incoming.follow.append(Clash(kind, follower.id, where, _free_id(follower.id, taken[kind])))
        renamed.add((kind, follower.id))


def _references(item: Item) -> set[tuple[str, str | None]]:
    """(kind, id) of every item ``item`` names."""
    if isinstance(item, BreathPattern):
        return {("breath", item.no_hold)}
    if isinstance(item, Pose):
        return {
            ("breath", item.breath_pattern),
            (FIGURE, item.figure or item.id),
            *(("pose", s) for s in item.substitutes),
        }
    return {
        ("breath", item.breath),
        *(("pose", s.pose) for s in item.steps),
        *(("breath", s.breath) for s in item.steps),
    }


def _free_id(item_id: str, taken: set[str]) -> str:
    number = 2
    while f"{item_id}-{number}" in taken:
        number += 1
    taken.add(f"{item_id}-{number}")
    return f"{item_id}-{number}"


def _figure_files(folder: Path) -> dict[str, Path]:
    """Which user figures file defines each figure id (the last one read wins, as there)."""
    found: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        with contextlib.suppress(Exception):  # a broken file defines nothing
            for figure_id in _figure_ids(path):
                found[figure_id] = path
    return found


class ImportRefused(Exception):
    """Nothing was written: the lines say why (clashes to decide, or a file in the way)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


def import_shared(incoming: Incoming, folders: Folders, on_clash: OnClash) -> list[Path]:
    """Write the checked items into the user's folders, each in a file of its own; the files
    written. Refused (ImportRefused, nothing written) while there are problems, or clashes
    and ``on_clash`` is ASK, or an item to replace lives in a file beside other items."""
    if incoming.problems:
        raise ImportRefused([*(str(p) for p in incoming.problems), "Nothing was imported."])
    if incoming.clashes and on_clash is OnClash.ASK:
        raise ImportRefused(
            [_where(incoming.source, clash.line) + f": {clash}" for clash in incoming.clashes]
            + [
                "Nothing was imported: choose --replace to use the file's items, or --rename "
                "to keep yours and import the file's under new ids."
            ]
        )
    items, figures = incoming.items, incoming.figures
    skip = set(incoming.unchanged)
    if on_clash is OnClash.RENAME and incoming.clashes:
        items, figures = _renamed(incoming, [*incoming.clashes, *incoming.follow])
        skip -= {f"{c.kind}.{c.id}" for c in incoming.follow}
    writes: list[tuple[Path, str, bool]] = []  # (file, text, may it replace a file there)
    refused: list[str] = []
    clashing = {(c.kind, c.id) for c in incoming.clashes} if on_clash is OnClash.REPLACE else set()
    for item in items:
        kind = kind_of(item)
        if f"{kind}.{item.id}" in skip:
            continue
        try:
            target = where_to_save(folders.user_library, item)
        except SharedFile as error:
            refused.append(str(error))
            continue
        writes.append((target, library_text([item]), (kind, item.id) in clashing))
    user_figures = _figure_files(folders.user_figures)
    for figure in figures:
        if f"{FIGURE}.{figure.id}" in skip:
            continue
        target = user_figures.get(figure.id, folders.user_figures / f"figure-{figure.id}.toml")
        if target.name != f"figure-{figure.id}.toml" and len(_figure_ids(target)) > 1:
            refused.append(
                f"{target}: figure.{figure.id} is defined there beside other figures; "
                "edit it in that file, or import with --rename"
            )
            continue
        text = "schema = 1\n\n" + "\n".join(figure_lines(figure)) + "\n"
        writes.append((target, text, (FIGURE, figure.id) in clashing))
    if refused:
        raise ImportRefused([*refused, "Nothing was imported."])
    return _write_all(writes)


def _where(path: Path, line: int | None) -> str:
    return f"{path}:{line}" if line else str(path)


def _write_all(writes: list[tuple[Path, str, bool]]) -> list[Path]:
    """Every file or none: on a failure, files made are removed and replaced ones restored."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, text, may_replace in writes:
            before = path.read_bytes() if may_replace and path.exists() else None
            write_atomically(path, text.encode("utf-8"), replace=may_replace)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            with contextlib.suppress(OSError):
                if before is None:
                    path.unlink()
                else:
                    write_atomically(path, before)
        raise
    return [path for path, _ in done]


def _renamed(incoming: Incoming, clashes: list[Clash]) -> tuple[list[Item], list[Figure]]:
    """The file's items with each clashing id replaced by a free one, and every reference
    inside the file following it."""
    new = {(c.kind, c.id): c.new_id for c in clashes}
    pose_ids = {k[1]: v for k, v in new.items() if k[0] == "pose"}
    breath_ids = {k[1]: v for k, v in new.items() if k[0] == "breath"}
    figure_ids = {k[1]: v for k, v in new.items() if k[0] == FIGURE}

    def breath(pattern_id: str | None) -> str | None:
        return breath_ids.get(pattern_id, pattern_id) if pattern_id else pattern_id

    items: list[Item] = []
    for item in incoming.items:
        if isinstance(item, BreathPattern):
            items.append(replace(item, id=breath(item.id) or item.id, no_hold=breath(item.no_hold)))
        elif isinstance(item, Pose):
            drawn = item.figure or item.id  # a renamed pose keeps the figure it had
            figure = figure_ids.get(drawn, drawn)
            new_id = pose_ids.get(item.id, item.id)
            items.append(
                replace(
                    item,
                    id=new_id,
                    figure=None if figure == new_id else figure,
                    breath_pattern=breath(item.breath_pattern),
                    substitutes=tuple(pose_ids.get(s, s) for s in item.substitutes),
                )
            )
        else:
            renamed = ("sequence", item.id) in new
            items.append(
                replace(
                    item,
                    id=new.get(("sequence", item.id), item.id),
                    name=f"{item.name} ({new[('sequence', item.id)].rsplit('-', 1)[1]})"
                    if renamed
                    else item.name,
                    breath=breath(item.breath),
                    steps=tuple(
                        replace(s, pose=pose_ids.get(s.pose, s.pose), breath=breath(s.breath))
                        for s in item.steps
                    ),
                )
            )
    figures = [replace(f, id=figure_ids.get(f.id, f.id)) for f in incoming.figures]
    return items, figures


def summary(written: Iterable[Path], incoming: Incoming) -> list[str]:
    """What the person is told after an import."""
    lines = [f"imported {path}" for path in written]
    lines += [f"already in your library, unchanged: {what}" for what in incoming.unchanged]
    return lines
