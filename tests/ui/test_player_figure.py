"""The player's figure, in the real app on a fake clock: it moves with the breath cues the
pacer and the sounds use, mirrors for the left side, freezes when paused, and holds still
with reduced motion."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from somatictimer.ui.figures.figure_view import FigureView

HEAVENS = """schema = 1

[[sequence]]
id = "heavens"
name = "Heavens"
prep_s = 0
steps = [{ pose = "two-hands-hold-up-the-heavens", reps = 2 }]
"""  # 2 reps of 14 s: inhale 0-7 s (palms up), exhale 7-14 s (arms open)


def image(view: FigureView) -> QImage:
    return view.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)


def differing(a: QImage, b: QImage) -> int:
    return sum(
        1
        for y in range(0, a.height(), 2)
        for x in range(0, a.width(), 2)
        if abs(a.pixelColor(x, y).lightness() - b.pixelColor(x, y).lightness()) > 40
    )


def keyframe_image(desktop, index: int) -> QImage:  # type: ignore[no-untyped-def]
    player = desktop.app.player.figure
    reference = FigureView()
    reference.resize(player.size())
    figure, mirror = desktop.app.figure_for("two-hands-hold-up-the-heavens")
    reference.set_keyframe(figure, index, mirror)
    return image(reference)


def test_the_figure_reaches_each_keyframe_as_its_breath_phase_ends(  # type: ignore[no-untyped-def]
    make_desktop, user_library: Path
) -> None:
    (user_library / "heavens.toml").write_text(HEAVENS, encoding="utf-8")
    desktop = make_desktop()
    desktop.app.window.resize(1200, 800)
    desktop.start("heavens")
    palms_up, arms_open = keyframe_image(desktop, 0), keyframe_image(desktop, 1)
    assert differing(palms_up, arms_open) > 200  # two clearly different shapes
    desktop.at(6.99)  # the end of the inhale, just before the exhale cue
    assert differing(image(desktop.app.player.figure), palms_up) < 40
    desktop.at(13.99)  # the end of the exhale
    assert differing(image(desktop.app.player.figure), arms_open) < 40
    desktop.at(17.5)  # halfway through the next inhale: on its way, neither shape
    halfway = image(desktop.app.player.figure)
    assert differing(halfway, palms_up) > 40 and differing(halfway, arms_open) > 40
    desktop.app.controller.pause()
    desktop.advance(0.5)
    paused = image(desktop.app.player.figure)
    assert desktop.app.player.figure.is_dimmed()  # paused: faded ...
    assert differing(paused, halfway) > 200
    desktop.advance(5)
    assert differing(image(desktop.app.player.figure), paused) == 0  # ... and still


def test_reduced_motion_shows_each_phase_still(make_desktop, user_library: Path) -> None:  # type: ignore[no-untyped-def]
    (user_library / "heavens.toml").write_text(HEAVENS, encoding="utf-8")
    desktop = make_desktop()
    desktop.app.window.resize(1200, 800)
    desktop.app.controller.reduce_motion = True
    desktop.start("heavens")
    palms_up = keyframe_image(desktop, 0)
    desktop.at(3.5)  # halfway through the inhale: already the inhale's shape, not moving
    assert differing(image(desktop.app.player.figure), palms_up) < 40


def test_the_library_shows_each_poses_figure_and_a_sequences_strip(make_desktop, qtbot) -> None:  # type: ignore[no-untyped-def]
    desktop = make_desktop()
    view = desktop.app.library_view
    desktop.app.window.show()
    qtbot.waitUntil(lambda: not view.pose_list.item(0).icon().isNull())
    shown = [view.pose_list.item(row) for row in range(view.pose_list.count())]
    assert all(not item.icon().isNull() for item in shown)  # every pose has its figure
    view.select_sequence("tiny")
    assert view.sequence_strip.accessibleDescription() == (
        "Low Lunge (Anjaneyasana), Bound Angle (Baddha Konasana)"
    )
    assert view.sequence_strip.isVisible()


CHANGE = """schema = 1

[[sequence]]
id = "change"
name = "Change"
prep_s = 0
transition_s = 6
steps = [{ pose = "goddess", hold_s = 10 }, { pose = "legs-up-the-wall", hold_s = 10 }]
"""


def test_a_change_morphs_from_one_pose_to_the_next(make_desktop, user_library: Path) -> None:  # type: ignore[no-untyped-def]
    (user_library / "change.toml").write_text(CHANGE, encoding="utf-8")
    desktop = make_desktop()
    desktop.app.window.resize(1200, 800)
    desktop.start("change")
    desktop.at(9.9)
    goddess = image(desktop.app.player.figure)
    desktop.at(11.5)  # halfway through the morph (the first 3 s of the change)
    between = image(desktop.app.player.figure)
    desktop.at(15.0)
    wall = image(desktop.app.player.figure)
    assert differing(goddess, wall) > 200
    assert differing(between, goddess) > 100 and differing(between, wall) > 100
