"""Opening a history file: the backup's name before an upgrade, a failed upgrade that
leaves the file as it was and says why, and which SQLite files are ours."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from somatictimer.core.history import schema as history_schema
from somatictimer.core.history.store import HistoryError, HistoryStore

from tests.core.test_history_helpers import session


def _v1_file(path: Path, *, application_id: int = history_schema.APPLICATION_ID) -> None:
    """A history as the first release wrote it (one table set, version 1, no sessions)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(history_schema.SCHEMA_V1)
        conn.execute(f"PRAGMA application_id = {application_id}")
        conn.execute("PRAGMA user_version = 1")
    conn.close()


def _version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.close()
    return version


def test_the_backup_before_an_upgrade_is_named_with_version_and_time(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_file(path)
    HistoryStore(path).close()
    (backup,) = (p.name for p in tmp_path.iterdir() if p.name.endswith(".bak"))
    assert re.fullmatch(r"history\.sqlite3\.v1-\d{8}T\d{6}\.bak", backup), backup


def test_a_failed_upgrade_says_why_and_leaves_the_file_at_its_version(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_file(path)
    with sqlite3.connect(path) as conn:  # the column the upgrade adds is there already
        conn.execute("ALTER TABLE sessions ADD COLUMN source TEXT")
    conn.close()
    with pytest.raises(HistoryError) as caught:
        HistoryStore(path)
    assert str(caught.value) == (
        f"{path}: cannot prepare the history (duplicate column name: source)"
    )
    assert _version(path) == 1


def test_another_programs_database_at_version_1_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("PRAGMA application_id = 1234")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError) as caught:
        HistoryStore(path)
    assert str(caught.value) == (
        f"{path}: an SQLite database, but not a somatictimer history; it was left untouched"
    )
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak"))


def test_a_history_without_an_application_id_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_file(path, application_id=0)
    with HistoryStore(path) as store:
        record = session()
        store.save(record)
        assert store.get(record.id) == record
    assert _version(path) == history_schema.SCHEMA_VERSION


def test_a_history_whose_write_ahead_log_cannot_be_opened_says_cannot_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    (tmp_path / "history.sqlite3-wal").mkdir()  # where SQLite must open its log file
    with pytest.raises(HistoryError) as caught:
        HistoryStore(path)
    assert str(caught.value) == f"{path}: cannot open (unable to open database file)"


def test_an_empty_database_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("PRAGMA application_id = 1234")  # whose file it is, though still empty
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="not a somatictimer history; it was left untouched"):
        HistoryStore(path)
    assert path.read_bytes() == before
