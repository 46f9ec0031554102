"""What the command line prints, word for word: counts, names, suggestions, one pass of
`check`, and an export that only reads."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from somatictimer.core.history.records import SessionRecord
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library.families import FAMILIES
from somatictimer.core.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "somatictimer", *args],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )


def test_check_reports_unknown_ids_in_the_same_pass_as_a_tables_other_problems(
    tmp_path: Path,
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        'schema = 1\n\n[[sequence]]\nid = "mine"\nname = "Mine"\ncolour = "red"\n'
        'steps = [\n  { pose = "cat-cwo", hold_s = -3 },\n  { pose = "half-pigeon", '
        'breath = "boxx" },\n]\n',
        encoding="utf-8",
    )
    result = run("check", str(mine))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{mine}:6: sequence.mine.colour: expected no such key (unknown keys are usually typos)",
        f"{mine}:8: sequence.mine.steps[1].hold_s: expected seconds > 0 and <= 7200, found -3",
        f'{mine}:8: sequence.mine.steps[1].pose: expected a known pose id, found "cat-cwo" '
        '(did you mean "cat-cow"?)',
        f"{mine}:9: sequence.mine.steps[2].breath: expected a known breath pattern id or "
        '"natural", found "boxx"',
    ]
    assert result.stderr == "4 problems in 1 file\n"


def test_check_counts_one_problem_in_the_singular(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('schema = 1\n[[breath]]\nid = "b"\nname = "B"\ninhale_s = 4\n')
    result = run("check", str(mine))
    assert result.stderr == "1 problem in 1 file\n"


def test_plan_of_a_word_suggests_the_one_sequence_that_holds_it() -> None:
    result = run("plan", "pilates")
    assert result.returncode == 2
    assert result.stderr == (
        'somatictimer: no sequence, pose or breath pattern named "pilates"; '
        'did you mean "Pilates Core & Hips"?\n'
    )


def test_list_poses_ends_long_names_with_an_ellipsis_in_one_column() -> None:
    lines = run("list", "poses").stdout.splitlines()
    row = next(line for line in lines if line.startswith("looking-back "))
    assert "Routine 4 — Looking Back (Wǔ Láo Qī Shā… Qi gong" in row
    ids = max(len(line.split()[0]) for line in lines)  # ids are never cut
    labels = tuple(family.label for family in FAMILIES)
    assert all(line[ids + 42 :].startswith(labels) for line in lines)  # one column each


def session(number: int) -> SessionRecord:
    started = datetime(2026, 11, 1, 7, number, tzinfo=UTC)
    return SessionRecord(
        id=f"s{number}",
        started_at=started,
        ended_at=started,
        sequence_id="s",
        sequence_name="Hips",
        tradition="",
        planned_s=600.0,
        practised_s=600.0,
        status="completed",
    )


def test_export_only_reads_recovers_nothing_and_says_nothing_on_stderr(tmp_path: Path) -> None:
    history = AppPaths.from_platform().history_file
    assert run("history", "export").stdout == "[]\n"
    assert not history.exists()  # no history yet: none is created by reading it
    history.parent.mkdir(parents=True)
    with HistoryStore(history) as store:
        store.save(session(1))
        store.checkpoint(session(2))  # what a crash leaves behind
    result = run("history", "export")
    assert result.returncode == 0 and result.stderr == ""
    assert [s["id"] for s in json.loads(result.stdout)] == ["s1"]
    with HistoryStore(history) as store:
        assert [r.id for r in store.checkpoints()] == ["s2"]  # left for a practising start
    target = tmp_path / "out.json"
    written = run("history", "export", "-o", str(target))
    assert (written.stdout, written.stderr) == (f"1 session exported to {target}\n", "")
