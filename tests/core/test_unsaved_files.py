"""A finished session the history cannot take yet waits in a private file: in the user's
state folder (or the next folder that takes it), one copy only, readable back whatever the
locale, gone once history has it; a file that is not one of ours is named and left alone."""

from __future__ import annotations

import errno
import json
import locale
import logging
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from somatictimer.core.history.records import SessionRecord, record_to_dict
from somatictimer.core.history.store import HistoryStore
from somatictimer.core.history.unsaved import MAX_FILE_BYTES, import_unsaved, keep_unsaved
from somatictimer.core.paths import AppPaths

from tests.core.test_history_helpers import session

NOTE = "Ça va — très bien, épaules détendues"


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A locale whose default text encoding is not UTF-8 (as cp1252 is on Windows)."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    yield
    locale.setlocale(locale.LC_CTYPE, before)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite3") as opened:
        yield opened


def folders_in(tmp_path: Path) -> tuple[Path, Path]:
    return (tmp_path / "state" / "unsaved", tmp_path / "run" / "unsaved")


def test_unsaved_sessions_wait_in_the_users_state_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    paths = AppPaths.from_platform()
    assert paths.unsaved_folders == (
        tmp_path / "state" / "somatictimer" / "unsaved",
        tmp_path / "run" / "somatictimer" / "unsaved",
    )
    record = session()
    assert keep_unsaved(record, paths.unsaved_folders) == (
        tmp_path / "state" / "somatictimer" / "unsaved" / f"session-{record.id}.json"
    )


def test_rewriting_a_kept_session_keeps_it_in_the_same_private_file(tmp_path: Path) -> None:
    folders = folders_in(tmp_path)
    record = session()
    first = keep_unsaved(record, folders)
    again = keep_unsaved(replace(record, notes="added later"), folders)  # folder exists now
    assert first == again == folders[0] / f"session-{record.id}.json"
    assert stat.S_IMODE(folders[0].stat().st_mode) == 0o700
    assert stat.S_IMODE(again.stat().st_mode) == 0o600
    assert json.loads(again.read_text(encoding="utf-8"))[0]["notes"] == "added later"
    assert [p.name for p in folders[0].iterdir()] == [again.name]  # no partial file left


def test_once_the_state_folder_takes_it_again_the_copy_in_the_next_folder_goes(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    state = tmp_path / "state"
    state.write_text("a file where the folder should be", encoding="utf-8")  # like a full disk
    folders = (state / "unsaved", tmp_path / "run" / "unsaved")
    record = session()
    with caplog.at_level(logging.WARNING, logger="somatictimer.core.history.unsaved"):
        assert keep_unsaved(record, folders) == folders[1] / f"session-{record.id}.json"
    assert caplog.messages == [
        f"cannot keep the unsaved session in {folders[0]}: "
        f"{OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folders[0]))}"
    ]
    state.unlink()  # room again
    assert keep_unsaved(record, folders) == folders[0] / f"session-{record.id}.json"
    assert not (folders[1] / f"session-{record.id}.json").exists()  # one copy, not two


def test_a_kept_session_with_a_non_ascii_note_is_saved_back_whatever_the_locale(
    tmp_path: Path, store: HistoryStore, ascii_locale: None
) -> None:
    folders = folders_in(tmp_path)
    record = replace(session(), notes=NOTE)
    kept = keep_unsaved(record, folders)
    assert kept is not None
    assert NOTE in kept.read_bytes().decode("utf-8")
    saved, problems = import_unsaved(store, folders)
    assert (saved, problems) == ([record], [])
    assert store.get(record.id) == record
    assert not kept.exists()


def write(folder: Path, record: SessionRecord, size: int | None = None) -> Path:
    """The session as keep_unsaved writes it, padded with trailing spaces to ``size``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"session-{record.id}.json"
    text = json.dumps([record_to_dict(record)])
    if size is not None:
        text += " " * (size - len(text))
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_too_large_for_one_session_is_named_and_left_where_it_is(
    tmp_path: Path, store: HistoryStore
) -> None:
    folder = folders_in(tmp_path)[0]
    fits = write(folder, session(session_id="a" * 32), size=MAX_FILE_BYTES)
    too_big = write(folder, session(session_id="b" * 32), size=MAX_FILE_BYTES + 1)
    saved, problems = import_unsaved(store, [folder])
    assert [r.id for r in saved] == ["a" * 32]
    assert not fits.exists()
    assert problems == [
        f"{too_big}: an unsaved session could not be read back (not a session file)"
    ]
    assert too_big.exists()


def test_a_folder_with_a_session_name_is_named_and_left_where_it_is(
    tmp_path: Path, store: HistoryStore
) -> None:
    folder = folders_in(tmp_path)[0]
    odd = folder / "session-odd.json"
    odd.mkdir(parents=True)
    assert import_unsaved(store, [folder]) == (
        [],
        [f"{odd}: an unsaved session could not be read back (not a session file)"],
    )
    assert odd.is_dir()


def test_one_unreadable_file_does_not_hold_back_the_sessions_after_it(
    tmp_path: Path, store: HistoryStore
) -> None:
    folder = folders_in(tmp_path)[0]
    folder.mkdir(parents=True)
    (folder / "session-0-broken.json").write_text("[{", encoding="utf-8")
    record = session()
    kept = keep_unsaved(record, [folder])
    saved, problems = import_unsaved(store, [folder])
    assert saved == [record] and store.get(record.id) == record
    assert len(problems) == 1 and problems[0].startswith(f"{folder / 'session-0-broken.json'}: ")
    assert kept is not None and not kept.exists()


class OtherInstanceAtOnce:
    """A history that another launch, importing the same folder at the same moment, fills
    first: it saves the session and removes its file while this launch looks at it."""

    def __init__(self, real: HistoryStore, kept: Path, record: SessionRecord) -> None:
        self.real, self.kept, self.record = real, kept, record

    def known_ids(self, ids: list[str]) -> set[str]:
        self.real.save(self.record)
        self.kept.unlink()
        return self.real.known_ids(ids)

    def save(self, record: SessionRecord) -> None:
        self.real.save(record)


def test_a_session_imported_by_another_launch_meanwhile_is_no_problem(
    tmp_path: Path, store: HistoryStore
) -> None:
    folder = folders_in(tmp_path)[0]
    record = session()
    kept = keep_unsaved(record, [folder])
    assert kept is not None
    other = OtherInstanceAtOnce(store, kept, record)
    saved, problems = import_unsaved(other, [folder])  # type: ignore[arg-type]
    assert (saved, problems) == ([], [])  # saved once, by the other launch
    assert store.get(record.id) == record
