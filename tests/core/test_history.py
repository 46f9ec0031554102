"""History store: save/get/list/edit/delete, schema migrations, and never losing practice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somatictimer.core.history import schema as history_schema
from somatictimer.core.history.store import (
    SCHEMA_VERSION,
    CheckIn,
    HistoryError,
    HistoryStore,
    SessionRecord,
)

from tests.conftest import examples
from tests.core.test_history_helpers import CET, records, session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "data" / "history.sqlite3") as opened:
        yield opened


def test_a_new_store_creates_its_folder_and_a_wal_file_at_the_current_schema(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a" / "b" / "history.sqlite3"
    HistoryStore(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert not list(path.parent.glob("*.bak"))  # nothing to back up in a new file


def test_saved_session_reads_back_equal(store: HistoryStore) -> None:
    record = session(
        before=CheckIn({"jaw": 6, "hips": 3}, calm=4, note="tight"),
        after=CheckIn({"jaw": 2}, calm=8),
    )
    store.save(record)
    assert store.get(record.id) == record
    assert store.get("missing") is None


@settings(max_examples=examples(60), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_any_record_round_trips_through_save_and_get(
    store: HistoryStore, record: SessionRecord
) -> None:
    if store.get(record.id) is None:
        store.save(record)
    else:
        store.update(record)
    got = store.get(record.id)
    assert got == record
    assert got is not None and got.started_at.utcoffset() == record.started_at.utcoffset()


def test_saving_the_same_id_twice_is_refused(store: HistoryStore) -> None:
    record = session()
    store.save(record)
    with pytest.raises(ValueError, match="already saved"):
        store.save(record)


def test_invalid_records_are_refused_before_writing(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="status"):
        store.save(replace(session(), status="done"))
    with pytest.raises(ValueError, match="timezone-aware"):
        store.save(replace(session(), started_at=datetime(2026, 1, 1)))
    with pytest.raises(ValueError, match=r"checkin_before\.tension\.jaw"):
        store.save(session(before=CheckIn({"jaw": 11})))
    with pytest.raises(ValueError, match="unknown region"):
        store.save(session(before=CheckIn({"elbow": 1})))
    assert store.sessions() == []


def test_sessions_are_newest_first_and_filter_by_day_sequence_and_tradition(
    store: HistoryStore,
) -> None:
    day = datetime(2026, 11, 10, 23, 30, tzinfo=CET)
    a = session(day, sequence_id="morning", tradition="yoga")
    b = session(day + timedelta(hours=1), sequence_id="evening", tradition="qigong")
    c = session(day + timedelta(days=2), sequence_id="morning", tradition="qigong")
    for record in (b, a, c):
        store.save(record)
    assert [r.id for r in store.sessions()] == [c.id, b.id, a.id]
    # b started at 00:30 local on the 11th: local calendar days, not UTC ones.
    assert [r.id for r in store.sessions(since=date(2026, 11, 11))] == [c.id, b.id]
    assert [r.id for r in store.sessions(until=date(2026, 11, 10))] == [a.id]
    assert [r.id for r in store.sessions(sequence_id="morning")] == [c.id, a.id]
    assert [r.id for r in store.sessions(tradition="qigong", until=date(2026, 11, 11))] == [b.id]


def test_update_edits_and_delete_returns_the_record_for_undo(store: HistoryStore) -> None:
    record = session(before=CheckIn({"jaw": 5}), after=CheckIn({"jaw": 1}))
    store.save(record)
    edited = replace(record, notes="felt lighter", practised_s=540.0)
    store.update(edited)
    assert store.get(record.id) == edited
    deleted = store.delete(record.id)
    assert deleted == edited
    assert store.get(record.id) is None
    assert store.stats(today=date(2026, 11, 20)).tension_before_after == {}
    assert store.delete(record.id) is None
    store.save(deleted)  # undo
    assert store.get(record.id) == edited
    assert store.stats(today=date(2026, 11, 20)).tension_before_after == {"jaw": (5.0, 1.0, 1)}
    with pytest.raises(KeyError):
        store.update(session())


# -- migrations and files that are not ours ---------------------------------------------------


def _v1_database(path: Path) -> None:
    """A history file as the first release wrote it, with one session in it."""
    conn = sqlite3.connect(path)
    conn.executescript(history_schema.SCHEMA_V1)
    conn.execute(f"PRAGMA application_id = {history_schema.APPLICATION_ID}")
    conn.execute(
        "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "0123456789abcdef0123456789abcdef",
            "2025-03-01T07:00:00+01:00",
            "2025-03-01T07:20:00+01:00",
            datetime.fromisoformat("2025-03-01T07:00:00+01:00").timestamp(),
            3600,
            "2025-03-01",
            "morning",
            "Morning",
            "yoga",
            1200.0,
            1150.0,
            "completed",
            1,
            "old note",
            '[{"pose_id": "cat-cow", "pose_name": "Cat–cow", "side": "", '
            '"planned_s": 60.0, "actual_s": 60.0}]',
            '{"tension": {"jaw": 7}, "calm": 3, "note": ""}',
            '{"tension": {"jaw": 2}, "calm": 8, "note": ""}',
        ),
    )
    conn.execute(
        "INSERT INTO tension VALUES (?, 'jaw', 7, 2)", ("0123456789abcdef0123456789abcdef",)
    )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_a_v1_database_upgrades_with_its_data_intact_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    _v1_database(path)
    with HistoryStore(path) as store:
        record = store.get("0123456789abcdef0123456789abcdef")
        assert record is not None
        assert (record.notes, record.source, record.practised_s) == ("old note", "app", 1150.0)
        assert record.checkin_before == CheckIn({"jaw": 7}, 3)
        assert record.started_at.isoformat() == "2025-03-01T07:00:00+01:00"
        assert store.stats(today=date(2025, 3, 1)).tension_before_after == {"jaw": (7.0, 2.0, 1)}
        store.save(replace(session(), source="terminal"))
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    (backup,) = tmp_path.glob("history.sqlite3.v1-*.bak")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT notes FROM sessions").fetchall() == [("old note",)]


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(HistoryError, match=r"history\.sqlite3: written by a newer"):
        HistoryStore(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"this is not a database, just some text\n" * 100, b"\x00" * 10 + b"junk"]
)
def test_a_file_that_is_not_sqlite_is_reported_and_never_overwritten(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(content)
    with pytest.raises(HistoryError, match=r"history\.sqlite3: not a somatictimer history"):
        HistoryStore(path)
    assert path.read_bytes() == content


def test_some_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(HistoryError, match="not a somatictimer history"):
        HistoryStore(path)


def test_a_read_only_folder_is_a_history_error_saying_it_cannot_open(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root writes through mode bits; /proc refuses new files to anyone
        folder = Path("/proc")
    with pytest.raises(HistoryError, match=r"history\.sqlite3: cannot open"):
        HistoryStore(folder / "history.sqlite3")
    assert not (folder / "history.sqlite3").exists()


def test_an_unwritable_folder_is_a_history_error_naming_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(HistoryError, match=r"history\.sqlite3"):
        HistoryStore(blocker / "history.sqlite3")


# -- the running session ----------------------------------------------------------------------


def test_finish_saves_the_session_and_drops_its_checkpoint(store: HistoryStore) -> None:
    record = session()
    store.checkpoint(replace(record, practised_s=5.0, status="recovered"))
    store.checkpoint(replace(record, practised_s=10.0, status="recovered"))
    assert [r.practised_s for r in store.checkpoints()] == [10.0]
    store.finish(record)
    assert store.checkpoints() == []
    assert store.get(record.id) == record
    assert store.recover() == []


def test_a_discarded_checkpoint_is_not_recovered(store: HistoryStore) -> None:
    record = session(practised_s=20.0)
    store.checkpoint(record)
    store.discard_checkpoint(record.id)
    assert store.recover() == []
    assert store.sessions() == []


def test_after_a_crash_the_last_checkpoint_is_recovered_once_and_the_file_is_sound(
    tmp_path: Path,
) -> None:
    """Simulated kill -9: a second connection writes checkpoints and is never closed."""
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        kept = session(datetime(2026, 11, 19, 8, 0, tzinfo=CET))
        store.save(kept)
    crashed = HistoryStore(path)
    running = session(practised_s=0.0, status="completed")
    for elapsed_s in range(0, 65, 5):
        crashed.checkpoint(
            replace(
                running,
                practised_s=float(elapsed_s),
                ended_at=running.started_at + timedelta(seconds=elapsed_s),
            )
        )
    # No close(), no finish(): the process "dies" here with the WAL not checkpointed.
    with HistoryStore(path) as store:
        assert store.integrity_check() == "ok"
        (recovered,) = store.recover()
        assert recovered.id == running.id
        assert recovered.status == "recovered"
        assert recovered.practised_s == 60.0
        assert store.get(running.id) == recovered
        assert store.get(kept.id) == kept
        assert store.recover() == []  # told once
        assert store.integrity_check() == "ok"
    crashed.close()


def test_a_checkpoint_of_an_already_saved_session_is_dropped_not_duplicated(
    store: HistoryStore,
) -> None:
    record = session()
    store.save(record)
    store.checkpoint(record)
    assert store.recover() == []
    assert store.sessions() == [record]


def test_using_a_closed_store_is_a_history_error(store: HistoryStore) -> None:
    store.close()
    with pytest.raises(HistoryError, match="closed"):
        store.sessions()


def test_sessions_page_through_a_long_history(store: HistoryStore) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=CET)
    saved = [session(start + timedelta(days=n)) for n in range(7)]
    store.save_many(saved)
    newest_first = [r.id for r in reversed(saved)]
    assert [r.id for r in store.sessions(limit=3)] == newest_first[:3]
    assert [r.id for r in store.sessions(limit=3, offset=3)] == newest_first[3:6]
    assert [r.id for r in store.sessions(offset=5)] == newest_first[5:]


@settings(max_examples=examples(30), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    batch=st.lists(records(), max_size=12, unique_by=lambda r: r.id),
    since=st.none() | st.dates(date(1989, 12, 30), date(2090, 1, 2)),
    until=st.none() | st.dates(date(1989, 12, 30), date(2090, 1, 2)),
)
def test_date_filters_match_the_local_calendar_day_of_the_start(
    tmp_path_factory: pytest.TempPathFactory,
    batch: list[SessionRecord],
    since: date | None,
    until: date | None,
) -> None:
    with HistoryStore(tmp_path_factory.mktemp("h") / "history.sqlite3") as store:
        store.save_many(batch)
        got = {r.id for r in store.sessions(since=since, until=until)}
    expected = {
        r.id
        for r in batch
        if (since is None or r.started_at.date() >= since)
        and (until is None or r.started_at.date() <= until)
    }
    assert got == expected


def test_a_path_that_cannot_be_opened_says_so_and_names_it(tmp_path: Path) -> None:
    folder = tmp_path / "history.sqlite3"
    folder.mkdir()  # a folder where the file should be
    with pytest.raises(HistoryError, match=r"history\.sqlite3: cannot open"):
        HistoryStore(folder)


KILLED_WRITER = r"""
import sys, uuid
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from somatictimer.core.history.store import HistoryStore, SessionRecord

store = HistoryStore(Path(sys.argv[1]))
started = datetime(2026, 11, 20, 7, 0, tzinfo=timezone(timedelta(hours=1)))
record = SessionRecord(uuid.uuid4().hex, started, started, "s", "S", "yoga", 600.0, 0.0,
                       "completed", source="terminal")
elapsed_s = 0
while True:
    elapsed_s += 5
    store.checkpoint(replace(record, practised_s=float(elapsed_s),
                             ended_at=started + timedelta(seconds=elapsed_s)))
    print(elapsed_s, flush=True)
"""


@pytest.mark.parametrize("kill_after", [1, 7, 40])
def test_a_process_killed_mid_session_is_recovered_to_its_last_checkpoint(
    tmp_path: Path, kill_after: int
) -> None:
    """kill -9 while checkpoints are being written: the file stays sound and the session
    comes back with the practised time of a checkpoint the writer had committed."""
    path = tmp_path / "history.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert child.stdout is not None
    committed = [int(child.stdout.readline()) for _ in range(kill_after)]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    with HistoryStore(path) as store:
        assert store.integrity_check() == "ok"
        (recovered,) = store.recover()
        # The writer runs ahead of our reading (it is killed mid-write, at a random
        # point): what it had reported committed is never lost, and what comes back is
        # one whole checkpoint.
        assert recovered.practised_s >= committed[-1]
        assert recovered.practised_s % 5 == 0
        assert (recovered.status, recovered.source) == ("recovered", "terminal")
        assert store.sessions() == [recovered]
        assert store.integrity_check() == "ok"
