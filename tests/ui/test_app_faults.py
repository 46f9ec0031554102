"""The app itself on a damaged history file: it starts, says so, and keeps the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.paths import AppPaths

pytestmark = pytest.mark.faults


def test_the_app_starts_on_a_damaged_history_and_keeps_the_file(make_desktop) -> None:  # type: ignore[no-untyped-def]
    history: Path = AppPaths.from_platform().history_file
    history.parent.mkdir(parents=True, exist_ok=True)
    damaged = b"SQLite format 3\0" + b"\xff" * 8000
    history.write_bytes(damaged)
    desktop = make_desktop()
    messages = desktop.app.window.notices.messages
    assert any(
        m.startswith(f"History is unavailable: {history}: not a somatictimer history database")
        for m in messages
    ), messages
    desktop.start("tiny")  # practice goes on
    desktop.at(30)
    assert desktop.app.controller.active
    assert history.read_bytes() == damaged
