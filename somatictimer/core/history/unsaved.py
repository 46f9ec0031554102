"""Finished sessions the history could not take yet, kept in private files until it can.

When the final save fails (read-only or full data folder, a damaged database) the session is
written at once, as one-item JSON in our export format, to the first of the folders that
takes it (``AppPaths.unsaved_folders``: the user's state folder, then the memory-backed
runtime folder, for a full disk).
Folders are 0700 and files 0600: a note or a check-in is nobody else's business. The file is
removed as soon as the session is in history, and the next start imports any left behind.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from somatictimer.core.history.records import (
    HistoryError,
    SessionRecord,
    record_from_dict,
    record_to_dict,
)
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.safe_files import write_atomically

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 4 * 1024 * 1024  # one session; anything bigger is not ours


def keep_unsaved(record: SessionRecord, folders: Sequence[Path]) -> Path | None:
    """Write (or rewrite) the session's private file; its path, or None when no folder
    could take it."""
    text = json.dumps([record_to_dict(record)], indent=2, ensure_ascii=False)
    for folder in folders:
        path = folder / f"session-{record.id}.json"
        try:
            write_atomically(path, text.encode("utf-8"), private=True)
        except OSError as error:
            log.warning("cannot keep the unsaved session in %s: %s", folder, error)
            continue
        forget_unsaved(record.id, [f for f in folders if f != folder])
        return path
    return None


def forget_unsaved(session_id: str, folders: Sequence[Path]) -> None:
    """The session is in history now: its private file goes."""
    for folder in folders:
        with contextlib.suppress(OSError):
            (folder / f"session-{session_id}.json").unlink()


def import_unsaved(
    store: HistoryStore, folders: Sequence[Path]
) -> tuple[list[SessionRecord], list[str]]:
    """Save the sessions left in private files into history; the sessions saved and a
    notice for each file that could not be read (the file is left where it is)."""
    saved: list[SessionRecord] = []
    problems: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("session-*.json")):
            try:
                record = _read(path)
                if store.known_ids([record.id]) == set():
                    store.save(record)
                    saved.append(record)
            except (OSError, ValueError, TypeError, RecursionError, HistoryError) as error:
                problems.append(f"{path}: an unsaved session could not be read back ({error})")
                continue
            with contextlib.suppress(OSError):
                path.unlink()
    return saved, problems


def _read(path: Path) -> SessionRecord:
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        raise ValueError("not a session file")
    (item,) = json.loads(path.read_text(encoding="utf-8"))
    return record_from_dict(item)
