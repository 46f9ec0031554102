"""What loading the library produces: the merged Library, where items came from, problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from somatictimer.core import fields as f
from somatictimer.core.model import BreathPattern, Pose, Sequence


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a library file, worded for the person who wrote it."""

    file: str
    line: int | None
    key_path: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{where}: {self.key_path}: {self.message}"
            if self.key_path
            else (f"{where}: {self.message}")
        )


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item was defined: its file, table line, each step's line, and a way to find
    the line of any key."""

    file: str
    line: int | None
    step_lines: tuple[int | None, ...] = ()
    # Looked up only when a problem needs a line: most items never need one.
    locate: Callable[[str], int | None] | None = field(default=None, compare=False, repr=False)

    def line_of(self, key: str) -> int | None:
        found = self.locate(key) if self.locate is not None else None
        return found or self.line


@dataclass
class Library:
    """The merged library: items by id, and where each one came from."""

    poses: dict[str, Pose] = field(default_factory=dict)
    breaths: dict[str, BreathPattern] = field(default_factory=dict)
    sequences: dict[str, Sequence] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    ad_hoc: set[str] = field(default_factory=set)  # poses made up for a one-off session

    def listed_poses(self) -> list[Pose]:
        """The poses from library files, for lists and filters (no ad-hoc ones)."""
        return [p for p in self.poses.values() if p.id not in self.ad_hoc]

    def add_ad_hoc(self, pose: Pose) -> Pose:
        """Make a pose known for one session (practising a pattern that has no item)."""
        self.poses.setdefault(pose.id, pose)
        if self.poses[pose.id] is pose:
            self.ad_hoc.add(pose.id)
        return self.poses[pose.id]

    def find_sequence(self, query: str) -> Sequence | None:
        """A sequence by id or by name (case-insensitive)."""
        if query in self.sequences:
            return self.sequences[query]
        folded = query.casefold().strip()
        for sequence in self.sequences.values():
            if sequence.name.casefold() == folded:
                return sequence
        return None

    def suggest_sequence(self, query: str) -> str | None:
        """The one sequence whose name holds ``query`` as a word ("pilates"), else the name
        or id closest to it, if any is close."""
        word = re.compile(rf"\b{re.escape(query.strip())}\b", re.IGNORECASE)
        holding = [s.name for s in self.sequences.values() if word.search(s.name)]
        if len(holding) == 1:
            return holding[0]
        names = {s.name.casefold(): s.name for s in self.sequences.values()}
        hint = f.suggest(query.casefold(), [*names, *self.sequences])
        match = re.search(r'"(.*)"', hint)
        return names.get(match.group(1), match.group(1)) if match else None


@dataclass
class LoadResult:
    library: Library
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems
