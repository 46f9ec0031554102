"""SIGTERM, SIGHUP and SIGINT end the app the way Quit does: a running session is stopped
and saved first (logout, shutdown, `kill`, Ctrl+C in the terminal that started it).

Python runs signal handlers only between bytecodes, and Qt's event loop runs in C++; the
signal number is therefore written to a socket Qt watches (``signal.set_wakeup_fd``), which
wakes the event loop at once.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class SignalBridge(QObject):
    """Calls ``on_signal`` on the GUI thread for each ending signal received."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_signal = on_signal
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for number in ENDING_SIGNALS:
            signal.signal(number, lambda *_: None)  # a Python handler makes the wakeup byte
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            data = self._read.recv(64)
        except BlockingIOError:
            return
        for number in data:
            if number in ENDING_SIGNALS:
                self._on_signal(number)

    def close(self) -> None:
        signal.set_wakeup_fd(-1)
        for number in ENDING_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()
