"""Exports that are safe to open and never damage what is at the path."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from somatictimer.core.history.io import export_csv
from somatictimer.core.history.records import SessionRecord
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]


def session(**changes: object) -> SessionRecord:
    started = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
    fields: dict[str, object] = {
        "id": "a1",
        "started_at": started,
        "ended_at": started,
        "sequence_id": "s",
        "sequence_name": "Hips",
        "tradition": "",
        "planned_s": 60.0,
        "practised_s": 60.0,
        "status": "completed",
    }
    return SessionRecord(**{**fields, **changes})  # type: ignore[arg-type]


def test_cells_that_look_like_formulas_are_text_and_line_breaks_stay_in_their_row(
    tmp_path: Path,
) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        store.save(session(sequence_name="=HYPERLINK(1)", notes='-2+3\rsecond "line"\nthird'))
        store.save(session(id="a2", sequence_name="@SUM(A1)", notes="+1"))
        store.save(session(id="a3", sequence_name="Plain - name", notes="fine"))
        out = io.StringIO()
        assert export_csv(store, out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 3  # a CR or LF in a note never starts a new row
    by_id = {row["id"]: row for row in rows}
    assert by_id["a1"]["sequence_name"] == "'=HYPERLINK(1)"
    assert by_id["a1"]["notes"] == '\'-2+3\rsecond "line"\nthird'
    assert (by_id["a2"]["sequence_name"], by_id["a2"]["notes"]) == ("'@SUM(A1)", "'+1")
    assert by_id["a3"]["sequence_name"] == "Plain - name"  # only a leading sign counts


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "somatictimer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_export_replaces_only_a_regular_file_and_atomically(tmp_path: Path) -> None:
    history = AppPaths.from_platform().history_file
    history.parent.mkdir(parents=True)
    with HistoryStore(history) as store:
        store.save(session())
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    refused = cli("history", "export", "-o", str(fifo))  # a plain open() would hang here
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"somatictimer: cannot write {fifo}: a named pipe")
    folder = tmp_path / "folder"
    folder.mkdir()
    assert cli("history", "export", "-o", str(folder)).returncode == 1
    target = tmp_path / "old.csv"
    target.write_text("what was here before\n", encoding="utf-8")
    done = cli("history", "export", "-o", str(target))
    assert done.returncode == 0 and target.read_text(encoding="utf-8").startswith("[")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder", "old.csv", "pipe"]


def test_export_of_a_damaged_history_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    history = AppPaths.from_platform().history_file
    history.parent.mkdir(parents=True)
    with HistoryStore(history) as store:
        for number in range(200):
            store.save(session(id=f"s{number}", notes="x" * 2000))
    data = bytearray(history.read_bytes())
    middle = slice(8192, len(data) // 2)  # the pages after the schema: the sessions table
    data[middle] = b"\xff" * (middle.stop - middle.start)
    history.write_bytes(bytes(data))
    before = history.read_bytes()
    target = tmp_path / "out.csv"
    result = cli("history", "export", "-o", str(target))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and str(history) in result.stderr
    assert list(tmp_path.iterdir()) == [] and history.read_bytes() == before
