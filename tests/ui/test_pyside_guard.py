"""Guard against a PySide6 build that leaks references to None (6.12.0 on Python 3.11).

Every void call there drops one reference to None; a timer app repaints thousands of times
an hour, so Python aborts with "deallocating None" mid-session.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_drop_references_to_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("0:42")
    assert sys.getrefcount(None) - before > -100
