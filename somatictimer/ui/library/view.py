"""The Library page: sequences and poses side by side with live search, filters and details."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QPalette, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import clock, sequence_total_s
from somatictimer.core.history.store import HistoryError, HistoryStore
from somatictimer.core.library import Library, search
from somatictimer.core.library.cautions import caution_label, caution_words
from somatictimer.core.library.families import family_label
from somatictimer.core.library.practise import practise_breath, practise_pose
from somatictimer.core.model import CAUTIONS, Sequence
from somatictimer.figures.motion import FigureLookup
from somatictimer.ui.figures.figure_render import figure_image
from somatictimer.ui.figures.figure_strip import FigureStrip
from somatictimer.ui.figures.figure_view import FigureView, ink_from
from somatictimer.ui.library.details import INTENSITY, breath_html, pose_html, sequence_html

ID_ROLE = Qt.ItemDataRole.UserRole


THUMB = QSize(56, 45)  # a pose's figure beside its name
LIST_MAX_PX = 250  # the sequence list's least width at most: the details need room too
RECENT = 20  # sessions looked through for the last sequence (single poses are skipped)


def last_practised(store: HistoryStore | None, library: Library, saved: str) -> str:
    """The sequence of the newest session in history (practised here or in the terminal),
    else ``saved``, the one last started here; "" for none."""
    if store is not None:
        try:
            for record in store.sessions(limit=RECENT):
                if record.sequence_id in library.sequences:
                    return record.sequence_id
        except HistoryError:
            pass  # an unreadable history was reported when it was opened
    return saved


class LibraryView(QWidget):
    """Browse, search, filter; Start (or Enter) begins the selected sequence."""

    start_requested = Signal(object)  # Sequence (also a one-item session: "Practise this")

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        profile: frozenset[str] = frozenset(),
        hide_flagged: bool = False,
        figure_for: FigureLookup = lambda item_id: (None, False),
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.figure_for = figure_for
        self.profile = profile
        self.hide_flagged = hide_flagged
        self.setAccessibleName("Library")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search poses and sequences  (Ctrl+F)")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filters)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._sequences_tab(), "Sequences")
        self.tabs.addTab(self._poses_tab(), "Poses")
        self.tabs.addTab(self._breaths_tab(), "Breathing")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs, 1)
        self.apply_filters()
        if self.pose_list.count():
            self.pose_list.setCurrentRow(0)
        if self.sequence_list.count():
            self.sequence_list.setCurrentRow(0)

    # -- building ----------------------------------------------------------------------------
    def _sequences_tab(self) -> QWidget:
        self.sequence_list = QListWidget()
        self.sequence_list.setAccessibleName("Sequences")
        # A narrow list shortens the name, never the duration at its end.
        self.sequence_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.sequence_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for sequence in self.library.sequences.values():
            total = clock(sequence_total_s(sequence, self.library))
            item = QListWidgetItem(f"{sequence.name}  ·  {total}")
            item.setData(ID_ROLE, sequence.id)
            self.sequence_list.addItem(item)
        widest = max(
            (
                self.sequence_list.fontMetrics().horizontalAdvance(item.text())
                for item in (self.sequence_list.item(r) for r in range(self.sequence_list.count()))
            ),
            default=0,
        )
        # Room for whole names on a wide window; a narrow one shortens the longest ones.
        self.sequence_list.setMinimumWidth(min(widest + 32, LIST_MAX_PX))
        self.sequence_detail = QLabel()
        self._detail_label(self.sequence_detail, "Sequence details")
        self.sequence_strip = FigureStrip()
        self.start_button = QPushButton("▶  Start")
        self.start_button.setObjectName("startButton")
        self.start_button.setAccessibleName("Start sequence")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._start_selected)
        self.sequence_list.currentItemChanged.connect(self._show_sequence)
        self.sequence_list.itemActivated.connect(lambda _item: self._start_selected())
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.sequence_strip)
        column.addWidget(self.sequence_detail, 1)
        column.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)
        return self._split(self.sequence_list, detail)

    def _poses_tab(self) -> QWidget:
        self.pose_list = QListWidget()
        self.pose_list.setAccessibleName("Poses")
        self.pose_list.setIconSize(THUMB)
        self.pose_list.setWordWrap(True)  # a name and its cautions, in words, wrap
        self.pose_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for pose in self.library.listed_poses():
            item = QListWidgetItem(pose.name)
            item.setData(ID_ROLE, pose.id)
            self.pose_list.addItem(item)
        self._thumbnails_drawn = False
        self._redraw_pending = False
        self._mark_flagged()
        self.filters: dict[str, QComboBox] = {}
        filter_widgets: list[QWidget] = []
        labels = {
            "tradition": "Any family",
            "category": "Any focus",
            "position": "Any position",
            "sides": "Any sides",
            "prop": "Any prop",
        }
        for key, values in search.choices(self.library).items():
            combo = QComboBox()
            combo.setAccessibleName(f"Filter by {'family' if key == 'tradition' else key}")
            self._shrinkable(combo)
            combo.addItem(labels[key], search.ANY)
            counts = search.family_counts(self.library) if key == "tradition" else {}
            for value in values:
                shown = f"{family_label(value)} ({counts[value]})" if counts else value
                combo.addItem(shown, value)
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
            action = menu.addAction(caution_label(flag))
            action.setData(flag)
            action.setCheckable(True)
            action.toggled.connect(self.apply_filters)
            self.avoid_actions[flag] = action
        self.avoid_button.setMenu(menu)
        filter_widgets.append(self.avoid_button)
        bar = QGridLayout()  # two rows of four: the window may be narrow
        for index, widget in enumerate(filter_widgets):
            bar.addWidget(widget, index // 4, index % 4)
        self.figure = FigureView()
        self.figure.setMinimumHeight(160)
        self.pose_detail = QLabel()
        self._detail_label(self.pose_detail, "Pose details")
        self.pose_list.currentItemChanged.connect(self._show_pose)
        self.practise_pose_button = QPushButton("▶  Practise this")
        self.practise_pose_button.setAccessibleName("Practise this pose")
        self.practise_pose_button.setToolTip("A short session of just this item, default timing")
        self.practise_pose_button.clicked.connect(self._practise_pose)
        self.pose_list.itemActivated.connect(lambda _item: self._practise_pose())
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self.figure, 2)
        column.addWidget(self._scrolling(self.pose_detail), 3)
        column.addWidget(self.practise_pose_button, 0, Qt.AlignmentFlag.AlignRight)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self._split(self.pose_list, detail), 1)
        return page

    def _breaths_tab(self) -> QWidget:
        self.breath_list = QListWidget()
        self.breath_list.setAccessibleName("Breathing patterns")
        for pattern in self.library.breaths.values():
            item = QListWidgetItem(pattern.name)
            item.setData(ID_ROLE, pattern.id)
            self.breath_list.addItem(item)
        self.breath_detail = QLabel()
        self._detail_label(self.breath_detail, "Breathing pattern details")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setValue(3)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes to practise")
        self.practise_breath_button = QPushButton("▶  Practise this")
        self.practise_breath_button.setAccessibleName("Practise this breathing pattern")
        self.practise_breath_button.clicked.connect(self._practise_breath)
        self.breath_list.currentItemChanged.connect(self._show_breath)
        self.breath_list.itemActivated.connect(lambda _item: self._practise_breath())
        row = QHBoxLayout()
        row.addStretch(1)
        minutes_label = QLabel("&For")
        minutes_label.setBuddy(self.minutes)
        row.addWidget(minutes_label)
        row.addWidget(self.minutes)
        row.addWidget(self.practise_breath_button)
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.addWidget(self._scrolling(self.breath_detail), 1)
        column.addLayout(row)
        if self.breath_list.count():
            self.breath_list.setCurrentRow(0)
        return self._split(self.breath_list, detail)

    @staticmethod
    def _scrolling(label: QLabel) -> QScrollArea:
        """Long details scroll instead of pushing the buttons off a small window."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(label)
        return area

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
    def reload(self) -> None:
        """The library changed on disk (ui/library/reload.py): fill the lists again, keeping
        each selection where its item still exists."""
        sequences = self.library.sequences.values()
        for widget, rows in (
            (
                self.sequence_list,
                [
                    (f"{s.name}  ·  {clock(sequence_total_s(s, self.library))}", s.id)
                    for s in sequences
                ],
            ),
            (self.pose_list, [(p.name, p.id) for p in self.library.listed_poses()]),
            (self.breath_list, [(b.name, b.id) for b in self.library.breaths.values()]),
        ):
            current = widget.currentItem()
            chosen = current.data(ID_ROLE) if current is not None else None
            widget.blockSignals(True)  # no details for a half-filled list
            widget.clear()
            for text, item_id in rows:
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, item_id)
                widget.addItem(item)
            widget.blockSignals(False)
            ids = [widget.item(r).data(ID_ROLE) for r in range(widget.count())]
            widget.setCurrentRow(ids.index(chosen) if chosen in ids else 0 if ids else -1)
        self.set_profile(self.profile, self.hide_flagged)  # marks, filters, details again
        if self._thumbnails_drawn:
            self._draw_thumbnails()

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
        chosen = {flag for flag, action in self.avoid_actions.items() if action.isChecked()}
        return frozenset(chosen | (self.profile if self.hide_flagged else set()))

    def set_profile(self, profile: frozenset[str], hide_flagged: bool) -> None:
        """The caution profile changed (Settings → My body): re-mark and re-filter."""
        self.profile, self.hide_flagged = profile, hide_flagged
        self._mark_flagged()
        self.apply_filters()
        self._show_pose(self.pose_list.currentItem())
        self._show_sequence(self.sequence_list.currentItem())
        self._show_breath(self.breath_list.currentItem())

    def _mark_flagged(self) -> None:
        for row in range(self.pose_list.count()):
            item = self.pose_list.item(row)
            pose = self.library.poses[item.data(ID_ROLE)]
            flags = tuple(f for f in pose.cautions if f in self.profile)
            item.setText(f"{pose.name}  ⚠ {caution_words(flags)}" if flags else pose.name)
            item.setToolTip(f"Take care: {caution_words(flags)}" if flags else "")

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
                self.sequence_list.scrollToItem(self.sequence_list.item(row))

    def selected_sequence(self) -> Sequence | None:
        item = self.sequence_list.currentItem()
        return self.library.sequences.get(item.data(ID_ROLE)) if item else None

    def _start_selected(self) -> None:
        sequence = self.selected_sequence()
        if sequence is not None:
            self.start_requested.emit(sequence)

    def _practise_pose(self) -> None:
        item = self.pose_list.currentItem()
        if item is not None and not item.isHidden():
            self.start_requested.emit(practise_pose(self.library, item.data(ID_ROLE)))

    def _practise_breath(self) -> None:
        item = self.breath_list.currentItem()
        if item is not None:
            sequence = practise_breath(self.library, item.data(ID_ROLE), self.minutes.value())
            self.start_requested.emit(sequence)

    def _show_sequence(self, item: QListWidgetItem | None) -> None:
        sequence = self.library.sequences.get(item.data(ID_ROLE)) if item else None
        self.sequence_detail.setText(
            sequence_html(sequence, self.library, self.profile) if sequence else ""
        )
        steps = sequence.steps if sequence else ()
        shown = [(self.figure_for(step.pose), step.pose) for step in steps]
        self.sequence_strip.set_figures(
            [(figure, mirror) for (figure, mirror), _ in shown if figure is not None],
            [self.library.poses[pose_id].name for (f, _m), pose_id in shown if f is not None],
        )
        self.start_button.setEnabled(sequence is not None)

    def _show_breath(self, item: QListWidgetItem | None) -> None:
        pattern = self.library.breaths.get(item.data(ID_ROLE)) if item else None
        self.breath_detail.setText(
            breath_html(pattern, self.profile, self.library) if pattern else ""
        )
        self.practise_breath_button.setEnabled(pattern is not None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._thumbnails_drawn:  # not before the library is first seen: start-up
            self._thumbnails_drawn = True
            QTimer.singleShot(0, self._draw_thumbnails)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        changed = event.type() == QEvent.Type.PaletteChange and self._thumbnails_drawn
        if changed and not self._redraw_pending:  # one redraw for a switch's several events
            self._redraw_pending = True
            QTimer.singleShot(0, self._draw_thumbnails)  # in the new theme's ink

    def _draw_thumbnails(self) -> None:
        """Each pose's figure beside its name in the list."""
        self._redraw_pending = False
        palette = self.pose_list.palette()
        ink = replace(ink_from(palette), paper=palette.color(QPalette.ColorRole.Base))
        dpr = self.devicePixelRatioF()
        for row in range(self.pose_list.count()):
            item = self.pose_list.item(row)
            figure, mirror = self.figure_for(item.data(ID_ROLE))
            if figure is not None:
                image = figure_image(figure, 0, THUMB, ink, mirror, dpr)
                item.setIcon(QIcon(QPixmap.fromImage(image)))

    def _show_pose(self, item: QListWidgetItem | None) -> None:
        pose = self.library.poses.get(item.data(ID_ROLE)) if item else None
        self.pose_detail.setText(pose_html(pose, self.library, self.profile) if pose else "")
        self.practise_pose_button.setEnabled(pose is not None)
        figure, mirror = self.figure_for(pose.id) if pose else (None, False)
        self.figure.set_keyframe(figure, 0, mirror)
