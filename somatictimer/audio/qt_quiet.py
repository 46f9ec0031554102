"""QtMultimedia reports every sound system it probes for (no pipewire library, FFmpeg's
version, "PulseAudioService: pa_context_connect() failed" without a sound server). Users
need none of it on their terminal: those lines go to the log (the app's log file keeps
them), every other Qt message is printed as Qt would."""

from __future__ import annotations

import logging
import sys
from typing import Any

log = logging.getLogger("somatictimer.qt")
_PROBING_LINES = ("PulseAudioService:",)  # logged without a category, so matched by text
_installed = False


def is_probing(category: str | None, message: str) -> bool:
    return (category or "").startswith("qt.multimedia") or message.startswith(_PROBING_LINES)


def keep_probing_off_the_terminal() -> None:
    """Install the filter once, before QtMultimedia loads."""
    global _installed
    if _installed:
        return
    from PySide6.QtCore import qFormatLogMessage, qInstallMessageHandler

    def handle(kind: Any, context: Any, message: str) -> None:
        if is_probing(context.category, message):
            log.info("Qt: %s", message)
            return
        sys.stderr.write(qFormatLogMessage(kind, context, message) + "\n")

    qInstallMessageHandler(handle)
    _installed = True
