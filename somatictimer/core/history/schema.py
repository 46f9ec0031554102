"""The history database's schema and its forward migrations (`PRAGMA user_version`).

Each migration takes the database from the version it is keyed by to the next one. A file
with data is copied aside before it is migrated; a file from a newer release is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from somatictimer.core.history.outcome import is_completed
from somatictimer.core.history.records import HistoryError, StepRecord

# "STmr" — lets us tell our database from some other SQLite file at the same path.
APPLICATION_ID = 0x53546D72

# Version 1. Times are kept three ways: the ISO text with its offset (what the user saw),
# UTC epoch seconds + offset seconds (ordering and per-day stats in SQL), and the local
# calendar day (date filters). Steps and check-ins are JSON; `tension` repeats the regions
# rated both before and after so the trend is one GROUP BY. A checkpoint is the running
# session's whole record as JSON, replaced every few seconds.
SCHEMA_V1 = """
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    started_utc REAL NOT NULL,
    utc_offset_s INTEGER NOT NULL,
    start_day TEXT NOT NULL,
    sequence_id TEXT NOT NULL,
    sequence_name TEXT NOT NULL,
    tradition TEXT NOT NULL,
    planned_s REAL NOT NULL,
    practised_s REAL NOT NULL,
    status TEXT NOT NULL,
    pauses INTEGER NOT NULL,
    notes TEXT NOT NULL,
    steps TEXT NOT NULL,
    checkin_before TEXT,
    checkin_after TEXT
);
CREATE INDEX sessions_by_day ON sessions (start_day);
-- Covers the stats queries, so they never read the wide rows.
CREATE INDEX sessions_stats ON sessions (started_utc, utc_offset_s, practised_s);
CREATE INDEX sessions_by_tradition ON sessions (tradition, practised_s);
CREATE TABLE tension (
    session_id TEXT NOT NULL,
    region TEXT NOT NULL,
    before INTEGER NOT NULL,
    after INTEGER NOT NULL,
    PRIMARY KEY (session_id, region)
) WITHOUT ROWID;
CREATE INDEX tension_by_region ON tension (region, before, after);
CREATE TABLE checkpoints (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    written_utc REAL NOT NULL
);
"""


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _add_source(conn: sqlite3.Connection) -> None:
    """v2: where a session came from (app, terminal, manual entry, import)."""
    conn.execute("ALTER TABLE sessions ADD COLUMN source TEXT NOT NULL DEFAULT 'app'")


def _mark_partial(conn: sqlite3.Connection) -> None:
    """v3: "completed" says the plan was practised (history_outcome.is_completed); a session
    saved as completed that skipped through its plan becomes "partial". A v2 program would
    not know that status, hence the new version."""
    rows = conn.execute("SELECT id, steps FROM sessions WHERE status = 'completed'").fetchall()
    for session_id, steps_text in rows:
        try:
            steps = [StepRecord(**step) for step in json.loads(steps_text)]
        except (ValueError, TypeError):
            continue  # unreadable steps: the status stays as it was
        if not is_completed(steps, reached_end=True):
            conn.execute("UPDATE sessions SET status = 'partial' WHERE id = ?", (session_id,))


MIGRATIONS: Mapping[int, Callable[[sqlite3.Connection], None]] = {
    0: _create_v1,
    1: _add_source,
    2: _mark_partial,
}
SCHEMA_VERSION = max(MIGRATIONS) + 1


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the history file; HistoryError if unusable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise HistoryError(f"{path}: cannot create its folder ({error.strerror})") from error
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=5.0)
    except sqlite3.Error as error:
        raise HistoryError(f"{path}: cannot open ({error})") from error
    try:
        _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    try:
        # Reading the header first: a file that is not SQLite fails here, before any write.
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.OperationalError as error:  # missing folder, no permission, locked
        raise HistoryError(f"{path}: cannot open ({error})") from error
    except sqlite3.DatabaseError as error:
        raise HistoryError(
            f"{path}: not a somatictimer history database ({error}); it was left untouched"
        ) from error
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"{path}: written by a newer somatictimer (history schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}); it was left untouched"
        )
    # Another program's file: it has tables of its own, or an application id not ours
    # (even when empty: the id says whose it is).
    if (version == 0 and tables) or app_id not in (0, APPLICATION_ID):
        raise HistoryError(
            f"{path}: an SQLite database, but not a somatictimer history; it was left untouched"
        )
    try:
        # WAL: readers never block the writer; synchronous=NORMAL keeps every commit safe
        # from a killed process (only a power cut can lose the last commits) and keeps a
        # save well under 5 ms.
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        if version < SCHEMA_VERSION:
            if version > 0:
                backup(conn, path, version)
            _migrate(conn, version)
    except sqlite3.Error as error:
        raise HistoryError(f"{path}: cannot prepare the history ({error})") from error


def backup(conn: sqlite3.Connection, path: Path, version: int) -> Path:
    """A consistent copy beside the file, e.g. `history.sqlite3.v1-20261125T093000.bak`."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    with sqlite3.connect(target) as copy:
        conn.backup(copy)
    copy.close()
    return target


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    """All steps in one transaction: a failed upgrade leaves the file as it was."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have upgraded the file while we waited for the write lock.
        version = max(version, int(conn.execute("PRAGMA user_version").fetchone()[0]))
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
