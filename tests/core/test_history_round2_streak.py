"""A day whose only session lasted no time at all is not a day of practice."""

from __future__ import annotations

from datetime import date

from somatictimer.core.history.stats import streak


def test_a_day_of_zero_minutes_breaks_the_streak() -> None:
    today = date(2026, 11, 29)
    days = {date(2026, 11, 29): 10.0, date(2026, 11, 28): 0.0, date(2026, 11, 27): 12.0}
    assert streak(days, today) == 1
    assert streak({**days, date(2026, 11, 28): 0.5}, today) == 3
