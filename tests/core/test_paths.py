"""Where files live: the XDG folders (how tests and users relocate everything)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from somatictimer.core.paths import AppPaths, assets_dir, builtin_library_dir


def test_every_file_lives_under_its_xdg_folder(isolated_dirs: Path) -> None:
    paths = AppPaths.from_platform()
    assert paths.config_dir == isolated_dirs / "config" / "somatictimer"
    assert paths.data_dir == isolated_dirs / "data" / "somatictimer"
    assert paths.cache_dir == isolated_dirs / "cache" / "somatictimer"
    assert paths.settings_file == paths.config_dir / "settings.toml"
    assert paths.state_file == paths.config_dir / "window-state.ini"
    assert paths.history_file == paths.data_dir / "history.sqlite3"
    assert paths.user_library_dir == paths.data_dir / "library"
    assert paths.runtime_dir == isolated_dirs / "run" / "somatictimer"
    assert paths.control_socket == paths.runtime_dir / "control.sock"


def test_without_a_runtime_dir_a_per_user_temp_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    expected = Path(tempfile.gettempdir()) / f"somatictimer-{os.getuid()}"
    assert AppPaths.from_platform().runtime_dir == expected


def test_the_built_in_library_ships_beside_the_code() -> None:
    assert (assets_dir() / "icons" / "somatictimer.svg").is_file()
    assert builtin_library_dir() == assets_dir() / "library"
    assert len(list(builtin_library_dir().glob("*.toml"))) == 12
