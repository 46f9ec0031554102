"""What callers of the history store rely on beyond save/get: messages that name the file,
finishing over a saved session, long id lists, paging with filters, the sequence filter
list, recovery past a broken checkpoint, the day filters wherever the machine is."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from somatictimer.core.history.store import HistoryError, HistoryStore

from tests.core.test_history_helpers import CET, session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def kiribati() -> Iterator[None]:
    """The machine's own time zone set to UTC+14 (Line Islands) for one test."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "LINT-14"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_closed_store_says_which_history_is_closed(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "mine.sqlite3")
    store.close()
    with pytest.raises(HistoryError, match=r"mine\.sqlite3: the history is closed"):
        store.get("x")


def test_updating_an_unsaved_session_names_it(store: HistoryStore) -> None:
    record = session(session_id="c" * 32)
    with pytest.raises(KeyError, match=f"no saved session {'c' * 32}"):
        store.update(record)


def test_finishing_a_session_already_saved_replaces_it(store: HistoryStore) -> None:
    """The end screen saves again after the notes or the after check-in change."""
    record = session()
    store.finish(record)
    edited = replace(record, notes="calmer")
    store.finish(edited)
    assert store.sessions() == [edited]


def test_save_many_adds_only_what_is_new(store: HistoryStore) -> None:
    old, new = session(), session()
    store.save(old)
    assert store.save_many([old, new]) == 1
    assert {r.id for r in store.sessions()} == {old.id, new.id}


def test_known_ids_finds_saved_sessions_anywhere_in_a_long_list(store: HistoryStore) -> None:
    """An import of a few thousand sessions asks about all their ids at once."""
    wanted = [f"{n:032x}" for n in range(1201)]
    saved = {wanted[i] for i in (0, 1, 499, 500, 501, 999, 1000, 1200)}
    store.save_many([session(session_id=i) for i in sorted(saved)])
    assert store.known_ids(wanted) == saved
    assert store.known_ids(wanted[:3]) == {wanted[0], wanted[1]}
    assert store.known_ids([]) == set()


def test_a_page_of_a_filtered_list_keeps_the_filter(store: HistoryStore) -> None:
    start = datetime(2026, 1, 1, 8, 0, tzinfo=CET)
    mornings = [session(start + timedelta(days=n), sequence_id="morning") for n in range(4)]
    evenings = [
        session(start + timedelta(days=n, hours=9), sequence_id="evening") for n in range(4)
    ]
    store.save_many(mornings + evenings)
    newest_mornings = [r.id for r in reversed(mornings)]
    assert [r.id for r in store.sessions(sequence_id="morning", limit=2)] == newest_mornings[:2]
    page = store.sessions(sequence_id="morning", since=date(2026, 1, 2), offset=1)
    assert [r.id for r in page] == newest_mornings[1:3]


def test_the_sequence_filter_lists_each_sequence_once_by_name(store: HistoryStore) -> None:
    assert store.sequences() == []
    day = datetime(2026, 11, 20, 7, 0, tzinfo=CET)
    store.save(session(day, sequence_id="wind-down"))
    store.save(session(day + timedelta(hours=1), sequence_id="morning"))
    store.save(session(day + timedelta(days=1), sequence_id="morning"))
    assert store.sequences() == [("Morning", "morning"), ("Wind-Down", "wind-down")]


def test_a_broken_checkpoint_does_not_stop_the_next_one_being_recovered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    running = session(practised_s=90.0)
    with HistoryStore(path) as store:
        store.checkpoint(running)
    with sqlite3.connect(path) as conn:  # older than the good one, and not a record at all
        conn.execute("INSERT INTO checkpoints VALUES ('broken', '{\"id\": 7}', 0)")
    conn.close()
    with HistoryStore(path) as store:
        (recovered,) = store.recover()
        assert (recovered.id, recovered.status) == (running.id, "recovered")
        assert store.sessions() == [recovered] and store.checkpoints() == []


def test_stats_count_a_session_just_after_midnight_for_its_own_day(store: HistoryStore) -> None:
    store.save(session(datetime(2026, 11, 20, 0, 30, tzinfo=CET), practised_s=600))
    stats = store.stats(today=date(2026, 11, 20))
    assert stats.minutes_by_day == {date(2026, 11, 20): 10.0}
    assert stats.streak_days == 1


def test_a_store_opened_on_one_thread_is_used_from_another(store: HistoryStore) -> None:
    """The scheduler thread checkpoints into the store the GUI thread opened."""
    record = session()
    problems: list[BaseException] = []

    def work() -> None:
        try:
            store.checkpoint(record)
        except BaseException as error:  # handed to the test thread
            problems.append(error)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert problems == []
    assert [r.id for r in store.checkpoints()] == [record.id]


def test_day_filters_do_not_depend_on_the_machines_time_zone(
    store: HistoryStore, kiribati: None
) -> None:
    """Sessions keep the offset they were practised in; a filter by day means that local
    day, whatever zone the computer is set to now."""
    far_west = timezone(timedelta(hours=-14))
    late = session(datetime(2026, 11, 20, 23, 0, tzinfo=far_west))
    early = session(datetime(2026, 11, 21, 0, 30, tzinfo=timezone(timedelta(hours=14))))
    store.save_many([late, early])
    assert [r.id for r in store.sessions(until=date(2026, 11, 20))] == [late.id]
    assert [r.id for r in store.sessions(since=date(2026, 11, 21))] == [early.id]
    assert [r.id for r in store.sessions(since=date(2026, 11, 20), until=date(2026, 11, 20))] == [
        late.id
    ]


def test_integrity_problems_come_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.save_many([session(), session()])
    with sqlite3.connect(path) as conn:  # the index now claims a column it never indexed
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE INDEX sessions_by_day ON sessions (notes)' "
            "WHERE name = 'sessions_by_day'"
        )
    conn.close()
    with HistoryStore(path) as store:
        assert store.integrity_check().splitlines() == [
            "row 1 missing from index sessions_by_day",
            "row 2 missing from index sessions_by_day",
        ]
