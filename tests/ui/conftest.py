"""A real App on a fake clock: the session moves only when a test moves time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from somatictimer.core.paths import AppPaths

from tests.core.test_engine import FakeClock

TINY = """schema = 1

[[sequence]]
id = "tiny"
name = "Tiny Hips"
prep_s = 5
transition_s = 5
breath = "extended-exhale-4-6"
steps = [
  { pose = "low-lunge", hold_s = 20 },
  { pose = "bound-angle", hold_s = 60 },
]
"""


class Desktop:
    """The app under test plus its clock; ``advance`` moves time the way reality does."""

    def __init__(self, app, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.clock = clock
        self.started_at = clock.now

    def advance(self, seconds: float, step_s: float = 0.5) -> None:
        """Move the clock in small polled steps (a big jump would look like a suspend)."""
        target = self.clock.now + seconds
        while self.clock.now < target - 1e-9:
            self.clock.now = min(self.clock.now + step_s, target)
            self.app.controller.refresh()

    def at(self, session_s: float) -> None:
        """Go to this many seconds after the session started."""
        self.advance(self.started_at + session_s - self.clock.now)

    def start(self, sequence_id: str) -> None:
        self.started_at = self.clock.now
        self.app.start(self.app.library.sequences[sequence_id])


@pytest.fixture
def make_desktop(
    qtbot, user_library: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Desktop]]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication
    from somatictimer.ui.app import App

    (user_library / "tiny.toml").write_text(TINY, encoding="utf-8")
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: quits.append(True))
    built: list[App] = []

    def build(tray: bool = True, show: bool = True, first_run: bool = False) -> Desktop:
        settings = AppPaths.from_platform().settings_file
        if not first_run and not settings.exists():  # the welcome note was read before
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text("schema_version = 1\nfirst_run_note_seen = true\n")
        clock = FakeClock()
        app = App(
            AppPaths.from_platform(),
            "null",
            tray_available=tray,
            clock=clock,
            threaded=False,
            open_audio=False,
        )
        app.quits = quits  # type: ignore[attr-defined]
        built.append(app)
        qtbot.addWidget(app.window)
        qtbot.addWidget(app.mini)
        if show:
            app.show()
        return Desktop(app, clock)

    yield build
    for app in built:
        app.controller.stop()
        if app.server is not None:
            app.server.close()
        if app.tray is not None:
            app.tray.icon.hide()
