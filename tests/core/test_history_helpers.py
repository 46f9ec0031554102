"""Builders and hypothesis strategies for history records (shared by the history tests)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st
from somatictimer.core.history.store import (
    REGIONS,
    SOURCES,
    STATUSES,
    CheckIn,
    SessionRecord,
    StepRecord,
)

CET = timezone(timedelta(hours=1))


def session(
    started: datetime = datetime(2026, 11, 20, 7, 30, tzinfo=CET),
    *,
    practised_s: float = 600.0,
    tradition: str = "yoga",
    sequence_id: str = "morning",
    status: str = "completed",
    before: CheckIn | None = None,
    after: CheckIn | None = None,
    session_id: str | None = None,
) -> SessionRecord:
    return SessionRecord(
        id=session_id or uuid.uuid4().hex,
        started_at=started,
        ended_at=started + timedelta(seconds=practised_s + 30),
        sequence_id=sequence_id,
        sequence_name=sequence_id.title(),
        tradition=tradition,
        planned_s=practised_s,
        practised_s=practised_s,
        status=status,
        steps=(StepRecord("cat-cow", "Cat–cow", "", 60.0, 61.5),),
        checkin_before=before,
        checkin_after=after,
    )


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_seconds = st.floats(min_value=0, max_value=36_000, allow_nan=False, allow_infinity=False)
_score = st.integers(0, 10)
_zones = st.builds(
    lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-14 * 60, 14 * 60)
)
checkins = st.builds(
    CheckIn,
    tension=st.dictionaries(st.sampled_from(REGIONS), _score),
    calm=st.none() | _score,
    note=_text,
)
steps = st.builds(
    StepRecord, _text, _text, st.sampled_from(["", "right", "left"]), _seconds, _seconds
)


@st.composite
def records(draw: st.DrawFn) -> SessionRecord:
    started = draw(st.datetimes(datetime(1990, 1, 1), datetime(2090, 1, 1), timezones=_zones))
    return SessionRecord(
        id=uuid.UUID(int=draw(st.integers(0, 2**128 - 1))).hex,
        started_at=started,
        ended_at=(started + draw(st.timedeltas(timedelta(0), timedelta(hours=3)))).astimezone(
            draw(_zones)
        ),
        sequence_id=draw(_text),
        sequence_name=draw(_text),
        tradition=draw(_text),
        planned_s=draw(_seconds),
        practised_s=draw(_seconds),
        status=draw(st.sampled_from(STATUSES)),
        pauses=draw(st.integers(0, 1000)),
        notes=draw(_text),
        steps=tuple(draw(st.lists(steps, max_size=4))),
        checkin_before=draw(st.none() | checkins),
        checkin_after=draw(st.none() | checkins),
        source=draw(st.sampled_from(SOURCES)),
    )
