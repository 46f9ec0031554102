"""The real app in a subprocess: one instance, remote control from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from somatictimer.core.paths import AppPaths

from tests.ui.conftest import TINY

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "somatictimer", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )


def test_second_launch_raises_and_cli_controls_the_running_app(user_library: Path) -> None:
    (user_library / "tiny.toml").write_text(TINY, encoding="utf-8")
    settings = AppPaths.from_platform().settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)  # start with the window hidden
    settings.write_text("schema_version = 1\nfirst_run_note_seen = true\ncompact_on_start = true\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    assert json.loads(cli("status", "--json", env=env).stdout) == {"state": "not-running"}
    app = subprocess.Popen(
        [sys.executable, "-m", "somatictimer", "--audio", "null"],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while json.loads(cli("status", "--json", env=env).stdout)["state"] == "not-running":
            assert time.monotonic() < deadline and app.poll() is None
            time.sleep(0.2)
        before = json.loads(cli("status", "--json", env=env).stdout)
        assert before["window"] == "hidden" and before["pid"] == app.pid
        second = cli(env=env)  # a second `somatictimer` only raises the first window
        assert second.returncode == 0 and second.stdout == ""
        after = json.loads(cli("status", "--json", env=env).stdout)
        assert after["window"] == "shown"  # the first app's window came up
        assert after["pid"] == app.pid and app.poll() is None  # and no other app answers
        started = cli("start", "Tiny Hips", env=env)
        assert started.returncode == 0, started.stderr
        status = json.loads(cli("status", "--json", env=env).stdout)
        assert status["sequence"] == "Tiny Hips" and status["state"] in ("prep", "running")
        assert cli("pause", env=env).returncode == 0
        text = cli("status", env=env).stdout
        assert text.startswith("paused: Tiny Hips — ")
        typo = cli("start", "Tiny Hipz", env=env)
        assert typo.returncode == 2 and 'did you mean "Tiny Hips"?' in typo.stderr
        assert cli("stop", env=env).returncode == 0
        assert json.loads(cli("status", "--json", env=env).stdout)["state"] == "stopped"
    finally:
        app.terminate()
        app.wait(10)
        assert app.stderr is not None
        app.stderr.close()
    assert cli("pause", env=env).returncode == 1  # nothing running any more
