"""The recorder: checkpoints while running, per-step times, and nothing lost when the
history cannot be written (read-only or missing data dir)."""

from __future__ import annotations

import gc
import json
import logging
import threading
from pathlib import Path

import pytest
from somatictimer.core.engine import SessionEngine
from somatictimer.core.history.recorder import SessionRecorder, open_history
from somatictimer.core.history.records import HistoryError
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.library import load_library
from somatictimer.core.model import Step
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline

from tests.core.factories import sequence
from tests.core.test_engine import FakeClock

LIBRARY = load_library([[builtin_library_dir()]]).library


def running(seconds: float, *, store: object, clock: FakeClock | None = None, **options):  # type: ignore[no-untyped-def]
    clock = clock or FakeClock()
    seq = sequence(Step("low-lunge", hold_s=30), Step("bound-angle", hold_s=60), prep_s=5)
    engine = SessionEngine(
        compile_timeline(seq, LIBRARY.poses, LIBRARY.breaths), clock=clock, suspend_gap_s=None
    )
    problems: list[str] = []
    recorder = SessionRecorder(store, engine, LIBRARY, on_problem=problems.append, **options)
    engine.start()
    for _ in range(int(seconds * 2)):
        clock.advance(0.5)
        engine.poll()
        recorder.tick()
    return engine, recorder, problems


class FlakyStore:
    """Fails like a read-only folder until ``fixed`` is set, then stores for real."""

    def __init__(self, real: HistoryStore) -> None:
        self.real, self.fixed, self.calls = real, False, 0

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        def call(*args):  # type: ignore[no-untyped-def]
            self.calls += 1
            if not self.fixed:
                raise HistoryError("/data/history.sqlite3: attempt to write a readonly database")
            return getattr(self.real, name)(*args)

        return call


def test_checkpoints_then_a_finished_record_with_per_step_times(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, recorder, _ = running(70, store=store)
    (checkpoint,) = store.checkpoints()  # 70 s in: 5 s of get-ready, 65 s of practice
    assert checkpoint.status == "recovered" and 63 <= checkpoint.practised_s <= 65
    engine.stop()
    record = recorder.finish()
    assert record is not None and record.status == "stopped"
    # 5 s get-ready, 30 s right, 5 s change, 30 s left: the third step never began.
    assert [round(s.actual_s) for s in record.steps] == [30, 30, 0]
    assert [s.side for s in record.steps] == ["right", "left", "none"]
    assert store.checkpoints() == [] and store.get(record.id) == record


def test_too_short_is_discarded_unless_kept(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, recorder, _ = running(10, store=store)
    engine.stop()
    assert recorder.finish() is None
    assert store.count() == 0 and store.checkpoints() == []
    assert recorder.finish(keep_short=True) is not None and store.count() == 1


def test_a_read_only_history_keeps_the_session_in_memory_and_retries(tmp_path: Path) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    engine, recorder, problems = running(70, store=flaky)
    engine.stop()
    record = recorder.finish()
    assert record is not None and recorder.pending == record
    assert len(problems) == 1 and "readonly" in problems[0]  # told once, not every tick
    flaky.fixed = True
    assert recorder.retry()
    assert flaky.real.get(record.id) == record


def test_an_unsaved_session_waits_in_a_private_file_until_history_takes_it(
    tmp_path: Path,
) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    folders = (tmp_path / "state" / "unsaved", tmp_path / "run" / "unsaved")
    engine, recorder, _ = running(70, store=flaky, unsaved=folders)
    engine.stop()
    record = recorder.finish(notes="private note")
    kept = recorder.unsaved_file
    assert kept is not None and kept.parent == folders[0]
    assert kept.stat().st_mode & 0o777 == 0o600  # nobody else reads a note
    assert folders[0].stat().st_mode & 0o777 == 0o700
    assert json.loads(kept.read_text())[0]["notes"] == "private note"
    flaky.fixed = True  # write access is back while the app still runs
    assert recorder.retry()
    assert flaky.real.get(record.id) == record and not kept.exists()


def test_a_session_left_in_a_private_file_is_saved_at_the_next_start(tmp_path: Path) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    folders = (tmp_path / "state" / "unsaved", tmp_path / "run" / "unsaved")
    engine, recorder, _ = running(70, store=flaky, unsaved=folders)
    engine.stop()
    record = recorder.finish()
    assert record is not None and recorder.unsaved_file is not None  # then the app quits
    (folders[1]).mkdir(parents=True)
    (folders[1] / "session-broken.json").write_text("[{", encoding="utf-8")
    store, notices = open_history(tmp_path / "h.sqlite3", unsaved=folders)
    assert store is not None and [r.id for r in store.sessions()] == [record.id]
    assert notices[0] == ("Saved a session that could not be saved before: S, 1:05 practised.")
    assert notices[1].startswith(f"{folders[1] / 'session-broken.json'}: an unsaved session")
    assert not list(folders[0].iterdir())  # saved, so its file is gone
    assert (folders[1] / "session-broken.json").exists()  # a bad one is left for the user


def test_a_full_disk_keeps_the_session_in_the_next_folder(tmp_path: Path) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    blocked = tmp_path / "state"
    blocked.write_text("not a folder", encoding="utf-8")  # mkdir fails like a full disk
    folders = (blocked / "unsaved", tmp_path / "run" / "unsaved")
    engine, recorder, _ = running(70, store=flaky, unsaved=folders)
    engine.stop()
    recorder.finish()
    assert recorder.unsaved_file is not None and recorder.unsaved_file.parent == folders[1]


def test_missing_or_unusable_data_dir_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    store, notices = open_history(blocker / "somatictimer" / "history.sqlite3")
    assert store is None
    assert notices and notices[0].startswith("History is unavailable:")
    engine, recorder, _ = running(70, store=None)
    engine.stop()
    assert recorder.finish() is not None  # the session itself carries on regardless


def test_an_interrupted_session_is_recovered_with_a_notice_naming_it_and_its_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    running(75, store=store)  # the session is abandoned: only its checkpoint remains
    gc.collect()  # and its claim on the session goes, as it would with the process
    store.close()
    reopened, notices = open_history(path)
    assert reopened is not None
    (recovered,) = reopened.sessions()
    assert recovered.status == "recovered" and 68 <= recovered.practised_s <= 70
    minutes, seconds = divmod(int(recovered.practised_s), 60)
    assert notices == [
        f"Recovered an interrupted session: S, {minutes}:{seconds:02d} practised "
        "(saved to history as recovered)."
    ]


def test_checkpoints_come_every_one_and_a_half_seconds_of_practice_and_pause_keeps_them(
    tmp_path: Path,
) -> None:
    store = HistoryStore(tmp_path / "h.sqlite3")
    saved: list[float] = []
    real = store.checkpoint
    store.checkpoint = lambda record: (saved.append(record.practised_s), real(record))  # type: ignore[method-assign]
    engine, recorder, _ = running(11, store=store, min_session_s=0)
    # The first tick (still in the 5 s get-ready: no practice yet), then each 1.5 s exactly.
    assert saved == [0.0, 1.5, 3.0, 4.5, 6.0]
    engine.pause()
    clock = engine.clock
    for _ in range(10):  # paused: practice time stands still, so no new checkpoints
        clock.advance(0.5)  # type: ignore[attr-defined]
        recorder.tick()
    assert saved == [0.0, 1.5, 3.0, 4.5, 6.0]


def test_exactly_the_minimum_is_kept_with_its_note_and_after_check_in(tmp_path: Path) -> None:
    from somatictimer.core.history.records import CheckIn

    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, recorder, _ = running(65, store=store)  # 5 s get-ready, 60.0 s of practice
    engine.stop()
    after = CheckIn({"hips": 2}, 8, "")
    record = recorder.finish(notes="lighter", checkin_after=after)
    assert record is not None and record.practised_s == 60.0
    saved = store.get(record.id)
    assert saved is not None and saved.notes == "lighter" and saved.checkin_after == after
    assert saved.status == "stopped" and saved.planned_s == 30 + 5 + 30 + 5 + 60  # no get-ready
    assert [s.pose_name for s in saved.steps][:2] == ["Low Lunge (Anjaneyasana)"] * 2
    assert [s.planned_s for s in saved.steps] == [30.0, 30.0, 60.0]


def test_a_two_minute_recovery_reads_two_minutes(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    running(126, store=store)  # the last checkpoint is at 120.0 s of practice
    gc.collect()
    store.close()
    _, notices = open_history(path)
    assert notices[0].startswith("Recovered an interrupted session: S, 2:00 practised")


def test_what_a_failed_save_says_to_the_user_and_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    flaky = FlakyStore(HistoryStore(tmp_path / "h.sqlite3"))
    with caplog.at_level(logging.WARNING):
        engine, recorder, problems = running(70, store=flaky)
    assert problems == [
        "Could not save to the history (/data/history.sqlite3: attempt to write a readonly "
        "database). The session is kept in memory and saving is retried."
    ]
    assert caplog.messages[0] == (
        "history write failed: /data/history.sqlite3: attempt to write a readonly database"
    )
    engine.stop()
    assert recorder.finish() is not None and not recorder.retry()
    flaky.fixed = True
    assert recorder.retry() and recorder.pending is None


def test_the_record_keeps_the_family_the_check_in_and_no_note_by_default(tmp_path: Path) -> None:
    from somatictimer.core.history.records import CheckIn

    store = HistoryStore(tmp_path / "h.sqlite3")
    engine, recorder, _ = running(1, store=store)
    recorder.checkin_before = CheckIn({"jaw": 5}, 3, "")
    clock = engine.clock
    for _ in range(280):  # 141 s: past the end at 135 s
        clock.advance(0.5)  # type: ignore[attr-defined]
        engine.poll()
        recorder.tick()
    record = recorder.finish()
    assert record is not None and record.status == "completed"
    saved = store.get(record.id)
    assert saved is not None
    assert (saved.tradition, saved.notes, saved.checkin_before) == (
        "Hip-opener yoga",
        "",
        CheckIn({"jaw": 5}, 3, ""),
    )
    assert recorder.blocks_practised() == 3


def test_a_pose_counts_as_practised_from_half_its_time(tmp_path: Path) -> None:
    for seconds, practised in ((5 + 15, 1), (5 + 14.5, 0)):  # right side is 30 s
        engine, recorder, _ = running(seconds, store=None)
        engine.stop()
        recorder.tick()
        assert recorder.blocks_practised() == practised, seconds


def test_a_session_still_running_is_never_recovered_by_another_opener(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    engine, recorder, _ = running(75, store=HistoryStore(path))  # still running
    other, notices = open_history(path)  # a second window, terminal or command
    assert other is not None and notices == [] and other.sessions() == []
    engine.poll()
    recorder.tick()
    engine.stop()
    record = recorder.finish()  # its later checkpoints and its end were all kept
    assert record is not None and other.sessions() == [record]
    assert [s.status for s in other.sessions()] == ["stopped"]
    assert not list((tmp_path / "h.sqlite3.live").iterdir())  # the claim is gone with it


def test_an_interrupted_session_shorter_than_the_minimum_is_not_recovered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    running(30, store=HistoryStore(path))  # 25 s of practice, then abandoned
    gc.collect()
    store, notices = open_history(path, min_session_s=60)
    assert store is not None and notices == [] and store.sessions() == []
    assert store.checkpoints() == []  # nothing left to surprise a later start either


def test_a_session_killed_under_its_minimum_is_never_recovered_whatever_the_next_start(
    tmp_path: Path,
) -> None:
    """Practised under a 60 s minimum and killed after 6 s: the next start (whose minimum
    may have been lowered since, or a program that recovers without one) finds nothing."""
    path = tmp_path / "h.sqlite3"
    store = HistoryStore(path)
    running(5 + 6, store=store, min_session_s=60)  # 6 s of practice, then killed
    gc.collect()
    assert store.checkpoints() == []
    store.close()
    reopened, notices = open_history(path, min_session_s=0)
    assert reopened is not None and notices == [] and reopened.sessions() == []


def test_reading_history_never_recovers(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    running(75, store=HistoryStore(path))
    gc.collect()
    reader, notices = open_history(path, recover=False)  # `history export`
    assert reader is not None and notices == [] and reader.sessions() == []
    assert len(reader.checkpoints()) == 1  # left for the next practice to recover


class LockedStore:
    """A history file another process holds: every call waits until ``gate`` opens, and
    notes which thread made it."""

    def __init__(self, real: HistoryStore) -> None:
        self.real, self.path = real, real.path
        self.gate, self.entered = threading.Event(), threading.Event()
        self.threads: list[str] = []

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        def call(*args):  # type: ignore[no-untyped-def]
            self.threads.append(threading.current_thread().name)
            self.entered.set()
            self.gate.wait(10)
            return getattr(self.real, name)(*args)

        return call


def test_a_locked_history_file_never_holds_up_the_thread_that_plays_cues(
    tmp_path: Path,
) -> None:
    store = LockedStore(HistoryStore(tmp_path / "h.sqlite3"))
    engine, recorder, _ = running(70, store=store, in_background=True)  # 140 ticks
    assert store.entered.wait(5) and not store.gate.is_set()  # a writer waits on the lock
    assert threading.current_thread().name not in store.threads  # the ticks never did
    store.gate.set()  # the other process lets go
    engine.stop()
    record = recorder.finish()
    assert record is not None and store.real.get(record.id) == record
    assert store.real.checkpoints() == []  # no late checkpoint after the final record
