"""Reading files a user (or anyone) may have put in our folders, without hanging or crashing.

A FIFO would block a plain ``open`` forever and a device would never end, so files are opened
non-blocking and refused unless regular; sizes are capped; TOML nested past Python's
recursion limit becomes a parse problem like any other instead of a RecursionError.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_KINDS = {
    stat.S_ISDIR: "a folder",
    stat.S_ISFIFO: "a named pipe (FIFO)",
    stat.S_ISCHR: "a device",
    stat.S_ISBLK: "a device",
    stat.S_ISSOCK: "a socket",
}


class NotAFile(OSError):
    """The path exists but is not a regular file of a sensible size; ``reason`` says why."""

    def __init__(self, reason: str, kind: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # "a named pipe (FIFO)", "a device"...; "" when too large


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS.items() if test(mode)), "not a regular file")


def read_regular(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; NotAFile for a special file or one over ``max_bytes`` (other
    OSErrors, FileNotFoundError among them, pass through)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotAFile(f"is {kind_of(mode)}, not a file", kind_of(mode))
    with os.fdopen(fd, "rb") as file:
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise NotAFile(f"is larger than {max_bytes // 2**20} MiB")
    return data


@dataclass(frozen=True)
class TomlProblem(Exception):
    """Why the text is not TOML: the parser's words, and where when it says."""

    detail: str
    line: int | None = None
    column: int | None = None


def parse_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` with its failures as TomlProblem, deep nesting included."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        detail = re.sub(r"\s*\(at .*\)$", "", message)
        if where:
            raise TomlProblem(detail, int(where.group(1)), int(where.group(2))) from None
        raise TomlProblem(detail) from None
    except RecursionError:
        raise TomlProblem("values nested too deeply") from None
