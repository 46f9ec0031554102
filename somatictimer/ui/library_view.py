"""The Library page: sequences and poses side by side with live search, filters and details."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core import search
from somatictimer.core.describe import clock, pose_timing, sequence_total_s
from somatictimer.core.library import Library
from somatictimer.core.model import CAUTIONS, Pose, Sequence
from somatictimer.ui.figure import FigureWidget

ID_ROLE = Qt.ItemDataRole.UserRole
INTENSITY = {1: "gentle", 2: "moderate", 3: "strong"}


def pose_html(pose: Pose, library: Library) -> str:
    e = html.escape
    rows = [
        f"<h2>{e(pose.name)}</h2>",
        f"<p><small>{e(pose.tradition)} · {e(pose.category)} · {e(pose.position)}</small></p>",
        f"<p>{e(pose.cue)}</p>",
        f"<p><b>Timing</b> {e(pose_timing(pose))}"
        + (" per side" if pose.sides.value == "per-side" else "")
        + (" · sides alternate" if pose.sides.value == "alternating" else "")
        + "</p>",
    ]
    if pose.breath or pose.breath_pattern:
        pattern = library.breaths.get(pose.breath_pattern or "")
        paced = f" — pacer: {e(pattern.name)}" if pattern else ""
        rows.append(f"<p><b>Breath</b> {e(pose.breath)}{paced}</p>")
    rows.append(
        f"<p><b>Intensity</b> {INTENSITY.get(pose.intensity, '')}"
        + (f" · <b>Props</b> {e(', '.join(pose.props))}" if pose.props else "")
        + "</p>"
    )
    if pose.cautions:
        rows.append(f"<p><b>Take care with</b> {e(', '.join(pose.cautions))}</p>")
    return "".join(rows)


def sequence_html(sequence: Sequence, library: Library) -> str:
    e = html.escape
    total = sequence_total_s(sequence, library)
    items = []
    for step in sequence.steps:
        pose = library.poses[step.pose]
        per_side = pose.sides.value == "per-side" and step.side is None
        seconds = (
            step.hold_s
            if step.hold_s is not None
            else (step.reps * (step.rep_s or pose.rep_s or 0) if step.reps else pose.default_s)
        )
        timing = clock(seconds) + (" each side" if per_side else "")
        note = f" — <i>{e(step.note)}</i>" if step.note else ""
        items.append(f"<li>{e(pose.name)} · {timing}{note}</li>")
    return (
        f"<h2>{e(sequence.name)}</h2><p>{e(sequence.description)}</p>"
        f"<p><b>{clock(total)}</b> of practice · {len(sequence.steps)} steps · "
        f"{sequence.transition_s:g} s between poses</p><ol>{''.join(items)}</ol>"
    )


class LibraryView(QWidget):
    """Browse, search, filter; Start (or Enter) begins the selected sequence."""

    start_requested = Signal(object)  # Sequence

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setAccessibleName("Library")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search poses and sequences  (Ctrl+F)")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sequences_tab(), "Sequences")
        self.tabs.addTab(self._poses_tab(), "Poses")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)
        self.apply_filters()
        if self.sequence_list.count():
            self.sequence_list.setCurrentRow(0)

    # -- building ----------------------------------------------------------------------------
    def _sequences_tab(self) -> QWidget:
        self.sequence_list = QListWidget()
        self.sequence_list.setAccessibleName("Sequences")
        for sequence in self.library.sequences.values():
            total = clock(sequence_total_s(sequence, self.library))
            item = QListWidgetItem(f"{sequence.name}  ·  {total}")
            item.setData(ID_ROLE, sequence.id)
            self.sequence_list.addItem(item)
        self.sequence_detail = QLabel()
        self._detail_label(self.sequence_detail, "Sequence details")
        self.start_button = QPushButton("▶  Start")
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName("Start sequence")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start_selected)
        self.sequence_list.currentItemChanged.connect(self._show_sequence)
        self.sequence_list.itemActivated.connect(lambda _item: self._start_selected())
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.sequence_detail, 1)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)
        return self._split(self.sequence_list, detail)

    def _poses_tab(self) -> QWidget:
        self.pose_list = QListWidget()
        self.pose_list.setAccessibleName("Poses")
        for pose in self.library.poses.values():
            item = QListWidgetItem(pose.name)
            item.setData(ID_ROLE, pose.id)
            self.pose_list.addItem(item)
        self.filters: dict[str, QComboBox] = {}
        filter_widgets: list[QWidget] = []
        labels = {
            "tradition": "Any tradition",
            "category": "Any focus",
            "position": "Any position",
            "sides": "Any sides",
            "prop": "Any prop",
        }
        for key, values in search.choices(self.library).items():
            combo = QComboBox()
            combo.setAccessibleName(f"Filter by {key}")
            self._shrinkable(combo)
            combo.addItem(labels[key], search.ANY)
            for value in values:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self.apply_filters)
            self.filters[key] = combo
            filter_widgets.append(combo)
        self.intensity = QComboBox()
        self.intensity.setAccessibleName("Filter by intensity")
        self._shrinkable(self.intensity)
        self.intensity.addItem("Any intensity", 0)
        for level, word in INTENSITY.items():
            self.intensity.addItem(word, level)
        self.intensity.currentIndexChanged.connect(self.apply_filters)
        filter_widgets.append(self.intensity)
        self.avoid_button = QToolButton()
        self.avoid_button.setText("Avoid…")
        self.avoid_button.setAccessibleName("Hide items with these cautions")
        self.avoid_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.avoid_button)
        self.avoid_actions: dict[str, QAction] = {}
        for flag in CAUTIONS:
            action = menu.addAction(flag)
            action.setCheckable(True)
            action.toggled.connect(self.apply_filters)
            self.avoid_actions[flag] = action
        self.avoid_button.setMenu(menu)
        filter_widgets.append(self.avoid_button)
        bar = QGridLayout()  # two rows of four: the window may be narrow
        for index, widget in enumerate(filter_widgets):
            bar.addWidget(widget, index // 4, index % 4)
        self.figure = FigureWidget()
        self.figure.setMinimumHeight(160)
        self.pose_detail = QLabel()
        self._detail_label(self.pose_detail, "Pose details")
        self.pose_list.currentItemChanged.connect(self._show_pose)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.figure, 2)
        column.addWidget(self.pose_detail, 3)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self._split(self.pose_list, detail), 1)
        return page

    @staticmethod
    def _shrinkable(combo: QComboBox) -> None:
        """Filters may shrink with the window instead of forcing it wide."""
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)

    @staticmethod
    def _detail_label(label: QLabel, name: str) -> None:
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)

    @staticmethod
    def _split(left: QWidget, right: QWidget) -> QSplitter:
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return splitter

    # -- behaviour ---------------------------------------------------------------------------
    def current_filter(self) -> search.PoseFilter:
        return search.PoseFilter(
            text=self.search.text(),
            tradition=self.filters["tradition"].currentData(),
            category=self.filters["category"].currentData(),
            position=self.filters["position"].currentData(),
            sides=self.filters["sides"].currentData(),
            prop=self.filters["prop"].currentData(),
            intensity=self.intensity.currentData(),
            avoid=self.avoided(),
        )

    def avoided(self) -> frozenset[str]:
        return frozenset(flag for flag, action in self.avoid_actions.items() if action.isChecked())

    def apply_filters(self) -> None:
        pose_filter = self.current_filter()
        for row in range(self.pose_list.count()):
            item = self.pose_list.item(row)
            item.setHidden(not pose_filter.accepts(self.library.poses[item.data(ID_ROLE)]))
        for row in range(self.sequence_list.count()):
            item = self.sequence_list.item(row)
            sequence = self.library.sequences[item.data(ID_ROLE)]
            item.setHidden(
                not search.sequence_accepts(
                    sequence, self.library, pose_filter.text, pose_filter.avoid
                )
            )
        avoided = len(pose_filter.avoid)
        self.avoid_button.setText(f"Avoid ({avoided})" if avoided else "Avoid…")

    def visible_ids(self, which: str) -> list[str]:
        widget = self.pose_list if which == "poses" else self.sequence_list
        return [
            widget.item(r).data(ID_ROLE)
            for r in range(widget.count())
            if not widget.item(r).isHidden()
        ]

    def select_sequence(self, sequence_id: str) -> None:
        for row in range(self.sequence_list.count()):
            if self.sequence_list.item(row).data(ID_ROLE) == sequence_id:
                self.sequence_list.setCurrentRow(row)

    def selected_sequence(self) -> Sequence | None:
        item = self.sequence_list.currentItem()
        return self.library.sequences.get(item.data(ID_ROLE)) if item else None

    def _start_selected(self) -> None:
        sequence = self.selected_sequence()
        if sequence is not None:
            self.start_requested.emit(sequence)

    def _show_sequence(self, item: QListWidgetItem | None) -> None:
        sequence = self.library.sequences.get(item.data(ID_ROLE)) if item else None
        self.sequence_detail.setText(sequence_html(sequence, self.library) if sequence else "")
        self.start_button.setEnabled(sequence is not None)

    def _show_pose(self, item: QListWidgetItem | None) -> None:
        pose = self.library.poses.get(item.data(ID_ROLE)) if item else None
        self.pose_detail.setText(pose_html(pose, self.library) if pose else "")
        self.figure.set_pose(
            pose.position if pose else None,
            "right" if pose and pose.sides.value == "per-side" else "none",
            pose.category if pose else "",
        )
