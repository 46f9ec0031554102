"""Write the small part of TOML our files use: strings, numbers, booleans, arrays and inline
tables as values, ``key = value`` lines and ``[[table]]`` headers.

``tomllib`` only reads; this is the other direction, kept to what the library, figures and
shared files need so every line it writes is one a person can read and edit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_SHORT_ESCAPES["\r"] = "\\r"


def key(name: str) -> str:
    """A bare key when it may be one (``hold_s``, ``session-start``), else a quoted one."""
    return name if _BARE_KEY.match(name) else string(name)


def string(text: str) -> str:
    """A basic string on one line: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:  # TOML allows no raw control characters
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def number(value: float) -> str:
    """An integer as written; a float in the shortest form that reads back the same."""
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    text = repr(value)
    return text if any(c in text for c in ".e") else text + ".0"


def value(item: Any) -> str:
    """Any supported value, inline: arrays as ``[a, b]``, tables as ``{ k = v }``."""
    if isinstance(item, bool):  # before numbers: True is an int to Python
        return "true" if item else "false"
    if isinstance(item, int | float):
        return number(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, Mapping):
        if not item:
            return "{}"
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }"
    if isinstance(item, Sequence):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def pair(name: str, item: Any) -> str:
    """One ``key = value`` line (without the newline)."""
    return f"{key(name)} = {value(item)}"


def table_lines(header: str, pairs: Mapping[str, Any], *, one_per_line: str = "") -> list[str]:
    """``[[header]]`` and its ``key = value`` lines. The list under ``one_per_line`` (a
    sequence's steps) gets one inline table per line, as the library format asks."""
    lines = [f"[[{header}]]"]
    for name, item in pairs.items():
        if name == one_per_line:
            lines.append(f"{key(name)} = [")
            lines.extend(f"  {value(entry)}," for entry in item)
            lines.append("]")
        else:
            lines.append(pair(name, item))
    return lines
