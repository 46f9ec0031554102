"""Which records the history refuses, and the sentence it refuses them with (an import
shows it next to the line), and what a minimal imported session fills in for itself."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest
from somatictimer.core.history.records import (
    CheckIn,
    SessionRecord,
    StepRecord,
    check_record,
    record_from_dict,
    record_to_dict,
)

from tests.core.test_history_helpers import session


def _refusal(record: SessionRecord) -> str:
    with pytest.raises(ValueError) as caught:
        check_record(record)
    return str(caught.value)


def _step(**change: Any) -> StepRecord:
    return replace(StepRecord("cat-cow", "Cat–cow", "", 60.0, 61.5), **change)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": ""}, "id: expected a non-empty id"),
        (
            {"status": "done"},
            "status: expected one of completed, partial, stopped, recovered, found 'done'",
        ),
        (
            {"source": "phone"},
            "source: expected one of app, terminal, manual, import, found 'phone'",
        ),
        (
            {"checkin_before": CheckIn(calm=11)},
            "checkin_before.calm: expected 0–10 or null, found 11",
        ),
        (
            {"checkin_after": CheckIn({"jaw": 11})},
            "checkin_after.tension.jaw: expected 0–10, found 11",
        ),
        (
            {"checkin_after": CheckIn(calm=-1)},
            "checkin_after.calm: expected 0–10 or null, found -1",
        ),
    ],
)
def test_a_bad_value_is_refused_with_a_sentence_naming_it(
    change: dict[str, Any], message: str
) -> None:
    assert _refusal(replace(session(), **change)) == message


@pytest.mark.parametrize(
    ("change", "expected", "found"),
    [
        ({"practised_s": -5.0}, "practised_s: expected seconds ", "-5.0"),
        ({"planned_s": math.inf}, "planned_s: expected seconds ", "inf"),
        ({"planned_s": math.nan}, "planned_s: expected seconds ", "nan"),
        ({"practised_s": True}, "practised_s: expected seconds ", "True"),
        ({"pauses": -1}, "pauses: expected a count ", "-1"),
        ({"pauses": True}, "pauses: expected a count ", "True"),
        (
            {"steps": (_step(), _step(actual_s=-1.5))},
            "steps[1].actual_s: expected seconds ",
            "-1.5",
        ),
        ({"steps": (_step(planned_s=math.inf),)}, "steps[0].planned_s: expected seconds ", "inf"),
    ],
)
def test_a_bad_time_or_count_is_refused_naming_the_field_and_the_value(
    change: dict[str, Any], expected: str, found: str
) -> None:
    """The allowed range is worded in the message ("≥ 0", "from 0 to a year"); the field
    and the value found are always in it."""
    message = _refusal(replace(session(), **change))
    assert message.startswith(expected), message
    assert message.endswith(f", found {found}"), message


def test_good_edge_values_are_accepted() -> None:
    check_record(replace(session(), planned_s=0, practised_s=0.0, pauses=0))
    check_record(replace(session(), steps=(_step(planned_s=0, actual_s=0.0),)))
    check_record(replace(session(), checkin_before=CheckIn({"jaw": 0}, 10)))


def test_an_imported_session_names_a_bad_after_check_in_by_its_key() -> None:
    data = {**record_to_dict(session()), "checkin_after": 5}
    with pytest.raises(ValueError) as caught:
        record_from_dict(data)
    assert str(caught.value) == '"checkin_after": expected an object or null, found 5'


def test_a_step_and_check_ins_with_only_the_required_keys_fill_in_empty_values() -> None:
    """docs/history-format.md: beyond the required keys, "the rest default to empty"."""
    data = {
        **record_to_dict(session()),
        "steps": [{"pose_id": "cat-cow"}],
        "checkin_before": {},
        "checkin_after": {"tension": {"jaw": 3}},
    }
    record = record_from_dict(data)
    assert record.steps == (StepRecord("cat-cow", "", "", 0.0, 0.0),)
    assert record.checkin_before == CheckIn({}, None, "")
    assert record.checkin_after == CheckIn({"jaw": 3}, None, "")
    assert record_to_dict(record)["steps"] == [
        {"pose_id": "cat-cow", "pose_name": "", "side": "", "planned_s": 0.0, "actual_s": 0.0}
    ]
