"""The recorder when the history opens late or not at all: the session reaches the history
file once it can be opened, its claim keeps other starts from recovering it meanwhile, the
private file is written once and rewritten only for a changed record, and the claim on a
short session goes exactly when its checkpoint does. On a system without locks (Windows) a
fresh checkpoint counts as a session still running."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.core.history import live as live_sessions
from somatictimer.core.history.live import live_folder, owner_alive
from somatictimer.core.history.recorder import open_history
from somatictimer.core.history.records import HistoryError, SessionRecord
from somatictimer.core.history.store import HistoryStore

from tests.core.test_history_helpers import session
from tests.core.test_recorder import FlakyStore, running


def test_a_history_that_opens_later_takes_the_session(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    engine, recorder, _ = running(70, store=None, history_file=path)
    engine.stop()
    record = recorder.finish()
    assert record is not None and recorder.pending is None
    with HistoryStore(path) as store:
        assert store.get(record.id) == record


def test_a_session_running_on_a_late_history_is_not_recovered_by_another_start(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    engine, recorder, _ = running(70, store=None, history_file=path)
    other, notices = open_history(path)  # a second window starts meanwhile
    assert other is not None
    assert notices == []
    assert [r.id for r in other.checkpoints()] == [recorder.id]
    other.close()
    engine.stop()
    assert recorder.finish() is not None


def test_a_history_file_that_still_cannot_be_opened_is_retried_quietly(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    engine, recorder, problems = running(70, store=None, history_file=blocker / "h.sqlite3")
    engine.stop()
    record = recorder.finish()
    assert record is not None and recorder.pending == record
    assert not recorder.retry()
    assert problems == []  # nothing written, nothing failed: the session waits in memory


def unsaved_folders(tmp_path: Path) -> tuple[Path, Path]:
    return (tmp_path / "state" / "unsaved", tmp_path / "run" / "unsaved")


def test_nothing_is_kept_aside_before_or_after_the_history_takes_the_session(
    tmp_path: Path,
) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    engine, recorder, _ = running(70, store=flaky, unsaved=unsaved_folders(tmp_path))
    assert recorder.unsaved_file is None
    engine.stop()
    recorder.finish()
    assert recorder.unsaved_file is not None
    flaky.fixed = True
    assert recorder.retry()
    assert recorder.unsaved_file is None


def test_the_private_file_is_written_once_not_on_every_retry(tmp_path: Path) -> None:
    """Each write is an fsync on the timer's thread: a retry that fails again leaves the
    file as it is."""
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    engine, recorder, _ = running(70, store=flaky, unsaved=unsaved_folders(tmp_path))
    engine.stop()
    recorder.finish()
    kept = recorder.unsaved_file
    assert kept is not None
    first = kept.stat()
    for _ in range(3):
        assert not recorder.retry()
        recorder.tick()
    now = kept.stat()
    assert (now.st_ino, now.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)


def kept_notes(path: Path) -> str:
    (item,) = json.loads(path.read_text(encoding="utf-8"))
    return str(item["notes"])


def test_notes_added_while_the_history_is_unavailable_go_into_the_private_file(
    tmp_path: Path,
) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    engine, recorder, _ = running(70, store=flaky, unsaved=unsaved_folders(tmp_path))
    engine.stop()
    record = recorder.finish(notes="first")
    assert record is not None and recorder.unsaved_file is not None
    recorder.amend(replace(record, notes="second thoughts"))
    assert recorder.unsaved_file is not None
    assert kept_notes(recorder.unsaved_file) == "second thoughts"


class NoDiscard:
    """A history that takes checkpoints but cannot drop one (locked at the end)."""

    def __init__(self, real: HistoryStore) -> None:
        self.real, self.path = real, real.path

    def checkpoint(self, record: SessionRecord) -> None:
        self.real.checkpoint(record)

    def discard_checkpoint(self, session_id: str) -> None:
        raise HistoryError(f"{self.path}: database is locked")


def test_a_short_session_given_up_drops_its_claim(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    engine, recorder, _ = running(10, store=store, min_session_s=0)
    recorder.min_session_s = 60.0  # checkpointed, then ended under the minimum
    engine.stop()
    assert recorder.finish() is None
    assert not owner_alive(live_folder(path), recorder.id)
    assert list(live_folder(path).iterdir()) == []
    store.close()


def test_a_short_session_whose_checkpoint_stays_keeps_its_claim(tmp_path: Path) -> None:
    """Its checkpoint is still in the history: no other start may take it meanwhile."""
    path = tmp_path / "history.sqlite3"
    real = HistoryStore(path)
    engine, recorder, _ = running(10, store=NoDiscard(real), min_session_s=0)
    recorder.min_session_s = 60.0  # checkpointed, then ended under the minimum
    engine.stop()
    assert recorder.finish() is None
    assert [r.id for r in real.checkpoints()] == [recorder.id]
    assert owner_alive(live_folder(path), recorder.id)
    real.close()


def test_without_locks_a_fresh_checkpoint_is_left_to_the_session_still_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no fcntl: a checkpoint written in the last 30 s belongs to a running
    session; an older one is recovered."""
    monkeypatch.setattr(live_sessions, "fcntl", None)
    path = tmp_path / "history.sqlite3"
    fresh, stale = session(practised_s=600.0), session(practised_s=600.0)
    with HistoryStore(path) as store:
        store.checkpoint(fresh)
        store.checkpoint(stale)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE checkpoints SET written_utc = 1 WHERE id = ?", (stale.id,))
    conn.close()
    store2, notices = open_history(path)
    assert store2 is not None
    assert len(notices) == 1 and notices[0].startswith("Recovered an interrupted session")
    assert [r.id for r in store2.checkpoints()] == [fresh.id]
    assert store2.get(stale.id) is not None
    store2.close()
