"""QAudioSink playback on a dedicated Qt thread (imported only when the Qt backend is used).

Each cue gets a fresh QAudioSink reading from an in-memory QBuffer: sinks started per cue
begin within a few ms, whereas QSoundEffect replays a tail of the previous sound. Finished
sinks are reaped by polling ``state()`` (connecting ``stateChanged`` to a Python slot raises
TypeError in PySide6 6.12).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtMultimedia import QAudioDevice, QAudioFormat, QAudioSink, QMediaDevices, QtAudio

from somatictimer.audio.errors import PlaybackError
from somatictimer.audio.sounds import Sound

_REAP_MS = 250
_READY_POLL_MS = 10


def _application() -> QCoreApplication:
    """Qt multimedia needs an application object; terminal mode has none of its own."""
    app = QCoreApplication.instance()
    return app if app is not None else QCoreApplication([])


def outputs() -> list[tuple[bytes, str]]:
    _application()
    return [(bytes(d.id().data()), d.description()) for d in QMediaDevices.audioOutputs()]


def _device(device_id: bytes | None) -> QAudioDevice:
    for device in QMediaDevices.audioOutputs():
        if device_id is not None and bytes(device.id().data()) == device_id:
            return device
    return QMediaDevices.defaultAudioOutput()


class _SinkWorker(QObject):
    """Lives on the audio thread: creates, starts and reaps sinks."""

    def __init__(self, device: QAudioDevice) -> None:
        super().__init__()
        self._device = device
        self._active: list[tuple[QAudioSink, QBuffer]] = []
        self._reaper: QTimer | None = None
        self.error: str | None = None
        self.ready = threading.Event()

    @Slot(object)
    def play(self, sound: Sound) -> None:
        if self._reaper is None:  # created here so it belongs to the audio thread
            self._reaper = QTimer(self)
            self._reaper.timeout.connect(self._reap)
            self._reaper.start(_REAP_MS)
        audio_format = QAudioFormat()
        audio_format.setSampleRate(sound.rate)
        audio_format.setChannelCount(sound.channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        buffer = QBuffer()
        buffer.setData(QByteArray(sound.pcm))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        sink = QAudioSink(self._device, audio_format)
        sink.start(buffer)
        if sink.error() != QtAudio.Error.NoError:
            self.error = f"Qt audio output failed ({sink.error().name})"
            sink.stop()
            return
        self._active.append((sink, buffer))
        if not self.ready.is_set():
            self._watch_first_sink(sink)

    def _watch_first_sink(self, sink: QAudioSink) -> None:
        """Set ``ready`` once the device consumes audio: PulseAudio's first stream in a
        process takes ~0.9 s to start, and a cue played before that would come out late."""
        start = sink.processedUSecs()
        watcher = QTimer(self)

        def check() -> None:
            if sink.processedUSecs() > start or sink.state() != QtAudio.State.ActiveState:
                self.ready.set()
                watcher.stop()
                watcher.deleteLater()

        watcher.timeout.connect(check)
        watcher.start(_READY_POLL_MS)

    @Slot()
    def _reap(self) -> None:
        done = {QtAudio.State.IdleState, QtAudio.State.StoppedState}
        keep = []
        for sink, buffer in self._active:
            if sink.state() in done:
                if sink.error() not in (QtAudio.Error.NoError, QtAudio.Error.UnderrunError):
                    self.error = f"Qt audio output failed ({sink.error().name})"
                sink.stop()
                buffer.close()
            else:
                keep.append((sink, buffer))
        self._active = keep

    @Slot()
    def shutdown(self) -> None:
        for sink, buffer in self._active:
            sink.stop()
            buffer.close()
        self._active.clear()
        if self._reaper is not None:
            self._reaper.stop()


class SinkThread(QObject):
    """Owner on the caller's side: ``play`` may be called from any Python thread."""

    _play = Signal(object)
    _shutdown = Signal()

    def __init__(self, device_id: bytes | None) -> None:
        _application()
        super().__init__()
        device = _device(device_id)
        if device.isNull():
            raise PlaybackError("no audio output device (is PulseAudio or PipeWire running?)")
        self._thread = QThread()
        self._thread.setObjectName("somatictimer-audio")
        self._worker = _SinkWorker(device)
        self._worker.moveToThread(self._thread)
        self._play.connect(self._worker.play)
        self._shutdown.connect(self._worker.shutdown)
        self._thread.start(QThread.Priority.TimeCriticalPriority)
        self._lock = threading.Lock()

    def play(self, sound: Sound) -> None:
        if self._worker.error:
            raise PlaybackError(self._worker.error)
        with self._lock:
            self._play.emit(sound)

    def wait_ready(self, timeout_s: float) -> bool:
        """Block until the first sound has reached the device (or the timeout)."""
        return self._worker.ready.wait(timeout_s)

    def close(self) -> None:
        self._shutdown.emit()
        self._thread.quit()
        self._thread.wait(2000)
