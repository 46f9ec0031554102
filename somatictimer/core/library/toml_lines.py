"""Find the source line of a key in a TOML library file (tomllib gives none).

The library files are simple (top-level keys, ``[[kind]]`` tables, steps as one inline
table per line), so a line scan that understands quotes is enough to point users at the
right line. When a key cannot be found the line of its enclosing table is used.
"""

from __future__ import annotations

import itertools
import re

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\-]+)\s*\]")


_ANY_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_\-]+)[\"']?\s*=")


def _key_pattern(key: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")


def _unquoted_braces(line: str) -> int:
    """Count ``{`` outside string literals and comments."""
    count, quote, i = 0, "", 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch == "{":
            count += 1
        i += 1
    return count


class TomlLines:
    """Maps (table kind, index, key) to 1-based line numbers in one file's text."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        # Start line (0-based) of every [[kind]] table, in order, per kind.
        self._tables: dict[str, list[int]] = {}
        self._block_ends: dict[int, int] = {}
        starts: list[int] = []
        for number, line in enumerate(self._lines):
            match = _HEADER.match(line)
            if match:
                self._tables.setdefault(match.group(1), []).append(number)
            if match or _TABLE.match(line):
                starts.append(number)
        for here, following in itertools.pairwise([*starts, len(self._lines)]):
            self._block_ends[here] = following
        # Built on first use and kept: each block's key lines, each list's item lines, so
        # every lookup after the first is a dict hit (linear in the file, not quadratic).
        self._keys: dict[int, dict[str, int]] = {}
        self._items: dict[tuple[int, str], list[int]] = {}

    def top_level(self, key: str) -> int | None:
        """Line of a key before the first table."""
        pattern = _key_pattern(key)
        for number, line in enumerate(self._lines):
            if _HEADER.match(line) or _TABLE.match(line):
                break
            if pattern.match(line):
                return number + 1
        return None

    def table(self, kind: str, index: int) -> int | None:
        starts = self._tables.get(kind, [])
        return starts[index] + 1 if index < len(starts) else None

    def key(self, kind: str, index: int, key: str) -> int | None:
        """Line of ``key`` inside the ``index``-th ``[[kind]]`` table (or the table's line)."""
        start = self._start(kind, index)
        if start is None:
            return None
        return self._block_keys(start).get(key, start) + 1

    def _block_keys(self, start: int) -> dict[str, int]:
        keys = self._keys.get(start)
        if keys is None:
            keys = {}
            for number in range(start + 1, self._block_ends.get(start, len(self._lines))):
                match = _ANY_KEY.match(self._lines[number])
                if match:
                    keys.setdefault(match.group(1), number)
            self._keys[start] = keys
        return keys

    def item(self, kind: str, index: int, list_key: str, item: int) -> int | None:
        """Line of the ``item``-th inline table in ``list_key = [ {...}, ... ]``."""
        start = self._start(kind, index)
        if start is None:
            return None
        lines = self._items.get((start, list_key))
        if lines is None:
            lines = self._item_lines(kind, start, list_key)
            self._items[(start, list_key)] = lines
        if item < len(lines):
            return lines[item] + 1
        list_line = self._block_keys(start).get(list_key)
        return (list_line if list_line is not None else start) + 1

    def _item_lines(self, kind: str, start: int, list_key: str) -> list[int]:
        """0-based line of each item: ``[[kind.list_key]]`` tables of this block, or one entry
        per ``{`` of the inline list (several on one line share it)."""
        sub_tables = self._tables.get(f"{kind}.{list_key}", [])
        owned = [s for s in sub_tables if s > start and self._owner(kind, s) == start]
        if owned:
            return owned
        list_line = self._block_keys(start).get(list_key)
        if list_line is None:
            return []
        end = max(self._block_ends.get(start, len(self._lines)), list_line + 1)
        found: list[int] = []
        for number in range(list_line, min(end, len(self._lines))):
            found.extend([number] * _unquoted_braces(self._lines[number]))
        return found

    def _start(self, kind: str, index: int) -> int | None:
        starts = self._tables.get(kind, [])
        return starts[index] if index < len(starts) else None

    def _owner(self, kind: str, line: int) -> int | None:
        earlier = [s for s in self._tables.get(kind, []) if s < line]
        return earlier[-1] if earlier else None
