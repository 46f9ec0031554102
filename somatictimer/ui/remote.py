"""Commands from the control socket (`somatictimer start|pause|resume|stop|status`, a second
launch's "raise"), answered with the app's status."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from somatictimer.core.library import Library
from somatictimer.core.library.practise import UnknownItem, practise
from somatictimer.core.model import Sequence
from somatictimer.ui.practice.session import SessionController, frame_status


class RemoteCommands:
    """Turns one request into app actions and a reply; nothing here owns any state."""

    def __init__(
        self,
        library: Library,
        controller: SessionController,
        window: QWidget,
        start: Callable[[Sequence], None],
        show_main: Callable[[], None],
    ) -> None:
        self._library = library
        self._controller = controller
        self._window = window
        self._start = start
        self._show_main = show_main

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        command = request["command"]
        if command == "raise":
            self._show_main()
        elif command == "start":
            query = str(request.get("sequence", ""))
            try:
                sequence = practise(self._library, query)
            except UnknownItem as error:
                hint = self._library.suggest_sequence(query)
                return {
                    "ok": False,
                    "message": str(error) + (f'; did you mean "{hint}"?' if hint else ""),
                }
            self._start(sequence)
        elif command in ("pause", "resume", "stop"):
            getattr(self._controller, command)()
        return {"ok": True, **self.status()}

    def status(self) -> dict[str, Any]:
        status = frame_status(self._controller.current_frame(), self._library)
        status["window"] = "shown" if self._window.isVisible() else "hidden"
        status["pid"] = os.getpid()  # which process answers: there is only ever one
        return status
