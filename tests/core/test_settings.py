"""Settings: defaults, a file of only non-defaults, atomic saves, and kind handling of bad files."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from somatictimer.core import settings as settings_module
from somatictimer.core.settings import (
    AUDIO_BACKENDS,
    CUE_KINDS,
    SILENT,
    SOUND_NAMES,
    Settings,
    SettingsSaveError,
    load_settings,
    save_settings,
    settings_to_toml,
)

from tests.conftest import examples

DOCS = Path(__file__).parents[2] / "docs" / "settings.md"
STAMP = datetime(2026, 3, 14, 9, 26, 53)


def fixed_now() -> datetime:
    return STAMP


@pytest.fixture
def path(isolated_dirs: Path) -> Path:
    """Where the app keeps settings in this test's XDG config dir (AppPaths.settings_file)."""
    return isolated_dirs / "config" / "somatictimer" / "settings.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def setting_lines(text: str) -> list[str]:
    """The file's lines without comments and blank lines."""
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


# --- the schema ------------------------------------------------------------------------


def test_defaults_are_the_documented_ones() -> None:
    s = Settings()
    assert (s.audio_backend, s.audio_device, s.master_volume_pct) == ("auto", "", 80)
    assert dict(s.event_sounds) == {} and dict(s.event_volume_pct) == {}
    assert s.breath_sounds and s.halfway_cue and s.halfway_min_s == 60.0
    assert s.prep_countdown_s is None and s.transition_s is None
    assert not s.start_minimized_to_tray and not s.compact_on_start
    assert s.last_sequence == "" and s.schema_version == Settings.SCHEMA_VERSION == 1
    assert s.theme == "system"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"master_volume_pct": 101}, "master_volume_pct: expected a whole number from 0 to 100"),
        ({"audio_backend": "pulse"}, 'audio_backend: expected one of "auto"'),
        ({"prep_countdown_s": 601.0}, "prep_countdown_s: expected seconds from 0 to 600"),
        ({"halfway_min_s": 9.5}, "halfway_min_s: expected seconds from 10 to 7200"),
        ({"event_sounds": {"ending": "gong"}}, 'found an unknown key (did you mean "end"?)'),
        ({"event_sounds": {"end": "gonk"}}, 'found "gonk" (did you mean "gong"?)'),
        ({"event_volume_pct": {"end": -1}}, "expected a whole number from 0 to 100, found -1"),
        ({"breath_sounds": 1}, "breath_sounds: expected true or false, found 1"),
        ({"theme": "night"}, 'theme: expected one of "system", "light", "dark", found "night"'),
    ],
)
def test_an_invalid_value_cannot_be_set(change: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        replace(Settings(), **change)


def test_tables_are_copied_and_read_only_and_settings_stay_hashable() -> None:
    chosen = {"end": "gong"}
    s = replace(Settings(), event_sounds=chosen)
    chosen["end"] = "bowl"
    assert s.event_sounds["end"] == "gong"
    with pytest.raises(TypeError):
        s.event_sounds["end"] = "pip"  # type: ignore[index]
    assert hash(s) == hash(replace(Settings(), event_sounds={"end": "gong"}))
    assert s == replace(Settings(), event_sounds={"end": "gong"})


def test_sound_choices_match_the_synthesized_cue_set() -> None:
    """core cannot import audio, so it keeps its own copy of the sound names."""
    from somatictimer.audio.synth import SOUND_NAMES as SYNTHESIZED

    assert SOUND_NAMES == SYNTHESIZED


def test_a_file_path_is_a_valid_sound() -> None:
    s = replace(Settings(), event_sounds={"end": "~/sounds/temple bell.ogg", "rep": "none"})
    assert s.event_sounds == {"end": "~/sounds/temple bell.ogg", "rep": "none"}


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [spec.name for spec in fields(Settings) if f"`{spec.name}`" not in text]
    assert missing == []


# --- saving ----------------------------------------------------------------------------


def test_round_trip(path: Path) -> None:
    s = replace(
        Settings(),
        audio_backend="qt",
        audio_device="alsa_output.pci-0000_00_1f.3.analog-stereo",
        master_volume_pct=35,
        event_sounds={"end": "gong", "switch-side": "/home/me/sounds/chime.wav"},
        event_volume_pct={"rep": 40, "end": 100},
        breath_sounds=False,
        prep_countdown_s=0.0,
        transition_s=12.5,
        halfway_cue=False,
        halfway_min_s=90,
        start_minimized_to_tray=True,
        compact_on_start=True,
        last_sequence='Evening "unwind" \\ 🌙',
    )
    save_settings(path, s)
    assert load_settings(path) == (s, [])


def test_only_values_that_differ_from_the_defaults_are_written(path: Path) -> None:
    s = replace(Settings(), master_volume_pct=60, halfway_cue=False, event_volume_pct={"end": 50})
    save_settings(path, s)
    assert setting_lines(path.read_text(encoding="utf-8")) == [
        "schema_version = 1",
        "master_volume_pct = 60",
        "halfway_cue = false",
        "[event_volume_pct]",
        "end = 50",
    ]


def test_default_settings_write_only_the_schema_version(path: Path) -> None:
    save_settings(path, Settings())
    assert setting_lines(path.read_text(encoding="utf-8")) == ["schema_version = 1"]


def test_save_creates_the_folder_and_leaves_no_temp_files(path: Path) -> None:
    assert not path.parent.exists()
    save_settings(path, replace(Settings(), master_volume_pct=10))
    save_settings(path, replace(Settings(), master_volume_pct=20))
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]
    assert load_settings(path)[0].master_volume_pct == 20


def test_a_failed_write_keeps_the_old_file_whole_and_leaves_no_temp_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(path, replace(Settings(), master_volume_pct=10))
    before = path.read_bytes()

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(SettingsSaveError, match="No space left on device"):
        save_settings(path, replace(Settings(), master_volume_pct=20))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_a_folder_that_is_a_file_gives_a_save_error_naming_the_path(path: Path) -> None:
    path.parent.parent.mkdir(parents=True)
    path.parent.write_text("not a folder")
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(path, replace(Settings(), master_volume_pct=20))
    assert str(path) in str(caught.value)
    assert "a file stands where a folder should be" in str(caught.value)


def test_a_read_only_folder_gives_a_save_error_and_keeps_the_old_file(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root, where chmod does not block writes: os.replace is refused instead."""
    save_settings(path, replace(Settings(), master_volume_pct=10))
    before = path.read_bytes()

    def refuse(source: Any, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(path, replace(Settings(), master_volume_pct=20))
    message = str(caught.value)
    assert str(path) in message and "Permission denied" in message and "writable" in message
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_save_does_not_replace_a_file_it_cannot_read(path: Path) -> None:
    path.mkdir(parents=True)  # something unreadable as a file stands at the settings path
    with pytest.raises(SettingsSaveError, match="cannot be read"):
        save_settings(path, replace(Settings(), master_volume_pct=20))
    assert path.is_dir()


def test_save_keeps_a_broken_file_aside_before_writing(path: Path) -> None:
    write(path, "master_volume_pct = = 3\n")
    save_settings(path, replace(Settings(), master_volume_pct=20), now=fixed_now)
    backup = path.with_name("settings.toml.broken-20260314-092653")
    assert backup.read_text(encoding="utf-8") == "master_volume_pct = = 3\n"
    assert load_settings(path)[0].master_volume_pct == 20


def test_save_writes_through_a_symlink(path: Path, tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles" / "settings.toml", "")
    path.parent.mkdir(parents=True)
    path.symlink_to(real)
    save_settings(path, replace(Settings(), master_volume_pct=20))
    assert path.is_symlink()
    assert "master_volume_pct = 20" in real.read_text(encoding="utf-8")


# --- loading ---------------------------------------------------------------------------


def test_a_missing_file_gives_the_defaults_silently(path: Path) -> None:
    assert load_settings(path) == (Settings(), [])


def test_an_empty_file_or_a_byte_order_mark_is_fine(path: Path) -> None:
    write(path, "")
    assert load_settings(path) == (Settings(), [])
    path.write_bytes(b"\xef\xbb\xbfmaster_volume_pct = 5\n")
    assert load_settings(path) == (replace(Settings(), master_volume_pct=5), [])


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        (b'audio_backend = "qt"\nmaster_volume_pct = = 3\n', ":2:", "is not valid TOML"),
        (b"[event_sounds]\n[event_sounds]\n", ":2:", "is not valid TOML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ": ", "holds binary data"),
        (b'last_sequence = "Gr\xfc\xdfe"\n', ": ", "is not UTF-8 text (byte 0xfc at offset 19)"),
    ],
    ids=["syntax", "duplicate-table", "binary", "latin-1"],
)
def test_a_file_that_is_not_toml_is_kept_aside_and_the_defaults_used(
    path: Path, content: bytes, where: str, reason: str
) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded, notices = load_settings(path, now=fixed_now)
    backup = path.with_name("settings.toml.broken-20260314-092653")
    assert loaded == Settings()
    assert backup.read_bytes() == content
    assert not path.exists()
    assert len(notices) == 1
    assert notices[0].startswith(f"{path}{where}")
    assert reason in notices[0]
    assert "kept as settings.toml.broken-20260314-092653" in notices[0]


def test_a_second_broken_file_in_the_same_second_never_overwrites_the_first(path: Path) -> None:
    write(path, "first = \n")
    load_settings(path, now=fixed_now)
    write(path, "second = \n")
    _, notices = load_settings(path, now=fixed_now)
    assert "kept as settings.toml.broken-20260314-092653-2" in notices[0]
    stamp = "settings.toml.broken-20260314-092653"
    assert path.with_name(stamp).read_text(encoding="utf-8") == "first = \n"
    assert path.with_name(stamp + "-2").read_text(encoding="utf-8") == "second = \n"


def test_wrong_values_and_unknown_keys_are_all_reported_and_the_rest_kept(path: Path) -> None:
    text = (
        "schema_version = 1\n"
        'audio_backend = "qt"\n'
        "master_volume = 40\n"
        'master_volume_pct = "loud"\n'
        "halfway_min_s = 5\n"
        "compact_on_start = true\n"
        "\n"
        "[event_sounds]\n"
        'end = "gong"\n'
        'ending = "bowl"\n'
        "rep = 3\n"
        "\n"
        "[event_volume_pct]\n"
        "end = 101\n"
        "rep = 30\n"
    )
    write(path, text)
    loaded, notices = load_settings(path)
    assert loaded == replace(
        Settings(),
        audio_backend="qt",
        compact_on_start=True,
        event_sounds={"end": "gong"},
        event_volume_pct={"rep": 30},
    )
    assert notices == [
        f"{path}:3: master_volume: expected a setting name, found an unknown key "
        '(did you mean "master_volume_pct"?); it is ignored',
        f'{path}:4: master_volume_pct: expected a whole number from 0 to 100, found "loud"; '
        "using the default 80",
        f"{path}:5: halfway_min_s: expected seconds from 10 to 7200, found 5; "
        "using the default 60.0",
        f"{path}:10: event_sounds.ending: expected a cue kind ({', '.join(CUE_KINDS)}), "
        'found an unknown key (did you mean "end"?); it is ignored',
        f'{path}:11: event_sounds.rep: expected one of "bowl", "soft-bell", "double-bell", '
        '"wood-block", "gong", "pip", "inhale", "exhale", "hold", "none", or a sound file '
        "path, found 3; it is ignored",
        f"{path}:14: event_volume_pct.end: expected a whole number from 0 to 100, found 101; "
        "it is ignored",
    ]
    assert path.read_text(encoding="utf-8") == text  # not renamed: the user can fix it
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_a_table_where_a_value_belongs_and_the_reverse_are_reported(path: Path) -> None:
    write(path, 'event_sounds = "gong"\nprep_countdown_s = -1\n\n[halfway_cue]\nx = 1\n')
    loaded, notices = load_settings(path)
    assert loaded == Settings()
    assert notices == [
        f'{path}:1: event_sounds: expected a table of cue kinds like [event_sounds], found "gong"'
        "; it is ignored",
        f"{path}:2: prep_countdown_s: expected seconds from 0 to 600 (or leave it out to use "
        "each sequence's own), found -1; it is ignored",
        f"{path}:4: halfway_cue: expected true or false, found a table; using the default true",
    ]


def test_an_unreadable_path_gives_the_defaults_and_a_notice(path: Path) -> None:
    """As root chmod 000 does not block reads: a folder at the settings path cannot be read."""
    path.mkdir(parents=True)
    loaded, notices = load_settings(path)
    assert loaded == Settings()
    assert notices == [f"{path}: cannot be read (is a folder, not a file); using default settings"]
    assert path.is_dir() and list(path.iterdir()) == []


def test_a_file_without_read_permission_is_left_untouched(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(path, "master_volume_pct = 5\n")
    real_open = os.open

    def refuse(name: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(name) == path:  # as root chmod 000 does not block reads: refuse here
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    loaded, notices = load_settings(path)
    monkeypatch.undo()
    assert loaded == Settings()
    assert notices == [f"{path}: cannot be read (Permission denied); using default settings"]
    assert path.read_text(encoding="utf-8") == "master_volume_pct = 5\n"
    assert [p.name for p in path.parent.iterdir()] == ["settings.toml"]


def test_a_bad_schema_version_is_reported_and_read_as_ours(path: Path) -> None:
    write(path, 'schema_version = "one"\nmaster_volume_pct = 5\n')
    loaded, notices = load_settings(path)
    assert loaded == replace(Settings(), master_volume_pct=5)
    assert notices == [
        f'{path}:1: schema_version: expected a whole number like 1, found "one"; read as 1'
    ]


# --- schema versions -------------------------------------------------------------------


def test_a_newer_file_is_read_as_far_as_known_and_not_overwritten_unchanged(path: Path) -> None:
    text = 'schema_version = 2\nmaster_volume_pct = 30\naccent = "dusk"\n\n[shortcuts]\nx = 1\n'
    write(path, text)
    loaded, notices = load_settings(path)
    assert loaded == replace(Settings(), master_volume_pct=30)
    assert len(notices) == 1  # the newer keys are expected, not typos
    assert notices[0].startswith(f"{path}: written by a newer somatictimer (schema_version 2")
    assert "not overwritten unless you change a setting" in notices[0]

    save_settings(path, loaded)  # nothing changed: the newer file stays as it is
    assert path.read_text(encoding="utf-8") == text

    save_settings(path, replace(loaded, master_volume_pct=31))  # the user changed something
    assert setting_lines(path.read_text(encoding="utf-8")) == [
        "schema_version = 1",
        "master_volume_pct = 31",
    ]


def test_upgrades_run_in_order_from_the_files_version(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        data["master_volume_pct"] = data.pop("volume")
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        data["master_volume_pct"] = data["master_volume_pct"] // 2
        return data

    monkeypatch.setattr(Settings, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(Settings, "UPGRADES", {2: two_to_three, 1: one_to_two})  # unsorted

    write(path, "schema_version = 1\nvolume = 90\n")
    loaded, notices = load_settings(path)
    assert calls == [1, 2]
    assert (loaded.master_volume_pct, loaded.schema_version, notices) == (45, 3, [])

    calls.clear()
    write(path, "schema_version = 2\nmaster_volume_pct = 90\n")
    assert load_settings(path)[0].master_volume_pct == 45
    assert calls == [2]

    calls.clear()
    save_settings(path, loaded)
    assert setting_lines(path.read_text(encoding="utf-8"))[0] == "schema_version = 3"
    assert load_settings(path) == (loaded, [])
    assert calls == []


# --- round trip over random valid settings ---------------------------------------------

texts = st.text(st.characters(codec="utf-8"), max_size=40)
sound_paths = texts.map(lambda name: f"/home/me/sounds/{name}.wav")
valid_settings = st.builds(
    Settings,
    audio_backend=st.sampled_from(AUDIO_BACKENDS),
    audio_device=texts,
    master_volume_pct=st.integers(0, 100),
    event_sounds=st.dictionaries(
        st.sampled_from(CUE_KINDS), st.sampled_from((*SOUND_NAMES, SILENT)) | sound_paths
    ),
    event_volume_pct=st.dictionaries(st.sampled_from(CUE_KINDS), st.integers(0, 100)),
    breath_sounds=st.booleans(),
    prep_countdown_s=st.none() | st.floats(0, 600),
    transition_s=st.none() | st.floats(0, 600),
    halfway_cue=st.booleans(),
    halfway_min_s=st.floats(10, 7200),
    start_minimized_to_tray=st.booleans(),
    compact_on_start=st.booleans(),
    theme=st.sampled_from(("system", "light", "dark")),
    last_sequence=texts,
)


@hypothesis_settings(
    max_examples=examples(200),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(valid_settings)
def test_any_valid_settings_survive_a_save_and_load(path: Path, s: Settings) -> None:
    save_settings(path, s)
    assert load_settings(path) == (s, [])
    written = set(tomllib.loads(path.read_text(encoding="utf-8"))) - {"schema_version"}
    defaults = Settings()
    changed = {
        spec.name
        for spec in fields(Settings)
        if getattr(s, spec.name) != getattr(defaults, spec.name)
    }
    assert written == changed


def test_settings_to_toml_is_what_save_writes(path: Path) -> None:
    s = replace(Settings(), last_sequence="morning")
    save_settings(path, s)
    assert path.read_text(encoding="utf-8") == settings_to_toml(s)


def test_a_huge_file_is_not_read_whole_but_kept_aside(path: Path) -> None:
    write(path, "# " + "x" * settings_module.MAX_FILE_BYTES + "\n")
    loaded, notices = load_settings(path, now=fixed_now)
    assert loaded == Settings()
    assert "is larger than 1 MiB" in notices[0]
    assert path.with_name("settings.toml.broken-20260314-092653").exists()
