"""The practice calendar: one small rounded cell per day, columns are weeks, rows Mon..Sun."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from somatictimer.core.describe import plural
from somatictimer.ui.painted import PaintedWidget

THRESHOLDS_MIN = (1.0, 10.0, 20.0, 40.0)  # a day at or above each one is one step stronger
LEVEL_ALPHA = (0.07, 0.32, 0.52, 0.76, 1.0)  # level 0 is the faint track (WindowText)
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
GAP = 0.2  # space between cells, as a share of a cell


def _soft(color: QColor, alpha: float) -> QColor:
    c = QColor(color)
    c.setAlphaF(alpha)
    return c


def level_for(minutes: float) -> int:
    """0 for no practice, then 1..4; any practice at all is at least level 1."""
    if minutes <= 0:
        return 0
    return max(1, sum(1 for t in THRESHOLDS_MIN if minutes >= t))


def minutes_text(minutes: float) -> str:
    whole = round(minutes)
    if minutes <= 0:
        return "no practice"
    if whole < 60:
        return f"{max(whole, 1)} min"
    hours, rest = divmod(whole, 60)
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def day_text(day: date, minutes: float) -> str:
    """ "Tue 3 Nov: 25 min" """
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTHS[day.month - 1]}: {minutes_text(minutes)}"


class CalendarHeatmap(PaintedWidget):
    """A dumb view of minutes per day over the last ``weeks`` weeks, today's column last."""

    day_clicked = Signal(object)  # datetime.date

    def __init__(self, weeks: int = 26, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weeks = max(1, weeks)
        self._minutes: dict[date, float] = {}
        self._today = date.today()
        self._cursor: date | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Practice calendar")
        self._describe()

    def set_data(self, minutes_by_day: Mapping[date, float], today: date) -> None:
        self._minutes = {d: float(m) for d, m in minutes_by_day.items()}
        self._today = today
        if self._cursor is not None and not self.first_day() <= self._cursor <= today:
            self._cursor = today
        self._describe()
        self.update()

    def weeks(self) -> int:
        return self._weeks

    def minutes(self, day: date) -> float:
        return self._minutes.get(day, 0.0)

    def first_day(self) -> date:
        """The Monday that starts the leftmost column."""
        monday = self._today - timedelta(days=self._today.weekday())
        return monday - timedelta(weeks=self._weeks - 1)

    def cursor_day(self) -> date | None:
        return self._cursor

    # --- geometry ------------------------------------------------------------------------

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(8, min(11, round(self._cell_guess() * 0.78))))
        return font

    def _cell_guess(self) -> float:
        return max(6.0, min(self.width() / (self._weeks + 3), self.height() / 8.5))

    def _frame(self) -> tuple[float, float, float]:
        """(left, top, pitch): where the grid starts and the distance between cells."""
        metrics = QFontMetricsF(self._label_font())
        label_w = metrics.horizontalAdvance("Wed") + 8
        label_h = metrics.height() + 4
        pitch = min(
            (self.width() - label_w - 2) / self._weeks,
            (self.height() - label_h - 2) / 7,
            22.0,  # beyond this the cells stop looking like a calendar and start shouting
        )
        pitch = max(pitch, 2.0)
        grid_w = label_w + pitch * self._weeks
        left = max(0.0, (self.width() - grid_w) / 2) + label_w
        top = max(label_h, (self.height() - pitch * 7 - label_h) / 2 + label_h)
        return left, top, pitch

    def cell_rect(self, day: date) -> QRectF | None:
        index = (day - self.first_day()).days
        if index < 0 or day > self._today:
            return None
        left, top, pitch = self._frame()
        col, row = divmod(index, 7)
        inset = pitch * GAP / 2
        return QRectF(
            left + col * pitch + inset,
            top + row * pitch + inset,
            pitch - 2 * inset,
            pitch - 2 * inset,
        )

    def cell_at(self, point: QPointF) -> date | None:
        left, top, pitch = self._frame()
        col = int((point.x() - left) // pitch)
        row = int((point.y() - top) // pitch)
        if not (0 <= col < self._weeks and 0 <= row < 7):
            return None
        day = self.first_day() + timedelta(days=col * 7 + row)
        return day if day <= self._today else None

    def sizeHint(self) -> QSize:
        return QSize(round(self._weeks * 15 + 40), 7 * 15 + 26)

    def minimumSizeHint(self) -> QSize:
        return QSize(round(self._weeks * 7 + 34), 7 * 7 + 20)

    # --- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        day = self.cell_at(event.position())
        if day is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._move_cursor(day)
        self.day_clicked.emit(day)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: -7,
            Qt.Key.Key_Right: 7,
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Down: 1,
        }
        key = event.key()
        current = self._cursor or self._today
        if key in moves:
            target = current + timedelta(days=moves[Qt.Key(key)])
            self._move_cursor(min(self._today, max(self.first_day(), target)))
        elif key == Qt.Key.Key_Home:
            self._move_cursor(self.first_day())
        elif key == Qt.Key.Key_End:
            self._move_cursor(self._today)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._move_cursor(current)
            self.day_clicked.emit(current)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._cursor is None:
            self._cursor = self._today
            self._describe()
        super().focusInEvent(event)

    def tooltip_at(self, point: QPointF) -> str | None:
        day = self.cell_at(point)
        return None if day is None else day_text(day, self.minutes(day))

    def _move_cursor(self, day: date) -> None:
        self._cursor = day
        self._describe()
        self.update()

    def _describe(self) -> None:
        # Only the shown weeks: a long history must not make this walk years of days.
        first = self.first_day()
        shown = [
            self._minutes.get(first + timedelta(days=i), 0.0)
            for i in range((self._today - first).days + 1)
        ]
        total = sum(shown)
        days = sum(1 for m in shown if m > 0)
        text = f"{minutes_text(total)} on {plural(days, 'day')} in the last {self._weeks} weeks."
        if self._cursor is not None:
            text += f" {day_text(self._cursor, self.minutes(self._cursor))}."
        self.setAccessibleDescription(text)

    # --- painting ------------------------------------------------------------------------

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        left, top, pitch = self._frame()
        self._paint_labels(p, ink, left, top, pitch)
        radius = pitch * 0.22
        p.setPen(Qt.PenStyle.NoPen)
        day = self.first_day()
        while day <= self._today:
            rect = self.cell_rect(day)
            assert rect is not None
            level = level_for(self.minutes(day))
            p.setBrush(_soft(ink if level == 0 else accent, LEVEL_ALPHA[level]))
            p.drawRoundedRect(rect, radius, radius)
            day += timedelta(days=1)

        today = self.cell_rect(self._today)
        if today is not None:  # today: a quiet ring, so "where am I" needs no label
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(_soft(ink, 0.45), max(1.0, pitch * 0.07)))
            p.drawRoundedRect(today.adjusted(-1, -1, 1, 1), radius + 1, radius + 1)
        if self.hasFocus() and self._cursor is not None:
            rect = self.cell_rect(self._cursor)
            if rect is not None:
                p.setPen(QPen(accent, max(1.5, pitch * 0.12)))
                p.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)

    def _paint_labels(
        self, p: QPainter, ink: QColor, left: float, top: float, pitch: float
    ) -> None:
        font = self._label_font()
        metrics = QFontMetricsF(font)
        p.setFont(font)
        p.setPen(_soft(ink, 0.5))
        for row in (0, 2, 4):
            rect = QRectF(0, top + row * pitch, left - 6, pitch)
            p.drawText(
                rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, DAY_NAMES[row]
            )
        last_x = -1e9
        first = self.first_day()
        for col in range(self._weeks):
            monday = first + timedelta(weeks=col)
            sunday = monday + timedelta(days=6)
            # A month is named above the first column that holds its 1st.
            if col == 0:
                if monday.day > 17:  # under two weeks of this month shown: name the next one
                    continue
                month = monday.month
            elif sunday.day <= 7:
                month = sunday.month
            else:
                continue
            x = left + col * pitch + pitch * GAP / 2
            name = MONTHS[month - 1]
            if x < last_x + 4:
                continue
            p.drawText(QPointF(x, top - 5 - metrics.descent()), name)
            last_x = x + metrics.horizontalAdvance(name)
