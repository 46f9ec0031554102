"""Growing the schema: a setting declared the way settings_schema declares its own gets its
default, its check, its line in the file and its per-entry report; upgrades run only from the
file's version up to ours."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from somatictimer.core import fields as f
from somatictimer.core import settings as settings_module
from somatictimer.core import settings_schema as schema
from somatictimer.core.settings import Settings, load_settings, save_settings


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    """Where the app keeps settings in this test's XDG config dir (AppPaths.settings_file)."""
    return isolated_dirs / "config" / "somatictimer" / "settings.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def with_chimes() -> type[Settings]:
    """Settings plus two new settings, declared (at test time) as the schema declares its own."""

    @dataclass(frozen=True)
    class WithChimes(Settings):
        chime_count: int = schema._setting(2, f.whole(0, 3))
        chime_volume_pct: Mapping[str, int] = schema._table_setting(f.whole(0, 100))

    return WithChimes


@pytest.fixture
def schema_with_chimes(monkeypatch: pytest.MonkeyPatch) -> type[Settings]:
    """The app's schema grown by two settings, for reading and writing the file."""
    grown = with_chimes()
    monkeypatch.setattr(schema, "Settings", grown)
    monkeypatch.setattr(settings_module, "Settings", grown)
    return grown


def test_a_declared_setting_has_its_default_and_its_check() -> None:
    grown: Any = with_chimes()
    fresh = grown()
    assert fresh.chime_count == 2 and dict(fresh.chime_volume_pct) == {}
    chosen = grown(chime_volume_pct={"end": 40})
    assert dict(chosen.chime_volume_pct) == {"end": 40}
    with pytest.raises(f.FieldError, match=re.escape("chime_count: expected a whole number")):
        grown(chime_count=4)
    with pytest.raises(f.FieldError, match=re.escape("from 0 to 100, found 101")):
        grown(chime_volume_pct={"end": 101})


def test_a_declared_table_is_read_entry_by_entry_and_written_back(
    path: Path, schema_with_chimes: Any
) -> None:
    write(path, "chime_count = 1\n\n[chime_volume_pct]\nend = 50\nrep = 101\n")
    loaded, notices = load_settings(path)
    assert loaded == schema_with_chimes(chime_count=1, chime_volume_pct={"end": 50})
    assert notices == [
        f"{path}:5: chime_volume_pct.rep: expected a whole number from 0 to 100, found 101; "
        "it is ignored"
    ]
    save_settings(path, loaded)
    assert "chime_count = 1\n\n[chime_volume_pct]\nend = 50\n" in path.read_text(encoding="utf-8")
    assert load_settings(path) == (loaded, [])


# --- upgrades --------------------------------------------------------------------------


def test_an_upgrade_that_stamps_its_version_leaves_nothing_to_report(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        data["master_volume_pct"] = data.pop("volume")
        data["schema_version"] = 2
        return data

    monkeypatch.setattr(Settings, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(Settings, "UPGRADES", {1: one_to_two})
    write(path, "schema_version = 1\nvolume = 70\n")
    loaded, notices = load_settings(path)
    assert (loaded.master_volume_pct, loaded.schema_version, notices) == (70, 2, [])


def test_an_upgrade_beyond_our_version_is_not_applied(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade from our own version (written ahead for the next release) must not touch a
    file that is already at our version, nor one being brought up to it."""
    applied: list[int] = []

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        applied.append(1)
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        applied.append(2)
        data["master_volume_pct"] = 0
        return data

    monkeypatch.setattr(Settings, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(Settings, "UPGRADES", {1: one_to_two, 2: two_to_three})
    write(path, "schema_version = 2\nmaster_volume_pct = 90\n")
    assert load_settings(path)[0].master_volume_pct == 90
    write(path, "schema_version = 1\nmaster_volume_pct = 90\n")
    assert load_settings(path)[0].master_volume_pct == 90
    assert applied == [1]
