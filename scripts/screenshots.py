"""Render every page offscreen at three screen sizes, light and dark, for review and the README.

    python scripts/screenshots.py [OUT_DIR]                    # every size and theme
    python scripts/screenshots.py [OUT_DIR] --size 800x600 --theme dark
    python scripts/screenshots.py [OUT_DIR] --offscreen          # without Xvfb

Pictures go to OUT_DIR/<size>/<theme>/<page>.png (OUT_DIR: docs/screenshots). The sizes are
800x600, 1366x768 and 1920x1080-2x (a 1920x1080 screen at 2x scale: 960x540 logical); the
window fills the screen. Each size and theme runs in its own process, since the screen and
scale are fixed when Qt starts. The session runs on a fake clock, so every picture shows the
same instant every time.
"""

from __future__ import annotations

import os
import shutil
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

    from somatictimer.core.history.records import CheckIn, SessionRecord

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


SIZES = {  # name: screen width, height (device pixels) and scale
    "800x600": (800, 600, 1),
    "1366x768": (1366, 768, 1),
    "1920x1080-2x": (1920, 1080, 2),
}
THEMES = ("light", "dark")


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Render every page at each size and theme.")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", choices=list(SIZES), help="only this size")
    parser.add_argument("--theme", choices=THEMES, help="only this theme")
    parser.add_argument(
        "--offscreen",
        action="store_true",
        help="Qt's offscreen platform instead of Xvfb (the default where xvfb-run exists)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = args.out.resolve()
    if args.child:  # one size and theme, in the screen and scale its parent set up
        return render(out / args.size / args.theme, args.size, args.theme)
    failed = 0
    for size in [args.size] if args.size else list(SIZES):
        for theme in [args.theme] if args.theme else list(THEMES):
            failed += run_one(out, size, theme, xvfb=not args.offscreen and XVFB is not None)
    return 1 if failed else 0


XVFB = shutil.which("xvfb-run")


def run_one(out: Path, size: str, theme: str, *, xvfb: bool) -> int:
    """One size and theme in a fresh process: its own screen (an X server of that size
    under Xvfb, or an offscreen one) and scale."""
    import json
    import subprocess

    width, height, scale = SIZES[size]
    home = Path(tempfile.mkdtemp(prefix="st-shots-"))
    screen = home / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": size, "width": width, "height": height}]}))
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
        QT_SCALE_FACTOR=str(scale),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_RUNTIME_DIR=str(home / "run"),
    )
    (home / "run").mkdir(mode=0o700)
    settings = home / "config" / "somatictimer" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(f'schema_version = 1\nfirst_run_note_seen = true\ntheme = "{theme}"\n')
    command = [sys.executable, __file__, str(out), "--size", size, "--theme", theme, "--child"]
    if xvfb:  # a real X server the size of the screen: the app meets it as on a desktop
        env["QT_QPA_PLATFORM"] = "xcb"
        screen_spec = f"-screen 0 {width}x{height}x24"
        command = [str(XVFB), "-a", "-s", screen_spec, *command]
    done = subprocess.run(command, env=env, check=False)
    if done.returncode:
        print(f"screenshots.py: {size} {theme} failed (exit {done.returncode})", file=sys.stderr)
    return 1 if done.returncode else 0


def render(out: Path, size: str, theme: str) -> int:
    import dataclasses

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication
    from somatictimer.core.library.practise import practise_pose
    from somatictimer.core.paths import AppPaths
    from somatictimer.ui.app import App
    from somatictimer.ui.shell.main_window import HISTORY, LIBRARY, SETTINGS
    from somatictimer.ui.shell.style import apply_style

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    apply_style(app, dark=theme == "dark")
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
    width, height, scale = SIZES[size]
    window.resize(width // scale, height // scale)  # the whole screen, as if maximised
    desktop.show()
    controller = desktop.controller

    def shot(widget: object, name: str) -> None:
        for _ in range(3):  # layouts, then what waits for them (a header's stretched column)
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))  # type: ignore[attr-defined]
        print(out / f"{name}.png")

    def run_for(seconds: float) -> None:
        """Like real time: half-second steps, each one polled."""
        target = clock.now + seconds
        while clock.now < target - 1e-9:
            clock.now = min(clock.now + 0.5, target)
            controller.refresh()

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
    assert dialog is not None
    shot(dialog, "caution-check")
    dialog.reject()
    desktop.apply_settings(dataclasses.replace(desktop.settings, caution_profile=()))

    desktop.start_asking(desktop.library.sequences["eight-brocades"])
    before = desktop.history.before
    for region, value in (("neck-shoulders", 6), ("lower-back", 4), ("hips", 7), ("jaw", 3)):
        before.map.set_tension(region, value)
    before.map.select("hips")
    shot(window, "checkin")
    before.skip_button.click()  # starts the session; stopped at once, too short to keep
    controller.stop()

    desktop.start(practise_pose(desktop.library, "box-breathing"))
    run_for(controller.sequence.prep_s + 2.2)  # type: ignore[union-attr]  # 2.2 s into an inhale
    shot(window, "player-breathing")
    controller.stop()

    desktop.start(practise_pose(desktop.library, "cat-cow"))
    run_for(24.2)  # rep 3 of Cat–Cow, 1.2 s into the inhale (cow)
    shot(window, "player-reps")
    for _ in range(600):  # to the end: the end screen and the after check-in
        if not controller.active:
            break
        run_for(1)
    shot(window, "end")

    desktop.start(desktop.library.sequences["evening-hip-release"])
    run_for(172.4)  # Low Lunge, right side, 2.4 s into an inhale (4-6 pacer)
    shot(window, "player-hold")
    controller.toggle_pause()
    run_for(1)
    shot(window, "paused")
    controller.toggle_pause()
    desktop.show_compact()
    controller.refresh()
    shot(desktop.mini, "mini")
    desktop.show_main()
    controller.stop()

    window.show_page(SETTINGS)
    shot(window, "settings")
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
