"""The fault suite, storage and clocks: a data folder that turns read-only or full in the
middle of a session, a damaged database, the wall clock jumping, the machine sleeping.

Where root may mount (this machine kind), the data folder is a real, tiny tmpfs that really
fills up or is really remounted read-only; elsewhere SQLite is told the same (its page limit,
``query_only``), which gives the same errors through the same code.
"""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from somatictimer.core.engine import SessionEngine, State
from somatictimer.core.history.recorder import SessionRecorder, open_history
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library import load_library
from somatictimer.core.model import Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence
from tests.core.test_engine import FakeClock

pytestmark = pytest.mark.faults
ROOT = Path(__file__).resolve().parents[1]
LIBRARY = load_library([[builtin_library_dir()]]).library


def _mount(folder: Path, *options: str) -> bool:
    command = ["mount", "-t", "tmpfs", "-o", ",".join(("size=1m", *options)), "tmpfs", str(folder)]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path) -> Iterator[bool]:
    """A 1 MiB tmpfs at ``folder`` (True), or a plain folder where mounting is not allowed."""
    folder.mkdir(parents=True)
    mounted = _mount(folder)
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


class Disk:
    """Turns the history's storage full / read-only and back, for real when mounted."""

    def __init__(self, folder: Path, store: HistoryStore, mounted: bool) -> None:
        self.folder, self.store, self.mounted = folder, store, mounted
        self.filler = folder / "filler"

    def fill(self) -> None:
        if self.mounted:
            with contextlib.suppress(OSError), self.filler.open("wb") as out:
                while True:
                    out.write(b"\0" * 65536)
                    out.flush()
        else:
            pages = self.store._conn.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[union-attr]
            self.store._conn.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[union-attr]

    def free(self) -> None:
        if self.mounted:
            self.filler.unlink()
        else:
            self.store._conn.execute("PRAGMA max_page_count = 1073741823")  # type: ignore[union-attr]


def practise(store: HistoryStore, unsaved: tuple[Path, ...], seconds: int, problems: list[str]):  # type: ignore[no-untyped-def]
    clock = FakeClock()
    timeline = compile_timeline(
        sequence(Step("low-lunge", hold_s=30), Step("bound-angle", hold_s=60), prep_s=0),
        LIBRARY.poses,
        LIBRARY.breaths,
    )
    engine = SessionEngine(timeline, clock=clock, suspend_gap_s=None)
    recorder = SessionRecorder(
        store, engine, LIBRARY, on_problem=problems.append, unsaved=unsaved, min_session_s=0
    )
    engine.start()

    def advance(by: int) -> None:
        for _ in range(by * 2):
            clock.advance(0.5)
            engine.poll()
            recorder.tick()

    advance(seconds)
    return engine, recorder, advance


def test_a_data_folder_that_fills_up_mid_session_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    unsaved = (tmp_path / "state" / "unsaved",)
    with small_disk(data) as mounted, HistoryStore(data / "history.sqlite3") as store:
        disk = Disk(data, store, mounted)
        problems: list[str] = []
        engine, recorder, advance = practise(store, unsaved, 20, problems)
        disk.fill()
        advance(40)  # checkpoints fail now; the session carries on
        assert engine.state is State.RUNNING and engine.pauses == 0
        assert len(problems) == 1 and "Could not save to the history" in problems[0]
        assert "full" in problems[0]
        engine.stop()
        record = recorder.finish(notes="kept")
        assert record is not None and recorder.pending == record
        kept = recorder.unsaved_file
        assert kept is not None and kept.exists()  # safe elsewhere meanwhile
        disk.free()
        assert recorder.retry()  # space again: saved, and the spare copy goes
        assert store.get(record.id) == record and not kept.exists()
        assert store.integrity_check() == "ok"


def test_a_read_only_data_folder_keeps_the_session_until_it_can_be_written(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    history = data / "history.sqlite3"
    unsaved = (tmp_path / "state" / "unsaved",)
    with small_disk(data) as mounted:
        HistoryStore(history).close()  # yesterday's history
        if mounted:  # as root a chmod does not stop writes; a read-only mount does
            subprocess.run(["mount", "-o", "remount,ro", str(data)], check=True)
            store, notices = open_history(history, unsaved=unsaved)
            assert store is not None or notices  # opened read-only, or unavailable
        else:
            store = HistoryStore(history)
            store._conn = sqlite3.connect(f"file:{history}?mode=ro", uri=True)
        problems: list[str] = []
        clock = FakeClock()
        timeline = compile_timeline(
            sequence(Step("bound-angle", hold_s=60), prep_s=0), LIBRARY.poses, LIBRARY.breaths
        )
        engine = SessionEngine(timeline, clock=clock, suspend_gap_s=None)
        recorder = SessionRecorder(
            store,
            engine,
            LIBRARY,
            on_problem=problems.append,
            unsaved=unsaved,
            history_file=history,
            min_session_s=0,
        )
        engine.start()
        clock.advance(70)
        engine.poll()
        recorder.tick()
        record = recorder.finish()
        assert record is not None and recorder.pending == record
        assert recorder.unsaved_file is not None
        if mounted:
            subprocess.run(["mount", "-o", "remount,rw", str(data)], check=True)
        else:
            store._conn = sqlite3.connect(history, isolation_level=None)  # type: ignore[union-attr]
        assert recorder.retry()  # writable again: in history, and the spare copy is gone
        with HistoryStore(history) as reopened:
            assert reopened.get(record.id) == record
        assert not recorder.unsaved_file


def test_a_damaged_database_is_kept_and_reported_and_practice_goes_on(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    history.write_bytes(b"SQLite format 3\0" + b"\xff" * 8000)  # a header and garbage
    before = history.read_bytes()
    store, notices = open_history(history)
    assert store is None
    assert notices == [
        f"History is unavailable: {history}: not a somatictimer history database (file is "
        "not a database); it was left untouched. Sessions are kept in memory only."
    ]
    problems: list[str] = []
    engine, recorder, _ = practise(None, (tmp_path / "unsaved",), 30, problems)  # type: ignore[arg-type]
    engine.stop()
    assert recorder.finish() is not None and recorder.unsaved_file is not None
    assert history.read_bytes() == before


def test_practice_starts_on_a_damaged_database_and_says_so(user_library: Path) -> None:
    (user_library / "blink.toml").write_text(
        'schema = 1\n[[sequence]]\nid = "blink"\nname = "Blink"\nprep_s = 0\n'
        'steps = [{ pose = "constructive-rest-position", hold_s = 0.5 }]\n',
        encoding="utf-8",
    )
    history = user_library.parent / "history.sqlite3"
    history.write_bytes(b"not sqlite at all" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "somatictimer", "run", "blink", "--audio", "null", "--save-short"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1  # finished, but not in history
    assert "History is unavailable" in result.stderr and "Traceback" not in result.stderr
    assert "Finished Blink: 0:00.5 of practice." in result.stdout
    assert history.read_bytes() == b"not sqlite at all" * 100


@pytest.mark.parametrize("jump", [timedelta(hours=1), timedelta(hours=-1)], ids=["+1h", "-1h"])
def test_a_wall_clock_jump_changes_no_practice_time(tmp_path: Path, jump: timedelta) -> None:
    wall = [datetime(2026, 11, 29, 7, 0).astimezone()]
    store = HistoryStore(tmp_path / "h.sqlite3")
    clock = FakeClock()
    timeline = compile_timeline(
        sequence(Step("low-lunge", hold_s=30), prep_s=0), LIBRARY.poses, LIBRARY.breaths
    )
    engine = SessionEngine(timeline, clock=clock, suspend_gap_s=5)
    recorder = SessionRecorder(store, engine, LIBRARY, now=lambda: wall[0], min_session_s=0)
    engine.start()
    for second in range(75):
        if second == 20:
            wall[0] += jump  # daylight saving, a time server, the user's hand
        clock.advance(1)
        wall[0] += timedelta(seconds=1)
        engine.poll()
        recorder.tick()
    assert engine.state is State.FINISHED and engine.pauses == 0
    record = recorder.finish()
    assert record is not None and record.practised_s == 65.0  # right, change, left
    assert [s.actual_s for s in record.steps] == [30.0, 30.0]


def test_a_suspend_pauses_the_session_and_is_saved_as_a_pause(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    clock = FakeClock()
    timeline = compile_timeline(
        sequence(Step("bound-angle", hold_s=60), prep_s=0), LIBRARY.poses, LIBRARY.breaths
    )
    asleep = [0.0]
    engine = SessionEngine(timeline, clock=clock, asleep=lambda: asleep[0])
    recorder = SessionRecorder(store, engine, LIBRARY, min_session_s=0)
    engine.start()
    clock.advance(20)
    engine.poll()
    clock.advance(3600)  # the lid closed for an hour
    asleep[0] += 3600
    engine.poll()
    recorder.tick()
    assert engine.state is State.PAUSED
    engine.resume()
    clock.advance(40)
    engine.poll()
    recorder.tick()
    record = recorder.finish()
    assert record is not None and record.status == "completed"
    assert (record.pauses, record.practised_s) == (1, 60.0)
    assert store.get(record.id) == record
    with sqlite3.connect(tmp_path / "h.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
