"""App settings: one declarative schema, a flat TOML file, atomic saves, kind failures.

``Settings`` is the schema: every field has its default and its check in one place. The file
(``AppPaths.settings_file``) holds only what differs from the defaults. A file that is not
TOML is kept aside as ``settings.toml.broken-YYYYMMDD-HHMMSS``; a file with wrong values is
left alone and every problem is reported; nothing here ever raises on a bad file.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import secrets
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from somatictimer.core import fields as f
from somatictimer.core.model import CueKind

AUDIO_BACKENDS = ("auto", "simpleaudio", "qt", "null")
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


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise f.FieldError(f"expected true or false, found {f.show(value)}")
    return value


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
    breath_sounds: bool = _setting(True, _flag)
    prep_countdown_s: float | None = _setting(
        None, _unset_or(_seconds(0, 600), "or leave it out to use each sequence's own")
    )
    transition_s: float | None = _setting(
        None, _unset_or(_seconds(0, 600), "or leave it out to use each sequence's own")
    )
    halfway_cue: bool = _setting(True, _flag)
    halfway_min_s: float = _setting(60.0, _seconds(10, 7200))
    start_minimized_to_tray: bool = _setting(False, _flag)
    compact_on_start: bool = _setting(False, _flag)
    last_sequence: str = _setting("", _text)
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


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What a settings file holds, decided without touching it."""

    settings: Settings = field(default_factory=Settings)
    notices: list[str] = field(default_factory=list)
    missing: bool = False
    unreadable: str | None = None  # why it cannot be read
    broken: str | None = None  # why it is not a settings file at all (kept aside on load)
    broken_line: int | None = None
    newer: bool = False


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


class _Lines:
    """Line of a top-level key or of a key inside a ``[table]`` (1-based; None if unknown).

    A line scan like ``toml_lines.TomlLines`` (tomllib reports no lines), for a flat file of
    scalars and plain ``[tables]``.
    """

    _ANY_HEADER = re.compile(r"^\s*\[")

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()

    @staticmethod
    def _key(key: str) -> re.Pattern[str]:
        return re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")

    def _header(self, table: str) -> int | None:
        pattern = re.compile(rf"^\s*\[\s*[\"']?{re.escape(table)}[\"']?\s*\]")
        return next((n for n, line in enumerate(self._lines) if pattern.match(line)), None)

    def _find(self, key: str, start: int) -> int | None:
        """The key's line between line ``start`` (0-based) and the next table header."""
        pattern = self._key(key)
        for number in range(start, len(self._lines)):
            if self._ANY_HEADER.match(self._lines[number]):
                return None
            if pattern.match(self._lines[number]):
                return number + 1
        return None

    def of(self, key: str, table: str | None = None) -> int | None:
        if table is None:  # a top-level key, or a [key] table
            header = self._header(key)
            line = self._find(key, 0)
            return line if line is not None or header is None else header + 1
        start = self._header(table)
        if start is None:
            return self._find(table, 0)  # an inline table or a dotted key
        line = self._find(key, start + 1)
        return start + 1 if line is None else line


def _decode(raw: bytes) -> tuple[str | None, str, int | None]:
    """(text, "", None), or (None, why it is not TOML, line)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, "is larger than 1 MiB, which is not a settings file", None
    if b"\x00" in raw:
        return None, "holds binary data, not TOML text", None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = raw[error.start]
        return None, f"is not UTF-8 text (byte 0x{byte:02x} at offset {error.start})", None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        where = re.search(r"\(at line (\d+), column (\d+)\)", message)
        detail = re.sub(r"\s*\(at .*\)$", "", message)
        if where:
            return (
                None,
                f"is not valid TOML ({detail} at column {where.group(2)})",
                int(where.group(1)),
            )
        return None, f"is not valid TOML ({detail})", None
    return text, "", None


def _read(path: Path, *, values_if_newer_only: bool = False) -> _Outcome:
    """Read and check ``path`` without changing it.

    ``values_if_newer_only`` (for saving): skip upgrades and checks unless the file is from a
    newer version, the one case where a save needs to know what it holds.
    """
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):  # a file where a folder should be
        return _Outcome(missing=True)
    except OSError as error:
        return _Outcome(unreadable=_reason(error))
    text, broken, line = _decode(raw)
    if text is None:
        return _Outcome(broken=broken, broken_line=line)
    return _check(path, tomllib.loads(text), _Lines(text), values_if_newer_only)


def _check(path: Path, data: dict[str, Any], lines: _Lines, values_if_newer_only: bool) -> _Outcome:
    notices: list[str] = []

    def report(key_path: str, line: int | None, message: str) -> None:
        where = str(path) if line is None else f"{path}:{line}"
        notices.append(f"{where}: {key_path}: {message}")

    ours = Settings.SCHEMA_VERSION
    version = data.pop("schema_version", ours)  # a hand-written file without it: ours
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        report(
            "schema_version",
            lines.of("schema_version"),
            f"expected a whole number like {ours}, found {f.show(version)}; read as {ours}",
        )
        version = ours
    newer = version > ours
    if values_if_newer_only and not newer:
        return _Outcome()
    if newer:
        notices.append(
            f"{path}: written by a newer somatictimer (schema_version {version}; this version "
            f"knows {ours}); the settings this version understands are used, and the file is "
            "not overwritten unless you change a setting"
        )
    for start in sorted(Settings.UPGRADES):
        if version <= start < ours:
            data = Settings.UPGRADES[start](dict(data))
            data.pop("schema_version", None)

    specs = _setting_fields()
    values: dict[str, Any] = {}
    for key, value in data.items():
        spec = specs.get(key)
        if spec is None:
            if not newer:  # a newer file is expected to hold settings we do not know
                report(
                    key,
                    lines.of(key),
                    "expected a setting name, found an unknown key"
                    + f.suggest(key, specs)
                    + "; it is ignored",
                )
            continue
        entry = spec.metadata.get("entry")
        if entry is not None and isinstance(value, Mapping):
            values[key] = _check_table(key, value, entry, lines, report)
            continue
        try:
            values[key] = spec.metadata["check"](value)
        except f.FieldError as error:
            default = spec.default if entry is None else {}
            fallback = (
                "it is ignored" if default in (None, {}) else f"using the default {f.show(default)}"
            )
            report(key, lines.of(key), f"{error}; {fallback}")
    return _Outcome(Settings(**values, schema_version=ours), notices, newer=newer)


def _check_table(
    name: str,
    table: Mapping[str, Any],
    entry: Callable[[Any], Any],
    lines: _Lines,
    report: Callable[[str, int | None, str], None],
) -> dict[str, Any]:
    """Keep the good entries of ``[event_sounds]`` / ``[event_volume_pct]``; report the rest."""
    clean: dict[str, Any] = {}
    for key, value in table.items():
        try:
            clean[_cue_kind(key)] = entry(value)
        except f.FieldError as error:
            report(f"{name}.{key}", lines.of(key, table=name), f"{error}; it is ignored")
    return clean


def _keep_aside(path: Path, now: Callable[[], datetime]) -> Path:
    """Rename a file that is not a settings file to ``NAME.broken-YYYYMMDD-HHMMSS``."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.broken-{stamp}")
    number = 2
    while backup.exists():  # two broken files within a second: never overwrite a backup
        backup = path.with_name(f"{path.name}.broken-{stamp}-{number}")
        number += 1
    path.rename(backup)
    return backup


def load_settings(
    path: Path, *, now: Callable[[], datetime] = datetime.now
) -> tuple[Settings, list[str]]:
    """The settings in ``path`` and notices (sentences naming the file) for the user.

    Never raises for a bad file: a missing file gives the defaults silently; an unreadable
    one the defaults and a notice (the file is untouched); a file that is not TOML is
    renamed ``settings.toml.broken-<now>`` and the defaults are used; wrong values and
    unknown keys are each reported and fall back to their defaults, the file untouched.
    """
    outcome = _read(path)
    if outcome.unreadable is not None:
        return Settings(), [
            f"{path}: cannot be read ({outcome.unreadable}); using default settings"
        ]
    if outcome.broken is not None:
        where = str(path) if outcome.broken_line is None else f"{path}:{outcome.broken_line}"
        try:
            backup = _keep_aside(path, now)
        except OSError as error:
            kept = (
                f"it could not be renamed ({_reason(error)}), so it is left in place "
                "and will not be replaced"
            )
        else:
            kept = f"it was kept as {backup.name}"
        return Settings(), [f"{where}: {outcome.broken}; {kept}; using default settings"]
    return outcome.settings, outcome.notices


# --- saving ----------------------------------------------------------------------------


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, flush + fsync, rename over ``path``; no half files."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    temp = folder / f".{path.name}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temp, flags, 0o666)  # the umask decides the permissions
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (POSIX only)
        folder_descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_descriptor)
        finally:
            os.close(folder_descriptor)


def save_settings(
    path: Path, settings: Settings, *, now: Callable[[], datetime] = datetime.now
) -> None:
    """Write ``settings`` to ``path`` atomically (only non-defaults, plus schema_version).

    Raises ``SettingsSaveError`` with a sentence for the user when it cannot. A file that
    exists but cannot be read is not replaced; a file that is not TOML is first kept aside
    as ``.broken-<now>``; a file from a newer version is left as it is while ``settings``
    equal what was read from it (nothing was changed).
    """
    with contextlib.suppress(OSError):
        # Write through a symlink (dotfile managers) instead of replacing the link itself.
        path = Path(os.path.realpath(path)) if path.is_symlink() else path
    existing = _read(path, values_if_newer_only=True)
    if existing.unreadable is not None:
        raise SettingsSaveError(
            f"Settings were not saved: {path} exists but cannot be read "
            f"({existing.unreadable}), so it is not replaced."
        )
    if existing.newer and existing.settings == replace(
        settings, schema_version=Settings.SCHEMA_VERSION
    ):
        return
    data = settings_to_toml(settings).encode("utf-8")
    try:
        if existing.broken is not None:
            _keep_aside(path, now)
        _write_atomically(path, data)
    except OSError as error:
        reason = _reason(error)
        if isinstance(error, FileExistsError | NotADirectoryError):
            reason = "a file stands where a folder should be"
        raise SettingsSaveError(
            f"Settings could not be saved to {path} ({reason}). "
            f"Check that the folder {path.parent} is writable."
        ) from error
