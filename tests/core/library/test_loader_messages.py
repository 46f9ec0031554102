"""Whole-file problems, word for word: what `somatictimer check` prints for each."""

from __future__ import annotations

from pathlib import Path

import pytest
from somatictimer.core.library import load_library


def problems(path: Path) -> list[str]:
    return [str(p) for p in load_library([[path]]).problems]


NONE_FOUND = "expected at least one [[pose]], [[breath]] or [[sequence]], found none"
SYNTAX = "expected valid TOML, found a syntax error"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"",
            ": expected `schema = 1` and at least one [[pose]], [[breath]] or [[sequence]], "
            "found an empty file",
        ),
        (b"schema = 1\n\x00", ": expected UTF-8 TOML text, found binary data (NUL bytes)"),
        (b"schema = 1\nx = = 3\n", f":2: {SYNTAX}: Invalid value (column 5)"),
        (b"schema = 1\nx = [\n", f": {SYNTAX}: Invalid value"),  # tomllib gives no line
        (b"schema = 2\n", ":1: schema: expected 1, found 2; this file needs a newer somatictimer"),
        (b"schema = 0\n", ":1: schema: expected 1, found 0"),
        (b"# no schema\n[[pose]]\n", ":1: schema: expected 1, found nothing"),
        (b"schema = 1\npose = 3\n", ":2: pose: expected [[pose]] tables, found 3"),
        (b"schema = 1\npose = [1]\n", ":2: pose: expected [[pose]] tables, found [1]"),
        (
            b"schema = 1\n[[poses]]\nid = 'x'\n",
            ":2: poses: expected [[pose]], [[breath]] or [[sequence]] tables, found an unknown "
            'key (did you mean "pose"?)',
        ),
        (b"schema = 1\n", f": {NONE_FOUND}"),
    ],
)
def test_each_whole_file_problem_word_for_word(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_bytes(content)
    assert problems(path)[0] == f"{path}{expected}"


def test_a_missing_file_and_an_unreadable_one(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    assert problems(missing) == [f"{missing}: expected a library file, found nothing at this path"]
    folder_named_toml = tmp_path / "dir.toml"
    folder_named_toml.mkdir()
    (folder_named_toml / "inner.toml").write_text("schema = 1\n")
    found = problems(folder_named_toml)  # a folder is searched, not read
    assert found == [f"{folder_named_toml / 'inner.toml'}: {NONE_FOUND}"]


def test_a_file_of_exactly_one_mebibyte_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    body = b"schema = 1\n"
    path.write_bytes(body + b"#" * (1024 * 1024 - len(body) - 1) + b"\n")
    assert problems(path) == [f"{path}: {NONE_FOUND}"]
