"""The fault suite, with real processes: kill -9 at random moments, two sessions at once,
a history file another process holds, SIGTERM and SIGHUP, ten launches at the same moment.

Each test asserts what the person would find afterwards in their history.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest
from somatictimer.audio.sounds import load_cue_sounds

pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parents[1]
LIBRARY = """schema = 1

[[sequence]]
id = "long-sit"
name = "Long Sit"
prep_s = 0
steps = [{ pose = "constructive-rest-position", hold_s = 1200 }]

[[sequence]]
id = "short-sit"
name = "Short Sit"
prep_s = 0
steps = [{ pose = "constructive-rest-position", hold_s = 9 }]

[[sequence]]
id = "blink"
name = "Blink"
prep_s = 0
steps = [{ pose = "constructive-rest-position", hold_s = 0.5 }]
"""


@pytest.fixture
def dirs(user_library: Path, isolated_dirs: Path) -> Path:
    """A user library with our sequences, a minimum length of 0 (every second counts here)
    and warm cue sounds (only practice is timed)."""
    (user_library / "faults.toml").write_text(LIBRARY, encoding="utf-8")
    config = isolated_dirs / "config" / "somatictimer"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text(
        "min_session_s = 0\nfirst_run_note_seen = true\ncompact_on_start = true\n",
        encoding="utf-8",
    )
    load_cue_sounds(isolated_dirs / "cache" / "somatictimer")
    return isolated_dirs


def launch(*args: str, stdout: int | IO[str] = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "somatictimer", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def practising(sequence: str) -> tuple[subprocess.Popen[str], float]:
    """A terminal session, and the monotonic time its first block began (the log line)."""
    process = launch("run", sequence, "--audio", "null")
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("    0:00"):
            return process, time.monotonic()
    raise AssertionError(f"the session did not start: {process.stderr.read()}")  # type: ignore[union-attr]


def kill(process: subprocess.Popen[str]) -> None:
    """SIGKILL: no handler runs, nothing is flushed, on purpose."""
    process.kill()
    process.communicate(timeout=60)


def history(*extra: str) -> list[dict[str, object]]:
    exported = launch("history", "export", "--format", "json", *extra)
    out, err = exported.communicate(timeout=60)
    assert exported.returncode == 0 and "Recovered" not in err, err
    return sorted(json.loads(out), key=lambda s: str(s["started_at"]))


def recover_by_practising() -> str:
    """What a person does next: practise again, which recovers what was left behind."""
    blink = launch("run", "blink", "--audio", "null")
    _, err = blink.communicate(timeout=60)
    assert blink.returncode == 0, err
    return err


def integrity(dirs: Path) -> str:
    database = dirs / "data" / "somatictimer" / "history.sqlite3"
    with sqlite3.connect(database) as connection:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def test_a_kill_storm_loses_at_most_two_seconds_each_time(dirs: Path) -> None:
    rng = random.Random(20261129)
    truths = []
    for _ in range(20):
        process, began = practising("long-sit")
        time.sleep(rng.uniform(1.0, 4.0))
        truths.append(time.monotonic() - began)
        kill(process)
    assert "Recovered an interrupted session: Long Sit" in recover_by_practising()
    sessions = history()
    assert [s["status"] for s in sessions] == ["recovered"] * 20 + ["completed"]
    for session, truth in zip(sessions, truths, strict=False):
        assert truth - 2.0 <= float(session["practised_s"]) <= truth, (session, truth)  # type: ignore[arg-type]
    assert integrity(dirs) == "ok"


def test_two_sessions_at_once_are_both_kept_whole(dirs: Path) -> None:
    first, first_began = practising("long-sit")
    second, second_began = practising("long-sit")  # another terminal
    time.sleep(3.0)
    assert history() == []  # a read while both run recovers nothing
    first_truth = time.monotonic() - first_began
    kill(first)
    time.sleep(3.0)  # the second carries on: its checkpoints must not be dropped
    second_truth = time.monotonic() - second_began
    kill(second)
    recover_by_practising()
    kept = [s for s in history() if s["sequence_name"] == "Long Sit"]
    assert len(kept) == 2
    for session, truth in zip(kept, (first_truth, second_truth), strict=True):
        assert truth - 2.0 <= float(session["practised_s"]) <= truth, (session, truth)  # type: ignore[arg-type]


def test_a_session_running_when_another_starts_is_not_recovered(dirs: Path) -> None:
    first, _ = practising("long-sit")
    time.sleep(2.0)  # a checkpoint is written
    second = launch("run", "blink", "--audio", "null")  # a second practice starts and ends
    _, err = second.communicate(timeout=60)
    assert "Recovered" not in err
    first.send_signal(signal.SIGINT)  # then the first is stopped with Ctrl+C
    out, err = first.communicate(timeout=60)
    assert "Saved to history." in out, err
    assert sorted(str(s["status"]) for s in history()) == ["completed", "stopped"]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_end_a_terminal_session_and_save_it(
    dirs: Path, number: signal.Signals
) -> None:
    process, _ = practising("long-sit")
    time.sleep(2.5)
    process.send_signal(number)  # logout, shutdown, `timeout`, a closed terminal
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    (session,) = history()
    assert session["status"] == "stopped" and 2.0 <= float(session["practised_s"]) <= 4.0  # type: ignore[arg-type]


def test_a_history_file_held_by_another_process_does_not_pause_practice(dirs: Path) -> None:
    database = dirs / "data" / "somatictimer" / "history.sqlite3"
    process, _ = practising("short-sit")  # 9 s; creates the database
    time.sleep(1.0)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the file for 5 s
    time.sleep(5.0)
    holder.execute("ROLLBACK")
    holder.close()
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Paused" not in out + err and "Finished Short Sit: 0:09 of practice." in out
    (session,) = history()
    assert session["status"] == "completed" and session["pauses"] == 0


def test_ten_launches_at_the_same_moment_leave_one_app(dirs: Path) -> None:
    launches = [launch("--audio", "null", stdout=subprocess.DEVNULL) for _ in range(10)]
    try:
        deadline = time.monotonic() + 90
        while sum(p.poll() is None for p in launches) > 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        running = [p for p in launches if p.poll() is None]
        assert len(running) == 1
        assert all(p.returncode == 0 for p in launches if p is not running[0])
        status = launch("status", "--json")
        out, _ = status.communicate(timeout=60)
        assert json.loads(out)["pid"] == running[0].pid
    finally:
        for process in launches:
            if process.poll() is None:
                process.terminate()
            process.wait(30)
            process.stderr.close()  # type: ignore[union-attr]


def test_sigterm_ends_the_app_as_quit_does_and_saves_the_session(dirs: Path) -> None:
    app = launch("--audio", "null", "--start", "long-sit", stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        status = launch("status", "--json")
        out, _ = status.communicate(timeout=60)
        if json.loads(out).get("state") == "running":
            break
        assert time.monotonic() < deadline and app.poll() is None
        time.sleep(0.2)
    time.sleep(2.0)
    app.send_signal(signal.SIGTERM)
    assert app.wait(60) == 0
    app.stderr.close()  # type: ignore[union-attr]
    (session,) = history()
    assert session["status"] == "stopped" and float(session["practised_s"]) >= 2.0  # type: ignore[arg-type]
