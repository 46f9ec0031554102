"""Start the desktop app: Qt application, look and feel, logging, crash dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from somatictimer.audio.qt_quiet import keep_probing_off_the_terminal
from somatictimer.core.paths import AppPaths
from somatictimer.ui.shell.style import apply_style

log = logging.getLogger("somatictimer")


def _setup_logging(paths: AppPaths) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers[0].setLevel(logging.WARNING)
    try:
        paths.log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(paths.log_dir / "somatictimer.log", encoding="utf-8"))
    except OSError:
        pass  # a read-only home must not stop the app; stderr still gets warnings
    logging.basicConfig(
        level=logging.INFO,
        handlers=handlers,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log and show unexpected errors instead of dying silently; the session keeps going."""
    text = "".join(traceback.format_exception(kind, error, trace))
    log.error("unexpected error:\n%s", text)
    if QApplication.instance() is not None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Something went wrong",
            f"{error}\n\nThe details are in the log. Your session continues.",
        )
        box.setDetailedText(text)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()


def run_app(paths: AppPaths, audio: str = "auto", start: str | None = None) -> int:
    _setup_logging(paths)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setApplicationName("somatictimer")
    app.setApplicationDisplayName("Somatic Timer")
    app.setDesktopFileName("io.github.somatictimer.SomaticTimer")
    app.setQuitOnLastWindowClosed(False)  # the tray or mini window may carry on alone
    apply_style(app)
    keep_probing_off_the_terminal()  # QtMultimedia's probing lines go to the log file only
    sys.excepthook = _excepthook
    from somatictimer.ui.app import App  # after QApplication: widgets need it

    desktop = App(paths, audio)
    from somatictimer.ui.signals import SignalBridge

    ending = SignalBridge(lambda number: desktop.quit(), desktop)  # stops and saves first
    desktop.show()
    if start:
        sequence = desktop.library.find_sequence(start)
        if sequence is not None:
            QTimer.singleShot(0, lambda: desktop.start(sequence))
        else:
            desktop.window.notices.add(f'No sequence named "{start}".')
    code = app.exec()
    ending.close()
    return code
