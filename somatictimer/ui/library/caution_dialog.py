"""Before a sequence with items that touch "My body": keep, skip or substitute each one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from somatictimer.core.describe import clock, plural, sequence_total_s
from somatictimer.core.library import Library
from somatictimer.core.library.adapt import Choice, FlaggedStep, adapt
from somatictimer.core.library.cautions import BY_ID, caution_words
from somatictimer.core.model import Sequence


class CautionDialog(QDialog):
    """One row per flagged step: what it touches, what to avoid, and a keep/skip/substitute
    choice (substitute first where the data has one). ``sequence()`` is what will run."""

    def __init__(
        self,
        sequence: Sequence,
        library: Library,
        profile: frozenset[str],
        flagged: list[FlaggedStep],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sequence, self._library, self._profile = sequence, library, profile
        self.setWindowTitle("Take care: items that touch your body notes")
        self.setAccessibleName("Caution check")
        layout = QVBoxLayout(self)
        touch = "touches" if len(flagged) == 1 else "touch"
        intro = QLabel(
            f"<b>{sequence.name}</b> has {plural(len(flagged), 'item')} that {touch} what you "
            "ticked under Settings → My body. Choose for each one:"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.choices: dict[int, QComboBox] = {}
        for row, entry in enumerate(flagged):
            name = QLabel(
                f"<b>{entry.pose.name}</b><br><small>{caution_words(entry.flags)}</small>"
            )
            name.setToolTip(" ".join(BY_ID[f].avoid for f in entry.flags if f in BY_ID))
            name.setWordWrap(True)
            combo = QComboBox()
            combo.setAccessibleName(f"Choice for {entry.pose.name}")
            # A small screen shortens the choice shown (all of it in the list), not the dialog.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(18)
            if entry.substitute is not None:
                combo.addItem(f"Do {entry.substitute.name} instead", Choice.SUBSTITUTE)
            combo.addItem("Skip it", Choice.SKIP)
            combo.addItem("Keep it (I know my limits)", Choice.KEEP)
            combo.currentIndexChanged.connect(self._update_total)
            name.setBuddy(combo)
            grid.addWidget(name, row, 0)
            grid.addWidget(combo, row, 1)
            self.choices[entry.index] = combo
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self.total = QLabel()
        self.total.setAccessibleName("Practice time after your choices")
        layout.addWidget(self.total)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Begin")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_total()
        if self.choices:
            first = next(iter(self.choices.values()))
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen(self) -> dict[int, Choice]:
        return {index: Choice(combo.currentData()) for index, combo in self.choices.items()}

    def sequence(self) -> Sequence:
        """The sequence as it will be practised with the current choices."""
        return adapt(self._sequence, self._library, self._profile, self.chosen())

    def _update_total(self) -> None:
        adapted = self.sequence()
        if not adapted.steps:
            self.total.setText("Nothing would be left to practise: keep or substitute an item.")
            self.ok_button.setEnabled(False)
            return
        self.ok_button.setEnabled(True)
        total = clock(sequence_total_s(adapted, self._library))
        self.total.setText(f"Practice time with these choices: <b>{total}</b>")
