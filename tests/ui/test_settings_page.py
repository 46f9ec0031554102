"""The Settings page: its sections line up, and Audio output says what really plays."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox
from somatictimer.audio.players import RecordingPlayer
from somatictimer.audio.service import AudioService
from somatictimer.ui.settings.apply import audio_in_use
from somatictimer.ui.shell.main_window import SETTINGS


def test_every_section_puts_its_fields_in_one_column(make_desktop) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    app.window.show_page(SETTINGS)
    content = app.settings_view.scroll_area.widget()
    label_x, field_x = set(), set()
    sections = 0
    for group in content.findChildren(QGroupBox):
        layout = group.layout()
        rows: list[tuple[object, object]] = []
        if isinstance(layout, QFormLayout):
            rows = [
                (
                    layout.itemAt(r, QFormLayout.ItemRole.LabelRole),
                    layout.itemAt(r, QFormLayout.ItemRole.FieldRole),
                )
                for r in range(layout.rowCount())
            ]
        elif isinstance(layout, QGridLayout):
            rows = [
                (layout.itemAtPosition(r, 0), layout.itemAtPosition(r, 1))
                for r in range(layout.rowCount())
            ]
        sections += bool(rows)
        for label, field in rows:
            if label is not None and field is not None:
                label_x.add(label.geometry().left() + group.mapTo(content, QPoint()).x())  # type: ignore[attr-defined]
                field_x.add(field.geometry().left() + group.mapTo(content, QPoint()).x())  # type: ignore[attr-defined]
    assert sections == 5  # sound, its moments, timing, window, history
    assert len(label_x) == 1 and len(field_x) == 1


class Player(RecordingPlayer):
    """A player that answers to a backend's name."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


@pytest.fixture(scope="module")
def sounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One sound cache for these tests: the cue sounds are made once, not for each."""
    return tmp_path_factory.mktemp("sounds")


def opened(cache: Path, name: str, reason: str) -> AudioService:
    audio = AudioService(
        cache, "auto", lambda _m: None, cache, opener=lambda _b, _d: (Player(name), reason)
    )
    audio.open_in_background()
    assert audio.ready.wait(30)
    return audio


OUTPUTS = [(b"\x01", "Headphones"), (b"\x02", "HDMI")]


@pytest.mark.parametrize(
    ("name", "reason", "device", "words"),
    [
        (
            "qt",
            "audio: qt (simpleaudio: simpleaudio is not installed)",
            "",
            "In use now: Qt (PulseAudio/PipeWire) on the system default (Speakers), picked "
            "automatically (simpleaudio: simpleaudio is not installed)",
        ),
        ("qt", "audio: qt (chosen)", "01", "In use now: Qt (PulseAudio/PipeWire) on Headphones"),
        (
            "qt",
            "audio: qt (chosen)",
            "07",  # unplugged since: the system default plays
            "In use now: Qt (PulseAudio/PipeWire) on the system default (Speakers)",
        ),
        (
            "simpleaudio",
            "audio: simpleaudio",
            "",
            "In use now: simpleaudio (ALSA) on the default ALSA device, picked automatically",
        ),
        ("null", "no sound device found", "", "In use now: no sound (cues are shown, not heard)"),
    ],
)
def test_audio_output_says_which_backend_and_device_play(
    sounds: Path, name: str, reason: str, device: str, words: str
) -> None:
    audio = opened(sounds, name, reason)
    assert audio_in_use(audio, device, lambda: OUTPUTS, lambda: "Speakers") == words


def test_a_fallback_during_a_session_is_what_the_page_names(sounds: Path) -> None:
    audio = opened(sounds, "simpleaudio", "audio: simpleaudio")
    assert audio.cue_player is not None
    audio.cue_player.chain.player = Player("qt")  # simpleaudio failed; the chain moved on
    words = audio_in_use(audio, "", lambda: OUTPUTS, lambda: "Speakers")
    assert words == "In use now: Qt (PulseAudio/PipeWire) on the system default (Speakers)"


def test_the_settings_page_shows_the_sound_in_use(make_desktop) -> None:  # type: ignore[no-untyped-def]
    app = make_desktop().app
    app.window.show_page(SETTINGS)
    label = app.settings_view.audio_in_use
    assert "In use now: nothing yet" in label.text()
    app.audio.open_in_background()  # the tests' app plays through the "null" backend
    assert app.audio.ready.wait(30)
    app.window.show_page(0)
    app.window.show_page(SETTINGS)
    assert "In use now: no sound (cues are shown, not heard)." in label.text()
    assert "used from the next start" in label.text()
