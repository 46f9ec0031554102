"""The limits on saved values, at their edges, and the field each refusal names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.core.history.records import (
    MAX_COUNT,
    MAX_SECONDS,
    MAX_TEXT,
    CheckIn,
    StepRecord,
    check_record,
)
from somatictimer.core.history.store import HistoryStore

from tests.core.test_history_helpers import session

TOO_LONG = "x" * (MAX_TEXT + 1)
TOO_LONG_SAYS = f"expected at most {MAX_TEXT:,} characters, found {MAX_TEXT + 1:,}"


def test_values_at_their_limits_are_saved_and_read_back(tmp_path: Path) -> None:
    record = replace(
        session(),
        planned_s=MAX_SECONDS,
        practised_s=MAX_SECONDS,
        pauses=MAX_COUNT,
        notes="n" * MAX_TEXT,
    )
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        store.save(record)
        assert store.get(record.id) == record


@pytest.mark.parametrize("name", ["id", "sequence_id", "sequence_name", "tradition", "notes"])
def test_text_over_the_limit_is_refused_naming_its_field(name: str) -> None:
    with pytest.raises(ValueError) as raised:
        check_record(replace(session(), **{name: TOO_LONG}))  # type: ignore[arg-type]
    assert str(raised.value) == f"{name}: {TOO_LONG_SAYS}"


def test_a_check_in_note_over_the_limit_is_refused_naming_its_field() -> None:
    with pytest.raises(ValueError) as raised:
        check_record(replace(session(), checkin_after=CheckIn({}, None, TOO_LONG)))
    assert str(raised.value) == f"checkin_after.note: {TOO_LONG_SAYS}"


def step(**fields: object) -> StepRecord:
    return replace(StepRecord("cat-cow", "Cat–cow", "", 60.0, 61.5), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"pose_name": TOO_LONG}, f"steps[1].pose_name: {TOO_LONG_SAYS}"),
        ({"pose_id": 5}, "steps[1].pose_id: expected text, found 5"),
        (
            {"pose_name": "Cat\ud800cow"},
            "steps[1].pose_name: expected text, found a lone surrogate (U+D800)",
        ),
    ],
)
def test_a_step_name_that_cannot_be_stored_is_refused_naming_the_step(
    fields: dict[str, object], message: str
) -> None:
    record = replace(session(), steps=(step(), step(**fields)))
    with pytest.raises(ValueError) as raised:
        check_record(record)
    assert str(raised.value) == message


def test_step_names_at_the_limit_and_beyond_ascii_are_fine() -> None:
    check_record(replace(session(), steps=(step(pose_name="p" * MAX_TEXT), step(side="gauche é"))))
