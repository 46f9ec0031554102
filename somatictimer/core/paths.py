"""Where things live: one AppPaths value, built once in main() and passed down."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "somatictimer"


@dataclass(frozen=True, slots=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path
    runtime_dir: Path
    state_dir: Path

    @classmethod
    def from_platform(cls) -> AppPaths:
        """Per-user locations; on Linux they follow XDG_CONFIG_HOME, XDG_DATA_HOME, ..."""
        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            Path(dirs.user_config_dir),
            Path(dirs.user_data_dir),
            Path(dirs.user_cache_dir),
            Path(dirs.user_log_dir),
            _runtime_dir(),
            Path(dirs.user_state_dir),
        )

    @property
    def control_socket(self) -> Path:
        """Where the running app listens for `somatictimer start|pause|...`."""
        return self.runtime_dir / "control.sock"

    @property
    def user_library_dir(self) -> Path:
        return self.data_dir / "library"

    @property
    def user_figures_dir(self) -> Path:
        """The user's own figures (``*.toml`` of ``[[figure]]``), beside their library."""
        return self.data_dir / "figures"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def state_file(self) -> Path:
        """Window geometry and similar UI state (not settings: never hand-edited)."""
        return self.config_dir / "window-state.ini"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def unsaved_folders(self) -> tuple[Path, ...]:
        """Private folders for finished sessions the history could not take yet: the
        state folder, then the (memory-backed) runtime folder for a full disk."""
        return (self.state_dir / "unsaved", self.runtime_dir / "unsaved")


def _runtime_dir() -> Path:
    """$XDG_RUNTIME_DIR/somatictimer, or a per-user folder in the temp dir without one
    (platformdirs would warn on every command there)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base:
        return Path(base) / APP_NAME
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid() if hasattr(os, 'getuid') else 0}"


def assets_dir() -> Path:
    """Shipped assets: inside the installed package, or the source checkout's ``assets/``."""
    packaged = Path(str(resources.files("somatictimer").joinpath("assets")))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "assets"


def builtin_library_dir() -> Path:
    return assets_dir() / "library"


def builtin_figures_dir() -> Path:
    return assets_dir() / "figures"
