"""History files in and out: formula cells neutralised in the CSV export, a deep JSON item
named by its line, an Insight Timer row's limits and their messages, a CSV that cannot be
read as a history."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.core.history.io import export_csv, import_file, insight_record
from somatictimer.core.history.records import MAX_SECONDS, CheckIn, check_record
from somatictimer.core.history.store import HistoryError, HistoryStore

from tests.core.test_history_helpers import session


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_a_note_that_starts_like_a_formula_is_exported_as_text(store: HistoryStore) -> None:
    record = session(after=CheckIn({}, None, "+calm"))
    store.save(replace(record, notes="=HYPERLINK(1)"))
    out = io.StringIO()
    export_csv(store, out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    cells = dict(zip(header, row, strict=True))
    assert cells["notes"] == "'=HYPERLINK(1)"
    assert cells["checkin_note_after"] == "'+calm"
    assert cells["sequence_name"] == "Morning"  # plain text stays as it is


def test_a_session_nested_too_deeply_is_named_by_the_line_it_starts_on(
    store: HistoryStore, tmp_path: Path
) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    path = tmp_path / "export.json"
    path.write_text("[\n1,\n\n2,\n" + deep + "\n\n]\n", encoding="utf-8")
    with pytest.raises(HistoryError) as raised:
        import_file(store, path)
    assert str(raised.value) == f"{path}: line 5: not a session: values nested too deeply"


def test_a_file_whose_first_cell_is_too_big_for_csv_is_not_a_history_file(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    path.write_text("x" * 200_000 + ",Duration\n", encoding="utf-8")
    with pytest.raises(HistoryError, match="not a history file"):
        import_file(store, path)


def test_an_insight_row_of_exactly_a_year_is_imported() -> None:
    hours = int(MAX_SECONDS // 3600)
    record = insight_record(["11/20/2026 07:00:00", f"{hours}:00:00", "Long", ""])
    assert record.practised_s == MAX_SECONDS
    check_record(record)


def test_an_insight_row_longer_than_a_year_says_so() -> None:
    hours = int(MAX_SECONDS // 3600)
    with pytest.raises(ValueError) as raised:
        insight_record(["11/20/2026 07:00:00", f"{hours}:00:01", "Long", ""])
    assert str(raised.value) == f'Duration "{hours}:00:01" is longer than a year'


def test_an_insight_row_ending_past_the_last_date_says_its_start_is_out_of_range() -> None:
    with pytest.raises(ValueError) as raised:
        insight_record(["12/31/9999 23:00:00", "2:00:00", "Late", ""])
    assert str(raised.value) == 'Started At "12/31/9999 23:00:00" is out of range'


def test_an_insight_row_out_of_range_is_a_bad_row_of_the_import(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = tmp_path / "insight.csv"
    path.write_text(
        "Started At,Duration,Preset,Activity\n12/31/9999 23:00:00,2:00:00,Late,\n",
        encoding="utf-8",
    )
    result = import_file(store, path)
    assert [str(b) for b in result.bad] == [
        'line 2: Started At "12/31/9999 23:00:00" is out of range'
    ]
    assert (result.added, result.committed) == (0, False)
