"""The Settings page: sound, timing and window options; every change applies and saves at once."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from somatictimer.audio.mix import DEFAULT_SOUNDS
from somatictimer.core.model import CueKind
from somatictimer.core.settings import AUDIO_BACKENDS, SOUND_NAMES, Settings
from somatictimer.ui.settings.my_body import MyBodyGroup

EVENTS = (  # (cue kind, label) in the order a session meets them
    ("session-start", "Session start"),
    ("countdown", "3-2-1 countdown"),
    ("step-start", "Pose begins"),
    ("halfway", "Halfway"),
    ("switch-side", "Switch sides"),
    ("transition", "Pose ends"),
    ("rep", "Each rep"),
    ("interval", "Interval bell"),
    ("inhale", "Inhale"),
    ("exhale", "Exhale"),
    ("hold-in", "Hold (after inhale)"),
    ("hold-out", "Hold (after exhale)"),
    ("end", "Session end"),
)
DEFAULT_CHOICE = "default"
CHOOSE_FILE = "Choose a file…"
BACKEND_LABELS = {
    "auto": "Automatic",
    "simpleaudio": "simpleaudio (ALSA)",
    "qt": "Qt (PulseAudio/PipeWire)",
    "null": "No sound",
}


THEME_CHOICES = (
    ("system", "As the system prefers"),
    ("light", "Light"),
    ("dark", "Dark"),
)
MOTION_CHOICES = (
    ("system", "Move with the breath (as the desktop prefers)"),
    ("full", "Move with the breath"),
    ("reduce", "Still: show each phase without moving"),
)


class SettingsView(QWidget):
    """A form over one Settings value; emits the new value on every change."""

    changed = Signal(object)  # Settings
    preview = Signal(str)  # cue kind
    about_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        list_outputs: Callable[[], list[tuple[bytes, str]]] | None = None,
        parent: QWidget | None = None,
        in_use: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("Settings")
        self.settings = settings
        self._list_outputs = list_outputs or (lambda: [])
        self._in_use = in_use or (lambda: "")
        self._loading = True
        content = QWidget()
        content.setMaximumWidth(780)  # a readable form, not a stretched one
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 20, 24, 20)
        column.addWidget(QLabel("<h2>Settings</h2>"))
        self.my_body = MyBodyGroup(settings.caution_profile, settings.hide_flagged)
        self.my_body.changed.connect(self._emit)
        self.my_body.about_requested.connect(self.about_requested.emit)
        column.addWidget(self.my_body)
        column.addWidget(self._sound_group())
        column.addWidget(self._events_group())
        column.addWidget(self._timing_group())
        column.addWidget(self._window_group())
        column.addWidget(self._history_group())
        column.addStretch(1)
        self._align_labels(content)
        scroll = QScrollArea()
        self.scroll_area = scroll
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._loading = False

    # -- groups ------------------------------------------------------------------------------
    def _sound_group(self) -> QGroupBox:
        s = self.settings
        box = QGroupBox("Sound")
        form = QFormLayout(box)
        self.backend = QComboBox()
        for backend in AUDIO_BACKENDS:
            self.backend.addItem(BACKEND_LABELS[backend], backend)
        self.backend.setCurrentIndex(AUDIO_BACKENDS.index(s.audio_backend))
        self.backend.currentIndexChanged.connect(self._emit)
        form.addRow("Audio &output:", self.backend)
        self.audio_in_use = QLabel()
        self.audio_in_use.setObjectName("nextLabel")  # the style's muted text
        self.audio_in_use.setWordWrap(True)
        # Only the lines it needs (a wrapped label in a form otherwise asks for many).
        self.audio_in_use.setMinimumWidth(300)
        self.audio_in_use.setAccessibleName("Sound in use now")
        form.addRow("", self.audio_in_use)
        self.device = QComboBox()
        self.device.addItem("System default", "")
        self.device.currentIndexChanged.connect(self._emit)
        form.addRow("&Device (Qt output):", self.device)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(s.master_volume_pct)
        self.volume.setAccessibleName("Master volume")
        self.volume_label = QLabel(f"{s.master_volume_pct} %")
        self.volume.valueChanged.connect(lambda v: self.volume_label.setText(f"{v} %"))
        self.volume.valueChanged.connect(self._emit)
        row = QHBoxLayout()
        row.addWidget(self.volume, 1)
        row.addWidget(self.volume_label)
        volume_label = QLabel("&Volume:")
        volume_label.setBuddy(self.volume)
        form.addRow(volume_label, row)
        self.breath_sounds = QCheckBox("Play breath tones (inhale rises, exhale falls)")
        self.breath_sounds.setChecked(s.breath_sounds)
        self.breath_sounds.toggled.connect(self._emit)
        form.addRow("", self.breath_sounds)
        return box

    def _events_group(self) -> QGroupBox:
        box = QGroupBox("Sound for each moment")
        grid = QGridLayout(box)
        self.event_sound: dict[str, QComboBox] = {}
        self.event_volume: dict[str, QSpinBox] = {}
        for row, (kind, label) in enumerate(EVENTS):
            combo = QComboBox()
            combo.setAccessibleName(f"Sound for {label}")
            default = DEFAULT_SOUNDS[CueKind(kind)].replace("-", " ")
            combo.addItem(f"Default ({default})", DEFAULT_CHOICE)
            for name in SOUND_NAMES:
                combo.addItem(name.replace("-", " "), name)
            chosen = self.settings.event_sounds.get(kind)
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(chosen.rsplit("/", 1)[-1], chosen)
            combo.addItem(CHOOSE_FILE, CHOOSE_FILE)
            combo.setCurrentIndex(max(0, combo.findData(chosen or DEFAULT_CHOICE)))
            combo.currentIndexChanged.connect(lambda _i, k=kind: self._sound_chosen(k))
            volume = QSpinBox()
            volume.setRange(0, 100)
            volume.setSuffix(" %")
            volume.setAccessibleName(f"Volume for {label}")
            volume.setValue(self.settings.event_volume_pct.get(kind, 100))
            volume.valueChanged.connect(self._emit)
            play = QPushButton("▶")
            play.setToolTip(f"Preview the {label.lower()} sound")
            play.setAccessibleName(f"Preview {label}")
            play.setFixedWidth(36)
            play.clicked.connect(lambda _c=False, k=kind: self.preview.emit(k))
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(volume, row, 2)
            grid.addWidget(play, row, 3)
            self.event_sound[kind] = combo
            self.event_volume[kind] = volume
        grid.setColumnStretch(1, 1)
        return box

    def _timing_group(self) -> QGroupBox:
        s = self.settings
        box = QGroupBox("Timing")
        form = QFormLayout(box)
        self.prep_own, self.prep = self._optional_seconds(s.prep_countdown_s, 10.0)
        form.addRow("Get-ready countdown:", self._pair(self.prep_own, self.prep))
        self.transition_own, self.transition = self._optional_seconds(s.transition_s, 5.0)
        form.addRow("Time between poses:", self._pair(self.transition_own, self.transition))
        self.halfway = QCheckBox("Soft bell halfway through holds of at least")
        self.halfway.setChecked(s.halfway_cue)
        self.halfway.toggled.connect(self._emit)
        self.halfway_min = QSpinBox()
        self.halfway_min.setRange(10, 7200)
        self.halfway_min.setSuffix(" s")
        self.halfway_min.setValue(round(s.halfway_min_s))
        self.halfway_min.valueChanged.connect(self._emit)
        form.addRow("", self._pair(self.halfway, self.halfway_min))
        return box

    def _window_group(self) -> QGroupBox:
        box = QGroupBox("Window")
        form = QFormLayout(box)
        self.minimized = QCheckBox("Start minimized to the tray")
        self.minimized.setChecked(self.settings.start_minimized_to_tray)
        self.compact = QCheckBox("Start in compact mode (small always-on-top timer)")
        self.compact.setChecked(self.settings.compact_on_start)
        for box_ in (self.minimized, self.compact):
            box_.toggled.connect(self._emit)
            form.addRow("", box_)
        self.motion = QComboBox()
        self.motion.setAccessibleName("Motion of the pose figures")
        for value, words in MOTION_CHOICES:
            self.motion.addItem(words, value)
        self.motion.setCurrentIndex(self.motion.findData(self.settings.motion))
        self.motion.currentIndexChanged.connect(self._emit)
        form.addRow("Figures:", self.motion)
        self.theme = QComboBox()
        self.theme.setAccessibleName("Colours")
        for value, words in THEME_CHOICES:
            self.theme.addItem(words, value)
        self.theme.setCurrentIndex(self.theme.findData(self.settings.theme))
        self.theme.currentIndexChanged.connect(self._emit)
        form.addRow("&Colours:", self.theme)
        self.dim_rest = QSpinBox()
        self.dim_rest.setRange(0, 600)
        self.dim_rest.setSuffix(" s")
        self.dim_rest.setSpecialValueText("never")  # 0: the window never dims
        self.dim_rest.setAccessibleName("Dim the window during long rests after")
        self.dim_rest.setToolTip(
            "During Savasana and other rests of a minute or more, the window dims after this "
            "long without a key or mouse move; either wakes it."
        )
        self.dim_rest.setValue(round(self.settings.dim_in_rest_s))
        self.dim_rest.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.dim_rest.valueChanged.connect(self._emit)
        form.addRow("&Dim during long rests after:", self.dim_rest)
        return box

    def _history_group(self) -> QGroupBox:
        s = self.settings
        box = QGroupBox("History")
        form = QFormLayout(box)
        self.checkin_before = QCheckBox("Ask how my body feels before a session")
        self.checkin_before.setChecked(s.checkin_before)
        self.checkin_after = QCheckBox("… and after it")
        self.checkin_after.setChecked(s.checkin_after)
        self.show_streak = QCheckBox("Show my streak of practice days")
        self.show_streak.setChecked(s.show_streak)
        for check in (self.checkin_before, self.checkin_after, self.show_streak):
            check.toggled.connect(self._emit)
            form.addRow("", check)
        self.min_session = QSpinBox()
        self.min_session.setRange(0, 3600)
        self.min_session.setSuffix(" s")
        self.min_session.setValue(round(s.min_session_s))
        self.min_session.valueChanged.connect(self._emit)
        form.addRow("Save sessions of at least:", self.min_session)
        self.day_starts = QSpinBox()
        self.day_starts.setRange(0, 12)
        self.day_starts.setSuffix(":00")
        self.day_starts.setValue(s.day_starts_hour)
        self.day_starts.valueChanged.connect(self._emit)
        form.addRow("A new day starts at:", self.day_starts)
        for spin in (self.min_session, self.day_starts):  # a number, not a wide field
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return box

    def _optional_seconds(
        self, value: float | None, fallback: float
    ) -> tuple[QCheckBox, QDoubleSpinBox]:
        own = QCheckBox("each sequence's own")
        own.setChecked(value is None)
        spin = QDoubleSpinBox()
        spin.setRange(0, 600)
        spin.setDecimals(1)
        spin.setSuffix(" s")
        spin.setValue(fallback if value is None else value)
        spin.setEnabled(value is not None)
        own.toggled.connect(lambda checked: spin.setEnabled(not checked))
        own.toggled.connect(self._emit)
        spin.valueChanged.connect(self._emit)
        return own, spin

    @staticmethod
    def _pair(first: QWidget, second: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(first)
        row.addWidget(second)
        row.addStretch(1)
        return holder

    @staticmethod
    def _align_labels(content: QWidget) -> None:
        """Every section's labels share one column width, so the fields line up."""
        items: list[QLayoutItem | None] = []
        for group in content.findChildren(QGroupBox):
            layout = group.layout()
            if isinstance(layout, QFormLayout):
                role = QFormLayout.ItemRole.LabelRole
                items += [layout.itemAt(row, role) for row in range(layout.rowCount())]
            elif isinstance(layout, QGridLayout):
                items += [layout.itemAtPosition(row, 0) for row in range(layout.rowCount())]
        labels = [w for w in (item.widget() if item else None for item in items) if w]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    # -- behaviour ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        self._fill_devices()
        self.show_audio_in_use()
        super().showEvent(event)

    def show_audio_in_use(self) -> None:
        """What plays the cues now (the backend "Automatic" picked, its device), or why not;
        a different choice here is used from the next start."""
        words = self._in_use()
        if words:
            words += ". "
        self.audio_in_use.setText(
            f"<small>{html.escape(words)}A new output or device is used from the next start."
            "</small>"
        )

    def refresh_devices(self) -> None:
        """The outputs changed (a headset plugged in): list them again, keep the choice."""
        self._fill_devices()

    def _fill_devices(self) -> None:
        self._loading = True
        current = self.settings.audio_device
        self.device.clear()
        self.device.addItem("System default", "")
        for device_id, description in self._list_outputs():
            self.device.addItem(description, device_id.hex())
        self.device.setCurrentIndex(max(0, self.device.findData(current)))
        self._loading = False

    def _sound_chosen(self, kind: str) -> None:
        combo = self.event_sound[kind]
        if combo.currentData() == CHOOSE_FILE:
            path, _ = QFileDialog.getOpenFileName(
                self, "Choose a sound", "", "Sounds (*.wav *.ogg *.mp3 *.flac)"
            )
            self._loading = True
            if path:
                combo.insertItem(combo.count() - 1, path.rsplit("/", 1)[-1], path)
                combo.setCurrentIndex(combo.count() - 2)
            else:
                combo.setCurrentIndex(
                    max(0, combo.findData(self.settings.event_sounds.get(kind, DEFAULT_CHOICE)))
                )
            self._loading = False
        self._emit()

    def current(self) -> Settings:
        sounds = {
            k: c.currentData()
            for k, c in self.event_sound.items()
            if c.currentData() not in (DEFAULT_CHOICE, CHOOSE_FILE)
        }
        volumes = {k: s.value() for k, s in self.event_volume.items() if s.value() != 100}
        return dataclasses.replace(
            self.settings,
            audio_backend=self.backend.currentData(),
            audio_device=self.device.currentData() or "",
            master_volume_pct=self.volume.value(),
            breath_sounds=self.breath_sounds.isChecked(),
            event_sounds=sounds,
            event_volume_pct=volumes,
            prep_countdown_s=None if self.prep_own.isChecked() else self.prep.value(),
            transition_s=None if self.transition_own.isChecked() else self.transition.value(),
            halfway_cue=self.halfway.isChecked(),
            halfway_min_s=float(self.halfway_min.value()),
            start_minimized_to_tray=self.minimized.isChecked(),
            compact_on_start=self.compact.isChecked(),
            motion=self.motion.currentData(),
            theme=self.theme.currentData(),
            dim_in_rest_s=float(self.dim_rest.value()),
            checkin_before=self.checkin_before.isChecked(),
            checkin_after=self.checkin_after.isChecked(),
            show_streak=self.show_streak.isChecked(),
            min_session_s=float(self.min_session.value()),
            day_starts_hour=self.day_starts.value(),
            caution_profile=self.my_body.profile(),
            hide_flagged=self.my_body.hide_box.isChecked(),
        )

    def _emit(self) -> None:
        if self._loading:
            return
        self.settings = self.current()
        self.changed.emit(self.settings)
