"""The settings schema: every setting with its default and its check, and its TOML form."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from somatictimer.core import fields as f
from somatictimer.core.model import CAUTIONS, CueKind

AUDIO_BACKENDS = ("auto", "simpleaudio", "qt", "null")
THEMES = ("system", "light", "dark")
SILENT = "none"
# The built-in cue sounds. Mirrors audio.synth.SOUND_NAMES (core may not import audio);
# tests/core/test_settings.py keeps the two equal.
SOUND_NAMES = (
    "bowl",
    "soft-bell",
    "double-bell",
    "wood-block",
    "gong",
    "pip",
    "inhale",
    "exhale",
    "hold",
)
CUE_KINDS = tuple(kind.value for kind in CueKind)
MAX_FILE_BYTES = 1024 * 1024

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]


class SettingsSaveError(Exception):
    """The settings could not be written; the message is a sentence for the user."""


# --- checks: raw TOML value -> clean value, or f.FieldError("expected ..., found ...") ----


def _seconds(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            raise f.FieldError(f"expected seconds from {low:g} to {high:g}, found {f.show(value)}")
        return float(value)

    return check


def _unset_or(check: Callable[[Any], float], hint: str) -> Callable[[Any], float | None]:
    """None (the key left out of the file) or a checked value."""

    def checked(value: Any) -> float | None:
        if value is None:
            return None
        try:
            return check(value)
        except f.FieldError as error:
            raise f.FieldError(str(error).replace(", found", f" ({hint}), found", 1)) from None

    return checked


def _text(value: Any) -> str:
    """Any text, kept exactly (device ids and names may have meaningful spaces)."""
    if not isinstance(value, str):
        raise f.FieldError(f"expected text in quotes, found {f.show(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise f.FieldError("expected text, found characters that are not valid Unicode") from None
    return value


def _looks_like_path(value: str) -> bool:
    return "/" in value or "\\" in value or value.startswith("~") or Path(value).suffix != ""


def _sound(value: Any) -> str:
    """A built-in sound name, "none", or a sound file path (anything with / or an extension)."""
    choices = (*SOUND_NAMES, SILENT)
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    if isinstance(value, str) and value.strip() and _looks_like_path(value):
        return _text(value)
    listed = ", ".join(f'"{c}"' for c in choices)
    hint = f.suggest(value.strip(), choices) if isinstance(value, str) else ""
    raise f.FieldError(
        f"expected one of {listed}, or a sound file path, found {f.show(value)}{hint}"
    )


def _flags(value: Any) -> tuple[str, ...]:
    """Caution flags as a tuple in their fixed order; duplicates dropped."""
    if not isinstance(value, list | tuple):
        raise f.FieldError(f'expected a list like ["knee", "neck"], found {f.show(value)}')
    chosen = set(f.list_of(CAUTIONS)(list(value)))
    return tuple(flag for flag in CAUTIONS if flag in chosen)


def _cue_kind(key: Any) -> str:
    if key not in CUE_KINDS:
        listed = ", ".join(CUE_KINDS)
        raise f.FieldError(
            f"expected a cue kind ({listed}), found an unknown key" + f.suggest(str(key), CUE_KINDS)
        )
    return str(key)


def _table(entry: Callable[[Any], Any]) -> Callable[[Any], Mapping[str, Any]]:
    def check(value: Any) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise f.FieldError(
                f"expected a table of cue kinds like [event_sounds], found {f.show(value)}"
            )
        return MappingProxyType({_cue_kind(k): entry(v) for k, v in value.items()})

    return check


def _setting(default: Any, check: Callable[[Any], Any], **extra: Any) -> Any:
    return field(default=default, metadata={"check": check, **extra})


def _table_setting(entry: Callable[[Any], Any]) -> Any:
    return field(default_factory=dict, metadata={"check": _table(entry), "entry": entry})


@dataclass(frozen=True)
class Settings:
    """Every user setting, its default and its allowed values. Invalid values raise ValueError.

    Change a setting with ``dataclasses.replace(settings, master_volume_pct=60)``. The two
    table fields are read-only mappings (``MappingProxyType``); pass a plain dict to
    ``replace`` and it is copied and frozen.
    """

    SCHEMA_VERSION: ClassVar[int] = 1
    # from-version -> function turning that version's table into the next version's;
    # applied in ascending order on load for every version from the file's up to ours.
    UPGRADES: ClassVar[dict[int, Upgrade]] = {}

    audio_backend: str = _setting("auto", f.one_of(AUDIO_BACKENDS))
    audio_device: str = _setting("", _text)  # Qt output device id; "" = system default
    master_volume_pct: int = _setting(80, f.whole(0, 100))
    event_sounds: Mapping[str, str] = _table_setting(_sound)
    event_volume_pct: Mapping[str, int] = _table_setting(f.whole(0, 100))
    breath_sounds: bool = _setting(True, f.flag)
    prep_countdown_s: float | None = _setting(
        None, _unset_or(_seconds(0, 600), "or leave it out to use each sequence's own")
    )
    transition_s: float | None = _setting(
        None, _unset_or(_seconds(0, 600), "or leave it out to use each sequence's own")
    )
    halfway_cue: bool = _setting(True, f.flag)
    halfway_min_s: float = _setting(60.0, _seconds(10, 7200))
    start_minimized_to_tray: bool = _setting(False, f.flag)
    compact_on_start: bool = _setting(False, f.flag)
    # Figures moving with the breath: "system" follows the desktop where it says.
    motion: str = _setting("system", f.one_of(("system", "reduce", "full")))
    # Light or dark look: "system" follows the desktop's colour scheme.
    theme: str = _setting("system", f.one_of(THEMES))
    # Long rests (Savasana, Legs Up the Wall...) dim the window after this many seconds
    # without a key or mouse move; 0 never dims.
    dim_in_rest_s: float = _setting(10.0, _seconds(0, 600))
    last_sequence: str = _setting("", _text)
    # History
    min_session_s: float = _setting(60.0, _seconds(0, 3600))  # shorter ones are not saved
    checkin_before: bool = _setting(True, f.flag)
    checkin_after: bool = _setting(True, f.flag)
    show_streak: bool = _setting(False, f.flag)
    day_starts_hour: int = _setting(
        3, f.whole(0, 12)
    )  # practice before 03:00 counts as the day before
    # My body: caution flags that shape the library and sequences (reference §5.2)
    caution_profile: tuple[str, ...] = _setting((), _flags)
    hide_flagged: bool = _setting(False, f.flag)  # hide flagged items in the library
    first_run_note_seen: bool = _setting(False, f.flag)
    shaking_notes_seen: bool = _setting(False, f.flag)  # "don't show again" was ticked
    schema_version: int = _setting(1, f.whole(1, 1_000_000))

    def __post_init__(self) -> None:
        for spec in fields(self):
            try:
                clean = spec.metadata["check"](getattr(self, spec.name))
            except f.FieldError as error:
                raise f.FieldError(f"{spec.name}: {error}") from None
            object.__setattr__(self, spec.name, clean)

    def __hash__(self) -> int:
        return hash(
            tuple(
                frozenset(value.items()) if isinstance(value, Mapping) else value
                for value in (getattr(self, spec.name) for spec in fields(self))
            )
        )


def _setting_fields() -> dict[str, Any]:
    return {spec.name: spec for spec in fields(Settings) if spec.name != "schema_version"}


# --- writing ---------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # finite (checked); repr round-trips and is valid TOML
    if isinstance(value, tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    # JSON string escapes are TOML basic-string escapes; TOML also wants DEL escaped.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


def settings_to_toml(settings: Settings) -> str:
    """The file text: ``schema_version`` and only the settings that differ from the defaults."""
    defaults = Settings()
    lines = [
        "# somatictimer settings. Only values that differ from the defaults are stored;",
        "# every key is described in the documentation (docs/settings.md).",
        f"schema_version = {Settings.SCHEMA_VERSION}",
    ]
    tables: list[str] = []
    for name in _setting_fields():
        value = getattr(settings, name)
        if value == getattr(defaults, name):
            continue
        if isinstance(value, Mapping):
            tables += ["", f"[{name}]"]
            for key in sorted(value, key=CUE_KINDS.index):
                shown = key if _BARE_KEY.match(key) else _toml_value(key)
                tables.append(f"{shown} = {_toml_value(value[key])}")
        else:
            lines.append(f"{name} = {_toml_value(value)}")
    return "\n".join([*lines, *tables]) + "\n"
