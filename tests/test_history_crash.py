"""Never lose practice: kill -9 the terminal session at random moments, then restart."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from somatictimer.audio.sounds import load_cue_sounds

ROOT = Path(__file__).resolve().parents[1]
LONG = """schema = 1

[[sequence]]
id = "long-sit"
name = "Long Sit"
prep_s = 0
steps = [{ pose = "constructive-rest-position", hold_s = 1200 }]

[[sequence]]
id = "blink"
name = "Blink"
prep_s = 0
steps = [{ pose = "constructive-rest-position", hold_s = 0.5 }]
"""


def somatictimer(*args: str, **kwargs) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [sys.executable, "-m", "somatictimer", *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        text=True,
        **kwargs,
    )


def test_killed_sessions_are_recovered_within_five_seconds(
    user_library: Path, isolated_dirs: Path
) -> None:
    (user_library / "long.toml").write_text(LONG, encoding="utf-8")
    config = isolated_dirs / "config" / "somatictimer"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text("min_session_s = 0\n", encoding="utf-8")
    load_cue_sounds(isolated_dirs / "cache" / "somatictimer")  # warm: only practice is timed
    rng = random.Random(20261125)
    truths = []
    for _ in range(3):
        started = time.monotonic()
        process = somatictimer(
            "run",
            "long-sit",
            "--audio",
            "null",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(2.0, 7.0))
        process.kill()  # SIGKILL: no handler runs, nothing is flushed on purpose
        process.wait()
        truths.append(time.monotonic() - started)
    # Each new practice recovers what the previous kill left: runs 2 and 3 took the first
    # two, a short session the third. Reading history (export) never recovers.
    blink = somatictimer(
        "run", "blink", "--audio", "null", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, err = blink.communicate(timeout=60)
    assert blink.returncode == 0 and err.count("Recovered an interrupted session") == 1, err
    exported = somatictimer(
        "history", "export", "--format", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = exported.communicate(timeout=60)
    assert exported.returncode == 0 and "Recovered" not in err, err
    sessions = sorted(json.loads(out), key=lambda s: s["started_at"])
    assert [s["status"] for s in sessions] == ["recovered"] * 3 + ["completed"]
    for session, truth in zip(sessions, truths, strict=False):
        # The process needs a moment to start; checkpoints come every 2 s.
        assert truth - 5.0 <= session["practised_s"] <= truth, (session["practised_s"], truth)
    database = isolated_dirs / "data" / "somatictimer" / "history.sqlite3"
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = somatictimer(
        "history", "export", "--format", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = again.communicate(timeout=60)
    assert "Recovered" not in err and len(json.loads(out)) == 4  # told once, saved once
