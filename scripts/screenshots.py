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
    from PySide6.QtWidgets import QApplication
    from somatictimer.core.paths import AppPaths
    from somatictimer.ui.app import App
    from somatictimer.ui.main_window import LIBRARY, SETTINGS
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

    window.show_page(LIBRARY)
    desktop.library_view.select_sequence("evening-hip-release")
    shot(window, "library")
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
    desktop.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
