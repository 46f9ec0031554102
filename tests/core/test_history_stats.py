"""History stats: minutes per day (with the day boundary), week, month, tradition; trend; streak."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somatictimer.core.history.stats import streak
from somatictimer.core.history.store import CheckIn, HistoryStore, SessionRecord, practice_day

from tests.conftest import examples
from tests.core.test_history_helpers import CET, records, session


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_an_empty_history_has_zero_everything(store: HistoryStore) -> None:
    stats = store.stats(today=date(2026, 11, 25))
    assert stats.minutes_by_day == {} and stats.by_tradition == {}
    assert (stats.streak_days, stats.total_sessions, stats.total_minutes) == (0, 0, 0.0)


def test_the_day_boundary_moves_early_morning_sessions_to_the_day_before(
    store: HistoryStore,
) -> None:
    store.save(session(datetime(2026, 11, 20, 2, 59, tzinfo=CET), practised_s=600))
    store.save(session(datetime(2026, 11, 20, 3, 0, tzinfo=CET), practised_s=1200))
    midnight = store.stats(today=date(2026, 11, 20))
    assert midnight.minutes_by_day == {date(2026, 11, 20): 30.0}
    three = store.stats(day_boundary_hour=3, today=date(2026, 11, 20))
    assert three.minutes_by_day == {date(2026, 11, 19): 10.0, date(2026, 11, 20): 20.0}


def test_days_are_local_to_the_offset_the_session_was_practised_in(
    store: HistoryStore,
) -> None:
    """23:30 in Tokyo is 14:30 UTC: it counts for the Tokyo day, wherever we are now."""
    tokyo = timezone(timedelta(hours=9))
    store.save(session(datetime(2026, 11, 20, 23, 30, tzinfo=tokyo), practised_s=60))
    assert store.stats(today=date(2026, 11, 20)).minutes_by_day == {date(2026, 11, 20): 1.0}


def test_weekly_monthly_tradition_and_totals(store: HistoryStore) -> None:
    # Sunday 29 Nov, Monday 30 Nov (a new ISO week) and Tuesday 1 Dec 2026 (a new month).
    store.save(session(datetime(2026, 11, 29, 8, 0, tzinfo=CET), practised_s=600))
    store.save(
        session(datetime(2026, 11, 30, 8, 0, tzinfo=CET), practised_s=1200, tradition="qigong")
    )
    store.save(
        session(datetime(2026, 12, 1, 8, 0, tzinfo=CET), practised_s=300, tradition="qigong")
    )
    stats = store.stats(today=date(2026, 12, 2))
    assert stats.weekly_minutes == {date(2026, 11, 23): 10.0, date(2026, 11, 30): 25.0}
    assert stats.monthly_minutes == {date(2026, 11, 1): 30.0, date(2026, 12, 1): 5.0}
    assert stats.by_tradition == {"yoga": 10.0, "qigong": 25.0}
    assert (stats.total_sessions, stats.total_minutes) == (3, 35.0)


def test_tension_trend_counts_only_regions_rated_before_and_after(store: HistoryStore) -> None:
    store.save(
        session(
            before=CheckIn({"jaw": 8, "hips": 5, "feet": 2}, calm=3),
            after=CheckIn({"jaw": 2, "hips": 4}, calm=8),
        )
    )
    store.save(session(before=CheckIn({"jaw": 6}), after=CheckIn({"jaw": 4})))
    store.save(session(before=CheckIn({"jaw": 9})))  # no after: not in the trend
    trend = store.stats(today=date(2026, 11, 20)).tension_before_after
    assert trend == {"jaw": (7.0, 3.0, 2), "hips": (5.0, 4.0, 1)}


def test_streak_ends_today_or_yesterday_and_breaks_on_a_gap() -> None:
    days = {date(2026, 11, d): 10.0 for d in (15, 17, 18, 19)}
    assert streak(days, date(2026, 11, 19)) == 3
    assert streak(days, date(2026, 11, 20)) == 3  # nothing yet today: counts to yesterday
    assert streak(days, date(2026, 11, 21)) == 0
    assert streak({}, date(2026, 11, 21)) == 0


def test_streak_uses_the_day_boundary(store: HistoryStore) -> None:
    store.save(session(datetime(2026, 11, 18, 21, 0, tzinfo=CET)))
    store.save(session(datetime(2026, 11, 20, 1, 0, tzinfo=CET)))  # late night of the 19th
    assert store.stats(today=date(2026, 11, 19)).streak_days == 1
    assert store.stats(day_boundary_hour=3, today=date(2026, 11, 19)).streak_days == 2


@settings(max_examples=examples(25), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(records(), max_size=15, unique_by=lambda r: r.id), hour=st.integers(0, 23))
def test_sql_sums_agree_with_python_over_the_records(
    tmp_path_factory: pytest.TempPathFactory, batch: list[SessionRecord], hour: int
) -> None:
    with HistoryStore(tmp_path_factory.mktemp("h") / "history.sqlite3") as store:
        store.save_many(batch)
        stats = store.stats(day_boundary_hour=hour, today=date(2026, 1, 1))
    expected: dict[date, float] = defaultdict(float)
    for record in batch:
        expected[practice_day(record.started_at, hour)] += record.practised_s / 60
    assert stats.minutes_by_day.keys() == expected.keys()
    for day, minutes in expected.items():
        assert stats.minutes_by_day[day] == pytest.approx(minutes)
    weekly: dict[date, float] = defaultdict(float)
    monthly: dict[date, float] = defaultdict(float)
    for day, minutes in expected.items():
        weekly[day - timedelta(days=day.weekday())] += minutes
        monthly[day.replace(day=1)] += minutes
    assert stats.weekly_minutes == pytest.approx(dict(weekly))
    assert stats.monthly_minutes == pytest.approx(dict(monthly))
    assert list(stats.minutes_by_day) == sorted(expected)
    assert stats.total_sessions == len(batch)
    assert stats.total_minutes == pytest.approx(sum(r.practised_s for r in batch) / 60)
