"""The library follows its folder while the app runs: files dropped in, changed, broken or
removed show in the library view without a restart, and a session under way goes on."""

from __future__ import annotations

import os
from pathlib import Path

from somatictimer.core.engine import State
from somatictimer.core.library.writer import save_item
from somatictimer.core.model import Sequence, Step
from somatictimer.core.paths import AppPaths

from tests.ui.conftest import TINY

WAIT_MS = 5_000


def names(view) -> list[str]:  # type: ignore[no-untyped-def]
    shown = (view.sequence_list.item(r) for r in range(view.sequence_list.count()))
    return [item.text().split("  ·  ")[0] for item in shown]


def test_a_sequence_dropped_into_the_folder_appears_without_a_restart(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    app = make_desktop().app
    view = app.library_view
    assert "Dropped In" not in names(view)
    dropped = Sequence("dropped-in", "Dropped In", (Step("cat-cow"), Step("corpse-pose", 60)))
    save_item(user_library, dropped)
    qtbot.waitUntil(lambda: "Dropped In" in names(view), timeout=WAIT_MS)
    assert app.library.sequences["dropped-in"] == dropped  # what the player and tray start
    assert "Tiny Hips" in names(view)
    assert app.window.notices.messages == []


def test_a_broken_file_is_named_with_its_line_and_the_rest_stays(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    app = make_desktop().app
    view = app.library_view
    broken = user_library / "broken.toml"
    broken.write_text(
        TINY.replace('id = "tiny"', 'id = "broken"').replace("hold_s = 20", "hold_s = -20"),
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: bool(app.window.notices.messages), timeout=WAIT_MS)
    assert app.window.notices.messages == [
        f"Some library items were left out: {broken}:10: sequence.broken.steps[1].hold_s: "
        "expected seconds > 0 and <= 7200, found -20. Run `somatictimer check` for the full list."
    ]
    assert "Tiny Hips" in names(view)
    assert len(app.library.sequences) > 1


def test_changes_by_atomic_rename_and_removals_are_followed(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    settings = AppPaths.from_platform().settings_file
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('schema_version = 1\nfirst_run_note_seen = true\nlast_sequence = "tiny"\n')
    app = make_desktop().app
    view = app.library_view
    assert app.tray.start_last_action.text() == "Start Tiny Hips"
    tiny = user_library / "tiny.toml"
    for name in ("Tiny Hips, Renamed", "Tiny Hips, Again"):  # the second: is it watched still?
        temp = user_library / ".tiny.toml.tmp"
        temp.write_text(TINY.replace('name = "Tiny Hips"', f'name = "{name}"'), encoding="utf-8")
        os.replace(temp, tiny)
        qtbot.waitUntil(lambda name=name: name in names(view), timeout=WAIT_MS)
    # Written in place now: the watch on the file replaced by the renames must be new.
    tiny.write_text(TINY.replace('name = "Tiny Hips"', 'name = "Tiny Hips, In Place"'))
    qtbot.waitUntil(lambda: "Tiny Hips, In Place" in names(view), timeout=WAIT_MS)
    assert app.tray.start_last_action.text() == "Start Tiny Hips, In Place"
    tiny.unlink()
    qtbot.waitUntil(lambda: "Tiny Hips, In Place" not in names(view), timeout=WAIT_MS)
    assert "tiny" not in app.library.sequences
    assert not app.tray.start_last_action.isEnabled()


def test_a_session_under_way_keeps_its_plan_when_its_file_goes(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    desktop = make_desktop()
    app = desktop.app
    desktop.start("tiny")
    desktop.at(8)
    (user_library / "tiny.toml").unlink()
    qtbot.waitUntil(lambda: "tiny" not in app.library.sequences, timeout=WAIT_MS)
    desktop.at(30)
    frame = app.controller.current_frame()
    assert frame is not None and frame.snapshot.state is State.RUNNING
    assert app.player.isVisible()


def test_a_library_folder_made_while_the_app_runs_is_followed(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    (user_library / "tiny.toml").unlink()
    user_library.rmdir()
    app = make_desktop().app
    view = app.library_view
    user_library.mkdir()
    qtbot.wait(100)  # the folder is watched once it is there
    save_item(user_library, Sequence("late", "Came Late", (Step("cat-cow"),)))
    qtbot.waitUntil(lambda: "Came Late" in names(view), timeout=WAIT_MS)


def test_a_burst_of_files_is_read_once(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, user_library: Path
) -> None:
    app = make_desktop().app
    reloads: list[bool] = []
    app.reloader.reloaded.connect(lambda: reloads.append(True))
    for number in range(4):  # an import: several files, a few milliseconds apart
        save_item(user_library, Sequence(f"burst-{number}", f"Burst {number}", (Step("cat-cow"),)))
        qtbot.wait(50)
    qtbot.waitUntil(lambda: "Burst 3" in names(app.library_view), timeout=WAIT_MS)
    qtbot.wait(600)
    assert reloads == [True]


def test_files_beside_a_missing_folder_do_not_count_until_it_appears(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from somatictimer.ui.library.reload import FolderWatcher

    watcher = FolderWatcher([tmp_path / "library"], delay_ms=50)
    changes: list[bool] = []
    watcher.changed.connect(lambda: changes.append(True))
    (tmp_path / "history.sqlite3").write_bytes(b"a session")  # the data folder, mid-session
    qtbot.wait(300)
    assert changes == []
    (tmp_path / "library").mkdir()
    qtbot.waitUntil(lambda: changes == [True], timeout=WAIT_MS)
    assert str(tmp_path / "library") in watcher._watcher.directories()
