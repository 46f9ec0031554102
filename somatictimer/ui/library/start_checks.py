"""Before a sequence starts: fit it to "My body" and show the notes that apply; the welcome
note and About. Dialogs are window-modal but non-blocking, so the event loop (and the tests)
keep running while one is open."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from somatictimer.core.library import Library, adapt
from somatictimer.core.library.framing import has_shaking
from somatictimer.core.model import Sequence
from somatictimer.core.settings import Settings
from somatictimer.ui.library.caution_dialog import CautionDialog
from somatictimer.ui.library.notes import about_dialog, first_run_dialog, shaking_dialog


class StartChecks:
    """Asks what needs asking before a start; ``settings()`` and ``save()`` belong to the app."""

    def __init__(
        self,
        window: QWidget,
        library: Library,
        settings: Callable[[], Settings],
        save: Callable[[Settings], None],
    ) -> None:
        self._window = window
        self._library = library
        self._settings = settings
        self._save = save
        self.pending: QDialog | None = None  # the dialog open now, if any

    def prepare(self, sequence: Sequence, go: Callable[[Sequence], Any]) -> None:
        """Keep / skip / substitute each flagged item (asked), the shaking notes where they
        apply, then ``go`` with the sequence as it will be practised."""
        profile = frozenset(self._settings().caution_profile)
        flagged = adapt.flagged_steps(sequence, self._library, profile)
        if not flagged:
            self._after_cautions(adapt.adapt(sequence, self._library, profile), go)
            return
        dialog = CautionDialog(sequence, self._library, profile, flagged, self._window)
        dialog.accepted.connect(lambda: self._after_cautions(dialog.sequence(), go))
        self._open(dialog)

    def fitted(self, sequence: Sequence) -> Sequence:
        """No one to ask (tray, remote control): the default choice for each flagged item."""
        return adapt.adapt(sequence, self._library, frozenset(self._settings().caution_profile))

    def show_about(self) -> None:
        self._open(about_dialog(self._window))

    def show_first_run_note(self) -> None:
        dialog = first_run_dialog(self._window)
        dialog.finished.connect(lambda _result: self._remember(first_run_note_seen=True))
        self._open(dialog)

    def _after_cautions(self, sequence: Sequence, go: Callable[[Sequence], Any]) -> None:
        if self._settings().shaking_notes_seen or not has_shaking(sequence, self._library):
            go(sequence)
            return
        dialog = shaking_dialog(self._window)

        def accepted() -> None:
            if dialog.dont_show.isChecked():
                self._remember(shaking_notes_seen=True)
            go(sequence)

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def _remember(self, **changes: Any) -> None:
        self._save(dataclasses.replace(self._settings(), **changes))

    def _open(self, dialog: QDialog) -> None:
        self.pending = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
