"""App settings: one declarative schema, a flat TOML file, atomic saves, kind failures.

``Settings`` is the schema: every field has its default and its check in one place. The file
(``AppPaths.settings_file``) holds only what differs from the defaults. A file that is not
TOML is kept aside as ``settings.toml.broken-YYYYMMDD-HHMMSS``; a file with wrong values is
left alone and every problem is reported; nothing here ever raises on a bad file.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from somatictimer.core import fields as f
from somatictimer.core.safe_files import (
    NotAFile,
    TomlProblem,
    parse_toml,
    read_regular,
    write_atomically,
)
from somatictimer.core.settings_schema import (  # re-exported: callers import from here
    AUDIO_BACKENDS,
    CUE_KINDS,
    MAX_FILE_BYTES,
    SILENT,
    SOUND_NAMES,
    THEMES,
    Settings,
    SettingsSaveError,
    _cue_kind,
    _setting_fields,
    settings_to_toml,
)

__all__ = [
    "AUDIO_BACKENDS",
    "CUE_KINDS",
    "SILENT",
    "SOUND_NAMES",
    "THEMES",
    "Settings",
    "SettingsSaveError",
    "load_settings",
    "save_settings",
    "settings_to_toml",
]


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
        parse_toml(text)
    except TomlProblem as problem:
        if problem.line is not None:
            return (
                None,
                f"is not valid TOML ({problem.detail} at column {problem.column})",
                problem.line,
            )
        return None, f"is not valid TOML ({problem.detail})", None
    return text, "", None


def _read(path: Path, *, values_if_newer_only: bool = False) -> _Outcome:
    """Read and check ``path`` without changing it.

    ``values_if_newer_only`` (for saving): skip upgrades and checks unless the file is from a
    newer version, the one case where a save needs to know what it holds.
    """
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except (FileNotFoundError, NotADirectoryError):  # a file where a folder should be
        return _Outcome(missing=True)
    except NotAFile as error:
        if not error.kind:  # too large: broken, kept aside like any broken file
            return _Outcome(broken="is larger than 1 MiB, which is not a settings file")
        return _Outcome(unreadable=error.reason)
    except OSError as error:
        return _Outcome(unreadable=_reason(error))
    text, broken, line = _decode(raw)
    if text is None:
        return _Outcome(broken=broken, broken_line=line)
    return _check(path, parse_toml(text), _Lines(text), values_if_newer_only)


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
        write_atomically(path, data)
    except OSError as error:
        reason = _reason(error)
        if isinstance(error, FileExistsError | NotADirectoryError):
            reason = "a file stands where a folder should be"
        raise SettingsSaveError(
            f"Settings could not be saved to {path} ({reason}). "
            f"Check that the folder {path.parent} is writable."
        ) from error
