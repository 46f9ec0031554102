"""A first start on a machine that lacks something: a display, the sound extra, a sound
server. Each run is a real subprocess; each says one clear line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from somatictimer.display import debian_package, missing_library

from tests.helpers import pulse

ROOT = Path(__file__).resolve().parents[1]
QT_PROBING = ("pipewire", "FFmpeg", "pa_context_connect", "qt.multimedia")


def without_display(**extra: str) -> dict[str, str]:
    """This test's isolated XDG dirs, and nothing that tells Qt where a screen is."""
    gone = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    return {**{k: v for k, v in os.environ.items() if k not in gone}, **extra}


def somatictimer(*args: str, env: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], float]:
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "somatictimer", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
    )
    return result, time.monotonic() - began


def test_the_app_without_a_display_says_why_and_what_to_do_in_one_line() -> None:
    result, _ = somatictimer(env=without_display())
    assert result.returncode == 1
    assert result.stderr == (
        "somatictimer: cannot open a window: there is no display (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set); practise in this terminal with `somatictimer run SEQUENCE`\n"
    )


def test_start_without_a_display_says_at_once_that_the_app_cannot_start() -> None:
    result, took = somatictimer("start", "Eight Brocades", env=without_display())
    assert took < 3
    assert result.returncode == 1
    assert result.stderr == (
        "somatictimer: the app cannot start here: there is no display (neither DISPLAY nor "
        "WAYLAND_DISPLAY is set); practise in this terminal with "
        "`somatictimer run 'Eight Brocades'`\n"
    )


def test_a_display_where_no_x_server_answers_is_named() -> None:
    number = next(n for n in range(97, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    result, _ = somatictimer(env=without_display(DISPLAY=f":{number}"))
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"somatictimer: cannot open a window: no X server answers on the display :{number}; "
    )
    assert result.stderr.count("\n") == 1


def test_start_returns_as_soon_as_the_launched_app_fails() -> None:
    """A failure the check before launch cannot see (here: a Qt platform that does not
    exist) ends the wait when the app exits, not after 20 s."""
    result, took = somatictimer(
        "start", "eight-brocades", env=without_display(QT_QPA_PLATFORM="no-such-platform")
    )
    assert took < 5
    assert result.returncode == 1
    assert result.stderr == "somatictimer: the app did not start; run `somatictimer` to see why\n"


def test_a_missing_x11_library_is_named_with_its_package(tmp_path: Path) -> None:
    """Qt's xcb plugin is a shared library; here is one that needs a library now gone."""
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n", encoding="utf-8")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint use(void) { return gone(); }\n")
    soname = "libsomatictimer-gone.so.0"
    compile_ = ["gcc", "-shared", "-fPIC", "-o"]
    subprocess.run(
        [*compile_, str(tmp_path / soname), str(tmp_path / "gone.c"), f"-Wl,-soname,{soname}"],
        check=True,
    )
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(
        [*compile_, str(plugin), str(tmp_path / "plugin.c"), str(tmp_path / soname)], check=True
    )
    (tmp_path / soname).unlink()
    assert missing_library(plugin) == (
        f"Qt's X11 support needs {soname}, which is not installed (on Debian or Ubuntu: "
        "apt-get install libsomatictimer-gone0, as root or with sudo)"
    )


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-cursor.so.0", "libxcb-cursor0"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libEGL.so.1", "libegl1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
    ],
)
def test_debian_package_names(soname: str, package: str) -> None:
    assert debian_package(soname) == package


def tiny_session_env(tmp_path: Path, base: dict[str, str]) -> dict[str, str]:
    """A 2 s sequence in a user library of its own."""
    library = tmp_path / "data" / "somatictimer" / "library"
    library.mkdir(parents=True)
    (library / "short.toml").write_text(
        'schema = 1\n\n[[sequence]]\nid = "tiny"\nname = "Tiny"\nprep_s = 1\n'
        'transition_s = 0\nsteps = [{ pose = "equal-breathing", hold_s = 1 }]\n',
        encoding="utf-8",
    )
    return {**base, "XDG_DATA_HOME": str(tmp_path / "data")}


def no_sound_server(tmp_path: Path) -> dict[str, str]:
    return {
        **without_display(),
        "PULSE_SERVER": f"unix:{tmp_path}/no-such-socket",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }


def test_simpleaudio_chosen_but_not_installed_goes_on_without_sound(tmp_path: Path) -> None:
    """The extra is left out the way Python sees it: `import simpleaudio` fails."""
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "simpleaudio.py").write_text('raise ImportError("No module named simpleaudio")\n')
    env = tiny_session_env(tmp_path, {**without_display(), "PYTHONPATH": str(shadow)})
    result, _ = somatictimer("run", "tiny", "--audio", "simpleaudio", env=env)
    assert result.returncode == 0
    assert result.stderr == (
        "no sound: simpleaudio is not installed (pip install 'somatictimer[simpleaudio]'); "
        "cues will be shown but not heard\n"
    )
    assert "Finished Tiny: 0:01 of practice." in result.stdout


def test_qt_chosen_without_a_sound_server_goes_on_without_sound_or_probing_lines(
    tmp_path: Path,
) -> None:
    env = tiny_session_env(tmp_path, no_sound_server(tmp_path))
    result, _ = somatictimer("run", "tiny", "--audio", "qt", env=env)
    assert result.returncode == 0
    assert result.stderr == (
        "no sound: no audio output device (is PulseAudio or PipeWire running?); "
        "cues will be shown but not heard\n"
    )
    assert "Finished Tiny: 0:01 of practice." in result.stdout


def test_qt_sound_prints_none_of_qtmultimedias_probing(tmp_path: Path) -> None:
    assert pulse.available(), "install pulseaudio and pulseaudio-utils (README, Set up)"
    with pulse.null_sink_server() as server:
        gone = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        env = tiny_session_env(tmp_path, {k: v for k, v in server.items() if k not in gone})
        result, _ = somatictimer("run", "tiny", "--audio", "qt", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "audio: qt (chosen)" in result.stdout
    assert not any(line in result.stdout for line in QT_PROBING)


def test_probing_lines_go_to_the_log_and_every_other_qt_message_to_stderr() -> None:
    code = """
import logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="log: %(message)s")
from somatictimer.audio.qt_quiet import keep_probing_off_the_terminal
keep_probing_off_the_terminal()
from PySide6.QtCore import qWarning
qWarning("PulseAudioService: pa_context_connect() failed")
qWarning("something else Qt says")
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.stderr == "something else Qt says\n"
    assert result.stdout == "log: Qt: PulseAudioService: pa_context_connect() failed\n"
