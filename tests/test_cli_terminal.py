"""`somatictimer run` as a person at a terminal uses it: keys, Ctrl-C, what the line shows."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def long_hold(user_library: Path) -> str:
    """A sequence that runs long enough to be interrupted."""
    (user_library / "long.toml").write_text(
        'schema = 1\n\n[[sequence]]\nid = "long-hold"\nname = "Long Hold"\nprep_s = 0\n'
        'steps = [{ pose = "equal-breathing", hold_s = 120 }]\n',
        encoding="utf-8",
    )
    return "long-hold"


def read_until(fd: int, wanted: bytes, timeout_s: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout_s
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen


def test_ctrl_c_stops_the_session_and_exits_130(long_hold: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "somatictimer", "run", long_hold, "--audio", "null"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None
    lines = []
    while not any("Equal" in line for line in lines):  # the block has begun
        lines.append(child.stdout.readline().decode())
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=30)
    assert child.returncode == 130
    assert "Stopped Long Hold after 0:0" in out.decode()
    assert err.decode() == ""


def test_the_status_line_shows_mute_after_m(long_hold: str) -> None:
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    child = subprocess.Popen(
        [sys.executable, "-m", "somatictimer", "run", long_hold, "--audio", "null"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=ROOT,
    )
    os.close(terminal)
    try:
        before = read_until(main, b" left")
        assert b"muted" not in before
        os.write(main, b"m")
        assert b"muted (m: sound on)" in read_until(main, b"muted (m: sound on)")
        os.write(main, b"m")
        drawn = read_until(main, b"not expected", timeout_s=1.0).split(b"\x1b[2K")
        assert b" left" in drawn[-2] and b"muted" not in drawn[-2]  # the last whole line
        os.write(main, b"q")
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(main)
