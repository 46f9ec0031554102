"""What a save writes and how it fails: the exact file a user opens, its permissions, and a
sentence (never a crash) when the disk or the path is in the way."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from somatictimer.core.settings import (
    Settings,
    SettingsSaveError,
    load_settings,
    save_settings,
)


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    """Where the app keeps settings in this test's XDG config dir (AppPaths.settings_file)."""
    return isolated_dirs / "config" / "somatictimer" / "settings.toml"


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def save_error(path: Path, settings: Settings) -> str:
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(path, settings)
    return str(caught.value)


def test_the_saved_file_reads_as_documented(path: Path) -> None:
    """The header tells a hand-editor what the file is; table entries follow the cue order of
    docs/settings.md (session-start, countdown, ..., rep, ..., end), not the alphabet."""
    settings = Settings(
        master_volume_pct=60,
        event_sounds={"end": "gong", "countdown": "pip"},
        event_volume_pct={"rep": 40, "end": 100, "countdown": 5},
    )
    save_settings(path, settings)
    assert path.read_text(encoding="utf-8") == (
        "# somatictimer settings. Only values that differ from the defaults are stored;\n"
        "# every key is described in the documentation (docs/settings.md).\n"
        "schema_version = 1\n"
        "master_volume_pct = 60\n"
        "\n"
        "[event_sounds]\n"
        'countdown = "pip"\n'
        'end = "gong"\n'
        "\n"
        "[event_volume_pct]\n"
        "countdown = 5\n"
        "rep = 40\n"
        "end = 100\n"
    )
    assert load_settings(path) == (settings, [])


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_the_saved_file_gets_the_permissions_the_umask_allows(
    path: Path, mask: int, mode: int
) -> None:
    """Never executable, and no more open than the user's umask lets a new file be."""
    with umask(mask):
        save_settings(path, Settings(master_volume_pct=60))
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_folder_that_refuses_fsync_does_not_stop_the_save(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems (network mounts) refuse to fsync a folder; the file is saved anyway."""
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        if stat.S_ISDIR(os.fstat(descriptor).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    save_settings(path, Settings(master_volume_pct=60))
    assert load_settings(path) == (Settings(master_volume_pct=60), [])


def test_a_failed_save_whose_temp_file_is_already_gone_still_explains_itself(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cleaning up a temp file that vanished must not hide why the save failed."""

    def lose_it(source: Any, target: Any) -> None:
        os.unlink(source)
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", lose_it)
    assert save_error(path, Settings(master_volume_pct=60)) == (
        f"Settings could not be saved to {path} (Input/output error). "
        f"Check that the folder {path.parent} is writable."
    )
    assert list(path.parent.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
        (OSError("the disk went away"), "the disk went away"),
        (OSError(), "OSError"),
    ],
    ids=["strerror", "text-only", "bare"],
)
def test_a_save_error_gives_the_best_reason_the_error_has(
    path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, reason: str
) -> None:
    def refuse(source: Any, target: Any) -> None:
        raise error

    monkeypatch.setattr(os, "replace", refuse)
    assert save_error(path, Settings(master_volume_pct=60)) == (
        f"Settings could not be saved to {path} ({reason}). "
        f"Check that the folder {path.parent} is writable."
    )


def test_a_file_where_the_folder_should_be_is_explained_in_full(path: Path) -> None:
    path.parent.parent.mkdir(parents=True)
    path.parent.write_text("not a folder")
    assert save_error(path, Settings(master_volume_pct=20)) == (
        f"Settings could not be saved to {path} (a file stands where a folder should be). "
        f"Check that the folder {path.parent} is writable."
    )


def test_a_long_file_name_can_be_saved(tmp_path: Path) -> None:
    """The temp file beside it must not push a long (dotfiles) name over the 255-byte limit."""
    path = tmp_path / ("somatictimer-settings-" + "x" * 178 + ".toml")
    save_settings(path, Settings(master_volume_pct=60))
    assert load_settings(path) == (Settings(master_volume_pct=60), [])
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_path_too_long_to_look_at_gives_a_save_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300) / "settings.toml"
    message = save_error(path, Settings(master_volume_pct=60))
    assert str(path) in message and "File name too long" in message


def test_schema_version_in_a_settings_value_never_changes_what_is_saved(path: Path) -> None:
    """It is the file's layout, not a setting: a newer file is kept while the settings match it,
    whatever schema_version the value carries."""
    text = "schema_version = 2\nmaster_volume_pct = 30\n"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    save_settings(path, Settings(master_volume_pct=30, schema_version=2))
    assert path.read_text(encoding="utf-8") == text

    save_settings(path, Settings(master_volume_pct=31, schema_version=2))
    assert "schema_version = 1\nmaster_volume_pct = 31\n" in path.read_text(encoding="utf-8")
