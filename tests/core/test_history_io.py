"""History export (JSON, CSV) and import (our JSON, Insight Timer CSV): lossless, idempotent,
one transaction, every bad row reported by line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from somatictimer.core.history.io import (
    CSV_COLUMNS,
    BadRow,
    export_csv,
    export_json,
    import_file,
)
from somatictimer.core.history.store import CheckIn, HistoryError, HistoryStore, SessionRecord

from tests.conftest import examples
from tests.core.test_history_helpers import records, session

DOC = Path(__file__).parents[2] / "docs" / "history-format.md"

INSIGHT = """Started At,Duration,Preset,Activity
11/20/2026 07:30:00,0:20:00,Morning sit,Meditation
11/21/2026 21:05:10,1:02:03,,Yoga
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@settings(max_examples=examples(20), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(records(), max_size=8, unique_by=lambda r: r.id))
def test_any_history_round_trips_through_export_json_and_import(
    tmp_path_factory: pytest.TempPathFactory, batch: list[SessionRecord]
) -> None:
    folder = tmp_path_factory.mktemp("io")
    with HistoryStore(folder / "a.sqlite3") as source:
        source.save_many(batch)
        out = io.StringIO()
        assert export_json(source, out) == len(batch)
        exported = source.sessions()
    path = _write(folder, "export.json", out.getvalue())
    with HistoryStore(folder / "b.sqlite3") as target:
        result = import_file(target, path)
        assert (result.added, result.skipped_existing, result.bad) == (len(batch), 0, ())
        assert result.committed
        assert target.sessions() == exported
        again = import_file(target, path)
        assert (again.added, again.skipped_existing) == (0, len(batch))
        assert target.count() == len(batch)


def test_the_json_export_has_the_documented_keys_and_iso_times(store: HistoryStore) -> None:
    store.save(session(before=CheckIn({"jaw": 4}, calm=5, note="n")))
    out = io.StringIO()
    export_json(store, out)
    (item,) = json.loads(out.getvalue())
    for key in ("id", "started_at", "ended_at", "sequence_id", "sequence_name", "planned_s"):
        assert key in item
    for key in ("practised_s", "status", "pauses", "notes", "steps", "checkin_before"):
        assert key in item
    assert item["started_at"] == "2026-11-20T07:30:00+01:00"
    assert item["checkin_before"] == {"tension": {"jaw": 4}, "calm": 5, "note": "n"}
    assert item["checkin_after"] is None


def test_csv_export_writes_the_documented_columns(store: HistoryStore) -> None:
    store.save(
        session(
            before=CheckIn({"hips": 6, "jaw": 4}, calm=5, note="stiff"),
            after=CheckIn({"jaw": 1}, calm=9),
        )
    )
    out = io.StringIO()
    assert export_csv(store, out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == CSV_COLUMNS
    values = dict(zip(header, row, strict=True))
    assert values["started_at"] == "2026-11-20T07:30:00+01:00"
    assert datetime.fromisoformat(values["ended_at"]).utcoffset() is not None
    assert values["tension_before"] == "jaw=4;hips=6"
    assert (values["calm_before"], values["calm_after"], values["steps"]) == ("5", "9", "1")
    assert values["checkin_note_before"] == "stiff"


def test_every_csv_column_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), re.M))
    assert set(CSV_COLUMNS) <= documented


def test_insight_timer_csv_imports_as_completed_local_sessions(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = _write(tmp_path, "insight.csv", INSIGHT)
    result = import_file(store, path)
    assert (result.added, result.skipped_existing, result.bad, result.committed) == (
        2,
        0,
        (),
        True,
    )
    newest, oldest = store.sessions()
    assert oldest.sequence_name == "Morning sit"
    assert newest.sequence_name == "Yoga"  # no preset: the activity
    assert oldest.started_at.replace(tzinfo=None) == datetime(2026, 11, 20, 7, 30)
    assert oldest.started_at.utcoffset() is not None
    assert (oldest.practised_s, oldest.planned_s, newest.practised_s) == (1200, 1200, 3723)
    assert (oldest.status, oldest.source) == ("completed", "import")
    assert (oldest.ended_at - oldest.started_at).total_seconds() == 1200


def test_reimporting_an_insight_file_adds_nothing(store: HistoryStore, tmp_path: Path) -> None:
    path = _write(tmp_path, "insight.csv", INSIGHT)
    import_file(store, path)
    ids = [r.id for r in store.sessions()]
    again = import_file(store, _write(tmp_path, "copy.csv", "\ufeff" + INSIGHT))
    assert (again.added, again.skipped_existing, again.committed) == (0, 2, True)
    assert [r.id for r in store.sessions()] == ids


BAD_INSIGHT = """Started At,Duration,Preset,Activity
11/20/2026 07:30:00,0:20:00,Morning sit,Meditation
13/45/2026 10:00:00,0:10:00,Broken date,Meditation

11/22/2026 07:30:00,1:7x:00,Broken duration,Meditation
11/23/2026 07:30:00,0:15:00,Fine,Meditation
"""


def test_bad_rows_are_reported_by_line_and_nothing_is_written_unless_accepted(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = _write(tmp_path, "insight.csv", BAD_INSIGHT)
    refused = import_file(store, path)
    assert refused.bad == (
        BadRow(3, 'Started At "13/45/2026 10:00:00" is not MM/DD/YYYY HH:MM:SS'),
        BadRow(5, 'Duration "1:7x:00" is not H:MM:SS'),
    )
    assert str(refused.bad[1]) == 'line 5: Duration "1:7x:00" is not H:MM:SS'
    assert (refused.added, refused.committed) == (2, False)
    assert store.sessions() == []
    accepted = import_file(store, path, accept_bad=True)
    assert (accepted.added, accepted.committed, len(accepted.bad)) == (2, True, 2)
    assert sorted(r.sequence_name for r in store.sessions()) == ["Fine", "Morning sit"]


def test_a_bad_json_item_is_reported_with_the_line_it_starts_on(
    store: HistoryStore, tmp_path: Path
) -> None:
    good = json.dumps(
        [
            {
                "id": "a" * 32,
                "started_at": "2026-11-20T07:30:00+01:00",
                "ended_at": "2026-11-20T07:50:00+01:00",
                "sequence_name": "Morning",
                "planned_s": 1200,
                "practised_s": 1190.5,
                "status": "completed",
            }
        ],
        indent=2,
    )
    bad = '[\n  {"id": "b", "started_at": "yesterday"},\n  {"id": "c", "status": "done"}\n]\n'
    path = _write(tmp_path, "mixed.json", good[:-1] + ",\n" + bad[1:])
    result = import_file(store, path)
    assert [(b.line, b.message) for b in result.bad] == [
        (13, "\"started_at\": expected an ISO 8601 time, found 'yesterday'"),
        (14, '"started_at" is missing'),
    ]
    assert (result.added, result.committed) == (1, False)
    assert import_file(store, path, accept_bad=True).added == 1
    (record,) = store.sessions()
    assert (record.practised_s, record.sequence_id, record.source) == (1190.5, "", "app")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id,when\n1,2\n", "expected a somatictimer JSON export"),
        ('{"sessions": []}', "Insight Timer CSV export"),
        ("", "not a history file"),
        ('[{"id": 1},', "line 1 column 12: not valid JSON"),
    ],
)
def test_a_file_of_neither_format_is_a_history_error_naming_it(
    store: HistoryStore, tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path, "mystery.txt", text)
    with pytest.raises(HistoryError, match=r"mystery\.txt: .*" + re.escape(expected)):
        import_file(store, path)
    assert store.sessions() == []


def test_an_unreadable_file_is_a_history_error(store: HistoryStore, tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match=r"absent\.json: cannot be read"):
        import_file(store, tmp_path / "absent.json")
