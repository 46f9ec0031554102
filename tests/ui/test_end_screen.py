"""The end screen counts the poses practised, not the ones skipped past."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton


def test_all_three_blocks_practised_are_counted(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")  # low lunge right 20 s, left 20 s, bound angle 60 s
    desktop.at(116)
    assert desktop.app.end_view.headline.text() == "Well done."
    assert desktop.app.end_view.details.text().endswith(" 3 of 3 poses.")


def test_skipped_blocks_are_not_counted_as_practised(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    controller = desktop.app.controller
    desktop.start("tiny")
    desktop.at(6)  # 1 s into the right side
    controller.skip()
    desktop.at(7)  # the left side has just begun
    controller.skip()
    desktop.at(7 + 5 + 60 + 1)
    assert desktop.app.end_view.headline.text() == "Session finished."
    assert desktop.app.end_view.details.text() == (
        "You practised Tiny Hips for 1:02 of 1:50. 1 of 3 poses · 2 skipped."
    )


def test_skipping_through_is_partial_and_history_names_the_skipped(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    controller = desktop.app.controller
    desktop.start("tiny")
    desktop.at(6)
    controller.skip()  # the right side, after 1 s
    desktop.at(7 + 5 + 60 + 20 + 1)  # the left side and bound angle in full
    assert desktop.app.end_view.details.text().endswith(" 2 of 3 poses · 1 skipped.")
    history = desktop.app.history_view
    table = history.table
    assert table.item(0, 3).text() == "part skipped"
    detail = history.detail.text()
    assert "2 of 3 poses · 1 skipped" in detail
    assert "<b>Skipped</b>: Low Lunge (Anjaneyasana) (right)" in detail
    assert "<li>Low Lunge (Anjaneyasana) · right: 0:01 of 0:20 · skipped</li>" in detail


def test_a_pose_left_after_half_is_shortened_and_still_completes(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(5 + 16)  # 16 of the right side's 20 s
    desktop.app.controller.skip()
    desktop.at(5 + 16 + 20 + 5 + 60 + 1)
    assert desktop.app.end_view.headline.text() == "Well done."
    assert desktop.app.end_view.details.text().endswith(" 3 of 3 poses (1 shortened).")
    assert desktop.app.history_view.table.item(0, 3).text() == "completed"


def test_a_pose_stopped_after_half_its_time_counts(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.start("tiny")
    desktop.at(5 + 11)  # 11 of the right side's 20 s
    desktop.app.controller.stop()
    text = desktop.app.end_view.details.text()
    assert desktop.app.end_view.headline.text() == "Session ended."
    assert text.endswith(" 1 of 3 poses (1 shortened).")


def test_the_after_check_in_shows_the_ratings_before_and_keeps_one_note(make_desktop) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtTest import QTest

    desktop = make_desktop()
    app = desktop.app
    app.start(app.library.sequences["tiny"], ask=True)
    before = app.history.before
    assert app.practice.currentWidget() is before and before.save_button.text() == "Begin"
    before.map.select("hips")
    before.map.set_tension("hips", 7)
    before.calm_slider.setValue(4)
    desktop.started_at = desktop.clock.now
    before.save_button.click()
    desktop.at(5 + 20 + 5 + 20 + 5 + 60 + 1)
    end = app.end_view
    assert end.checkin.map.label_text("hips") == "Hips  was 7"
    assert end.checkin.calm_value.text() == "not set · before 4"
    assert not end.checkin.note.isVisibleTo(end) and end.note.isVisibleTo(end)
    end.checkin.map.set_tension("hips", 2)
    QTest.keyClicks(end.note, "hips softer")
    end.save_button.click()
    (record,) = app.history.store.sessions()
    assert record.notes == "hips softer"
    assert record.checkin_before.tension == {"hips": 7} and record.checkin_before.calm == 4
    assert (record.checkin_after.tension, record.checkin_after.note) == ({"hips": 2}, "")


def test_after_a_short_session_the_end_screen_stays_together_at_the_top(
    make_desktop, qtbot
) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    desktop.app.window.resize(800, 600)
    desktop.start("tiny")
    desktop.at(5 + 6)
    desktop.app.controller.stop()
    end = desktop.app.end_view
    assert end.short.text() == "Shorter than 1:00, so not saved to history."
    assert not end.note.isVisibleTo(end) and not end.save_button.isVisibleTo(end)
    qtbot.wait(20)  # the layout settles
    (again,) = [b for b in end.findChildren(QPushButton) if b.text() == "Practise again"]
    top = again.mapTo(end, again.rect().topLeft()).y()
    assert top < 220  # the buttons right under the summary, nothing spread down the page
    end.short_button.click()
    assert end.note.isVisibleTo(end) and end.checkin.isVisibleTo(end)
