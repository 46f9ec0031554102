"""Settings → My body: the caution flags, each explained, and whether to hide flagged items."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from somatictimer.core.library.cautions import CAUTION_INFO


class MyBodyGroup(QGroupBox):
    """Ticking a flag marks the library items that touch it, offers substitutes before a
    sequence, and shows a caution line in the player."""

    changed = Signal()
    about_requested = Signal()

    def __init__(
        self, profile: tuple[str, ...], hide_flagged: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__("My body", parent)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Tick what applies to you. Items that touch it are marked in the Library, and "
            "before a sequence you can keep, skip or swap each one. You decide: the app only "
            "informs. Ask your clinician about your own limits."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.flags: dict[str, QCheckBox] = {}
        for caution in CAUTION_INFO:
            box = QCheckBox(caution.label)
            box.setChecked(caution.id in profile)
            box.setAccessibleDescription(f"{caution.who} {caution.avoid}")
            box.setToolTip(caution.avoid)
            box.toggled.connect(self.changed.emit)
            words = QLabel(
                f"<small>{html.escape(caution.who)} {html.escape(caution.avoid)}</small>"
            )
            words.setWordWrap(True)
            words.setContentsMargins(24, 0, 0, 6)
            layout.addWidget(box)
            layout.addWidget(words)
            self.flags[caution.id] = box
        self.hide_box = QCheckBox("Hide items that touch these in the Library")
        self.hide_box.setChecked(hide_flagged)
        self.hide_box.toggled.connect(self.changed.emit)
        layout.addWidget(self.hide_box)
        about = QPushButton("About and safety…  (F1)")
        about.setAccessibleName("About and safety")
        about.clicked.connect(self.about_requested.emit)
        layout.addWidget(about)

    def profile(self) -> tuple[str, ...]:
        return tuple(flag for flag, box in self.flags.items() if box.isChecked())
