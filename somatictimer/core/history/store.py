"""The practice history: a crash-safe SQLite log of sessions (`history.sqlite3`).

One writer: a store owns one connection, and a lock serialises its calls, so the GUI
thread and a scheduler thread may share it. Every write is one transaction with
parameterized SQL. While a session runs, `checkpoint()` keeps its latest state in a row of
its own; `finish()` turns that into the saved session, and `recover()` (on the next start)
saves whatever checkpoint a crash left behind as a "recovered" session.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from somatictimer.core.history.records import (
    REGIONS,
    SOURCES,
    STATUSES,
    CheckIn,
    HistoryError,
    SessionRecord,
    StepRecord,
    check_record,
    record_from_dict,
    record_to_dict,
)
from somatictimer.core.history.schema import SCHEMA_VERSION, connect
from somatictimer.core.history.stats import Stats, compute_stats, practice_day

__all__ = [
    "REGIONS",
    "SCHEMA_VERSION",
    "SOURCES",
    "STATUSES",
    "CheckIn",
    "HistoryError",
    "HistoryStore",
    "SessionRecord",
    "Stats",
    "StepRecord",
    "practice_day",
]

_COLUMNS = (
    "id, started_at, ended_at, started_utc, utc_offset_s, start_day, sequence_id, "
    "sequence_name, tradition, planned_s, practised_s, status, pauses, notes, steps, "
    "checkin_before, checkin_after, source"
)
_INSERT = f"INSERT INTO sessions ({_COLUMNS}) VALUES ({', '.join('?' * 18)})"
_SELECT = f"SELECT {_COLUMNS} FROM sessions"


def _row(record: SessionRecord) -> tuple[Any, ...]:
    offset = record.started_at.utcoffset()
    assert offset is not None  # check_record has seen to it
    plain = record_to_dict(record)
    return (
        record.id,
        plain["started_at"],
        plain["ended_at"],
        record.started_at.timestamp(),
        int(offset.total_seconds()),
        record.started_at.date().isoformat(),
        record.sequence_id,
        record.sequence_name,
        record.tradition,
        float(record.planned_s),
        float(record.practised_s),
        record.status,
        record.pauses,
        record.notes,
        json.dumps(plain["steps"], ensure_ascii=False),
        _json_or_null(plain["checkin_before"]),
        _json_or_null(plain["checkin_after"]),
        record.source,
    )


def _json_or_null(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _record(row: Sequence[Any]) -> SessionRecord:
    """A stored row back to its record. Rows were checked when saved, so this skips the
    checks of record_from_dict: listing 100,000 sessions stays around a second."""
    (session_id, started, ended, _utc, _offset, _day, sequence_id, sequence_name, tradition,
     planned_s, practised_s, status, pauses, notes, steps, before, after, source) = row  # fmt: skip
    return SessionRecord(
        id=session_id,
        started_at=datetime.fromisoformat(started),
        ended_at=datetime.fromisoformat(ended),
        sequence_id=sequence_id,
        sequence_name=sequence_name,
        tradition=tradition,
        planned_s=planned_s,
        practised_s=practised_s,
        status=status,
        pauses=pauses,
        notes=notes,
        steps=tuple(_step(step) for step in json.loads(steps)),
        checkin_before=None if before is None else _checkin(json.loads(before)),
        checkin_after=None if after is None else _checkin(json.loads(after)),
        source=source,
    )


def _step(plain: dict[str, Any]) -> StepRecord:
    # A frozen dataclass's __init__ sets each field through object.__setattr__; filling
    # __dict__ directly is ~5x faster, which matters for 100,000 sessions of ~10 steps.
    step = object.__new__(StepRecord)
    step.__dict__.update(plain)
    return step


def _utc_bound(day: date, shift_s: float) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() + shift_s


_MAX_OFFSET_S = 26 * 3600  # UTC offsets span -12:00 … +14:00; a margin beyond both


def _checkin(plain: dict[str, Any]) -> CheckIn:
    return CheckIn(plain["tension"], plain["calm"], plain["note"])


def _tension_rows(record: SessionRecord) -> list[tuple[str, str, int, int]]:
    before, after = record.checkin_before, record.checkin_after
    if before is None or after is None:
        return []
    return [
        (record.id, region, before.tension[region], after.tension[region])
        for region in REGIONS
        if region in before.tension and region in after.tension
    ]


class HistoryStore:
    """Sessions in one SQLite file. Raises HistoryError when the file cannot be used."""

    def __init__(self, path: Path) -> None:
        """Open or create the file (and its folder), upgrading an older schema after a
        backup copy; refuses a newer schema or a file that is not our database."""
        self.path = path
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = connect(path)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise HistoryError(f"{self.path}: the history is closed")
            try:
                yield self._conn
            except sqlite3.Error as error:
                raise HistoryError(f"{self.path}: cannot read ({error})") from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error)."""
        with self._lock:
            if self._conn is None:
                raise HistoryError(f"{self.path}: the history is closed")
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(error, sqlite3.OperationalError) and "readonly" in str(error):
                    self._reopen()  # opened read-only: only a new connection can write later
                raise HistoryError(f"{self.path}: cannot save ({error})") from error

    def _reopen(self) -> None:
        """Replace the connection with a fresh one, if the file can be opened at all."""
        try:
            fresh = connect(self.path)
        except HistoryError:
            return
        if self._conn is not None:
            self._conn.close()
        self._conn = fresh

    def _exists(self, conn: sqlite3.Connection, session_id: str) -> bool:
        found = conn.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return found is not None

    def _insert(self, conn: sqlite3.Connection, record: SessionRecord) -> None:
        conn.execute(_INSERT, _row(record))
        conn.executemany("INSERT INTO tension VALUES (?, ?, ?, ?)", _tension_rows(record))

    def _remove(self, conn: sqlite3.Connection, session_id: str) -> None:
        conn.execute("DELETE FROM tension WHERE session_id = ?", (session_id,))
        conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    # -- sessions ------------------------------------------------------------------------

    def save(self, record: SessionRecord) -> None:
        """Add a new session. ValueError if the record is invalid or its id already saved."""
        check_record(record)
        with self.transaction() as conn:
            if self._exists(conn, record.id):
                raise ValueError(f"session {record.id} is already saved; use update()")
            self._insert(conn, record)

    def save_many(self, records: Sequence[SessionRecord], *, checked: bool = False) -> int:
        """Add the sessions not saved yet, in one transaction; returns how many were new.
        ``checked``: every record already passed ``check_record`` (an import's do)."""
        for record in records if not checked else ():
            check_record(record)
        added = 0
        with self.transaction() as conn:
            for record in records:
                if not self._exists(conn, record.id):
                    self._insert(conn, record)
                    added += 1
        return added

    def known_ids(self, session_ids: Iterable[str]) -> set[str]:
        """Which of these ids are saved sessions."""
        wanted = list(session_ids)
        found: set[str] = set()
        with self._read() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT id FROM sessions WHERE id IN ({marks})"
                found.update(row[0] for row in conn.execute(sql, chunk))
        return found

    def get(self, session_id: str) -> SessionRecord | None:
        with self._read() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (session_id,)).fetchone()
        return None if row is None else _record(row)

    def sessions(
        self,
        *,
        since: date | None = None,
        until: date | None = None,
        sequence_id: str | None = None,
        tradition: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SessionRecord]:
        """Newest first. `since`/`until` are inclusive local calendar days of the start;
        `limit`/`offset` page through a long history (a page of 200 reads in ~5 ms)."""
        where: list[str] = []
        params: list[Any] = []
        for clause, value in (
            ("start_day >= ?", None if since is None else since.isoformat()),
            ("start_day <= ?", None if until is None else until.isoformat()),
            # The same bounds in UTC, widened by the largest UTC offset, let SQLite walk
            # the started_utc index instead of reading every row.
            ("started_utc >= ?", None if since is None else _utc_bound(since, -_MAX_OFFSET_S)),
            (
                "started_utc < ?",
                None if until is None else _utc_bound(until, 86400 + _MAX_OFFSET_S),
            ),
            ("sequence_id = ?", sequence_id),
            ("tradition = ?", tradition),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
        sql += " ORDER BY started_utc DESC, id"
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else limit, offset]
        with self._read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [_record(row) for row in rows]

    def update(self, record: SessionRecord) -> None:
        """Replace a saved session (edited notes, duration, ...). KeyError if not saved."""
        check_record(record)
        with self.transaction() as conn:
            if not self._exists(conn, record.id):
                raise KeyError(f"no saved session {record.id}")
            self._remove(conn, record.id)
            self._insert(conn, record)

    def delete(self, session_id: str) -> SessionRecord | None:
        """Remove a session and return it (save() it again to undo); None if not saved."""
        with self.transaction() as conn:
            row = conn.execute(f"{_SELECT} WHERE id = ?", (session_id,)).fetchone()
            if row is None:
                return None
            self._remove(conn, session_id)
        return _record(row)

    # -- the running session ----------------------------------------------------------------

    def checkpoint(self, record: SessionRecord) -> None:
        """Keep the running session's latest state (call at least every 5 s). Give it the
        practised time and `ended_at` of now: that is what a crash recovers."""
        check_record(record)
        text = json.dumps(record_to_dict(record), ensure_ascii=False)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO checkpoints (id, record, written_utc) VALUES (?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET record = excluded.record, "
                "written_utc = excluded.written_utc",
                (record.id, text, time.time()),
            )

    def finish(self, record: SessionRecord) -> None:
        """Save the final record and drop its checkpoint, in one transaction."""
        check_record(record)
        with self.transaction() as conn:
            self._remove(conn, record.id)
            self._insert(conn, record)
            conn.execute("DELETE FROM checkpoints WHERE id = ?", (record.id,))

    def discard_checkpoint(self, session_id: str) -> None:
        """Forget a running session without saving it (e.g. shorter than the minimum)."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM checkpoints WHERE id = ?", (session_id,))

    def checkpoints(self) -> list[SessionRecord]:
        """The checkpoints currently stored (normally none, or the one running session)."""
        with self._read() as conn:
            rows = conn.execute("SELECT record FROM checkpoints ORDER BY written_utc").fetchall()
        return [record_from_dict(json.loads(text)) for (text,) in rows]

    def recover(
        self,
        owner_alive: Callable[[str, float], bool] = lambda session_id, written_utc: False,
        min_s: float = 0.0,
    ) -> list[SessionRecord]:
        """Save each checkpoint whose session is no longer running as a "recovered"
        session and return those sessions (for the app to tell the user once).
        ``owner_alive(id, written_utc)`` tells whether another process still runs a session:
        its checkpoint is left alone. A checkpoint shorter than ``min_s`` of practice, or of
        a session already saved, is dropped."""
        recovered: list[SessionRecord] = []
        with self.transaction() as conn:
            rows = conn.execute(
                "SELECT id, record, written_utc FROM checkpoints ORDER BY written_utc"
            )
            for session_id, text, written_utc in rows.fetchall():
                if owner_alive(session_id, written_utc):
                    continue
                conn.execute("DELETE FROM checkpoints WHERE id = ?", (session_id,))
                try:
                    record = replace(record_from_dict(json.loads(text)), status="recovered")
                except ValueError:
                    continue  # unreadable: nothing to recover
                if record.practised_s >= min_s and not self._exists(conn, record.id):
                    self._insert(conn, record)
                    recovered.append(record)
        return recovered

    # -- figures ---------------------------------------------------------------------------

    def stats(self, *, day_boundary_hour: int = 0, today: date | None = None) -> Stats:
        """Totals for the history view; `today` defaults to the current practice day."""
        with self._read() as conn:
            return compute_stats(conn, day_boundary_hour=day_boundary_hour, today=today)

    def sequences(self) -> list[tuple[str, str]]:
        """(name, id) of every sequence in the history, for filters (no full read)."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT DISTINCT sequence_name, sequence_id FROM sessions ORDER BY sequence_name"
            ).fetchall()
        return [(str(name), str(sequence_id)) for name, sequence_id in rows]

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def integrity_check(self) -> str:
        """`PRAGMA integrity_check`: "ok" for a sound file."""
        with self._read() as conn:
            return "\n".join(str(r[0]) for r in conn.execute("PRAGMA integrity_check"))
