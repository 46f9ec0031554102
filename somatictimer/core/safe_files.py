"""Reading files a user (or anyone) may have put in our folders, without hanging or crashing,
and writing ours whole or not at all.

A FIFO would block a plain ``open`` forever and a device would never end, so files are opened
non-blocking and refused unless regular; sizes are capped; TOML nested past Python's
recursion limit becomes a parse problem like any other instead of a RecursionError.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

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


def write_atomically(
    path: Path, data: bytes, *, replace: bool = True, private: bool = False
) -> None:
    """Write ``data`` to ``path`` whole or not at all (see ``atomic_file``)."""
    with atomic_file(path, replace=replace, private=private) as file:
        file.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, replace: bool = True, private: bool = False) -> Iterator[BinaryIO]:
    """A new file to write ``path`` whole or not at all: a temp file in the same folder,
    flushed and fsynced, then renamed over ``path`` (an exception inside the block leaves
    ``path`` as it was, and no temp file). With ``replace=False`` an existing ``path`` is
    never touched: FileExistsError instead (the rename is a no-clobber link where the file
    system has one). ``private``: the folder 0700 when made, the file 0600."""
    folder = path.parent
    folder.mkdir(mode=0o700 if private else 0o777, parents=True, exist_ok=True)
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temp, flags, 0o600 if private else 0o666)  # and the umask
    try:
        with os.fdopen(descriptor, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temp, path)
        else:
            _move_unless_there(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX only)
        folder_descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_descriptor)
        finally:
            os.close(folder_descriptor)


def _move_unless_there(temp: Path, path: Path) -> None:
    """Rename ``temp`` to ``path`` only if nothing is at ``path``: a hard link fails when
    the name is taken, so no other writer can slip in between a check and the rename."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise FileExistsError(17, "a file is already there", str(path)) from None
    except OSError:  # no hard links here (some network and FAT file systems)
        if os.path.lexists(path):
            raise FileExistsError(17, "a file is already there", str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()
