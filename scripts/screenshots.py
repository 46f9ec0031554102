"""Render the README screenshots offscreen: Library, Player mid-hold, Mini window, Settings.

    python scripts/screenshots.py [OUT_DIR] [--dark]

The session runs on a fake clock, so every picture shows the same instant every time.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def fill_history(store: object, library: object) -> None:
    """Ten weeks of plausible practice (fixed seed), with check-ins that ease over time."""
    import random
    import uuid
    from datetime import datetime, timedelta

    from somatictimer.core.history_records import CheckIn, SessionRecord

    rng = random.Random(3)
    now = datetime(2026, 11, 25, 8, 0).astimezone()
    from collections import Counter

    from somatictimer.core.library.families import family_label

    sequences = list(library.sequences.values())  # type: ignore[attr-defined]
    traditions = {  # each sequence's main family, as the recorder saves it
        s.id: family_label(
            Counter(library.poses[step.pose].tradition for step in s.steps).most_common(1)[0][0]  # type: ignore[attr-defined]
        )
        for s in sequences
    }
    for day in range(70, 0, -1):
        if rng.random() < 0.35:
            continue
        sequence = rng.choice(sequences)
        started = now - timedelta(days=day, hours=rng.randint(0, 12))
        minutes = rng.choice([10, 12, 15, 20, 20, 30])
        before = {r: rng.randint(4, 8) for r in ("neck-shoulders", "lower-back", "hips")}
        after = {r: max(0, v - rng.randint(1, 4)) for r, v in before.items()}
        store.save(
            SessionRecord(  # type: ignore[attr-defined]
                id=uuid.UUID(int=rng.getrandbits(128)).hex,
                started_at=started,
                ended_at=started + timedelta(minutes=minutes),
                sequence_id=sequence.id,
                sequence_name=sequence.name,
                tradition=traditions.get(sequence.id, ""),
                planned_s=minutes * 60.0,
                practised_s=minutes * 60.0 - rng.randint(0, 40),
                status=rng.choice(["completed"] * 8 + ["stopped"]),
                checkin_before=CheckIn(before, rng.randint(3, 6)),
                checkin_after=CheckIn(after, rng.randint(6, 9)),
                notes=rng.choice(["", "", "hips softer", "left side tighter"]),
            )
        )


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    dark = "--dark" in sys.argv
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="st-shots-"))
    os.environ.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    (home / "run").mkdir(mode=0o700)
    (home / "config" / "somatictimer").mkdir(parents=True)
    (home / "config" / "somatictimer" / "settings.toml").write_text(
        "schema_version = 1\nfirst_run_note_seen = true\n"
    )
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from somatictimer.core.paths import AppPaths
    from somatictimer.ui.app import App
    from somatictimer.ui.main_window import HISTORY, LIBRARY, SETTINGS
    from somatictimer.ui.style import apply_style

    app = QApplication([])
    apply_style(app, dark=dark)
    clock = FakeClock()
    desktop = App(
        AppPaths.from_platform(),
        "null",
        tray_available=True,
        clock=clock,
        threaded=False,
        open_audio=False,
    )
    window = desktop.window
    window.resize(1180, 760)
    desktop.show()
    suffix = "-dark" if dark else ""

    def shot(widget: object, name: str) -> None:
        app.processEvents()
        widget.grab().save(str(out / f"{name}{suffix}.png"))  # type: ignore[attr-defined]
        print(out / f"{name}{suffix}.png")

    import dataclasses

    from somatictimer.core.library.practise import practise_pose

    window.show_page(LIBRARY)
    view = desktop.library_view
    view.select_sequence("evening-hip-release")
    shot(window, "library")
    desktop.apply_settings(dataclasses.replace(desktop.settings, caution_profile=("knee",)))
    view.tabs.setCurrentIndex(1)
    family = view.filters["tradition"]
    family.setCurrentIndex(family.findData("yin-yoga"))
    view.pose_list.setCurrentRow(
        view.pose_list.row(
            view.pose_list.findItems("Dragon (low)", Qt.MatchFlag.MatchStartsWith)[0]
        )
    )
    shot(window, "library-poses")
    view.tabs.setCurrentIndex(2)
    shot(window, "library-breathing")
    view.tabs.setCurrentIndex(0)
    desktop.start_asking(desktop.library.sequences["evening-hip-release"])
    dialog = desktop.pending_dialog
    dialog.resize(620, 420)  # type: ignore[union-attr]
    shot(dialog, "caution-check")
    dialog.reject()  # type: ignore[union-attr]
    desktop.apply_settings(dataclasses.replace(desktop.settings, caution_profile=()))
    desktop.start(practise_pose(desktop.library, "cat-cow"))
    start = clock.now
    for step in range(1, 49):
        clock.now = start + step * 0.5
        desktop.controller.refresh()
    clock.now = start + 24.2  # rep 3 of Cat–Cow, 1.2 s into the inhale (cow)
    desktop.controller.refresh()
    shot(window, "player-reps")
    desktop.controller.stop()
    desktop.start(desktop.library.sequences["evening-hip-release"])
    start = clock.now
    for step in range(1, 346):  # like real time: half-second steps, each one polled
        clock.now = start + step * 0.5
        desktop.controller.refresh()
    clock.now = start + 172.4  # Low Lunge, right side, 2.4 s into an inhale (4-6 pacer)
    desktop.controller.refresh()
    shot(window, "player")
    desktop.show_compact()
    desktop.controller.refresh()
    shot(desktop.mini, "mini")
    desktop.show_main()
    window.show_page(SETTINGS)
    shot(window, "settings")
    desktop.start_asking(desktop.library.sequences["eight-brocades"])
    before = desktop.history.before
    for region, value in (("neck-shoulders", 6), ("lower-back", 4), ("hips", 7), ("jaw", 3)):
        before.map.set_tension(region, value)
    before.map.select("hips")
    shot(window, "checkin")
    fill_history(desktop.history.store, desktop.library)
    window.show_page(HISTORY)
    desktop.history_view.reload()
    desktop.history_view.table.selectRow(0)
    shot(window, "history")
    desktop.history_view.tabs.setCurrentIndex(1)
    shot(window, "history-trends")
    desktop.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
