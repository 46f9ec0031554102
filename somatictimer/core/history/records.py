"""What a history entry is: session records, check-ins, and their plain-data (JSON) form."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

REGIONS = (
    "jaw",
    "neck-shoulders",
    "chest",
    "belly",
    "lower-back",
    "hips",
    "thighs",
    "knees",
    "feet",
)
STATUSES = ("completed", "partial", "stopped", "recovered")  # docs/history-format.md
SOURCES = ("app", "terminal", "manual", "import")


class HistoryError(Exception):
    """The history file cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class CheckIn:
    """A body self-report: tension 0–10 for the rated regions only, overall calm 0–10."""

    tension: Mapping[str, int] = field(default_factory=dict)
    calm: int | None = None
    note: str = ""


@dataclass(frozen=True)
class StepRecord:
    """One step as it was practised (a snapshot: later library edits do not change it)."""

    pose_id: str
    pose_name: str
    side: str
    planned_s: float
    actual_s: float


@dataclass(frozen=True)
class SessionRecord:
    """One practice run. Times are timezone-aware, in the local UTC offset at the time."""

    id: str  # uuid4 hex
    started_at: datetime
    ended_at: datetime
    sequence_id: str
    sequence_name: str
    tradition: str
    planned_s: float
    practised_s: float  # pauses excluded
    status: str  # one of STATUSES
    pauses: int = 0
    notes: str = ""
    steps: tuple[StepRecord, ...] = ()
    checkin_before: CheckIn | None = None
    checkin_after: CheckIn | None = None
    source: str = "app"  # one of SOURCES


# -- checks ---------------------------------------------------------------------------------


def _seconds_ok(value: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= MAX_SECONDS
    )


MAX_SECONDS = 366 * 24 * 3600.0  # no session (or step) lasts a year
MAX_COUNT = 1_000_000  # pauses
MAX_TEXT = 100_000  # characters in a note or a name


def _text_problem(value: object) -> str | None:
    """Why a value cannot be stored as text, or None."""
    if not isinstance(value, str):
        return f"expected text, found {value!r}"
    if len(value) > MAX_TEXT:
        return f"expected at most {MAX_TEXT:,} characters, found {len(value):,}"
    if value.isascii():  # the common case, and fast
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"expected text, found a lone surrogate (U+{ord(value[error.start]):04X})"
    return None


def _plain_text(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_TEXT and value.isascii()


def _check_text(name: str, value: object) -> None:
    problem = _text_problem(value)
    if problem is not None:
        raise ValueError(f"{name}: {problem}")


def _bad_step_seconds(index: int, name: str, value: object) -> None:
    raise ValueError(f"steps[{index}].{name}: expected seconds from 0 to a year, found {value!r}")


def _score_ok(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10


def check_record(record: SessionRecord) -> None:
    """Raise ValueError naming the first field that is not a valid value."""
    for name in ("started_at", "ended_at"):
        value = getattr(record, name)
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise ValueError(f"{name}: expected a timezone-aware datetime, found {value!r}")
    if not record.id:
        raise ValueError("id: expected a non-empty id")
    if record.status not in STATUSES:
        raise ValueError(f"status: expected one of {', '.join(STATUSES)}, found {record.status!r}")
    if record.source not in SOURCES:
        raise ValueError(f"source: expected one of {', '.join(SOURCES)}, found {record.source!r}")
    for name in ("planned_s", "practised_s"):
        if not _seconds_ok(getattr(record, name)):
            raise ValueError(
                f"{name}: expected seconds from 0 to a year, found {getattr(record, name)!r}"
            )
    pauses = record.pauses
    if not isinstance(pauses, int) or isinstance(pauses, bool) or not 0 <= pauses <= MAX_COUNT:
        raise ValueError(f"pauses: expected a count from 0 to {MAX_COUNT:,}, found {pauses!r}")
    _check_text("id", record.id)
    _check_text("sequence_id", record.sequence_id)
    _check_text("sequence_name", record.sequence_name)
    _check_text("tradition", record.tradition)
    _check_text("notes", record.notes)
    for index, step in enumerate(record.steps):
        if not _seconds_ok(step.planned_s):
            _bad_step_seconds(index, "planned_s", step.planned_s)
        if not _seconds_ok(step.actual_s):
            _bad_step_seconds(index, "actual_s", step.actual_s)
        for name in ("pose_id", "pose_name", "side"):
            value = getattr(step, name)
            if not _plain_text(value):  # names formatted only for a problem: imports are big
                _check_text(f"steps[{index}].{name}", value)
    for name in ("checkin_before", "checkin_after"):
        checkin = getattr(record, name)
        if checkin is None:
            continue
        _check_text(f"{name}.note", checkin.note)
        for region, value in checkin.tension.items():
            if region not in REGIONS:
                raise ValueError(f"{name}.tension: unknown region {region!r}")
            if not _score_ok(value):
                raise ValueError(f"{name}.tension.{region}: expected 0–10, found {value!r}")
        if checkin.calm is not None and not _score_ok(checkin.calm):
            raise ValueError(f"{name}.calm: expected 0–10 or null, found {checkin.calm!r}")


# -- plain data (JSON export and the checkpoint row) -------------------------------------------


def checkin_to_dict(checkin: CheckIn | None) -> dict[str, Any] | None:
    if checkin is None:
        return None
    tension = {r: checkin.tension[r] for r in REGIONS if r in checkin.tension}
    return {"tension": tension, "calm": checkin.calm, "note": checkin.note}


def record_to_dict(record: SessionRecord) -> dict[str, Any]:
    """The JSON object of one session (docs/history-format.md)."""
    return {
        "id": record.id,
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat(),
        "sequence_id": record.sequence_id,
        "sequence_name": record.sequence_name,
        "tradition": record.tradition,
        "planned_s": record.planned_s,
        "practised_s": record.practised_s,
        "status": record.status,
        "pauses": record.pauses,
        "notes": record.notes,
        "source": record.source,
        "steps": [
            {
                "pose_id": s.pose_id,
                "pose_name": s.pose_name,
                "side": s.side,
                "planned_s": s.planned_s,
                "actual_s": s.actual_s,
            }
            for s in record.steps
        ],
        "checkin_before": checkin_to_dict(record.checkin_before),
        "checkin_after": checkin_to_dict(record.checkin_after),
    }


def _get(
    data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any = ...
) -> Any:
    if key not in data:
        if default is ...:
            raise ValueError(f'"{key}" is missing')
        return default
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f'"{key}": expected {_kind_name(kind)}, found {value!r}')
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "text",
        int: "a whole number",
        float: "a number",
        list: "a list",
        dict: "an object",
    }
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if float in kinds:
        return "a number"
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _time(data: Mapping[str, Any], key: str) -> datetime:
    text = _get(data, key, str)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f'"{key}": expected an ISO 8601 time, found {text!r}') from None
    if value.utcoffset() is None:
        raise ValueError(f'"{key}": expected a time with a UTC offset, found {text!r}')
    return value


def checkin_from_dict(data: Any, key: str) -> CheckIn | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise ValueError(f'"{key}": expected an object or null, found {data!r}')
    tension = _get(data, "tension", dict, {})
    calm = _get(data, "calm", (int, type(None)), None)
    return CheckIn(dict(tension), calm, _get(data, "note", str, ""))


def record_from_dict(data: Any) -> SessionRecord:
    """The inverse of record_to_dict; ValueError says which key is wrong and why."""
    if not isinstance(data, dict):
        raise ValueError(f"expected a session object, found {type(data).__name__}")
    steps = []
    for index, item in enumerate(_get(data, "steps", list, [])):
        if not isinstance(item, dict):
            raise ValueError(f'"steps"[{index}]: expected an object, found {item!r}')
        steps.append(
            StepRecord(
                _get(item, "pose_id", str),
                _get(item, "pose_name", str, ""),
                _get(item, "side", str, ""),
                _get(item, "planned_s", (int, float), 0.0),
                _get(item, "actual_s", (int, float), 0.0),
            )
        )
    record = SessionRecord(
        id=_get(data, "id", str),
        started_at=_time(data, "started_at"),
        ended_at=_time(data, "ended_at"),
        sequence_id=_get(data, "sequence_id", str, ""),
        sequence_name=_get(data, "sequence_name", str),
        tradition=_get(data, "tradition", str, ""),
        planned_s=_get(data, "planned_s", (int, float)),
        practised_s=_get(data, "practised_s", (int, float)),
        status=_get(data, "status", str),
        pauses=_get(data, "pauses", int, 0),
        notes=_get(data, "notes", str, ""),
        steps=tuple(steps),
        checkin_before=checkin_from_dict(data.get("checkin_before"), "checkin_before"),
        checkin_after=checkin_from_dict(data.get("checkin_after"), "checkin_after"),
        source=_get(data, "source", str, "app"),
    )
    check_record(record)
    return record
