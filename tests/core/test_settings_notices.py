"""The sentences a user reads about a bad settings.toml, word for word: where the problem is
(the file, and its line when one can be named), what is wrong, and what became of the file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from somatictimer.core.settings import (
    Settings,
    SettingsSaveError,
    load_settings,
    save_settings,
)
from somatictimer.core.settings_schema import MAX_FILE_BYTES

STAMP = datetime(2026, 3, 14, 9, 26, 53)
KEPT = "settings.toml.broken-20260314-092653"
SOUND_CHOICES = (
    '"bowl", "soft-bell", "double-bell", "wood-block", "gong", "pip", "inhale", "exhale", '
    '"hold", "none", or a sound file path'
)


def fixed_now() -> datetime:
    return STAMP


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    """Where the app keeps settings in this test's XDG config dir (AppPaths.settings_file)."""
    return isolated_dirs / "config" / "somatictimer" / "settings.toml"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --- a file that is not a settings file ------------------------------------------------


def test_a_syntax_error_names_the_line_and_column_once(path: Path) -> None:
    write(path, 'audio_backend = "qt"\nmaster_volume_pct = = 3\n')
    assert load_settings(path, now=fixed_now) == (
        Settings(),
        [
            f"{path}:2: is not valid TOML (Invalid value at column 21); it was kept as {KEPT}; "
            "using default settings"
        ],
    )


def test_binary_data_is_named_as_such(path: Path) -> None:
    write(path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert load_settings(path, now=fixed_now)[1] == [
        f"{path}: holds binary data, not TOML text; it was kept as {KEPT}; using default settings"
    ]


def test_a_file_over_one_mebibyte_is_kept_aside_but_one_of_exactly_that_size_is_read(
    path: Path,
) -> None:
    setting = "master_volume_pct = 5\n"
    padding = "# " + "x" * (MAX_FILE_BYTES - len(setting) - 3) + "\n"
    write(path, setting + padding)
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load_settings(path, now=fixed_now) == (Settings(master_volume_pct=5), [])

    write(path, setting + "#" + padding)
    assert load_settings(path, now=fixed_now)[1] == [
        f"{path}: is larger than 1 MiB, which is not a settings file; it was kept as {KEPT}; "
        "using default settings"
    ]


def test_a_broken_file_that_cannot_be_renamed_is_left_in_place_and_never_replaced(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = 'audio_backend = "qt"\nmaster_volume_pct = = 3\n'
    write(path, text)

    def refuse(self: Path, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    assert load_settings(path, now=fixed_now) == (
        Settings(),
        [
            f"{path}:2: is not valid TOML (Invalid value at column 21); it could not be renamed "
            "(Permission denied), so it is left in place and will not be replaced; "
            "using default settings"
        ],
    )
    with pytest.raises(SettingsSaveError):
        save_settings(path, Settings(master_volume_pct=20), now=fixed_now)
    assert path.read_text(encoding="utf-8") == text


def test_three_broken_files_in_one_second_are_kept_as_three_numbered_backups(path: Path) -> None:
    kept = []
    for number in range(3):
        write(path, f"broken {number} = \n")
        notice = load_settings(path, now=fixed_now)[1][0]
        kept.append(notice.split("it was kept as ")[1].split(";")[0])
    assert kept == [KEPT, f"{KEPT}-2", f"{KEPT}-3"]
    backups = sorted(p.name for p in path.parent.iterdir())
    assert backups == [KEPT, f"{KEPT}-2", f"{KEPT}-3"]
    assert path.with_name(f"{KEPT}-3").read_text(encoding="utf-8") == "broken 2 = \n"


# --- wrong values: where each one is ---------------------------------------------------


def test_a_problem_whose_line_cannot_be_found_names_the_file_alone(path: Path) -> None:
    """Dotted keys are not found by the line scan: the notice names the file without a line."""
    write(path, 'master_volume_pct = 40\ncolour.theme = "dusk"\nevent_sounds.end = "gonk"\n')
    loaded, notices = load_settings(path)
    assert loaded == Settings(master_volume_pct=40)
    assert notices == [
        f"{path}: colour: expected a setting name, found an unknown key; it is ignored",
        f'{path}: event_sounds.end: expected one of {SOUND_CHOICES}, found "gonk" '
        '(did you mean "gong"?); it is ignored',
    ]


def test_an_inline_table_on_the_first_line_names_that_line(path: Path) -> None:
    write(path, 'event_sounds = { end = "gonk", rep = "pip" }\n')
    loaded, notices = load_settings(path)
    assert loaded == Settings(event_sounds={"rep": "pip"})
    assert notices == [
        f'{path}:1: event_sounds.end: expected one of {SOUND_CHOICES}, found "gonk" '
        '(did you mean "gong"?); it is ignored'
    ]


def test_an_entry_the_line_scan_misses_inside_a_table_names_the_table_header(
    path: Path,
) -> None:
    write(path, 'master_volume_pct = 40\n\n[event_sounds]\nrep = "pip"\nend.file = "bell.wav"\n')
    loaded, notices = load_settings(path)
    assert loaded == Settings(master_volume_pct=40, event_sounds={"rep": "pip"})
    assert notices == [
        f"{path}:3: event_sounds.end: expected one of {SOUND_CHOICES}, found a table; it is ignored"
    ]


def test_a_file_from_a_newer_version_is_announced_in_full(path: Path) -> None:
    write(path, 'schema_version = 7\nmaster_volume_pct = 30\naccent = "dusk"\n')
    loaded, notices = load_settings(path)
    assert loaded == Settings(master_volume_pct=30)
    assert notices == [
        f"{path}: written by a newer somatictimer (schema_version 7; this version knows 1); "
        "the settings this version understands are used, and the file is not overwritten "
        "unless you change a setting"
    ]
