"""Which checkpointed sessions still belong to a running process.

The process running a session holds an exclusive lock on ``<history>.live/<id>.lock`` for
as long as the session runs. The operating system drops the lock when the process ends,
however it ends (kill -9 and power loss included), so recovery can tell an interrupted
session from one that is merely running in another window or terminal: only a checkpoint
whose lock is free is recovered.

Where ``fcntl`` is missing (Windows) no lock is taken and a checkpoint counts as live while
it is fresher than ``STALE_AFTER_S`` (checkpoints come every 1.5 s of practice, so there a
session paused for longer than that may be taken for an interrupted one).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

STALE_AFTER_S = 30.0


def live_folder(history_file: Path) -> Path:
    """The lock files of the sessions running against this history file."""
    return history_file.with_name(history_file.name + ".live")


class Lease:
    """A claim held by this process for as long as it lives (or until ``release``): on a
    running session (``take`` before its first checkpoint), or on being the one app."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None or fcntl is None

    def take(self) -> bool:
        """Hold the lock (again a no-op once held); False when the folder is not writable."""
        if self.held:
            return True
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            log.warning("cannot claim %s: %s", self.path, error)
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            log.info("%s is claimed already: %s", self.path, error)
            return False
        self._fd = fd
        return True

    def __del__(self) -> None:
        # Dropped without release (the session was abandoned): the lock goes, as it would
        # with the process; the file stays, as after a crash.
        if self._fd is not None:
            os.close(self._fd)

    def release(self) -> None:
        """The session is saved or given up: drop the claim and its file."""
        if self._fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        os.close(self._fd)  # closing drops the lock
        self._fd = None


def session_lease(folder: Path, session_id: str) -> Lease:
    return Lease(folder / f"{session_id}.lock")


def owner_alive(folder: Path, session_id: str, written_utc: float | None = None) -> bool:
    """Whether a process still runs the session (its lock is held). A stale lock file of a
    process that died is removed on the way."""
    if fcntl is None:
        return written_utc is not None and time.time() - written_utc < STALE_AFTER_S
    path = folder / f"{session_id}.lock"
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # cannot look: better to leave a session alone than to steal it
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return True
    else:
        with contextlib.suppress(OSError):
            path.unlink()
        return False
    finally:
        os.close(fd)
