"""Can a window open here? Asked before Qt loads: with no display, or without the X11
libraries its xcb plugin needs, Qt aborts the whole process with lines meant for
developers (about libxcb-cursor0) instead of saying what a user can do."""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import re
import socket
from collections.abc import Mapping
from pathlib import Path

_CONNECT_TIMEOUT_S = 1.0
_MISSING_LIBRARY = re.compile(r"^(?P<soname>[^\s:]+\.so(?:\.[\d.]+)?): cannot open shared object")


def why_no_window(
    env: Mapping[str, str] | None = None, xcb_plugin: Path | None = None
) -> str | None:
    """None when Qt can open a window here, else one sentence saying why not."""
    env = os.environ if env is None else env
    wanted = [p.split(":")[0].strip() for p in env.get("QT_QPA_PLATFORM", "").split(";")]
    wanted = [name for name in wanted if name]
    if wanted and not any(name == "xcb" or name.startswith("wayland") for name in wanted):
        return None  # offscreen, vnc, eglfs...: chosen on purpose, Qt's own business
    if env.get("WAYLAND_DISPLAY") and (not wanted or any(n.startswith("wayland") for n in wanted)):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return "there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    if not _x_server_answers(display):
        return f"no X server answers on the display {display}"
    plugin = xcb_plugin if xcb_plugin is not None else _xcb_plugin()
    if plugin is not None:
        return missing_library(plugin)
    return None


def missing_library(plugin: Path) -> str | None:
    """Load Qt's X11 plugin the way Qt would; a sentence naming the missing library, if any."""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as error:
        found = _MISSING_LIBRARY.match(str(error))
        if found is None:
            return f"Qt's X11 support cannot be loaded ({error})"
        soname = found["soname"]
        return (
            f"Qt's X11 support needs {soname}, which is not installed (on Debian or Ubuntu: "
            f"apt-get install {debian_package(soname)}, as root or with sudo)"
        )
    return None


def debian_package(soname: str) -> str:
    """Debian's package name for a shared library: libxcb-cursor.so.0 -> libxcb-cursor0,
    libxkbcommon-x11.so.0 -> libxkbcommon-x11-0 (a dash when the name ends in a digit)."""
    name, _, version = soname.partition(".so")
    version = version.lstrip(".").split(".")[0]
    return name.lower() + ("-" if name[-1:].isdigit() else "") + version


def _xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")  # finds the folder without importing Qt
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def _x_server_answers(display: str) -> bool:
    """Whether something listens where DISPLAY points; True when the form is not one we know
    (Qt will then say for itself)."""
    found = re.fullmatch(r"(?P<host>[^:]*):(?P<number>\d+)(?:\.\d+)?", display)
    if found is None:
        return True
    host, number = found["host"], int(found["number"])
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        return any(_unix_connects(where) for where in ("\0" + path, path))  # abstract, file
    with contextlib.suppress(OSError):
        socket.create_connection((host, 6000 + number), _CONNECT_TIMEOUT_S).close()
        return True
    return False


def _unix_connects(address: str) -> bool:
    with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(_CONNECT_TIMEOUT_S)
        probe.connect(address)
        return True
    return False
