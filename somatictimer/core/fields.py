"""Declarative checks for library values: one checker per kind of field.

Each checker takes the raw TOML value and returns the converted value, or raises
``FieldError`` with "expected ..., found ..." wording that users see verbatim.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from somatictimer.core.model import MAX_STEP_S

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FieldError(ValueError):
    """A value that does not fit its field; the message is shown to the user."""


def show(value: object) -> str:
    """Render a TOML value the way it looks in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value[:6]) + (", …]" if len(value) > 6 else "]")
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def suggest(word: str, options: Iterable[str]) -> str:
    """' (did you mean "x"?)' for a close option, else ''."""
    return _closest(word, tuple(options))


@functools.lru_cache(maxsize=4096)
def _closest(word: str, options: tuple[str, ...]) -> str:
    # Cached: a file that repeats one misspelling 2,000 times pays for difflib once.
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(f"expected a number of seconds, found {show(value)}")
    if value != value or value in (float("inf"), float("-inf")):
        raise FieldError(f"expected a finite number of seconds, found {value}")
    return float(value)


def seconds(*, allow_zero: bool = False, maximum: float = MAX_STEP_S) -> Callable[[Any], float]:
    """Seconds > 0 (or >= 0) and at most ``maximum``."""

    def check(value: Any) -> float:
        number = _number(value)
        low_ok = number >= 0 if allow_zero else number > 0
        if not low_ok or number > maximum:
            low = ">= 0" if allow_zero else "> 0"
            raise FieldError(f"expected seconds {low} and <= {maximum:g}, found {show(value)}")
        return number

    return check


def half_seconds(*, allow_zero: bool) -> Callable[[Any], float]:
    """Breath phases: seconds in 0.5 s steps, at most one minute."""
    base = seconds(allow_zero=allow_zero, maximum=60)

    def check(value: Any) -> float:
        number = base(value)
        if (number * 2) % 1:
            raise FieldError(f"expected seconds in 0.5 s steps, found {show(value)}")
        return number

    return check


def whole(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise FieldError(f"expected a whole number from {low} to {high}, found {show(value)}")
        return value

    return check


def text(value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(f"expected text in quotes, found {show(value)}")
    return value.strip()


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"expected true or false, found {show(value)}")
    return value


def name(value: Any) -> str:
    result = text(value)
    if not result:
        raise FieldError('expected a non-empty name, found ""')
    return result


def identifier(value: Any) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise FieldError(
            f'expected an id of lowercase words joined by dashes (like "half-pigeon"), '
            f"found {show(value)}"
        )
    return value


def one_of(options: Iterable[str]) -> Callable[[Any], str]:
    choices = tuple(options)

    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            hint = suggest(value, choices) if isinstance(value, str) else ""
            listed = ", ".join(f'"{c}"' for c in choices)
            raise FieldError(f"expected one of {listed}, found {show(value)}{hint}")
        return value

    return check


def list_of(options: Iterable[str]) -> Callable[[Any], tuple[str, ...]]:
    """A list whose every entry is one of ``options``."""
    return list_checked(one_of(options))


def list_checked(
    item: Callable[[Any], str], *, max_items: int = 50
) -> Callable[[Any], tuple[str, ...]]:
    """A list whose every entry passes ``item`` (ids, short texts)."""

    def check(value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise FieldError(f'expected a list like ["a", "b"], found {show(value)}')
        if len(value) > max_items:
            raise FieldError(f"expected at most {max_items} entries, found {len(value)}")
        return tuple(item(v) for v in value)

    return check


def short_text(max_chars: int) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        result = name(value)
        if len(result) > max_chars:
            raise FieldError(f"expected at most {max_chars} characters, found {len(result)}")
        return result

    return check


def matching(pattern: str, example: str) -> Callable[[Any], str]:
    compiled = re.compile(pattern)

    def check(value: Any) -> str:
        if not isinstance(value, str) or not compiled.match(value):
            raise FieldError(f'expected text like "{example}", found {show(value)}')
        return value

    return check


@dataclass(frozen=True)
class Field:
    """One allowed key of a table: its checker and whether it must be present."""

    check: Callable[[Any], Any]
    required: bool = False
