"""The history store after a read-only connection, recovery's owner check and minimum, an
unchecked batch, and opening a current file (no backup, nothing to upgrade)."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.core.history.store import HistoryError, HistoryStore

from tests.core.test_history_helpers import session


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_after_a_read_only_error_the_next_save_goes_through(store: HistoryStore) -> None:
    """A connection that can only read (as when the file was opened read-only) fails once;
    the store then opens a fresh connection, so the file, writable again, takes the next
    save."""
    with store.transaction() as conn:
        conn.execute("PRAGMA query_only = ON")  # this connection now refuses every write
    first, second = session(), session()
    with pytest.raises(HistoryError, match=r"cannot save .*readonly"):
        store.save(first)
    store.save(second)
    assert [r.id for r in store.sessions()] == [second.id]


def test_after_a_read_only_error_closing_the_store_lets_go_of_the_file(tmp_path: Path) -> None:
    """The read-only connection is closed when it is replaced: once the store is closed
    nothing holds the history open (SQLite then removes its -wal and -shm files)."""
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    with store.transaction() as conn:
        conn.execute("PRAGMA query_only = ON")
    del conn
    with contextlib.suppress(HistoryError):  # told to the user; the app goes on
        store.save(session())
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_a_checkpoint_practised_for_under_a_second_is_recovered_by_default(
    store: HistoryStore,
) -> None:
    running = session(practised_s=0.5)
    store.checkpoint(running)
    (recovered,) = store.recover()
    assert (recovered.id, recovered.practised_s) == (running.id, 0.5)


def test_a_checkpoint_of_exactly_the_minimum_is_recovered(store: HistoryStore) -> None:
    store.checkpoint(session(practised_s=60.0))
    assert [r.practised_s for r in store.recover(min_s=60.0)] == [60.0]


def test_a_session_still_running_elsewhere_does_not_stop_a_later_one_being_recovered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    alive, dead = session(), session()
    with HistoryStore(path) as store:
        store.checkpoint(alive)
        store.checkpoint(dead)
    with sqlite3.connect(path) as conn:  # the running one wrote first
        conn.execute("UPDATE checkpoints SET written_utc = 1 WHERE id = ?", (alive.id,))
    conn.close()
    with HistoryStore(path) as store:
        recovered = store.recover(lambda session_id, written_utc: session_id == alive.id)
        assert [r.id for r in recovered] == [dead.id]
        assert [r.id for r in store.checkpoints()] == [alive.id]


def test_the_owner_check_is_told_when_the_checkpoint_was_written(store: HistoryStore) -> None:
    """Where no lock can tell, a fresh checkpoint means a session still running."""
    before = time.time()
    store.checkpoint(session())
    after = time.time()
    told: list[float] = []

    def fresh(session_id: str, written_utc: float) -> bool:
        told.append(written_utc)
        return time.time() - written_utc < 30

    assert store.recover(fresh) == []
    (written,) = told
    assert before <= written <= after
    assert len(store.checkpoints()) == 1


def test_a_batch_with_an_invalid_session_is_refused_whole(store: HistoryStore) -> None:
    good, bad = session(), replace(session(), pauses=-1)
    with pytest.raises(ValueError, match="pauses"):
        store.save_many([good, bad])
    assert store.count() == 0


def test_opening_a_current_history_again_makes_no_backup_copy(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.save(session())
    with HistoryStore(path) as store:
        assert store.count() == 1
    assert not list(tmp_path.glob("*.bak"))
