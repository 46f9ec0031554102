"""Where files live beyond the Linux desktop defaults: the per-user runtime folder, the log
folder, the documented Windows location, and the assets of an installed package."""

from __future__ import annotations

import importlib.resources
import os
import tempfile
from pathlib import Path

import platformdirs
import platformdirs.windows
import pytest
import somatictimer
from somatictimer.core.paths import AppPaths, assets_dir


def test_without_a_runtime_dir_each_user_gets_their_own_temp_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(os, "getuid", lambda: 1000)
    expected = Path(tempfile.gettempdir()) / "somatictimer-1000"
    assert AppPaths.from_platform().runtime_dir == expected


def test_without_user_ids_the_temp_folder_is_numbered_zero(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows has no os.getuid."""
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.delattr(os, "getuid")
    expected = Path(tempfile.gettempdir()) / "somatictimer-0"
    assert AppPaths.from_platform().runtime_dir == expected


def test_logs_go_under_the_xdg_state_folder(isolated_dirs: Path) -> None:
    assert AppPaths.from_platform().log_dir == isolated_dirs / "state" / "somatictimer" / "log"


def test_on_windows_settings_live_where_the_docs_say(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """docs/settings.md: %LOCALAPPDATA%\\somatictimer\\settings.toml (no author folder)."""
    folders = {"CSIDL_LOCAL_APPDATA": tmp_path / "Local", "CSIDL_APPDATA": tmp_path / "Roaming"}
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda name: str(folders[name]))
    paths = AppPaths.from_platform()
    assert paths.settings_file == tmp_path / "Local" / "somatictimer" / "settings.toml"
    assert paths.history_file == tmp_path / "Local" / "somatictimer" / "history.sqlite3"


def test_an_installed_package_uses_the_assets_inside_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    installed = tmp_path / "site-packages" / "somatictimer"
    (installed / "assets" / "library").mkdir(parents=True)
    monkeypatch.setattr(importlib.resources, "files", lambda package: installed)
    assert assets_dir() == installed / "assets"


def test_a_source_checkout_uses_the_assets_folder_beside_the_package(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In a checkout the package folder holds no assets; they are in the checkout's assets/."""
    monkeypatch.setattr(importlib.resources, "files", lambda package: tmp_path / "somatictimer")
    checkout = Path(somatictimer.__file__).resolve().parents[1]
    assert assets_dir() == checkout / "assets"
