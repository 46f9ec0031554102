"""The History page's painted views and the check-in: what they compute and what they paint."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from somatictimer.core.history.records import REGIONS
from somatictimer.ui.history.body_map import BodyMap, tension_color
from somatictimer.ui.history.body_shapes import VIEWS_W
from somatictimer.ui.history.charts import (
    BarChart,
    CalendarHeatmap,
    TrendChart,
    day_text,
    level_for,
    value_text,
)
from somatictimer.ui.history.checkin_view import CheckInView

from tests.ui.test_widgets import Make, at, close, count_different, grab, palette

TODAY = date(2026, 11, 25)  # a Wednesday


def press(widget: QWidget, char: str) -> None:
    """Type one ASCII character (its key code is its code point)."""
    QTest.keyClick(widget, Qt.Key(ord(char)))


@pytest.fixture
def make(qtbot: QtBot) -> Make:
    return Make(qtbot)


# --- body map ----------------------------------------------------------------------


def test_clicking_each_region_selects_it(make: Make, qtbot: QtBot) -> None:
    body = make(BodyMap, 560, 400)
    for region in REGIONS:
        anchor = body.region_anchor(region)
        assert body.region_at(anchor) == region
        QTest.mouseClick(
            body, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, anchor.toPoint()
        )
        assert body.selected() == region
    assert body.region_at(QPointF(3, 3)) is None  # the empty corner is no region


def test_regions_do_not_overlap(make: Make) -> None:
    """Every region's anchor belongs to it alone, so a click is never ambiguous."""
    body = make(BodyMap, 560, 400)
    for region in REGIONS:
        inside = [
            r
            for r in REGIONS
            if any(
                s.contains(body.canvas_transform().inverted()[0].map(body.region_anchor(region)))
                for s in body._shapes[r]
            )
        ]
        assert inside == [region]


def test_keys_set_step_and_clear_tension(make: Make, qtbot: QtBot) -> None:
    body = make(BodyMap, 560, 400)
    seen: list[tuple[str, object]] = []
    body.changed.connect(lambda region, value: seen.append((region, value)))
    body.select("chest")
    press(body, "7")
    assert body.tension() == {"chest": 7}
    press(body, "+")
    press(body, "=")
    press(body, "+")  # 10 is the ceiling
    assert body.tension() == {"chest": 10}
    QTest.keyClick(body, Qt.Key.Key_Down)
    assert body.selected() == "belly"
    press(body, "0")
    press(body, "-")  # 0 is the floor
    assert body.tension() == {"chest": 10, "belly": 0}
    QTest.keyClick(body, Qt.Key.Key_Up)
    QTest.keyClick(body, Qt.Key.Key_Delete)
    assert body.tension() == {"belly": 0}
    assert seen == [
        ("chest", 7),
        ("chest", 8),
        ("chest", 9),
        ("chest", 10),
        ("belly", 0),
        ("chest", None),
    ]
    assert "Chest: not rated" in body.accessibleDescription()


def test_arrows_stop_at_the_ends_and_tab_walks_regions(make: Make, qtbot: QtBot) -> None:
    body = make(BodyMap, 560, 400)
    QTest.keyClick(body, Qt.Key.Key_Up)
    assert body.selected() == "jaw"
    QTest.keyClick(body, Qt.Key.Key_End)
    QTest.keyClick(body, Qt.Key.Key_Down)
    assert body.selected() == "feet"
    body.select("jaw")
    QTest.keyClick(body, Qt.Key.Key_Tab)
    assert body.selected() == "neck-shoulders"
    QTest.keyClick(body, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert body.selected() == "jaw"


def test_wheel_steps_the_region_under_the_pointer(make: Make, qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent

    body = make(BodyMap, 560, 400)
    body.show()
    pos = body.region_anchor("knees")
    event = QWheelEvent(
        pos,
        body.mapToGlobal(pos),
        QPoint(),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    body.wheelEvent(event)  # not focused: the wheel is the page's, to scroll
    assert not event.isAccepted() and body.selected() == "jaw" and body.tension() == {}
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    body.wheelEvent(event)
    assert body.selected() == "knees" and body.tension() == {"knees": 2}


def test_set_tension_checks_its_input(make: Make) -> None:
    body = make(BodyMap)
    with pytest.raises(ValueError, match="region"):
        body.set_tension("elbow", 3)
    with pytest.raises(ValueError, match="tension"):
        body.set_tension("jaw", 11)


def test_a_rated_region_paints_warmer_with_more_tension(make: Make) -> None:
    body = make(BodyMap, 560, 400)
    pal = palette(dark=False)
    calm, tense = tension_color(pal, 0), tension_color(pal, 10)
    assert tense.alphaF() > calm.alphaF()
    assert tense.red() > calm.red()  # coral, away from the green-blue accent
    pt = body.region_anchor("chest") + QPointF(6, 0)

    def warmth() -> int:
        c = at(grab(body), pt.x(), pt.y())
        return c.red() - c.green()

    body.set_tension("chest", 0)
    calm_warmth = warmth()
    body.set_tension("chest", 10)
    assert warmth() > calm_warmth + 40


# --- check-in ----------------------------------------------------------------------


def test_escape_skips_in_one_key(make: Make, qtbot: QtBot) -> None:
    view = make(CheckInView, 620, 460)
    view.show()
    view.setFocus()
    with qtbot.waitSignal(view.skipped, timeout=500):
        QTest.keyClick(view.map, Qt.Key.Key_Escape)
    with qtbot.waitSignal(view.skipped, timeout=500):
        QTest.keyClick(view.note, Qt.Key.Key_Escape)


def test_enter_on_the_focused_skip_button_skips(make: Make, qtbot: QtBot) -> None:
    view = make(CheckInView)
    saved: list[object] = []
    view.saved.connect(saved.append)
    with qtbot.waitSignal(view.skipped, timeout=500):
        QTest.keyClick(view.skip_button, Qt.Key.Key_Return)
    assert saved == []


def test_enter_saves_what_was_set(make: Make, qtbot: QtBot) -> None:
    view = make(CheckInView, 620, 460)
    view.set_mode("after")
    view.show()
    view.map.select("jaw")
    press(view.map, "6")
    assert view.region_slider.value() == 6 and view.region_value.text() == "6 / 10"
    view.map.select("hips")
    view.region_slider.setValue(3)  # the slider writes back into the map
    assert view.map.tension() == {"jaw": 6, "hips": 3}
    assert view.calm_value.text() == "not set"
    view.calm_slider.setValue(8)
    QTest.keyClicks(view.note, "soft jaw")
    with qtbot.waitSignal(view.saved, timeout=500) as blocker:
        QTest.keyClick(view.note, Qt.Key.Key_Return)
    assert blocker.args == [{"tension": {"jaw": 6, "hips": 3}, "calm": 8, "note": "soft jaw"}]


def test_load_round_trips_and_calm_starts_unrated(make: Make) -> None:
    view = make(CheckInView)
    view.load({"neck-shoulders": 4, "feet": 1}, None, "tired")
    assert view.result() == ({"neck-shoulders": 4, "feet": 1}, None, "tired")
    assert view.map.selected() == "neck-shoulders"
    view.load({}, 7, "")
    assert view.result() == ({}, 7, "")
    with pytest.raises(ValueError, match="mode"):
        view.set_mode("during")


# --- calendar heatmap --------------------------------------------------------------


def test_cells_map_back_to_their_dates(make: Make) -> None:
    cal = make(CalendarHeatmap, 520, 150)
    cal.set_data({}, TODAY)
    assert cal.first_day().weekday() == 0
    assert (TODAY - cal.first_day()).days == 25 * 7 + 2
    for day in (
        TODAY,
        TODAY - timedelta(days=1),
        cal.first_day(),
        date(2026, 8, 9),
        date(2026, 10, 1),
    ):
        rect = cal.cell_rect(day)
        assert rect is not None
        assert cal.cell_at(rect.center()) == day
    assert cal.cell_rect(TODAY + timedelta(days=1)) is None  # the future is not drawn
    tomorrow_spot = cal.cell_rect(TODAY)
    assert tomorrow_spot is not None
    assert cal.cell_at(tomorrow_spot.center() + QPointF(0, tomorrow_spot.height() * 1.2)) is None


def test_longer_practice_paints_a_stronger_cell(make: Make) -> None:
    cal = make(CalendarHeatmap, 520, 150)
    short, long = TODAY - timedelta(days=10), TODAY - timedelta(days=11)
    cal.set_data({short: 5, long: 45}, TODAY)
    img = grab(cal)
    background = at(img, 1, 1)

    def distance(day: date) -> int:
        rect = cal.cell_rect(day)
        assert rect is not None
        c = at(img, rect.center().x(), rect.center().y())
        return sum(
            abs(a - b)
            for a, b in (
                (c.red(), background.red()),
                (c.green(), background.green()),
                (c.blue(), background.blue()),
            )
        )

    empty = TODAY - timedelta(days=12)
    assert distance(long) > distance(short) > distance(empty)
    assert [level_for(m) for m in (0, 0.5, 5, 10, 25, 45)] == [0, 1, 1, 2, 3, 4]


def test_heatmap_tooltip_text_and_click(make: Make, qtbot: QtBot) -> None:
    assert day_text(date(2026, 11, 3), 25) == "Tue 3 Nov: 25 min"
    assert day_text(date(2026, 11, 3), 0) == "Tue 3 Nov: no practice"
    cal = make(CalendarHeatmap, 520, 150)
    cal.set_data({date(2026, 11, 3): 25}, TODAY)
    rect = cal.cell_rect(date(2026, 11, 3))
    assert rect is not None
    with qtbot.waitSignal(cal.day_clicked, timeout=500) as blocker:
        QTest.mouseClick(
            cal, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center().toPoint()
        )
    assert blocker.args == [date(2026, 11, 3)]
    QTest.keyClick(cal, Qt.Key.Key_Right)  # a week later
    with qtbot.waitSignal(cal.day_clicked, timeout=500) as blocker:
        QTest.keyClick(cal, Qt.Key.Key_Return)
    assert blocker.args == [date(2026, 11, 10)]
    assert "Tue 10 Nov" in cal.accessibleDescription()


# --- bar and trend charts ----------------------------------------------------------


def test_bar_heights_are_proportional(make: Make) -> None:
    chart = make(BarChart, 400, 200)
    chart.set_data([("Mon", 10), ("Tue", 40), ("Wed", 0), ("Thu", 20)])
    rects = chart.bar_rects()
    assert rects[1].height() == pytest.approx(chart.plot_rect().height())
    assert rects[0].height() == pytest.approx(rects[1].height() / 4)
    assert rects[3].height() == pytest.approx(rects[1].height() / 2)
    assert rects[2].height() == 0
    assert len({round(r.bottom(), 3) for r in rects}) == 1  # one baseline
    assert all(a.right() < b.left() for a, b in pairwise(rects))
    img = grab(chart)
    accent = palette(dark=False).color(QPalette.ColorRole.Highlight)
    inside = rects[1].center()
    assert at(img, inside.x(), inside.y()) == QColor(accent)
    assert "Tue: 40 min" in chart.accessibleDescription()


def test_value_text() -> None:
    assert value_text(25, "min") == "25 min"
    assert value_text(95, "min") == "1 h 35 min"
    assert value_text(2.25) == "2.2"  # banker's rounding is fine for a label
    assert value_text(3) == "3"


@pytest.mark.parametrize("dark", [False, True])
def test_trend_chart_renders(make: Make, dark: bool) -> None:
    chart = make(TrendChart, 420, 300, dark=dark)
    empty = grab(chart)
    chart.set_data({"jaw": (6.0, 3.0, 5), "belly": (4.0, 1.5, 2), "knees": (2.0, 2.5, 1)})
    img = grab(chart)
    assert count_different(empty, img) > 500
    assert [r for r, *_ in chart.rows()] == ["jaw", "belly", "knees"]
    assert "Jaw: 6.0 before, 3.0 after (5 check-ins)" in chart.accessibleDescription()


NAMES = {
    BodyMap: "Body map",
    CalendarHeatmap: "Practice calendar",
    BarChart: "Bar chart",
    TrendChart: "Tension before and after",
}


@pytest.mark.parametrize("cls", [BodyMap, CalendarHeatmap, BarChart, TrendChart])
def test_history_views_follow_the_palette(make: Make, cls: type[QWidget]) -> None:
    images = []
    for dark in (False, True):
        widget = make(cls, 420, 300, dark=dark)
        if isinstance(widget, CalendarHeatmap):
            widget.set_data({TODAY: 30}, TODAY)
        elif isinstance(widget, BarChart):
            widget.set_data([("a", 1), ("b", 2)])
        images.append(grab(widget))
        assert widget.accessibleName() == NAMES[cls]
        hint, least = widget.sizeHint(), widget.minimumSizeHint()
        assert 0 < least.width() <= hint.width() and 0 < least.height() <= hint.height()
    assert count_different(images[0], images[1]) > 50


def test_check_in_notes_are_escaped_once_in_session_details() -> None:
    from somatictimer.core.history.records import CheckIn
    from somatictimer.ui.history.history_view import checkin_text

    text = checkin_text("After", CheckIn({"hips": 3}, 7, "knees < yesterday & calmer"))
    assert "knees &lt; yesterday &amp; calmer" in text and "&amp;lt;" not in text
    assert "Hips 3" in text and "calm 7/10" in text


# --- check-in: front and back, names, focus, keys ----------------------------------------


def test_lower_back_and_hips_are_on_the_back_view_and_every_name_selects_its_region(
    make: Make,
) -> None:
    body = make(BodyMap, 560, 400)
    middle = body.canvas_transform().map(QPointF(VIEWS_W / 2, 0)).x()
    for region in ("lower-back", "hips", "neck-shoulders"):
        assert body.region_anchor(region).x() > middle, region  # the back, on the right
    for region in ("jaw", "chest", "belly", "feet"):
        assert body.region_anchor(region).x() < middle, region
    for region, (box, _, _) in body.label_layout().items():
        assert body.region_at(box.center()) == region
        QTest.mouseClick(
            body, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, box.center().toPoint()
        )
        assert body.selected() == region
    assert body.label_text("neck-shoulders") == "Neck &\nshoulders"


def test_the_focused_region_wears_a_ring_in_the_accent(make: Make, qtbot: QtBot) -> None:
    body = make(BodyMap, 560, 400)
    body.show()
    body.select("hips")
    accent = body.palette().color(QPalette.ColorRole.Highlight)

    def accent_pixels() -> int:
        img = grab(body)
        return sum(
            1
            for x in range(0, img.width(), 2)
            for y in range(0, img.height(), 2)
            if close(at(img, x, y), accent, tol=30)
        )

    unfocused = accent_pixels()
    body.setFocus()
    qtbot.waitUntil(body.hasFocus)
    assert accent_pixels() > unfocused + 40


def test_digits_rate_the_region_in_the_ring_only(make: Make, qtbot: QtBot) -> None:
    view = make(CheckInView, 800, 600)
    view.show()
    view.map.setFocus()
    view.map.select("hips")
    press(view.map, "7")
    assert view.map.tension() == {"hips": 7}
    view.calm_slider.setFocus()
    press(view.calm_slider, "3")  # a digit elsewhere rates nothing
    QTest.keyClicks(view.note, "2 knees")
    assert view.map.tension() == {"hips": 7}
    assert view.result()[1] is None and view.calm_value.text() == "not set"


def test_before_a_session_the_buttons_say_what_happens_next(make: Make) -> None:
    view = make(CheckInView)
    view.set_mode("before")
    assert (view.skip_button.text(), view.save_button.text()) == ("Skip and begin", "Begin")
    view.set_mode("after")
    assert (view.skip_button.text(), view.save_button.text()) == ("Skip", "Save")


def test_after_the_session_the_ratings_before_stand_beside_the_new_ones(make: Make) -> None:
    from somatictimer.core.history.records import CheckIn

    view = make(CheckInView, 800, 600)
    view.set_mode("after")
    view.load({}, None, "")
    view.set_before(CheckIn({"hips": 7, "jaw": 2}, 4, "tired"))
    assert view.map.label_text("hips") == "Hips  was 7"
    assert view.calm_value.text() == "not set · before 4"
    view.map.select("hips")
    view.map.set_tension("hips", 3)
    assert view.map.label_text("hips") == "Hips  7 → 3"
    assert view.region_value.text() == "3 / 10 · before 7"
    assert view.map.label_text("chest") == "Chest"  # not rated before or after
    view.set_before(None)
    assert view.map.label_text("hips") == "Hips  3"


def test_one_day_is_said_in_the_singular(make: Make) -> None:
    cal = make(CalendarHeatmap, 520, 150)
    cal.set_data({TODAY: 12.0}, TODAY)
    assert "12 min on 1 day in the last" in cal.accessibleDescription()
    cal.set_data({TODAY: 12.0, TODAY - timedelta(days=1): 8.0}, TODAY)
    assert "20 min on 2 days in the last" in cal.accessibleDescription()
