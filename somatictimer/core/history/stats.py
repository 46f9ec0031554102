"""Practice totals from the history database: per day, week, month, tradition; tension trend.

The sums run in SQL over a covering index, so 100,000 sessions cost a few tens of ms.
A session counts for the local day it started on, where a day begins at the day boundary
hour (with 3, a session started at 02:59 belongs to the day before).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# Seconds from 0001-01-01 to 1970-01-01: shifts local epoch seconds to positive day numbers
# so CAST (which truncates) floors, and the result is date.toordinal() - 1.
_EPOCH_SHIFT_S = (date(1970, 1, 1).toordinal() - 1) * 86400

_BY_DAY = f"""
SELECT CAST((started_utc + utc_offset_s - ? + {_EPOCH_SHIFT_S}) / 86400 AS INTEGER) AS d,
       SUM(practised_s), COUNT(*)
FROM sessions GROUP BY d ORDER BY d
"""
_BY_TRADITION = "SELECT tradition, SUM(practised_s) FROM sessions GROUP BY tradition"
_TENSION = "SELECT region, AVG(before), AVG(after), COUNT(*) FROM tension GROUP BY region"


@dataclass(frozen=True)
class Stats:
    minutes_by_day: Mapping[date, float]  # local practice day -> minutes
    weekly_minutes: Mapping[date, float]  # Monday of the ISO week -> minutes
    monthly_minutes: Mapping[date, float]  # 1st of the month -> minutes
    by_tradition: Mapping[str, float]  # minutes
    tension_before_after: Mapping[str, tuple[float, float, int]]  # region -> (before, after, n)
    streak_days: int  # consecutive practice days ending today (or yesterday)
    total_sessions: int
    total_minutes: float


def practice_day(moment: datetime, day_boundary_hour: int = 0) -> date:
    """The local practice day a moment belongs to (in the moment's own UTC offset)."""
    return (moment - timedelta(hours=day_boundary_hour)).date()


def compute_stats(
    conn: sqlite3.Connection, *, day_boundary_hour: int = 0, today: date | None = None
) -> Stats:
    if not 0 <= day_boundary_hour < 24:
        raise ValueError(f"day_boundary_hour: expected 0–23, found {day_boundary_hour}")
    if today is None:
        today = practice_day(datetime.now().astimezone(), day_boundary_hour)
    by_day: dict[date, float] = {}
    weekly: dict[int, float] = {}  # keyed by the Monday's ordinal
    monthly: dict[tuple[int, int], float] = {}
    total_sessions = 0
    total_s = 0.0
    # Rows come ordered by day, so every dict below is in date order without sorting.
    for days, seconds, count in conn.execute(_BY_DAY, (day_boundary_hour * 3600,)):
        day = date.fromordinal(days + 1)  # 0001-01-01, ordinal 1, was a Monday
        minutes = seconds / 60
        by_day[day] = minutes
        monday = days + 1 - days % 7
        weekly[monday] = weekly.get(monday, 0.0) + minutes
        month = (day.year, day.month)
        monthly[month] = monthly.get(month, 0.0) + minutes
        total_sessions += count
        total_s += seconds
    by_tradition = {name: s / 60 for name, s in conn.execute(_BY_TRADITION)}
    tension = {
        region: (float(before), float(after), int(n))
        for region, before, after, n in conn.execute(_TENSION)
    }
    return Stats(
        minutes_by_day=by_day,
        weekly_minutes={date.fromordinal(monday): m for monday, m in weekly.items()},
        monthly_minutes={date(y, m, 1): minutes for (y, m), minutes in monthly.items()},
        by_tradition=by_tradition,
        tension_before_after=tension,
        streak_days=streak(by_day, today),
        total_sessions=total_sessions,
        total_minutes=total_s / 60,
    )


def streak(days: Mapping[date, float], today: date) -> int:
    """Consecutive days with practice ending today, or yesterday if none yet today."""
    practised = {day.toordinal() for day, minutes in days.items() if minutes > 0}
    day = today.toordinal()
    if day not in practised:
        day -= 1
    count = 0
    while day in practised:  # whole numbers: a streak of years is counted in milliseconds
        count += 1
        day -= 1
    return count
