"""The Library opens where the user left off, counts poses as the player does, and names
cautions in words."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from somatictimer.core.timeline import compile_timeline
from somatictimer.ui.library.view import ID_ROLE


def test_the_library_opens_on_the_sequence_practised_last(  # type: ignore[no-untyped-def]
    make_desktop, isolated_dirs: Path
) -> None:
    first = make_desktop().app
    assert first.library_view.sequence_list.item(0).data(ID_ROLE) != "foot-arch-reset"
    first.start(first.library.sequences["foot-arch-reset"])
    first.controller.stop()
    again = make_desktop().app
    assert again.library_view.selected_sequence().id == "foot-arch-reset"
    assert "Foot-Arch Reset" in again.library_view.sequence_detail.text()


def test_a_session_in_history_counts_even_if_the_app_did_not_start_it(  # type: ignore[no-untyped-def]
    make_desktop, isolated_dirs: Path
) -> None:
    first = make_desktop()
    first.start("tiny")
    first.at(200)  # practised to the end: saved to history
    assert first.app.history.store.sessions()[0].sequence_id == "tiny"
    first.app.quit()
    settings = isolated_dirs / "config" / "somatictimer" / "settings.toml"
    # As after a session in the terminal: history knows it, the app's setting does not.
    settings.write_text("schema_version = 1\nfirst_run_note_seen = true\n", encoding="utf-8")
    again = make_desktop().app
    assert again.library_view.sequence_list.item(0).data(ID_ROLE) != "tiny"
    assert again.library_view.selected_sequence().id == "tiny"


def test_with_nothing_practised_yet_it_opens_on_the_first(make_desktop) -> None:  # type: ignore[no-untyped-def]
    view = make_desktop().app.library_view
    assert view.sequence_list.currentRow() == 0


def test_the_pose_count_is_the_one_the_player_and_end_screen_use(make_desktop) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    app, ended = desktop.app, []
    app.controller.session_ended.connect(ended.append)
    app.library_view.select_sequence("tiny")  # low lunge on each side, bound angle
    assert "3 poses, each side counted" in app.library_view.sequence_detail.text()
    desktop.start("tiny")
    desktop.at(200)
    assert ended[0].blocks_total == 3


@pytest.mark.parametrize(
    "sequence_id", ["evening-hip-release", "foot-arch-reset", "eight-brocades"]
)
def test_every_sequence_counts_its_holds(make_desktop, sequence_id: str) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    library = app.library
    holds = compile_timeline(library.sequences[sequence_id], library.poses, library.breaths).holds
    app.library_view.select_sequence(sequence_id)
    assert f" {len(holds)} pose" in app.library_view.sequence_detail.text()


def test_cautions_are_named_in_words(make_desktop) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    app.apply_settings(dataclasses.replace(app.settings, caution_profile=("knee", "wrist")))
    view = app.library_view
    texts = {
        view.pose_list.item(r).data(ID_ROLE): view.pose_list.item(r).text()
        for r in range(view.pose_list.count())
    }
    assert texts["low-lunge"] == "Low Lunge (Anjaneyasana)  ⚠ knees"
    assert texts["cat-cow"] == "Cat–Cow (Marjaryasana–Bitilasana)  ⚠ wrists, knees"
    assert texts["natural-abdominal-breathing"] == "Natural Abdominal Breathing"  # neither
    view.select_sequence("tiny")
    assert "⚠ knees" in view.sequence_detail.text()
