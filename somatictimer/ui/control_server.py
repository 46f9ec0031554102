"""The running app's end of the control socket (single instance + remote control)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from somatictimer import control

log = logging.getLogger(__name__)
Handler = Callable[[dict[str, Any]], dict[str, Any]]


class ControlServer(QObject):
    """Answers one JSON line per connection with the handler's reply."""

    def __init__(self, path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Listen; a socket left by a crashed instance is removed first."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if self._server.listen(str(self.path)):
            return True
        if control.send(self.path, {"command": "status"}, timeout_s=1.0) is None:
            QLocalServer.removeServer(str(self.path))
            if self._server.listen(str(self.path)):
                return True
        log.warning("control socket %s unavailable: %s", self.path, self._server.errorString())
        return False

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.setReadBufferSize(control.MAX_MESSAGE_BYTES)  # memory stays bounded
            connection.readyRead.connect(lambda c=connection: self._answer(c))
            connection.disconnected.connect(connection.deleteLater)

    def _answer(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() >= control.MAX_MESSAGE_BYTES:
                log.warning(
                    "control socket: a message over %d bytes refused", control.MAX_MESSAGE_BYTES
                )
                self._reply(connection, {"ok": False, "message": "message too long"})
            return
        line = bytes(connection.readLine().data())
        try:
            reply = self._handler(control.parse_request(line))
        except Exception as error:  # a bad client must never hurt the session
            reply = {"ok": False, "message": str(error)}
        self._reply(connection, reply)

    def _reply(self, connection: QLocalSocket, reply: dict[str, Any]) -> None:
        connection.write(json.dumps(reply).encode() + b"\n")
        connection.flush()
        connection.disconnectFromServer()
