"""History export (CSV, JSON) and import (our JSON, Insight Timer's CSV export).

Formats: docs/history-format.md. An import is idempotent (sessions are keyed by id; an
Insight Timer row's id is derived from its content) and writes in one transaction.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from somatictimer.core.history.outcome import record_blocks
from somatictimer.core.history.records import (
    MAX_SECONDS,
    REGIONS,
    CheckIn,
    HistoryError,
    SessionRecord,
    check_record,
    record_from_dict,
    record_to_dict,
)
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.safe_files import NotAFile, read_regular

CSV_COLUMNS = (
    "id",
    "started_at",
    "ended_at",
    "sequence_id",
    "sequence_name",
    "tradition",
    "status",
    "planned_s",
    "practised_s",
    "pauses",
    "notes",
    "source",
    "steps",
    "calm_before",
    "calm_after",
    "tension_before",
    "tension_after",
    "checkin_note_before",
    "checkin_note_after",
    "steps_practised",
    "steps_shortened",
    "steps_skipped",
    "skipped_steps",
)
INSIGHT_HEADER = ("Started At", "Duration", "Preset", "Activity")
INSIGHT_SEQUENCE_ID = "insight-timer"
# Fixed forever: the ids of imported Insight Timer rows derive from it.
_INSIGHT_NAMESPACE = uuid.UUID("9b0c5a0e-7d1f-5c55-9a43-1f6c2f1d8a57")
_DURATION = re.compile(r"(\d+):([0-5]\d):([0-5]\d)")
_INSIGHT_TIME = "%m/%d/%Y %H:%M:%S"
MAX_IMPORT_BYTES = 256 * 1024 * 1024  # far above any real history; /dev/zero is refused


@dataclass(frozen=True)
class BadRow:
    """A row that could not be imported; str() gives `line 7: Duration "1:7x:00" is …`."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    """`added` sessions are new (written if `committed`; else what accepting would add)."""

    added: int
    skipped_existing: int
    bad: tuple[BadRow, ...]
    committed: bool


# -- export ------------------------------------------------------------------------------------


def export_json(store: HistoryStore, out: TextIO) -> int:
    """Write every session, oldest first, as a JSON list; returns how many."""
    records = store.sessions()[::-1]
    json.dump([record_to_dict(r) for r in records], out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(records)


def _tension_text(checkin: CheckIn | None) -> str:
    if checkin is None:
        return ""
    return ";".join(f"{r}={checkin.tension[r]}" for r in REGIONS if r in checkin.tension)


def _calm_text(checkin: CheckIn | None) -> str:
    return "" if checkin is None or checkin.calm is None else str(checkin.calm)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what spreadsheets may evaluate


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that starts like a formula gets a
    leading apostrophe (OWASP's CSV injection advice). Undo by dropping an apostrophe that
    is followed by one of FORMULA_START."""
    return "'" + text if text.startswith(FORMULA_START) else text


def export_csv(store: HistoryStore, out: TextIO) -> int:
    """Write every session, oldest first, one row each (CSV_COLUMNS); returns how many.
    Rows end in CRLF (RFC 4180), so a line break inside a note is quoted, never a new row;
    text cells are made spreadsheet-safe."""
    records = store.sessions()[::-1]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        before, after = r.checkin_before, r.checkin_after
        blocks = record_blocks(r)  # derived from the steps, as in history_outcome
        cells = (
            r.id,
            r.started_at.isoformat(),
            r.ended_at.isoformat(),
            r.sequence_id,
            r.sequence_name,
            r.tradition,
            r.status,
            r.planned_s,
            r.practised_s,
            r.pauses,
            r.notes,
            r.source,
            len(r.steps),
            _calm_text(before),
            _calm_text(after),
            _tension_text(before),
            _tension_text(after),
            "" if before is None else before.note,
            "" if after is None else after.note,
            blocks.practised,
            blocks.shortened,
            blocks.skipped,
            "; ".join(blocks.skipped_names),
        )
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in cells])
    return len(records)


# -- import ------------------------------------------------------------------------------------


def import_file(store: HistoryStore, path: Path, *, accept_bad: bool = False) -> ImportResult:
    """Import our JSON export or an Insight Timer CSV export, in one transaction.

    With bad rows and not `accept_bad`, nothing is written (`committed` is False) and the
    result says what accepting would add. HistoryError if the file cannot be read or is
    neither format.
    """
    try:
        text = read_regular(path, MAX_IMPORT_BYTES).decode("utf-8-sig")
    except NotAFile as error:
        raise HistoryError(f"{path}: cannot be imported: it {error.reason}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise HistoryError(f"{path}: cannot be read ({error})") from error
    if text.lstrip().startswith("["):
        rows = _json_rows(text, path)
    elif _is_insight(text):
        rows = _insight_rows(text, path)
    else:
        raise HistoryError(
            f"{path}: not a history file: expected a somatictimer JSON export (a list of "
            f'sessions) or an Insight Timer CSV export (header "{",".join(INSIGHT_HEADER)}")'
        )
    return _write(store, rows, accept_bad)


_Rows = list[tuple[int, SessionRecord | str]]  # line, record or the problem


def _write(store: HistoryStore, rows: _Rows, accept_bad: bool) -> ImportResult:
    bad = tuple(BadRow(line, item) for line, item in rows if isinstance(item, str))
    unique: dict[str, SessionRecord] = {}
    repeated = 0
    for _line, item in rows:
        if isinstance(item, SessionRecord):
            if item.id in unique:
                repeated += 1
            else:
                unique[item.id] = item
    known = store.known_ids(unique)
    new = [r for session_id, r in unique.items() if session_id not in known]
    skipped = repeated + len(known)
    if bad and not accept_bad:
        return ImportResult(len(new), skipped, bad, committed=False)
    added = store.save_many(new, checked=True)  # every row was checked as it was read
    return ImportResult(added, skipped + len(new) - added, bad, committed=True)


def _json_rows(text: str, path: Path) -> _Rows:
    rows: _Rows = []
    for line, item in _json_items(text, path):
        try:
            rows.append((line, record_from_dict(item)))
        except ValueError as error:
            rows.append((line, str(error)))
    return rows


def _json_items(text: str, path: Path) -> list[tuple[int, Any]]:
    """The items of a top-level JSON list, each with the line it starts on."""
    decoder = json.JSONDecoder()
    items: list[tuple[int, Any]] = []
    end = len(text)

    def skip(i: int) -> int:
        while i < end and text[i] in " \t\r\n":
            i += 1
        return i

    line, counted_to = 1, 0  # lines counted once, front to back: linear in the file size

    try:
        i = skip(0) + 1  # past "["
        i = skip(i)
        if i < end and text[i] == "]":
            i += 1
        else:
            while True:
                i = skip(i)
                item, after = decoder.raw_decode(text, i)
                line += text.count("\n", counted_to, i)
                counted_to = i
                items.append((line, item))
                i = skip(after)
                if i < end and text[i] == ",":
                    i += 1
                elif i < end and text[i] == "]":
                    i += 1
                    break
                else:
                    raise json.JSONDecodeError("expected ',' or ']'", text, i)
        if skip(i) != end:
            raise json.JSONDecodeError("extra data after the list", text, skip(i))
    except json.JSONDecodeError as error:
        raise HistoryError(
            f"{path}: line {error.lineno} column {error.colno}: not valid JSON ({error.msg})"
        ) from error
    except RecursionError:
        line += text.count("\n", counted_to, i)
        raise HistoryError(
            f"{path}: line {line}: not a session: values nested too deeply"
        ) from None
    return items


def _is_insight(text: str) -> bool:
    """Whether the first CSV record (quoted cells may span lines) is Insight's header."""
    try:
        first = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return False
    return tuple(cell.strip() for cell in first[:4]) == INSIGHT_HEADER


def _insight_rows(text: str, path: Path) -> _Rows:
    rows: _Rows = []
    reader = csv.reader(text.splitlines())
    next(reader)  # the header
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            try:
                rows.append((line, insight_record(cells)))
            except ValueError as error:
                rows.append((line, str(error)))
    except csv.Error as error:  # e.g. a field over 128 KiB: not an Insight Timer export
        raise HistoryError(f"{path}: line {reader.line_num}: not valid CSV ({error})") from None
    return rows


def insight_record(cells: list[str]) -> SessionRecord:
    """One Insight Timer row (Started At local, Duration H:MM:SS, Preset, Activity)."""
    started_text, duration_text, preset, activity = [*(c.strip() for c in cells), "", "", ""][:4]
    try:
        naive = datetime.strptime(started_text, _INSIGHT_TIME)
    except ValueError:
        raise ValueError(f'Started At "{started_text}" is not MM/DD/YYYY HH:MM:SS') from None
    match = _DURATION.fullmatch(duration_text)
    if match is None:
        raise ValueError(f'Duration "{duration_text}" is not H:MM:SS')
    hours, minutes, seconds = (int(g) for g in match.groups())
    duration_s = float(hours * 3600 + minutes * 60 + seconds)
    if duration_s > MAX_SECONDS:
        raise ValueError(f'Duration "{duration_text}" is longer than a year')
    try:
        started = naive.astimezone()  # local wall time -> the local UTC offset of that moment
        ended = started + timedelta(seconds=duration_s)
    except (OverflowError, ValueError):
        raise ValueError(f'Started At "{started_text}" is out of range') from None
    key = "|".join((started_text, duration_text, preset, activity))
    record = SessionRecord(
        id=uuid.uuid5(_INSIGHT_NAMESPACE, key).hex,
        started_at=started,
        ended_at=ended,
        sequence_id=INSIGHT_SEQUENCE_ID,
        sequence_name=preset or activity or "Insight Timer",
        tradition="",
        planned_s=duration_s,
        practised_s=duration_s,
        status="completed",
        source="import",
    )
    check_record(record)  # a name past the text limit is a bad row, not saved
    return record
