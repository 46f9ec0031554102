"""Session notes from the end screen, kept as JSON lines until the history store arrives.

Append-only: a crash can at worst lose the line being written, never earlier notes.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Note:
    saved_at: str  # ISO 8601 with the local UTC offset
    sequence_id: str
    sequence_name: str
    status: str  # "completed" or "stopped"
    practised_s: float
    text: str


def make_note(
    sequence_id: str, sequence_name: str, status: str, practised_s: float, text: str
) -> Note:
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    return Note(now, sequence_id, sequence_name, status, round(practised_s, 1), text.strip())


def append_note(path: Path, note: Note) -> None:
    """Append one line and fsync it; raises OSError with the path for the caller to show."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(note), ensure_ascii=False) + "\n"
    with path.open("a", encoding="utf-8") as out:
        out.write(line)
        out.flush()
        os.fsync(out.fileno())


def read_notes(path: Path) -> tuple[list[Note], list[str]]:
    """All readable notes, newest first, and a problem line for each unreadable one."""
    notes: list[Note] = []
    problems: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as error:
        return [], [f"{path}: cannot be read ({error})"]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            notes.append(Note(**json.loads(line)))
        except (ValueError, TypeError) as error:
            problems.append(f"{path}:{number}: not a note ({error})")
    return notes[::-1], problems
