"""Our files are written whole or not at all, and never over a file unless asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from somatictimer.core import safe_files
from somatictimer.core.safe_files import atomic_file, write_atomically


def test_a_new_file_is_written_and_no_temp_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "new" / "a.toml"
    write_atomically(target, b"schema = 1\n", replace=False)
    assert target.read_bytes() == b"schema = 1\n"
    assert os.listdir(target.parent) == ["a.toml"]


def test_an_existing_file_is_kept_unless_replace_is_asked(tmp_path: Path) -> None:
    target = tmp_path / "a.toml"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_atomically(target, b"theirs", replace=False)
    assert target.read_bytes() == b"mine"
    assert os.listdir(tmp_path) == ["a.toml"]
    write_atomically(target, b"theirs")
    assert target.read_bytes() == b"theirs"


def test_without_hard_links_an_existing_file_is_still_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(safe_files.os, "link", no_links)
    target = tmp_path / "a.toml"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_atomically(target, b"theirs", replace=False)
    assert target.read_bytes() == b"mine"
    write_atomically(tmp_path / "b.toml", b"new", replace=False)
    assert (tmp_path / "b.toml").read_bytes() == b"new"
    assert sorted(os.listdir(tmp_path)) == ["a.toml", "b.toml"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.toml"
    target.write_bytes(b"mine")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"theirs")
    assert target.read_bytes() == b"mine"
    assert os.listdir(tmp_path) == ["a.toml"]


def test_a_private_file_is_for_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "private" / "session.json"
    write_atomically(target, b"{}", private=True)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700


def test_an_error_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"old rows")
    with pytest.raises(RuntimeError), atomic_file(target) as file:
        file.write(b"half the new ro")
        raise RuntimeError("the history could not be read")
    assert target.read_bytes() == b"old rows"
    assert os.listdir(tmp_path) == ["export.csv"]
