"""SessionRecorder: turns a running session into a history record, never losing practice.

While the session runs it writes a checkpoint at least every few seconds, so a crash or a
kill -9 loses at most that much; the next start recovers the checkpoint as a "recovered"
session (a session still shorter than the minimum length has no checkpoint, so nothing
shorter is ever recovered). The process holds a lock on the session while it runs
(``history.live``), so no other process recovers it meanwhile. Checkpoints can be written
on a thread of their own, so a slow or locked history file never holds up the thread that
plays the cues. When the store cannot be written (read-only or missing data dir) the record
stays in memory and every later tick retries; the caller is told once.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from somatictimer.core.engine import SessionEngine, State
from somatictimer.core.history.live import live_folder, owner_alive, session_lease
from somatictimer.core.history.outcome import BlockCounts, count_blocks, ending_status
from somatictimer.core.history.records import (
    CheckIn,
    HistoryError,
    SessionRecord,
    StepRecord,
)
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.history.unsaved import forget_unsaved, import_unsaved, keep_unsaved
from somatictimer.core.library import Library
from somatictimer.core.library.families import family_label

log = logging.getLogger(__name__)

CHECKPOINT_EVERY_S = 1.5  # a kill loses at most this, plus one tick: inside the 2 s promised
MIN_SESSION_S = 60.0


def local_now() -> datetime:
    return datetime.now().astimezone()


def open_history(
    path: Path,
    *,
    recover: bool = True,
    min_session_s: float = MIN_SESSION_S,
    unsaved: Sequence[Path] = (),
) -> tuple[HistoryStore | None, list[str]]:
    """Open the store and (unless ``recover`` is off, as for read-only commands) recover the
    sessions a crash left behind, if at least ``min_session_s`` long, and save the sessions
    kept in the ``unsaved`` folders; notices to show once."""
    folder = live_folder(path)
    try:
        store = HistoryStore(path)
        if not recover:
            return store, []
        recovered = store.recover(
            lambda id_, written: owner_alive(folder, id_, written), min_session_s
        )
        kept, problems = import_unsaved(store, unsaved)
    except HistoryError as error:
        return None, [f"History is unavailable: {error}. Sessions are kept in memory only."]
    notices = [
        f"Recovered an interrupted session: {r.sequence_name}, {_minutes(r)} practised "
        f"(saved to history as recovered)."
        for r in recovered
    ]
    notices += [
        f"Saved a session that could not be saved before: {r.sequence_name}, {_minutes(r)} "
        "practised."
        for r in kept
    ]
    return store, notices + problems


def _minutes(record: SessionRecord) -> str:
    return f"{int(record.practised_s // 60)}:{int(record.practised_s % 60):02d}"


class SessionRecorder:
    """Observes one engine; ``tick`` from the scheduler thread, ``finish`` at the end."""

    def __init__(
        self,
        store: object | None,
        engine: SessionEngine,
        library: Library,
        *,
        source: str = "app",
        min_session_s: float = MIN_SESSION_S,
        now: Callable[[], datetime] = local_now,
        on_problem: Callable[[str], None] | None = None,
        in_background: bool = False,
        history_file: Path | None = None,
        unsaved: Sequence[Path] = (),
    ) -> None:
        """``in_background``: checkpoints are written by a thread of their own, so ``tick``
        never waits on the disk (what the app and the terminal use). ``history_file``: where
        to try again when the history could not be opened (``store`` is None). ``unsaved``:
        private folders for a finished session the history cannot take yet."""
        self.store = store  # a HistoryStore (duck-typed so tests may pass a failing one)
        self.engine = engine
        self.library = library
        self.source = source
        self.min_session_s = min_session_s
        self._now = now
        self._on_problem = on_problem or (lambda message: None)
        self.id = uuid.uuid4().hex
        self.started_at = now()
        self.checkin_before: CheckIn | None = None
        self._actual_s: defaultdict[int, float] = defaultdict(float)  # seconds per segment
        self._last_practised = 0.0
        self._last_segment = 0
        self._last_checkpoint = float("-inf")
        self._told = False
        self.pending: SessionRecord | None = None  # a final record not yet stored
        self.unsaved_file: Path | None = None  # where ``pending`` is kept meanwhile
        self._kept: SessionRecord | None = None  # the record in that file
        self._history_file = history_file
        self._unsaved = tuple(unsaved)
        path = getattr(store, "path", history_file)
        self._lease = session_lease(live_folder(path), self.id) if isinstance(path, Path) else None
        self._writer = CheckpointWriter(self._checkpoint) if in_background else None

    # -- while running ---------------------------------------------------------------------
    def tick(self) -> None:
        """Account the time since the last tick to the segment it was spent in; checkpoint."""
        engine = self.engine
        practised = engine.practised_s
        self._actual_s[self._last_segment] += max(0.0, practised - self._last_practised)
        self._last_practised = practised
        self._last_segment = engine.segment.index
        if self.pending is not None:
            self.retry()
        elif (
            practised - self._last_checkpoint >= CHECKPOINT_EVERY_S
            # Below the minimum there is nothing to recover: with no checkpoint on disk, no
            # later start can save it, whatever minimum that start was given.
            and practised >= self.min_session_s
            and engine.state in (State.PREP, State.RUNNING, State.PAUSED)
        ):
            self._last_checkpoint = practised
            record = self.record("recovered")
            if self._writer is not None:
                self._writer.offer(record)
            else:
                self._checkpoint(record)

    def blocks_practised(self) -> int:
        """Holds practised for at least half their planned time: a skipped pose or side
        does not count, one cut short near its end does."""
        return sum(
            1
            for hold in self.engine.timeline.holds
            if self._actual_s.get(hold.index, 0.0) * 1000 >= hold.planned_ms / 2
        )

    def block_counts(self) -> BlockCounts:
        """Blocks practised in full, shortened, skipped and not reached, so far."""
        return count_blocks(self._steps(), reached_end=self.engine.state is State.FINISHED)

    # -- at the end ------------------------------------------------------------------------
    def finish(
        self, *, notes: str = "", checkin_after: CheckIn | None = None, keep_short: bool = False
    ) -> SessionRecord | None:
        """Store the session (completed or stopped); None when too short and not kept."""
        self.tick()
        if self._writer is not None:
            self._writer.close()  # no checkpoint may land after the final record
        steps = self._steps()
        status = ending_status(steps, reached_end=self.engine.state is State.FINISHED)
        record = replace(self.record(status), notes=notes, checkin_after=checkin_after)
        if record.practised_s < self.min_session_s and not keep_short:
            if self._write("discard_checkpoint", self.id) and self._lease is not None:
                self._lease.release()
            return None
        self._store_final(record)
        return record

    def amend(self, record: SessionRecord) -> None:
        """Notes or an after check-in added on the end screen."""
        self._store_final(record)

    def _steps(self) -> tuple[StepRecord, ...]:
        steps = []
        for segment in self.engine.timeline.holds:
            pose = self.library.poses.get(segment.pose_id or "")
            steps.append(
                StepRecord(
                    pose_id=segment.pose_id or "",
                    pose_name=pose.name if pose else "",
                    side=segment.side.value,
                    planned_s=segment.planned_ms / 1000,
                    actual_s=round(self._actual_s.get(segment.index, 0.0), 3),
                )
            )
        return tuple(steps)

    def record(self, status: str) -> SessionRecord:
        engine = self.engine
        timeline = engine.timeline
        steps = self._steps()
        practised = round(self._last_practised, 3)
        traditions = Counter(
            family_label(self.library.poses[s.pose_id].tradition)
            for s in steps
            if s.pose_id in self.library.poses
        )
        return SessionRecord(
            id=self.id,
            started_at=self.started_at,
            ended_at=self._now(),  # for a checkpoint: when it was written (pauses included)
            sequence_id=timeline.sequence.id,
            sequence_name=timeline.sequence.name,
            tradition=traditions.most_common(1)[0][0] if traditions else "",
            planned_s=timeline.practice_s,
            practised_s=practised,
            status=status,
            pauses=engine.pauses,
            steps=steps,
            checkin_before=self.checkin_before,
            source=self.source,
        )

    def retry(self) -> bool:
        """Try again to store a finished session that could not be saved; True when stored."""
        if self.pending is not None:
            self._store_final(self.pending)
        return self.pending is None

    def _store_final(self, record: SessionRecord) -> None:
        self.pending = record
        if self._write("finish", record):
            self.pending = None
            if self.unsaved_file is not None:
                forget_unsaved(record.id, self._unsaved)
                self.unsaved_file = None
            if self._lease is not None:
                self._lease.release()
        elif self._unsaved and (self.unsaved_file is None or record is not self._kept):
            self.unsaved_file = keep_unsaved(record, self._unsaved)
            self._kept = record

    def _checkpoint(self, record: SessionRecord) -> None:
        """Only under the lease: a checkpoint nobody owns could be recovered while the
        session still runs."""
        if self._lease is None or self._lease.take():
            self._write("checkpoint", record)

    def _write(self, method: str, argument: object) -> bool:
        if self.store is None and self._history_file is not None:
            with contextlib.suppress(HistoryError):  # writable again?
                self.store = HistoryStore(self._history_file)
        if self.store is None:
            return False
        try:
            getattr(self.store, method)(argument)
        except (HistoryError, OSError) as error:
            log.warning("history write failed: %s", error)
            if not self._told:
                self._told = True
                self._on_problem(
                    f"Could not save to the history ({error}). The session is "
                    "kept in memory and saving is retried."
                )
            return False
        return True


class CheckpointWriter:
    """Writes the latest checkpoint offered on a daemon thread; older ones not yet written
    are dropped (only the newest matters). ``offer`` never blocks."""

    def __init__(self, write: Callable[[SessionRecord], None]) -> None:
        self._write = write
        self._latest: SessionRecord | None = None
        self._closed = False
        self._wake = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="checkpoints", daemon=True)
        self._thread.start()

    def offer(self, record: SessionRecord) -> None:
        with self._wake:
            if not self._closed:
                self._latest = record
                self._wake.notify()

    def close(self, timeout_s: float = 10.0) -> None:
        """Stop taking checkpoints; wait (bounded) for one being written."""
        with self._wake:
            self._closed = True
            self._latest = None
            self._wake.notify()
        self._thread.join(timeout_s)

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._latest is None and not self._closed:
                    self._wake.wait()
                record, self._latest = self._latest, None
            if record is None:  # closed
                return
            self._write(record)
