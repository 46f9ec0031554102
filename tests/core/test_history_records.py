"""Reading a session back from JSON: every wrong key is named with what was expected."""

from __future__ import annotations

import pytest
from somatictimer.core.history.records import (
    CheckIn,
    record_from_dict,
    record_to_dict,
)

from tests.core.test_history_helpers import session


def good() -> dict:  # type: ignore[type-arg]
    record = session(before=CheckIn({"hips": 6}, 4, "tight"), after=CheckIn({}, None, ""))
    return record_to_dict(record)


def refusal(data) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError) as caught:
        record_from_dict(data)
    return str(caught.value)


def test_a_session_round_trips_with_its_check_ins_and_steps() -> None:
    data = good()
    record = record_from_dict(data)
    assert record_to_dict(record) == data
    assert record.checkin_before == CheckIn({"hips": 6}, 4, "tight")
    assert record.checkin_after == CheckIn({}, None, "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": 5}, '"id": expected text, found 5'),
        ({"pauses": True}, '"pauses": expected a whole number, found True'),
        ({"pauses": 1.5}, '"pauses": expected a whole number, found 1.5'),
        ({"planned_s": "60"}, "\"planned_s\": expected a number, found '60'"),
        ({"steps": {}}, '"steps": expected a list, found {}'),
        ({"steps": [3]}, '"steps"[0]: expected an object, found 3'),
        (
            {"started_at": "yesterday"},
            "\"started_at\": expected an ISO 8601 time, found 'yesterday'",
        ),
        (
            {"started_at": "2026-11-20T08:00:00"},
            "\"started_at\": expected a time with a UTC offset, found '2026-11-20T08:00:00'",
        ),
        ({"checkin_before": 3}, '"checkin_before": expected an object or null, found 3'),
        ({"checkin_after": {"tension": []}}, '"tension": expected an object, found []'),
        (
            {"checkin_after": {"calm": "7"}},
            "\"calm\": expected a whole number or NoneType, found '7'",
        ),
        ({"status": "done"}, "status: expected one of"),
    ],
)
def test_each_wrong_value_is_named(change: dict, message: str) -> None:  # type: ignore[type-arg]
    assert refusal({**good(), **change}).startswith(message)


def test_missing_keys_and_defaults() -> None:
    data = good()
    del data["sequence_name"]
    assert refusal(data) == '"sequence_name" is missing'
    minimal = good()
    for key in ("sequence_id", "tradition", "pauses", "notes", "steps", "source"):
        minimal.pop(key)
    minimal["checkin_before"] = minimal["checkin_after"] = None
    record = record_from_dict(minimal)
    assert (record.sequence_id, record.tradition, record.pauses, record.notes) == ("", "", 0, "")
    assert record.steps == () and record.source == "app" and record.checkin_before is None
    assert refusal([1]) == "expected a session object, found list"
