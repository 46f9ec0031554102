"""The desktop app driven like a person would, on a fake clock (offscreen Qt)."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from somatictimer import control
from somatictimer.core.engine import State
from somatictimer.core.model import BREATH_CUES
from somatictimer.core.timeline import SegmentKind
from somatictimer.ui.shell.main_window import PRACTICE
from somatictimer.ui.shell.tray import timer_icon


def press(qtbot, desktop, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    window = desktop.app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, key)
    desktop.app.controller.refresh()


def test_player_shows_the_right_pose_side_time_and_breath(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    player = desktop.app.player
    assert desktop.app.window.page == PRACTICE
    desktop.at(2.0)
    assert player.title.text() == "Get ready"
    assert player.ring.text() == "0:03"
    assert player.banner.text() == "Next up: Low Lunge (Anjaneyasana) · 0:20"
    assert player.side.text() == "Right side" and player.next_label.text() == ""
    desktop.at(7.5)  # low lunge, right side, 2.5 s into the first 4 s inhale
    assert player.title.text().startswith("Low Lunge")
    assert player.side.text() == "Right side"
    assert player.ring.text() == "0:18"
    assert player.pacer.phase_text() == "Inhale 2"
    desktop.at(11.0)  # 2 s into the 6 s exhale
    assert player.pacer.phase_text() == "Exhale 4"
    desktop.at(26.0)  # the gap between the sides
    assert player.title.text() == "Switch sides"
    assert (player.banner.text(), player.side.text()) == ("", "Left side")
    desktop.at(31.0)
    assert player.side.text() == "Left side"
    assert player.overall.text() == "0:31 / 1:55"


def test_pacer_is_always_in_the_phase_of_the_last_breath_cue(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    timeline = desktop.app.controller.scheduler.engine.timeline
    checked = 0
    for tenth in range(50, 1100, 7):
        desktop.at(tenth / 10)
        position_ms = desktop.app.controller.scheduler.engine.position_ms
        segment = timeline.segment_at(position_ms)
        last = [
            c
            for c in timeline.cues
            if c.kind in BREATH_CUES and c.at_ms <= position_ms and c.segment == segment.index
        ]
        word = desktop.app.player.pacer.phase_text().split()[0].lower()
        if segment.kind is SegmentKind.HOLD and last:
            assert word == {"hold-in": "hold", "hold-out": "hold"}.get(
                last[-1].kind.value, last[-1].kind.value
            )
            checked += 1
        else:
            assert word == "breathe"
    assert checked > 50


def test_keyboard_controls_the_session(make_desktop, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    engine = lambda: desktop.app.controller.scheduler.engine  # noqa: E731
    desktop.at(8)
    press(qtbot, desktop, Qt.Key.Key_Space)
    assert engine().state is State.PAUSED
    press(qtbot, desktop, Qt.Key.Key_Space)
    assert engine().state is State.RUNNING
    press(qtbot, desktop, Qt.Key.Key_Plus)
    assert engine().segment.end_s == 55.0  # 20 s hold + 30 s
    press(qtbot, desktop, Qt.Key.Key_Right)
    assert engine().segment.side.value == "left"
    press(qtbot, desktop, Qt.Key.Key_Left)  # within 2 s of its start: back to the right side
    assert engine().segment.side.value == "right"
    press(qtbot, desktop, Qt.Key.Key_M)
    assert desktop.app.audio.muted and desktop.app.player.mute_button.accessibleName() == "Unmute"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    press(qtbot, desktop, Qt.Key.Key_Escape)
    assert engine().state is State.STOPPED
    assert desktop.app.practice.currentWidget() is desktop.app.end_view


def test_f_switches_to_the_compact_window(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(7.5)
    press(qtbot, desktop, Qt.Key.Key_F)
    mini = desktop.app.mini
    assert mini.isVisible() and not desktop.app.window.isVisible()
    assert mini.time.text() == "0:18"
    assert mini.breath.text() == "Inhale"
    assert mini.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert mini.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def drawn(icon) -> bytes:  # type: ignore[no-untyped-def]
    """The pixels of an icon as the tray shows it."""
    image = icon.pixmap(32, 32).toImage()
    return bytes(image.constBits())


def test_tray_menu_and_icon(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    tray = desktop.app.tray
    assert not tray.pause_action.isEnabled()
    desktop.start("tiny")
    desktop.at(7.5)
    assert drawn(tray.icon.icon()) == drawn(timer_icon("18", seconds=True))  # last minute: s
    assert drawn(tray.icon.icon()) != drawn(timer_icon("19", seconds=True))
    assert "Low Lunge" in tray.icon.toolTip() and "0:18 left" in tray.icon.toolTip()
    tray.pause_action.trigger()
    assert desktop.app.controller.state is State.PAUSED
    assert tray.pause_action.text() == "Resume"
    tray.pause_action.trigger()
    tray.skip_action.trigger()
    assert desktop.app.controller.scheduler.engine.segment.side.value == "left"
    tray.show_action.trigger()
    assert not desktop.app.window.isVisible()
    tray.show_action.trigger()
    assert desktop.app.window.isVisible()
    tray.stop_action.trigger()
    assert desktop.app.controller.state is State.STOPPED
    assert tray.start_last_action.text() == "Start Tiny Hips"
    tray.start_last_action.trigger()
    assert desktop.app.controller.state is State.PREP
    desktop.started_at = desktop.clock.now
    desktop.at(56)  # bound angle, 59 s left
    assert drawn(tray.icon.icon()) == drawn(timer_icon("59", seconds=True))
    tray.pause_action.trigger()
    assert drawn(tray.icon.icon()) == drawn(timer_icon("59", paused=True, seconds=True))


def test_tray_icon_shows_minutes_then_seconds() -> None:
    from somatictimer.ui.shell.tray import icon_text

    assert [icon_text(s) for s in (600, 125, 60.0, 59.2, 58.5, 0.2)] == [
        "10",
        "3",
        "1",
        "1",
        "59",
        "1",
    ]


def test_closing_the_window_keeps_the_session_in_the_tray(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(10)
    desktop.app.window.close()
    assert not desktop.app.window.isVisible()
    assert desktop.app.controller.active and not desktop.app.quits
    desktop.at(20)
    assert desktop.app.controller.scheduler.engine.position_s == 20.0
    desktop.app.controller.stop()
    desktop.app.window.close()  # nothing running: closing quits
    assert desktop.app.quits


def test_without_a_tray_the_mini_window_stands_in(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop(tray=False)
    app = desktop.app
    assert app.tray is None
    # Beside the window if the screen has room, else hidden: never over the window.
    mini, window = app.mini.frameGeometry(), app.window.frameGeometry()
    assert not (app.mini.isVisible() and mini.intersects(window))
    assert any("No system tray" in m for m in app.window.notices.messages)
    desktop.start("tiny")
    desktop.at(7.5)
    app.window.close()
    assert app.mini.isVisible() and app.controller.active
    assert app.mini.time.text() == "0:18"


def test_no_sound_device_is_a_notice_not_a_failure(  # type: ignore[no-untyped-def]
    make_desktop, qtbot, tmp_path, monkeypatch
) -> None:
    # A machine with no sound at all, detected for real: no sound server to reach and an
    # ALSA configuration that defines no device.
    (tmp_path / "asound.conf").write_text("")
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'no-such-server'}")
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "asound.conf"))
    desktop = make_desktop()
    app = desktop.app
    app.audio._backend = "auto"
    app.audio.open_in_background()
    qtbot.waitUntil(  # detection runs in the background: slow on a busy machine
        lambda: any("No sound device" in m for m in app.window.notices.messages), timeout=30_000
    )
    desktop.start("tiny")
    desktop.at(30)
    assert app.controller.active


def test_unreadable_settings_file_gives_a_notice_and_defaults(make_desktop, isolated_dirs) -> None:  # type: ignore[no-untyped-def]
    settings = isolated_dirs / "config" / "somatictimer" / "settings.toml"
    settings.mkdir(parents=True)  # a folder where the file should be: cannot be read
    desktop = make_desktop()
    assert any("settings.toml" in m for m in desktop.app.window.notices.messages)
    assert desktop.app.settings.master_volume_pct == 80
    assert settings.is_dir()  # left as it was


def test_end_screen_saves_check_in_and_note_to_history(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(116)
    app = desktop.app
    assert app.practice.currentWidget() is app.end_view
    assert app.end_view.headline.text() == "Well done."
    # 1:55 of timeline, less its 5 s get-ready countdown.
    assert "Tiny Hips for 1:50" in app.end_view.details.text()
    app.end_view.checkin.map.set_tension("hips", 3)
    app.end_view.note.setPlainText("left hip tighter")
    app.end_view.save_button.click()
    assert app.end_view.saved.text() == "Saved."
    (record,) = app.history.store.sessions()
    assert (record.status, record.notes, record.practised_s) == (
        "completed",
        "left hip tighter",
        110.0,
    )
    assert record.checkin_after.tension == {"hips": 3}
    assert [round(s.actual_s) for s in record.steps] == [20, 20, 60]
    view = app.history_view
    assert view.table.rowCount() == 1 and view.table.item(0, 1).text() == "Tiny Hips"
    assert "left hip tighter" in view.detail.text()


def test_before_check_in_is_offered_and_skippable_with_one_key(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    app = desktop.app
    app.start_asking(app.library.sequences["tiny"])
    assert app.practice.currentWidget() is app.history.before
    assert not app.controller.active
    app.history.before.map.set_tension("jaw", 6)
    app.history.before.save_button.click()
    assert app.controller.active
    assert app.controller.recorder.checkin_before.tension == {"jaw": 6}
    app.controller.stop()
    app.start_asking(app.library.sequences["tiny"])
    qtbot.keyClick(app.history.before, Qt.Key.Key_Escape)
    assert app.controller.active and app.controller.recorder.checkin_before is None


def test_short_sessions_are_not_saved_unless_asked(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(20)
    app = desktop.app
    app.controller.stop()
    assert app.end_view.short.isVisible() and app.history.store.sessions() == []
    app.end_view.short_button.click()
    (record,) = app.history.store.sessions()
    assert record.status == "stopped" and record.practised_s == 15.0  # 20 s less get-ready


def test_history_delete_and_undo(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(116)
    view = desktop.app.history_view
    view.table.selectRow(0)
    view.delete_button.click()
    assert view.table.rowCount() == 0 and not view.undo_bar.isHidden()
    view.undo_delete()
    assert view.table.rowCount() == 1 and desktop.app.history.store.count() == 1


def test_import_reports_bad_rows_by_line_and_imports_only_if_accepted(  # type: ignore[no-untyped-def]
    make_desktop, tmp_path, monkeypatch
) -> None:
    csv_file = tmp_path / "insight.csv"
    csv_file.write_text(
        "Started At,Duration,Preset,Activity\n"
        "11/20/2026 07:30:00,0:20:00,Morning,Meditation\n"
        "11/21/2026 07:30:00,0:2x:00,Morning,Meditation\n"
        "11/22/2026 07:30:00,0:15:00,,Yoga\n",
        encoding="utf-8",
    )
    desktop = make_desktop()
    flow = desktop.app.history
    flow.build_view()
    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        def question(parent, title, text, *rest):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    flow.import_(str(csv_file))
    assert "line 3" in asked[0] and flow.store.count() == 0
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    flow.import_(str(csv_file))
    assert flow.store.count() == 2
    flow.import_(str(csv_file))  # again: nothing new
    assert flow.store.count() == 2


def test_control_socket_starts_pauses_and_reports(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    qtbot.waitUntil(
        lambda: desktop.app.server is not None and desktop.app.server.listening
    )  # starts right after first paint
    answers: dict[str, dict] = {}

    def ask(name: str, message: dict) -> None:
        thread = threading.Thread(
            target=lambda: answers.__setitem__(
                name, control.send(desktop.app.paths.control_socket, message)
            )
        )
        thread.start()
        qtbot.waitUntil(lambda: name in answers, timeout=5000)
        thread.join()

    ask("start", {"command": "start", "sequence": "tiny hips"})
    assert answers["start"]["state"] == "prep"
    desktop.at(7.5)
    ask("status", {"command": "status"})
    status = answers["status"]
    assert (status["step"], status["side"], status["segment_remaining_s"]) == (
        "Low Lunge (Anjaneyasana)",
        "right",
        17.5,
    )
    assert control.describe_status(status).startswith("running: Tiny Hips — Low Lunge")
    ask("pause", {"command": "pause"})
    assert answers["pause"]["state"] == "paused"
    ask("bad", {"command": "start", "sequence": "tiny hipz"})
    assert answers["bad"]["ok"] is False and "did you mean" in answers["bad"]["message"]


def test_library_search_filters_and_start(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    view = desktop.app.library_view
    view.search.setText("half pigeon")
    assert view.visible_ids("poses") == ["half-pigeon"]
    assert "evening-hip-release" in view.visible_ids("sequences")
    view.search.clear()
    view.avoid_actions["knee"].setChecked(True)
    visible = view.visible_ids("poses")
    assert "half-pigeon" not in visible and "happy-baby" in visible
    assert view.avoid_button.text() == "Avoid (1)"
    view.avoid_actions["knee"].setChecked(False)
    view.filters["position"].setCurrentIndex(view.filters["position"].findData("standing"))
    assert all(
        desktop.app.library.poses[i].position == "standing" for i in view.visible_ids("poses")
    )
    view.select_sequence("tiny")
    view.start_button.click()
    assert desktop.app.practice.currentWidget() is desktop.app.history.before


def test_settings_changes_apply_and_are_saved(make_desktop, isolated_dirs: Path) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    view = desktop.app.settings_view
    view.volume.setValue(35)
    view.prep_own.setChecked(False)
    view.prep.setValue(3)
    assert desktop.app.audio.mix.master_pct == 35
    text = (isolated_dirs / "config" / "somatictimer" / "settings.toml").read_text()
    assert "master_volume_pct = 35" in text and "prep_countdown_s = 3" in text
    desktop.start("tiny")
    assert desktop.app.controller.scheduler.engine.timeline.prep_ms == 3000


@pytest.mark.parametrize("dark", [False, True])
def test_both_themes_render(make_desktop, qapp, dark: bool) -> None:  # type: ignore[no-untyped-def]
    from somatictimer.ui.shell.style import apply_style

    apply_style(qapp, dark=dark)
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(7.5)
    image = desktop.app.window.grab().toImage()
    samples = Counter(
        image.pixelColor(x, y).lightness() // 32
        for y in range(0, image.height(), 6)
        for x in range(0, image.width(), 6)
    )
    ((most, _),) = samples.most_common(1)  # what most of the window is painted in
    assert (most <= 2) if dark else (most >= 6)
    title = desktop.app.player.title
    text = title.palette().color(title.foregroundRole())
    ground = desktop.app.window.palette().color(desktop.app.window.backgroundRole())
    assert contrast(text, ground) >= 4.5  # WCAG AA for body text
    apply_style(qapp, dark=False)


def contrast(a, b) -> float:  # type: ignore[no-untyped-def]
    """WCAG contrast ratio of two QColors."""

    def luminance(color) -> float:  # type: ignore[no-untyped-def]
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(v) for v in (color.redF(), color.greenF(), color.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_window_size_and_mini_position_are_remembered(make_desktop) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    first = make_desktop()
    first.app.window.resize(first.app.window.width(), 640)  # the offscreen screen is 800 wide
    first.app.mini.move(QPoint(40, 60))
    first.app.mini.moved.emit(first.app.mini.pos())
    first.app.quit()
    second = make_desktop()
    assert second.app.window.size().height() == 640
    assert second.app.mini.pos() == QPoint(40, 60)


def test_quit_during_a_session_stops_it_and_exits(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop(tray=False)
    desktop.start("tiny")
    desktop.at(10)
    desktop.app.show_compact()
    desktop.app.quit()
    assert desktop.app.quits
    assert desktop.app.controller.state is State.STOPPED
    assert desktop.app.window.allow_close


def test_history_edits_note_and_duration_and_adds_a_manual_session(  # type: ignore[no-untyped-def]
    make_desktop, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog, QInputDialog
    from somatictimer.ui.history.history_flow import ManualSessionDialog

    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(116)
    flow, view = desktop.app.history, desktop.app.history_view
    view.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("calmer", True))
    view.note_button.click()
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (3, True))
    view.duration_button.click()
    (record,) = flow.store.sessions()
    assert (record.notes, record.practised_s) == ("calmer", 180.0)
    assert view.table.item(0, 2).text() == "3:00"
    monkeypatch.setattr(ManualSessionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    flow.add_session()
    assert flow.store.count() == 2
    assert {r.source for r in flow.store.sessions()} == {"app", "manual"}


def test_settings_turn_the_check_in_off(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.app.settings_view.checkin_before.setChecked(False)
    desktop.app.start_asking(desktop.app.library.sequences["tiny"])
    assert desktop.app.controller.active  # straight into the session


def test_output_list_follows_devices_and_keeps_the_choice(qtbot) -> None:  # type: ignore[no-untyped-def]
    from somatictimer.core.settings import Settings
    from somatictimer.ui.settings.view import SettingsView

    outputs = [(b"\x01", "Speakers")]
    view = SettingsView(Settings(audio_device="01"), list_outputs=lambda: list(outputs))
    qtbot.addWidget(view)
    view.refresh_devices()
    assert view.device.currentText() == "Speakers"
    outputs.append((b"\x02", "USB headset"))  # plugged in while the page is open
    view.refresh_devices()
    assert [view.device.itemText(i) for i in range(view.device.count())] == [
        "System default",
        "Speakers",
        "USB headset",
    ]
    assert view.device.currentText() == "Speakers"
