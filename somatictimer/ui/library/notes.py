"""The honest-framing notes: first start / About, and the safety notes before shaking."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from somatictimer import __version__
from somatictimer.core.library.framing import (
    HIPS_AND_EMOTION,
    HOW_TO_PRACTISE,
    NOT_ADVICE,
    SHAKING_NOTES,
    STOP_SIGNS,
    STRETCH_VS_PAIN,
)


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{html.escape(text)}</p>" for text in texts)


def _bullets(items: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def first_run_html() -> str:
    return (
        "<h2>Before you start</h2>"
        + _paragraphs(NOT_ADVICE, STRETCH_VS_PAIN)
        + "<p><b>Stop at once for:</b></p>"
        + _bullets(STOP_SIGNS)
        + _paragraphs(HOW_TO_PRACTISE)
        + "<h3>About hips, psoas and emotion</h3>"
        + _paragraphs(HIPS_AND_EMOTION)
    )


class NoteDialog(QDialog):
    """A readable note with one button; optionally a "don't show again" box."""

    def __init__(
        self,
        title: str,
        body_html: str,
        *,
        accept_text: str = "I understand",
        cancel: bool = False,
        dont_show_again: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(560, 520)
        self.text = QLabel(body_html)
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Note")
        self.text.setContentsMargins(8, 8, 8, 8)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.addWidget(area, 1)
        self.dont_show = QCheckBox("Don't show this again")
        self.dont_show.setVisible(dont_show_again)
        layout.addWidget(self.dont_show)
        flags = QDialogButtonBox.StandardButton.Ok
        if cancel:
            flags |= QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(flags)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(accept_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button.setFocus()


def first_run_dialog(parent: QWidget | None = None) -> NoteDialog:
    return NoteDialog("Welcome to Somatic Timer", first_run_html(), parent=parent)


def about_dialog(parent: QWidget | None = None) -> NoteDialog:
    body = (
        f"<h2>Somatic Timer {html.escape(__version__)}</h2>"
        "<p>A calm timer for home somatic practice. Everything stays on your machine. "
        "Free software under the GNU GPL, version 3 or later.</p>" + first_run_html()
    )
    return NoteDialog("About Somatic Timer", body, accept_text="Close", parent=parent)


def shaking_dialog(parent: QWidget | None = None) -> NoteDialog:
    body = "<h2>Before shaking practice</h2>" + _bullets(SHAKING_NOTES)
    return NoteDialog(
        "Shaking practice: safety notes",
        body,
        accept_text="Begin",
        cancel=True,
        dont_show_again=True,
        parent=parent,
    )
