"""Practice days and streaks as the history view shows them: the day boundary's range, a
short session still counting for its day, and "today" when the caller does not say."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from somatictimer.core.history.stats import compute_stats
from somatictimer.core.history.store import HistoryStore, practice_day

from tests.core.test_history_helpers import CET, session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def noon_here() -> Iterator[datetime]:
    """The machine's time zone chosen so that it is about noon locally right now; yields
    that local time (the test then never runs into a local midnight)."""
    before = os.environ.get("TZ")
    utc_hour = time.gmtime().tm_hour
    offset_h = 12 - utc_hour  # -11 … +12
    os.environ["TZ"] = f"NOON{-offset_h:+d}"  # POSIX zones count west of UTC as positive
    time.tzset()
    yield datetime.now().astimezone()
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize("hour", [-1, 24])
def test_a_day_boundary_outside_the_day_is_refused(store: HistoryStore, hour: int) -> None:
    with pytest.raises(ValueError) as caught:
        store.stats(day_boundary_hour=hour, today=date(2026, 11, 20))
    assert str(caught.value) == f"day_boundary_hour: expected 0–23, found {hour}"


def test_the_last_boundary_hour_is_accepted(store: HistoryStore) -> None:
    store.save(session(datetime(2026, 11, 20, 22, 59, tzinfo=CET), practised_s=60))
    stats = store.stats(day_boundary_hour=23, today=date(2026, 11, 20))
    assert stats.minutes_by_day == {date(2026, 11, 19): 1.0}


def test_a_practice_day_starts_at_midnight_unless_told_otherwise() -> None:
    just_after = datetime(2026, 11, 20, 0, 30, tzinfo=CET)
    assert practice_day(just_after) == date(2026, 11, 20)
    assert practice_day(just_after, 1) == date(2026, 11, 19)


def test_stats_read_straight_from_the_file_start_days_at_midnight(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore(path) as store:
        store.save(session(datetime(2026, 11, 20, 0, 30, tzinfo=CET), practised_s=600))
    with sqlite3.connect(path) as conn:
        stats = compute_stats(conn, today=date(2026, 11, 20))
    conn.close()
    assert stats.minutes_by_day == {date(2026, 11, 20): 10.0}


def test_half_a_minute_of_practice_keeps_the_streak_going(store: HistoryStore) -> None:
    today = date(2026, 11, 20)
    for days_ago, seconds in ((0, 30), (1, 45), (2, 600)):
        started = datetime(2026, 11, 20, 8, 0, tzinfo=CET) - timedelta(days=days_ago)
        store.save(session(started, practised_s=seconds))
    assert store.stats(today=today).streak_days == 3
    assert store.stats(today=today + timedelta(days=1)).streak_days == 3  # none yet today


def test_without_a_today_the_streak_ends_on_the_current_practice_day(
    store: HistoryStore, noon_here: datetime
) -> None:
    """With the day starting at 23:00, noon belongs to the day before the calendar's: a
    session a day ago was "yesterday", so the streak is 1, not broken."""
    store.save(session(noon_here - timedelta(days=1), practised_s=600))
    stats = store.stats(day_boundary_hour=23)
    assert stats.streak_days == 1
    assert list(stats.minutes_by_day) == [noon_here.date() - timedelta(days=2)]
    assert store.stats().streak_days == 1  # midnight days: yesterday's session
