"""The checkpoint thread: it never keeps the process alive, its errors name it, and closing
waits for a stuck write only as long as it is told (10 s unless told otherwise)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
import somatictimer
from somatictimer.core.history.recorder import CheckpointWriter
from somatictimer.core.history.records import SessionRecord

from tests.core.test_history_helpers import session

PROJECT = Path(somatictimer.__file__).resolve().parent.parent


class StuckWrite:
    """A checkpoint write that hangs (a locked or dead disk) until released."""

    def __init__(self) -> None:
        self.started, self.release, self.done = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )

    def __call__(self, record: SessionRecord) -> None:
        self.started.set()
        self.release.wait(5)
        self.done.set()


def test_a_process_that_never_closes_its_writer_still_exits() -> None:
    """A crash path that skips finish() must not leave the process hanging at exit."""
    CheckpointWriter(lambda record: None).close()  # here too: mutation testing maps the test
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from somatictimer.core.history.recorder import CheckpointWriter\n"
            "CheckpointWriter(lambda record: None)\n",
        ],
        cwd=PROJECT,
        timeout=10,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_an_unexpected_error_writing_a_checkpoint_is_reported_from_the_checkpoints_thread(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)

    tried = threading.Event()

    def broken(record: SessionRecord) -> None:
        tried.set()
        raise RuntimeError("the disk is on fire")

    writer = CheckpointWriter(broken)
    writer.offer(session())
    assert tried.wait(5)
    writer.close()
    err = capsys.readouterr().err
    assert "Exception in thread checkpoints:" in err
    assert "RuntimeError: the disk is on fire" in err


def test_closing_returns_after_its_timeout_while_a_write_is_stuck() -> None:
    stuck = StuckWrite()
    writer = CheckpointWriter(stuck)
    writer.offer(session())
    assert stuck.started.wait(5)
    writer.close(timeout_s=0.05)
    try:
        assert not stuck.done.is_set()  # close() came back; the write still hangs
    finally:
        stuck.release.set()


def test_closing_waits_ten_seconds_at_most_for_a_stuck_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """How long the end of a session can hang on a stuck disk (measured without waiting)."""
    stuck = StuckWrite()
    writer = CheckpointWriter(stuck)
    writer.offer(session())
    assert stuck.started.wait(5)
    waited: list[float | None] = []
    real_join = threading.Thread.join

    def join(thread: threading.Thread, timeout: float | None = None) -> None:
        waited.append(timeout)
        real_join(thread, 0.01)

    monkeypatch.setattr(threading.Thread, "join", join)
    try:
        writer.close()
    finally:
        stuck.release.set()
    assert waited == [10.0]
