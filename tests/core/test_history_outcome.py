"""How a session went: blocks practised, shortened, skipped, not reached; when it counts as
completed; old files marked by the rule; the CSV columns that carry the counts."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from somatictimer.core.history import schema as history_schema
from somatictimer.core.history.io import export_csv
from somatictimer.core.history.outcome import (
    Outcome,
    blocks_text,
    count_blocks,
    ending_status,
    is_completed,
    step_outcomes,
)
from somatictimer.core.history.records import StepRecord, record_to_dict
from somatictimer.core.history.store import HistoryStore

from tests.core.test_history_helpers import session


def step(actual_s: float, planned_s: float = 60.0, name: str = "Cat–cow", side: str = "none"):  # type: ignore[no-untyped-def]
    return StepRecord("cat-cow", name, side, planned_s, actual_s)


def test_each_block_is_judged_by_its_practised_time() -> None:
    steps = [step(60), step(58.5), step(54), step(30), step(29.9), step(0), step(0)]
    # 58.5 s is within 2 s of the end, 54 s is 90 %: both in full; half is shortened.
    assert step_outcomes([*steps[:6], step(10)], reached_end=False) == [
        Outcome.FULL,
        Outcome.FULL,
        Outcome.FULL,
        Outcome.SHORTENED,
        Outcome.SKIPPED,  # later blocks were practised: it was passed over
        Outcome.SKIPPED,
        Outcome.NOT_REACHED,  # stopped in its first seconds
    ]
    assert step_outcomes([step(60), step(0)], reached_end=True)[1] is Outcome.SKIPPED
    assert step_outcomes([step(60), step(0)], reached_end=False)[1] is Outcome.NOT_REACHED
    stopped = count_blocks([step(60), step(40), step(0)], reached_end=False)
    assert (stopped.full, stopped.shortened, stopped.skipped, stopped.not_reached) == (1, 1, 0, 1)


def test_the_counts_name_the_skipped_blocks_with_their_side() -> None:
    steps = [
        step(1, name="Low Lunge", side="right"),
        step(60, name="Low Lunge", side="left"),
        step(35, name="Bound Angle"),
        step(0, name="Child's Pose"),
        step(60, name="Savasana"),
    ]
    counts = count_blocks(steps, reached_end=True)
    assert (counts.total, counts.full, counts.shortened, counts.skipped) == (5, 2, 1, 2)
    assert counts.skipped_names == ("Low Lunge (right)", "Child's Pose")
    assert blocks_text(counts) == "3 of 5 poses (1 shortened) · 2 skipped"
    assert not counts.completed
    one = count_blocks([step(60, name="Savasana")], reached_end=True)
    assert blocks_text(one) == "1 of 1 pose"


def test_completed_allows_a_tenth_of_the_plan_left_out_and_no_more() -> None:
    ten_poses = [step(60) for _ in range(9)]
    assert is_completed([*ten_poses, step(0)], reached_end=True)  # 60 of 600 s left out
    assert not is_completed([*ten_poses, step(0)], reached_end=False)  # stopped
    assert not is_completed([*ten_poses[:8], step(0), step(0)], reached_end=True)
    # Time added with +30 s elsewhere does not make up for a skipped pose.
    assert not is_completed([step(120), step(0)], reached_end=True)
    assert is_completed([], reached_end=True)  # entered by hand: no steps
    assert ending_status([step(60), step(0)], reached_end=True) == "partial"
    assert ending_status([step(60), step(60)], reached_end=True) == "completed"
    assert ending_status([step(60), step(60)], reached_end=False) == "stopped"


def _v2_file(path: Path, *records) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(path)
    for version in (0, 1):
        history_schema.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 2")
    for record in records:
        plain = record_to_dict(record)
        conn.execute(
            "INSERT INTO sessions (id, started_at, ended_at, started_utc, utc_offset_s, "
            "start_day, sequence_id, sequence_name, tradition, planned_s, practised_s, status, "
            "pauses, notes, steps) VALUES (?, ?, ?, 0, 3600, '2026-11-20', 's', 'S', '', "
            "600, 120, ?, 0, '', ?)",
            (record.id, plain["started_at"], plain["ended_at"], record.status,
             json.dumps(plain["steps"])),
        )  # fmt: skip
    conn.commit()
    conn.close()


def test_a_v2_file_marks_its_skipped_through_completed_sessions_partial(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    skipped = replace(session(), steps=(step(60), step(2), step(0)))
    whole = replace(session(), steps=(step(60), step(60)))
    stopped = replace(session(status="stopped"), steps=(step(60), step(0)))
    unreadable = replace(session(), steps=())
    _v2_file(path, skipped, whole, stopped, unreadable)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET steps = '[{\"pose\": 1}]' WHERE id = ?", (unreadable.id,))
    with HistoryStore(path) as store:
        assert store.get(skipped.id).status == "partial"  # type: ignore[union-attr]
        assert store.get(whole.id).status == "completed"  # type: ignore[union-attr]
        assert store.get(stopped.id).status == "stopped"  # type: ignore[union-attr]
        assert store.get(unreadable.id).status == "completed"  # type: ignore[union-attr]
    assert len(list(tmp_path.glob("history.sqlite3.v2-*.bak"))) == 1


def test_the_csv_carries_the_block_counts_and_the_skipped_names(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "history.sqlite3") as store:
        store.save(
            replace(
                session(status="partial"),
                steps=(step(1, name="Low Lunge", side="right"), step(40), step(60)),
            )
        )
        out = io.StringIO()
        export_csv(store, out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    cells = dict(zip(header, row, strict=True))
    assert (cells["status"], cells["steps"]) == ("partial", "3")
    assert (cells["steps_practised"], cells["steps_shortened"], cells["steps_skipped"]) == (
        "2",
        "1",
        "1",
    )
    assert cells["skipped_steps"] == "Low Lunge (right)"
