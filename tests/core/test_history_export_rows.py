"""The CSV a spreadsheet opens, row by row, and Insight Timer rows read the same way forever."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

from somatictimer.core.history.io import CSV_COLUMNS, export_csv, insight_record
from somatictimer.core.history.records import CheckIn
from somatictimer.core.history.store import HistoryStore

from tests.core.test_history_helpers import CET, session


def test_csv_rows_are_oldest_first_with_check_ins_spelled_out(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    first = session(datetime(2026, 11, 20, 7, 0, tzinfo=CET), session_id="a" * 32)
    second = session(
        datetime(2026, 11, 21, 7, 0, tzinfo=CET),
        session_id="b" * 32,
        before=CheckIn({"hips": 6, "jaw": 3}, 4, "tight"),
        after=CheckIn({"hips": 2}, None, "softer"),
    )
    store.save(second)
    store.save(first)
    out = io.StringIO()
    assert export_csv(store, out) == 2
    lines = out.getvalue().split("\r\n")
    assert lines[0] == ",".join(CSV_COLUMNS) and lines[-1] == ""  # CRLF endings (RFC 4180)
    assert lines[1].startswith("a" * 32 + ",2026-11-20T07:00:00+01:00,")
    assert lines[1].endswith(",app,1,,,,,,,1,0,0,")  # one step practised, no check-ins
    assert lines[2].startswith("b" * 32 + ",")
    assert lines[2].endswith(",app,1,4,,jaw=3;hips=6,hips=2,tight,softer,1,0,0,")


def test_insight_rows_keep_their_ids_across_releases_and_name_short_rows() -> None:
    full = insight_record(["11/20/2026 07:30:00", "0:12:30", "Morning Sit", "Meditation"])
    assert full.id == "7c527ba3048950769012da79347d6ebb"  # re-importing must add nothing
    assert (full.sequence_name, full.tradition, full.source) == ("Morning Sit", "", "import")
    assert full.ended_at - full.started_at == timedelta(minutes=12, seconds=30)
    short = insight_record(["11/20/2026 07:30:00", "1:02:03"])
    assert short.id == "8f3a87bb57ed515bb1c300ada26ababa"
    assert short.sequence_name == "Insight Timer" and short.practised_s == 3723.0
    activity_only = insight_record(["11/20/2026 07:30:00", "0:01:00", "", "Yoga"])
    assert activity_only.sequence_name == "Yoga"
