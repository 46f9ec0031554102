"""Install the freedesktop launcher entry, icons and AppStream metainfo for the current user."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from somatictimer.core.paths import assets_dir

APP_ID = "io.github.somatictimer.SomaticTimer"
LAUNCHER = "somatictimer"

# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# The key file's own string escapes, applied after the Exec quoting.
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def default_data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or empty."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher_command() -> list[str]:
    """The argv the installed entry should run.

    A venv's bin/ is not on PATH when the app is started from a menu, so point at the
    launcher installed next to this interpreter, or at the interpreter itself.
    """
    if not sys.executable:
        return [LAUNCHER]
    # Not resolved: a venv's python is a symlink, and resolving it would leave the venv.
    launcher = Path(sys.executable).with_name(LAUNCHER)
    if launcher.is_file() and os.access(launcher, os.X_OK):
        return [str(launcher)]
    return [sys.executable, "-m", "somatictimer"]


def exec_value(argv: list[str]) -> str:
    """Quote ``argv`` for an ``Exec=`` line."""
    return " ".join(_exec_arg(arg) for arg in argv)


def _exec_arg(arg: str) -> str:
    arg = arg.replace("%", "%%")  # a lone % would be read as a field code
    if any(char in _EXEC_RESERVED for char in arg):
        escaped = "".join("\\" + char if char in '"`$\\' else char for char in arg)
        arg = f'"{escaped}"'
    return arg.translate(_STRING_ESCAPES)


def rewrite_exec(entry: str, argv: list[str]) -> str:
    """Replace the ``somatictimer`` program on every ``Exec=`` line; keep everything else."""
    lines = entry.splitlines(keepends=True)
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        if not body.startswith("Exec="):
            continue
        program, sep, rest = body.removeprefix("Exec=").partition(" ")
        if program == LAUNCHER:
            # Arguments (e.g. of a desktop action) and the line ending stay as shipped.
            lines[index] = f"Exec={exec_value(argv)}{sep}{rest}{line[len(body) :]}"
    return "".join(lines)


def install_desktop_entry(data_home: Path | None = None) -> list[Path]:
    """Install entry, icons and metainfo under ``data_home``; return the written paths."""
    home = data_home if data_home is not None else default_data_home()
    source = assets_dir()
    icons = home / "icons" / "hicolor"
    entry = (source / "desktop" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    # The entry goes last: a menu that notices it should already find its icon.
    plan: list[tuple[Path, bytes]] = [
        (
            icons / "scalable" / "apps" / f"{APP_ID}.svg",
            (source / "icons" / "somatictimer.svg").read_bytes(),
        ),
        (
            icons / "symbolic" / "apps" / f"{APP_ID}-symbolic.svg",
            (source / "icons" / "somatictimer-symbolic.svg").read_bytes(),
        ),
        (
            home / "metainfo" / f"{APP_ID}.metainfo.xml",
            (source / "desktop" / f"{APP_ID}.metainfo.xml").read_bytes(),
        ),
        (
            home / "applications" / f"{APP_ID}.desktop",
            rewrite_exec(entry, launcher_command()).encode("utf-8"),
        ),
    ]
    written = []
    for target, data in plan:
        _write_atomic(target, data)
        written.append(target)
    _refresh_caches(home)
    return written


def _write_atomic(target: Path, data: bytes) -> None:
    """Write via a temp file and ``os.replace`` so nothing ever reads half a file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        # mkdir says "File exists" when a plain file is in the way; say what is wrong.
        raise NotADirectoryError(
            errno.ENOTDIR, os.strerror(errno.ENOTDIR), exc.filename or str(target.parent)
        ) from exc
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        tmp.chmod(0o644)  # mkstemp makes 0600; installed data is normally world-readable
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
        # Name the file being installed, not a temp name the user never saw.
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc


def _refresh_caches(home: Path) -> None:
    """Update the menu and icon caches where the tools exist; they are only a speed-up."""
    hicolor = home / "icons" / "hicolor"
    # Running GTK apps reload a theme whose folder mtime changed.
    with contextlib.suppress(OSError):
        os.utime(hicolor)
    commands = [["update-desktop-database", "--quiet", str(home / "applications")]]
    # Only refresh a cache that already exists: a stale one would hide our icon, but creating
    # one would later hide icons other apps drop here without updating it.
    if (hicolor / "icon-theme.cache").is_file():
        # -t: a per-user hicolor folder has no index.theme of its own.
        commands.append(["gtk-update-icon-cache", "--quiet", "--force", "-t", str(hicolor)])
    for command in commands:
        if shutil.which(command[0]) is None:
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(command, check=False, capture_output=True, timeout=30)


def main_install() -> int:
    """``somatictimer --install-desktop-entry``: install, print each path, return an exit code."""
    try:
        written = install_desktop_entry()
    except OSError as exc:
        where = exc.filename or "?"
        reason = exc.strerror or str(exc)
        print(f"somatictimer: cannot install the desktop entry: {where}: {reason}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0
