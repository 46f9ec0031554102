"""Importing a history file: what the user is told about a broken JSON file (file, line,
column, what was expected), what counts as a JSON or Insight Timer file, how repeats are
counted, and the JSON export a person can read."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from somatictimer.core.history.io import export_json, import_file
from somatictimer.core.history.store import HistoryError, HistoryStore

from tests.core.test_history_helpers import CET, session

ITEM = (
    '{"id": "%s", "started_at": "2026-11-20T07:30:00+01:00", '
    '"ended_at": "2026-11-20T07:50:00+01:00", "sequence_name": "Morning", '
    '"planned_s": 1200, "practised_s": 1190, "status": "completed"}'
)
OPEN = "[" + ITEM % ("a" * 32)  # a list cut off after its first item


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def _file(tmp_path: Path, text: str, name: str = "backup.json") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(store: HistoryStore, path: Path) -> str:
    with pytest.raises(HistoryError) as caught:
        import_file(store, path)
    assert store.count() == 0
    return str(caught.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[", "line 1 column 2: not valid JSON (Expecting value)"),
        (OPEN, f"line 1 column {len(OPEN) + 1}: not valid JSON (expected ',' or ']')"),
        ("[{}\n{}]", "line 2 column 1: not valid JSON (expected ',' or ']')"),
        (
            OPEN + "]X",
            f"line 1 column {len(OPEN) + 2}: not valid JSON (extra data after the list)",
        ),
        ("[]\n\n[]\n", "line 3 column 1: not valid JSON (extra data after the list)"),
    ],
)
def test_a_broken_json_file_is_refused_saying_where_and_why(
    store: HistoryStore, tmp_path: Path, text: str, problem: str
) -> None:
    path = _file(tmp_path, text)
    assert _refusal(store, path) == f"{path}: {problem}"


@pytest.mark.parametrize("text", ["[]", "[ ]", "\n  []  \n", "[\n]"])
def test_an_empty_list_imports_nothing(store: HistoryStore, tmp_path: Path, text: str) -> None:
    result = import_file(store, _file(tmp_path, text))
    assert (result.added, result.skipped_existing, result.bad, result.committed) == (
        0,
        0,
        (),
        True,
    )


def test_a_list_that_starts_after_blank_lines_reports_bad_items_by_their_own_line(
    store: HistoryStore, tmp_path: Path
) -> None:
    text = "\n\n[\n" + ITEM % ("a" * 32) + ',\n{"id": "b"}\n]'  # no newline at the end
    result = import_file(store, _file(tmp_path, text))
    assert [str(bad) for bad in result.bad] == ['line 5: "started_at" is missing']
    assert (result.added, result.committed) == (1, False)


def test_a_file_of_neither_kind_names_the_insight_header_it_looked_for(
    store: HistoryStore, tmp_path: Path
) -> None:
    path = _file(tmp_path, "Date,Minutes\n2026-11-20,20\n", "log.csv")
    assert _refusal(store, path) == (
        f"{path}: not a history file: expected a somatictimer JSON export (a list of sessions) "
        'or an Insight Timer CSV export (header "Started At,Duration,Preset,Activity")'
    )


def test_an_insight_export_with_more_columns_than_ours_still_imports(
    store: HistoryStore, tmp_path: Path
) -> None:
    text = (
        "Started At,Duration,Preset,Activity,Notes\n"
        "11/20/2026 07:30:00,0:20:00,Morning sit,Meditation,quiet\n"
    )
    result = import_file(store, _file(tmp_path, text, "insight.csv"))
    assert (result.added, result.bad, result.committed) == (1, (), True)
    (record,) = store.sessions()
    assert (record.sequence_name, record.practised_s) == ("Morning sit", 1200.0)


def test_repeats_inside_one_file_count_as_skipped(store: HistoryStore, tmp_path: Path) -> None:
    row = "11/20/2026 07:30:00,0:20:00,Morning sit,Meditation\n"
    text = "Started At,Duration,Preset,Activity\n" + row * 4
    result = import_file(store, _file(tmp_path, text, "insight.csv"))
    assert (result.added, result.skipped_existing, result.committed) == (1, 3, True)
    assert store.count() == 1


def test_a_refused_import_still_says_how_many_are_there_already(
    store: HistoryStore, tmp_path: Path
) -> None:
    header = "Started At,Duration,Preset,Activity\n"
    good = "11/20/2026 07:30:00,0:20:00,Morning sit,Meditation\n"
    import_file(store, _file(tmp_path, header + good, "first.csv"))
    text = header + good + good + "11/21/2026 07:30:00,soon,Evening,Meditation\n"
    refused = import_file(store, _file(tmp_path, text, "second.csv"))
    assert [str(bad) for bad in refused.bad] == ['line 4: Duration "soon" is not H:MM:SS']
    assert (refused.added, refused.skipped_existing, refused.committed) == (0, 2, False)


def test_the_json_export_is_oldest_first_indented_and_keeps_its_letters(
    store: HistoryStore,
) -> None:
    first = session(datetime(2026, 11, 20, 7, 0, tzinfo=CET), session_id="a" * 32)
    second = session(first.started_at + timedelta(days=1), session_id="b" * 32)
    store.save(second)
    store.save(first)
    out = io.StringIO()
    assert export_json(store, out) == 2
    text = out.getvalue()
    assert [item["id"] for item in json.loads(text)] == ["a" * 32, "b" * 32]
    lines = text.split("\n")
    assert lines[:3] == ["[", "  {", f'    "id": "{"a" * 32}",']
    assert '        "pose_name": "Cat–cow",' in lines  # as written, not \u2013
    assert lines[-2:] == ["]", ""]
