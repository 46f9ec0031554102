"""Library flows a newcomer meets: the welcome note, My body, practising one item, reps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from somatictimer.core.engine import State
from somatictimer.core.library.adapt import Choice
from somatictimer.core.paths import AppPaths
from somatictimer.core.settings import load_settings
from somatictimer.ui.library.caution_dialog import CautionDialog
from somatictimer.ui.library.notes import NoteDialog


def _settings_file(text: str) -> Path:
    path = AppPaths.from_platform().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("schema_version = 1\nfirst_run_note_seen = true\n" + text)
    return path


def _skip_check_in(qtbot, app) -> None:  # type: ignore[no-untyped-def]
    assert app.practice.currentWidget() is app.history.before
    qtbot.keyClick(app.history.before, Qt.Key.Key_Escape)
    assert app.controller.active


def test_the_welcome_note_shows_once_and_can_be_read_again_from_about(  # type: ignore[no-untyped-def]
    make_desktop, qtbot
) -> None:
    app = make_desktop(first_run=True).app
    note = app.pending_dialog
    assert isinstance(note, NoteDialog) and note.isVisible()
    assert "not medical advice" in note.text.text()
    assert "Stop at once for" in note.text.text() and "practitioner" in note.text.text()
    note.ok_button.click()
    assert load_settings(app.paths.settings_file)[0].first_run_note_seen
    again = make_desktop().app
    assert again.pending_dialog is None
    again.window.activateWindow()
    qtbot.waitUntil(again.window.isActiveWindow, timeout=2000)
    qtbot.keyClick(again.window, Qt.Key.Key_F1)
    assert isinstance(again.pending_dialog, NoteDialog)
    assert again.pending_dialog.windowTitle() == "About Somatic Timer"


def test_flagged_items_are_offered_keep_skip_or_substitute_before_the_start(  # type: ignore[no-untyped-def]
    make_desktop, qtbot
) -> None:
    _settings_file('caution_profile = ["knee"]\n')
    app = make_desktop().app
    evening = app.library.sequences["evening-hip-release"]
    app.library_view.select_sequence(evening.id)
    assert "⚠ knees" in app.library_view.sequence_detail.text()
    app.library_view.start_button.click()
    dialog = app.pending_dialog
    assert isinstance(dialog, CautionDialog) and not app.controller.active
    poses = [app.library.poses[evening.steps[i].pose].id for i in dialog.choices]
    assert poses == [
        "cat-cow",
        "low-lunge",
        "lizard",
        "half-pigeon",
        "bound-angle",
        "eye-of-the-needle",
    ]
    assert dialog.total.text().endswith("<b>20:00</b>")  # substitutes keep the length
    intro = dialog.findChildren(QLabel)[0].text()
    assert "has 6 items that touch what you ticked" in intro
    assert dialog.sizeHint().width() <= 760  # fits an 800 px screen
    cat_cow, lunge = dialog.choices[1], dialog.choices[2]
    cat_cow.setCurrentIndex(cat_cow.findData(Choice.KEEP))
    lunge.setCurrentIndex(lunge.findData(Choice.SKIP))
    assert dialog.total.text() != "Practice time with these choices: <b>20:00</b>"
    dialog.ok_button.click()
    _skip_check_in(qtbot, app)
    practised = [step.pose for step in app.controller.sequence.steps]
    assert practised[1] == "cat-cow" and "low-lunge" not in practised
    for flagged in ("lizard", "half-pigeon", "bound-angle", "eye-of-the-needle"):
        assert flagged not in practised
    assert len(practised) == len(evening.steps) - 1


def test_cancelling_the_caution_check_starts_nothing(make_desktop) -> None:  # type: ignore[no-untyped-def]
    _settings_file('caution_profile = ["knee"]\n')
    app = make_desktop().app
    app.start_asking(app.library.sequences["evening-hip-release"])
    app.pending_dialog.reject()
    assert not app.controller.active and app.practice.currentWidget() is not app.history.before


def test_the_player_says_what_to_take_care_with_on_a_kept_item(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    _settings_file('caution_profile = ["knee"]\n')
    desktop = make_desktop()
    app = desktop.app
    app.remote.handle({"command": "start", "sequence": "tiny"})  # nobody to ask: substitute
    assert "low-lunge" not in [s.pose for s in app.controller.sequence.steps]
    app.controller.stop()
    app.start(app.library.sequences["tiny"])  # as written (the user chose keep)
    desktop.started_at = desktop.clock.now
    desktop.at(6)
    assert app.player.title.text().startswith("Low Lunge")
    assert app.player.take_care.text().startswith("⚠ knees: Avoid deep knee bends")


def test_shaking_notes_come_before_a_shaking_sequence(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    app.start_asking(app.library.sequences["shake-and-release"])
    notes = app.pending_dialog
    assert isinstance(notes, NoteDialog) and "knees together" in notes.text.text()
    notes.reject()
    assert not app.controller.active
    app.start_asking(app.library.sequences["shake-and-release"])
    app.pending_dialog.dont_show.setChecked(True)
    app.pending_dialog.ok_button.click()
    _skip_check_in(qtbot, app)
    assert load_settings(app.paths.settings_file)[0].shaking_notes_seen


def test_practise_this_runs_one_pose_or_one_breath_pattern(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    app = desktop.app
    view = app.library_view
    view.tabs.setCurrentIndex(1)
    view.search.setText("garland")
    view.pose_list.setCurrentRow(
        view.pose_list.row(view.pose_list.findItems("Garland", Qt.MatchFlag.MatchStartsWith)[0])
    )
    view.practise_pose_button.click()
    _skip_check_in(qtbot, app)
    assert app.controller.sequence.name.startswith("Garland")
    assert app.controller.scheduler.engine.timeline.practice_s == 45
    app.controller.stop()
    view.tabs.setCurrentIndex(2)
    row = [
        view.breath_list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(view.breath_list.count())
    ]
    view.breath_list.setCurrentRow(row.index("coherent-5p5"))
    assert "5.5" in view.breath_detail.text()
    view.minutes.setValue(2)
    view.practise_breath_button.click()
    _skip_check_in(qtbot, app)
    timeline = app.controller.scheduler.engine.timeline
    assert timeline.practice_s == 120 and timeline.holds[0].breath == "coherent-5p5"


def test_the_rep_counter_and_move_follow_breath_paired_reps(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    app = desktop.app
    from somatictimer.core.library.practise import practise_pose

    desktop.started_at = desktop.clock.now
    app.start(practise_pose(app.library, "cat-cow"))  # 10 reps x 6 s after a 10 s get-ready
    player = app.player
    desktop.at(5)
    assert player.reps.text() == ""
    desktop.at(10 + 12 + 1.5)  # rep 3, first half: inhale, cow
    assert player.reps.text() == "Rep 3 of 10"
    assert player.pacer.phase_text().startswith("Inhale")
    assert player.breath_move.text().startswith("inhale · cow")
    desktop.at(10 + 12 + 4.5)  # rep 3, second half: exhale, cat
    assert player.reps.text() == "Rep 3 of 10"
    assert player.pacer.phase_text().startswith("Exhale")
    assert "cat" in player.breath_move.text()
    desktop.at(10 + 59.5)
    assert player.reps.text() == "Rep 10 of 10"
    app.controller.toggle_pause()
    app.controller.refresh()
    assert app.controller.scheduler.engine.state is State.PAUSED


def test_the_control_socket_starts_a_pose_or_a_breath_pattern_too(make_desktop) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    answer = app.remote.handle({"command": "start", "sequence": "coherent-5p5"})
    assert answer["ok"] and app.controller.sequence.name.startswith("Coherent")
    app.controller.stop()
    answer = app.remote.handle({"command": "start", "sequence": "no-such-thing"})
    assert not answer["ok"] and "no sequence, pose or breath pattern" in answer["message"]


def test_breathing_details_name_the_no_hold_pattern_and_the_limit_once() -> None:
    from somatictimer.core.library import load_library
    from somatictimer.core.paths import builtin_library_dir
    from somatictimer.ui.library.details import breath_html

    library = load_library([[builtin_library_dir()]]).library
    box = breath_html(library.breaths["box-4-4-4-4"], frozenset({"glaucoma-high-bp"}), library)
    assert "<b>Without holds</b> Equal breathing 4-4" in box
    assert "Take care — glaucoma / high blood pressure:" in box
    assert box.count("natural breathing") == 1  # the pattern's own notes say it already
    weil = breath_html(library.breaths["4-7-8"], frozenset(), library)
    assert "4 cycles" in weil and "Take care" not in weil
