"""The somatic check-in: "listen to your body" before or after a session, skippable in one key."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.history.records import CheckIn
from somatictimer.ui.history.body_map import MAX_TENSION, BodyMap
from somatictimer.ui.history.body_shapes import REGION_LABELS

SUBTITLES = {
    "before": "Before you begin, notice where you hold tension. Nothing to fix, only to notice.",
    "after": "Now, after practice: notice what has changed, and what has not.",
}
NOT_RATED = "not rated"
WIDE_PX = 960  # from this width the form stands beside the map, not under it
NOT_SET = "not set"  # overall calm, until touched: a handle in the middle is not an answer
# What the two buttons do next, per mode: the before check-in leads into the session.
BUTTONS = {
    "before": (
        ("Skip and begin", "Begin without a check-in (Esc)"),
        ("Begin", "Save and begin (Enter)"),
    ),
    "after": (("Skip", "Skip the check-in (Esc)"), ("Save", "Save the check-in (Enter)")),
}


def _slider(name: str) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, MAX_TENSION)
    slider.setPageStep(1)
    slider.setTickPosition(QSlider.TickPosition.TicksBelow)
    slider.setTickInterval(1)
    slider.setAccessibleName(name)
    slider.setMinimumWidth(160)
    return slider


def _value_label() -> QLabel:
    label = QLabel(NOT_RATED)
    label.setObjectName("nextLabel")  # the style's muted text
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance("not rated · before 10") + 4)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class CheckInView(QWidget):
    """Tension per region, overall calm and a note; ``saved`` or ``skipped`` ends it."""

    saved = Signal(object)  # {"tension": {region: int}, "calm": int | None, "note": str}
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Check-in")
        self._mode = "before"
        self._calm: int | None = None
        self._calm_before: int | None = None

        self.title = QLabel("<h2>Listen to your body</h2>")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("nextLabel")
        self.subtitle.setWordWrap(True)
        self.map = BodyMap()
        self.map.setToolTip("")

        self.region_name = QLabel()
        self.region_name.setObjectName("regionName")
        self.region_slider = _slider("Tension in the selected region")
        self.region_value = _value_label()
        self.calm_slider = _slider("Overall calm")
        self.calm_slider.setValue(MAX_TENSION // 2)
        self.calm_value = _value_label()
        self._calm_fade = QGraphicsOpacityEffect(self.calm_slider)
        self._calm_fade.setOpacity(0.4)
        self.calm_slider.setGraphicsEffect(self._calm_fade)
        self.note = QLineEdit()
        self.note.setPlaceholderText("A few words, if you like")
        self.note.setAccessibleName("Note")
        self.note.setClearButtonEnabled(True)
        hint = QLabel(
            "Click a region or its name, or move the ring with the arrow keys; "
            "0–9 rate the region in the ring, Delete clears."
        )
        hint.setObjectName("nextLabel")
        hint.setWordWrap(True)

        self.skip_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setObjectName("startButton")
        for button in (self.skip_button, self.save_button):
            button.setAutoDefault(True)  # Enter on a focused button presses that button
        self.save_button.setDefault(True)

        self._build_layout(hint)
        self.setFocusProxy(self.map)
        self.setTabOrder(self.map, self.region_slider)
        self.setTabOrder(self.region_slider, self.calm_slider)
        self.setTabOrder(self.calm_slider, self.note)
        self.setTabOrder(self.note, self.skip_button)
        self.setTabOrder(self.skip_button, self.save_button)

        self.map.changed.connect(self._sync_region)
        self.map.selection_changed.connect(self._sync_region)
        self.region_slider.valueChanged.connect(self._region_slid)
        self.region_slider.sliderPressed.connect(self._region_touched)
        self.calm_slider.valueChanged.connect(self._calm_slid)
        self.calm_slider.sliderPressed.connect(self._calm_touched)
        self.skip_button.clicked.connect(self.skipped.emit)
        self.save_button.clicked.connect(self.save)
        self.set_mode("before")
        self._sync_region()
        self._show_calm()

    def _build_layout(self, hint: QLabel) -> None:
        form = QGridLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(12)
        form.addWidget(self.region_name, 0, 0)  # the region in the ring: "Hips"
        form.addWidget(self.region_slider, 0, 1)
        form.addWidget(self.region_value, 0, 2)
        form.addWidget(QLabel("Overall calm"), 1, 0)
        form.addWidget(self.calm_slider, 1, 1)
        form.addWidget(self.calm_value, 1, 2)
        self.note_label = QLabel("Note")
        form.addWidget(self.note_label, 2, 0)
        form.addWidget(self.note, 2, 1, 1, 2)
        form.addWidget(hint, 3, 0, 1, 3)
        form.setColumnStretch(1, 1)

        self.side = QVBoxLayout()
        self.side.addStretch(1)
        self.side.addLayout(form)
        self.side.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)

        # Side by side on a wide window, the form under the map on a narrow one.
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)  # narrow until resized
        self.body.setSpacing(24)
        self.map.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.body.addWidget(self.map, 3)
        self.body.addLayout(self.side, 0)

        layout = self._page = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addLayout(self.body, 1)
        layout.addLayout(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE_PX
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self.body.setStretch(1, 2 if wide else 0)  # narrow: the form takes only its height
        super().resizeEvent(event)

    # --- API -----------------------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        if mode not in SUBTITLES:
            raise ValueError(f"check-in mode must be 'before' or 'after', not {mode!r}")
        self._mode = mode
        when = "Before practice" if mode == "before" else "After practice"
        self.title.setText(f"<h2>Listen to your body <small>· {when}</small></h2>")
        self.subtitle.setText(SUBTITLES[mode])
        self.setAccessibleDescription(f"{when}: {SUBTITLES[mode]}")
        buttons = (self.skip_button, self.save_button)
        for button, (text, tip) in zip(buttons, BUTTONS[mode], strict=True):
            button.setText(text)
            button.setToolTip(tip)

    def set_before(self, before: CheckIn | None) -> None:
        """Show the ratings given before the session beside the ones given now."""
        self.map.set_before(dict(before.tension) if before else {})
        self._calm_before = before.calm if before else None
        self._sync_region()
        self._show_calm()

    def embed(self) -> None:
        """Inside another page (the end screen): its margins, one note and buttons are the
        page's, so this view's own are hidden."""
        self._page.setContentsMargins(0, 8, 0, 0)
        for widget in (self.note, self.note_label, self.skip_button, self.save_button):
            widget.hide()

    def mode(self) -> str:
        return self._mode

    def load(self, tension: dict[str, int], calm: int | None, note: str) -> None:
        self.map.clear()
        for region, value in tension.items():
            self.map.set_tension(region, value)
        self.map.select(next(iter(self.map.tension()), "jaw"))
        self._calm = calm
        with QSignalBlocker(self.calm_slider):
            self.calm_slider.setValue(MAX_TENSION // 2 if calm is None else calm)
        self._show_calm()
        self.note.setText(note)
        self._sync_region()

    def result(self) -> tuple[dict[str, int], int | None, str]:
        return self.map.tension(), self._calm, self.note.text().strip()

    def save(self) -> None:
        tension, calm, note = self.result()
        self.saved.emit({"tension": tension, "calm": calm, "note": note})

    # --- keys ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Children pass on the keys they do not use: Esc anywhere skips, Enter saves.
        if event.key() == Qt.Key.Key_Escape:
            self.skipped.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # --- syncing the map and the sliders -------------------------------------------------

    def _sync_region(self, *_: object) -> None:
        region = self.map.selected()
        value = self.map.tension().get(region)
        self.region_name.setText(f"<b>{REGION_LABELS[region]}</b>")
        before = self.map.before().get(region)
        self.region_value.setText(
            (NOT_RATED if value is None else f"{value} / {MAX_TENSION}")
            + ("" if before is None else f" · before {before}")
        )
        with QSignalBlocker(self.region_slider):
            self.region_slider.setValue(0 if value is None else value)
        self.region_slider.setAccessibleName(f"Tension in {REGION_LABELS[region].lower()}")

    def _region_slid(self, value: int) -> None:
        self.map.set_tension(self.map.selected(), value)

    def _region_touched(self) -> None:
        # Pressing the handle where it already sits still rates the region.
        self._region_slid(self.region_slider.value())

    def _calm_slid(self, value: int) -> None:
        self._calm = value
        self._show_calm()

    def _calm_touched(self) -> None:
        self._calm_slid(self.calm_slider.value())

    def _show_calm(self) -> None:
        unrated = self._calm is None
        before = "" if self._calm_before is None else f" · before {self._calm_before}"
        self.calm_value.setText((NOT_SET if unrated else f"{self._calm} / {MAX_TENSION}") + before)
        # Faded until touched: a handle in the middle must not read as an answer of 5.
        self._calm_fade.setEnabled(unrated)
