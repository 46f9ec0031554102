"""Telling a running session from an interrupted one, and the one app from a second launch:
a second claim never wins while the first holds, a dead claim is recovered and its stale
lock file removed, and a lock that cannot be looked at is left alone rather than stolen."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from somatictimer.core.history import live as live_sessions
from somatictimer.core.history.live import Lease, live_folder, owner_alive, session_lease


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, so what the code asks for (not the umask) decides the modes."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def os_error(number: int, path: Path | None = None) -> str:
    """How the system words an error, as the log shows it."""
    args = (number, os.strerror(number)) + ((str(path),) if path else ())
    return str(OSError(*args))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_exactly_one_app_instance_wins_the_lock_and_the_next_wins_once_it_is_released(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lock = tmp_path / "run" / "app.lock"
    first, second = Lease(lock), Lease(lock)
    caplog.set_level(logging.INFO, logger="somatictimer.core.history.live")
    assert first.take() and first.held
    assert not second.take() and not second.held
    assert caplog.messages == [f"{lock} is claimed already: {os_error(errno.EWOULDBLOCK)}"]
    assert first.take()  # taking again while held is a no-op
    first.release()
    assert not lock.exists()
    assert second.take()
    second.release()


def test_a_second_process_never_recovers_a_running_session(tmp_path: Path) -> None:
    folder = live_folder(tmp_path / "history.sqlite3")
    running = session_lease(folder, "abc")
    assert running.take()
    assert owner_alive(folder, "abc", time.time())
    assert (folder / "abc.lock").exists()  # looking does not remove a live session's lock
    running.release()


def test_a_dead_process_session_is_recovered_and_its_stale_lock_file_removed(
    tmp_path: Path,
) -> None:
    folder = live_folder(tmp_path / "history.sqlite3")
    abandoned = session_lease(folder, "abc")
    assert abandoned.take()
    del abandoned  # the process died: the OS drops the lock, the file stays
    assert (folder / "abc.lock").exists()
    assert not owner_alive(folder, "abc", time.time())
    assert not (folder / "abc.lock").exists()


def test_a_session_without_a_lock_file_is_not_running(tmp_path: Path) -> None:
    assert not owner_alive(tmp_path, "gone", time.time())


def test_a_lock_that_cannot_be_opened_leaves_the_session_alone(tmp_path: Path) -> None:
    (tmp_path / "abc.lock").mkdir()  # cannot be opened for writing: cannot look
    assert owner_alive(tmp_path, "abc", time.time())
    assert (tmp_path / "abc.lock").is_dir()


def test_a_file_system_that_refuses_locks_leaves_the_session_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "abc.lock").touch()

    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")  # as some network file systems say

    monkeypatch.setattr(
        live_sessions,
        "fcntl",
        SimpleNamespace(flock=no_locks, LOCK_EX=fcntl.LOCK_EX, LOCK_NB=fcntl.LOCK_NB),
    )
    assert owner_alive(tmp_path, "abc", time.time())
    assert (tmp_path / "abc.lock").exists()


def test_a_stale_lock_removed_by_another_instance_meanwhile_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two launches recovering at once: the other one removes the stale file between our
    opening it and taking its lock."""
    lock = tmp_path / "abc.lock"
    lock.touch()
    real_flock = fcntl.flock

    def other_instance_first(fd: int, operation: int) -> Any:
        lock.unlink()
        return real_flock(fd, operation)

    fake = SimpleNamespace(
        flock=other_instance_first,
        LOCK_EX=fcntl.LOCK_EX,
        LOCK_NB=fcntl.LOCK_NB,
    )
    monkeypatch.setattr(live_sessions, "fcntl", fake)
    assert not owner_alive(tmp_path, "abc", time.time())


def test_releasing_after_the_lock_file_was_removed_still_frees_the_claim(tmp_path: Path) -> None:
    lock = tmp_path / "abc.lock"
    first = Lease(lock)
    assert first.take()
    lock.unlink()  # someone tidied the folder while the session ran
    first.release()
    assert not first.held
    assert Lease(lock).take()


def test_a_lease_makes_its_missing_folders_and_shares_an_existing_one(
    tmp_path: Path, umask_022: None
) -> None:
    folder = tmp_path / "data" / "history.sqlite3.live"
    one, two = session_lease(folder, "one"), session_lease(folder, "two")
    assert one.take()  # makes data/ and the .live folder
    assert two.take()  # the folder is there already
    assert mode(folder) == 0o700  # which sessions run is nobody else's business
    assert mode(folder / "one.lock") == 0o600
    assert mode(folder / "two.lock") == 0o600
    one.release()
    two.release()


def test_a_lease_that_cannot_make_its_file_says_which_and_why(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "run"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    lease = Lease(blocker / "app.lock")
    with caplog.at_level(logging.WARNING, logger="somatictimer.core.history.live"):
        assert not lease.take()
    assert not lease.held
    assert caplog.messages == [
        f"cannot claim {blocker / 'app.lock'}: {os_error(errno.EEXIST, blocker)}"
    ]


@pytest.fixture
def without_fcntl(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: no locks, only the checkpoint's age tells."""
    monkeypatch.setattr(live_sessions, "fcntl", None)


def test_without_locks_a_fresh_checkpoint_is_running_and_an_old_one_is_not(
    tmp_path: Path, without_fcntl: None
) -> None:
    now = time.time()
    assert owner_alive(tmp_path, "abc", now - 1)
    assert not owner_alive(tmp_path, "abc", now - 10 * live_sessions.STALE_AFTER_S)
    assert not owner_alive(tmp_path, "abc", None)
