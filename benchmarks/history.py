"""History store with 100,000 generated sessions: open + all stats, and saving one session.

    python benchmarks/history.py [--sessions 100000] [--runs 7]

Targets: opening the store and computing every stat <= 200 ms (median of the runs; each
run opens the file afresh); save() of one session <= 5 ms (median of 100). Also printed,
without a target: listing the last 90 days and the whole history.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from somatictimer.core.history import (  # noqa: E402
    REGIONS,
    CheckIn,
    HistoryStore,
    SessionRecord,
    StepRecord,
)

TRADITIONS = ("yoga", "qigong", "pilates", "breath", "somatic")
ZONES = (timezone(timedelta(hours=1)), timezone(timedelta(hours=2)))


def generated(count: int, seed: int = 7) -> list[SessionRecord]:
    """`count` plausible sessions, a few a day going back from today; 30 % with check-ins."""
    rng = random.Random(seed)
    start = datetime.now(ZONES[0]).replace(microsecond=0)
    records = []
    for n in range(count):
        started = (start - timedelta(hours=n * 7 + rng.randrange(0, 3600) / 3600)).astimezone(
            ZONES[n % 2]
        )
        planned_s = float(rng.choice((600, 900, 1200, 1800, 2700)))
        practised_s = planned_s - rng.random() * 60
        steps = tuple(
            StepRecord(f"pose-{i}", f"Pose {i}", rng.choice(("", "right", "left")), 60.0, 60.5)
            for i in range(8)
        )
        before = after = None
        if rng.random() < 0.3:
            regions = rng.sample(REGIONS, 4)
            before = CheckIn({r: rng.randint(3, 9) for r in regions}, rng.randint(0, 10))
            after = CheckIn({r: rng.randint(0, 6) for r in regions}, rng.randint(0, 10))
        records.append(
            SessionRecord(
                id=uuid.UUID(int=rng.getrandbits(128)).hex,
                started_at=started,
                ended_at=started + timedelta(seconds=practised_s + 40),
                sequence_id=f"seq-{n % 40}",
                sequence_name=f"Sequence {n % 40}",
                tradition=TRADITIONS[n % len(TRADITIONS)],
                planned_s=planned_s,
                practised_s=practised_s,
                status="completed" if n % 10 else "stopped",
                pauses=n % 3,
                notes="" if n % 4 else "felt good",
                steps=steps,
                checkin_before=before,
                checkin_after=after,
            )
        )
    return records


def timed_ms(action: object) -> float:
    assert callable(action)
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def open_view(path: Path) -> None:
    """What a person waits for when they open the History page."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from somatictimer.ui.history_view import HistoryView

    _app = QApplication.instance() or QApplication([])
    with HistoryStore(path) as store:
        view = HistoryView(store, day_starts_hour=3)
        assert view.table.rowCount() > 0
        view.deleteLater()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="somatictimer-history-") as folder:
        path = Path(folder) / "history.sqlite3"
        began = time.perf_counter()
        with HistoryStore(path) as store:
            store.save_many(generated(args.sessions))
        size_mb = path.stat().st_size / 1e6
        print(
            f"generated {args.sessions:,} sessions in {time.perf_counter() - began:.1f} s "
            f"({size_mb:.0f} MB)"
        )

        def open_and_stats() -> None:
            with HistoryStore(path) as store:
                stats = store.stats(day_boundary_hour=3)
                assert stats.total_sessions >= args.sessions

        open_ms = [timed_ms(open_and_stats) for _ in range(args.runs)]
        view_ms = [timed_ms(lambda: open_view(path)) for _ in range(3)]
        with HistoryStore(path) as store:
            extra = generated(100, seed=99)
            save_ms = [timed_ms(lambda r=r: store.save(r)) for r in extra]
            since = date.today() - timedelta(days=90)
            recent_ms = timed_ms(lambda: store.sessions(since=since))
            all_ms = timed_ms(store.sessions)
            page_ms = timed_ms(lambda: store.sessions(limit=200, offset=1000))
            checkpoint = extra[0]
            checkpoint_ms = [timed_ms(lambda: store.checkpoint(checkpoint)) for _ in range(100)]
            assert store.integrity_check() == "ok"
    print(
        f"open + stats:  median {statistics.median(open_ms):6.1f} ms, "
        f"max {max(open_ms):6.1f} ms  (target <= 200 ms, {args.runs} runs)"
    )
    print(
        f"History page:  median {statistics.median(view_ms):6.1f} ms  (open the store, stats, "
        "calendar, charts and the newest 200 rows in the Qt view; target <= 200 ms)"
    )
    print(
        f"save():        median {statistics.median(save_ms):6.2f} ms, "
        f"max {max(save_ms):6.2f} ms  (target <= 5 ms, 100 saves)"
    )
    print(f"checkpoint():  median {statistics.median(checkpoint_ms):6.2f} ms")
    print(f"sessions(since 90 days): {recent_ms:6.1f} ms")
    print(f"sessions(limit=200, offset=1000): {page_ms:6.1f} ms")
    print(f"sessions() all {args.sessions:,}: {all_ms:6.1f} ms")
    ok = (
        statistics.median(open_ms) <= 200
        and statistics.median(view_ms) <= 200
        and statistics.median(save_ms) <= 5
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
