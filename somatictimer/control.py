"""Talk to the running app over its control socket (no Qt needed on this side).

One JSON object per line each way: ``{"command": "status"}`` -> ``{"ok": true, ...}``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COMMANDS = ("raise", "start", "pause", "resume", "stop", "status")
MAX_MESSAGE_BYTES = 64 * 1024  # one command is a few dozen bytes; anything longer is refused
TIMEOUT_S = 3.0
LAUNCH_WAIT_S = 20.0


def parse_request(line: bytes) -> dict[str, Any]:
    """One request line as the app accepts it; ValueError (with the reason) for anything
    else: too long, not UTF-8 JSON, nested too deeply, not an object, an unknown command."""
    if len(line) > MAX_MESSAGE_BYTES:
        raise ValueError("message too long")
    try:
        request = json.loads(line)
    except RecursionError:
        raise ValueError("message nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError is a ValueError
        raise ValueError(f"not a JSON line ({error})") from None
    if not isinstance(request, dict) or request.get("command") not in COMMANDS:
        raise ValueError("unknown command")
    sequence = request.get("sequence")
    if sequence is not None and not isinstance(sequence, str):
        raise ValueError("sequence: expected a name")
    return request


def send(
    path: Path, message: dict[str, Any], timeout_s: float = TIMEOUT_S
) -> dict[str, Any] | None:
    """The app's answer, or None when no app is listening."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(timeout_s)
            connection.connect(str(path))
            connection.sendall(json.dumps(message).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = connection.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:  # no socket, refused, timed out: no app is listening
        return None
    try:
        answer = json.loads(data)
    except ValueError:
        return None
    return answer if isinstance(answer, dict) else None


def launch_app(path: Path, extra_args: list[str]) -> dict[str, Any] | None:
    """Start the app in the background and wait until it answers on its socket; None at
    once if it fails on the way (it exits with an error), not after the whole wait."""
    child = subprocess.Popen(
        [sys.executable, "-m", "somatictimer", *extra_args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return send_when_up(path, {"command": "status"}, failed=lambda: child.poll() not in (None, 0))


def send_when_up(
    path: Path,
    message: dict[str, Any],
    wait_s: float = LAUNCH_WAIT_S,
    failed: Callable[[], bool] = lambda: False,
) -> dict[str, Any] | None:
    """Send once the app listens (it may still be starting); None if it never does, or as
    soon as ``failed`` says it never will."""
    deadline = time.monotonic() + wait_s
    while True:
        answer = send(path, message)
        if answer is not None or time.monotonic() >= deadline or failed():
            return answer
        time.sleep(0.1)


def describe_status(answer: dict[str, Any]) -> str:
    """One line for `somatictimer status`."""
    state = answer.get("state", "idle")
    if state in ("idle", "finished", "stopped") or not answer.get("sequence"):
        return f"{state}"
    side = f" ({answer['side']})" if answer.get("side") not in (None, "none") else ""
    left = round(answer.get("segment_remaining_s", 0))
    total = round(answer.get("remaining_s", 0))
    return (
        f"{state}: {answer['sequence']} — {answer.get('step', '')}{side}, "
        f"{left // 60}:{left % 60:02d} left in this step, "
        f"{total // 60}:{total % 60:02d} in the session"
    )
