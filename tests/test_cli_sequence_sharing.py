"""`somatictimer sequence export|import` as a person runs them: exit codes, the words on the
terminal, and the files in the user library (unchanged, to the byte, after a bad file)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from somatictimer.cli import main

from tests.conftest import DATA

SHARING = sorted((DATA / "sharing").glob("*.toml"))
MINE = """schema = 1

[[pose]]
id = "shared-sit"
name = "My sit"
tradition = "somatics"
category = "rest"
position = "seated"
hold_s = 60

[[sequence]]
id = "my-evening"
name = "My Evening"
steps = [{ pose = "shared-sit" }, { pose = "cat-cow" }]
"""


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def data_dir(isolated_dirs: Path) -> Path:
    data = isolated_dirs / "data" / "somatictimer"
    (data / "library").mkdir(parents=True)
    (data / "library" / "mine.toml").write_text(MINE, encoding="utf-8")
    (data / "figures").mkdir()
    (data / "figures" / "mine.toml").write_text(
        'schema = 1\n\n[[figure]]\nid = "shared-sit"\n[[figure.keyframe]]\nneck = 10\n',
        encoding="utf-8",
    )
    return data


def test_every_broken_file_is_described_and_nothing_is_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(SHARING) >= 8
    before = files_under(data_dir)
    for path in SHARING:
        said = path.read_text(encoding="utf-8").splitlines()[0]
        line = re.search(r"\(.*line (\d+)", said)
        assert said.startswith("# Broken: ") and line, f"{path.name}: say what is wrong, and where"
        for choice in ([], ["--replace"], ["--rename"]):
            assert main(["sequence", "import", str(path), *choice]) == 1, path.name
            out, err = capsys.readouterr()
            assert out == ""
            assert f"{path}:{line.group(1)}: " in err, err
            assert err.endswith("Nothing was imported.\n")
        assert files_under(data_dir) == before, path.name


def test_a_file_over_one_mebibyte_is_refused_unread(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.toml"
    huge.write_bytes(b"schema = 1\n" + b"#" * 2**20)
    before = files_under(data_dir)
    assert main(["sequence", "import", str(huge)]) == 1
    assert capsys.readouterr().err == (
        f"{huge}: expected a library file of at most 1 MiB, found 1.0 MiB\nNothing was imported.\n"
    )
    assert files_under(data_dir) == before


def test_a_named_pipe_is_refused_without_hanging(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert main(["sequence", "import", str(fifo)]) == 1
    assert "expected a library file, found a named pipe (FIFO)" in capsys.readouterr().err


def test_export_then_import_into_a_fresh_data_dir(
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shared = tmp_path / "evening.toml"
    assert main(["sequence", "export", "my evening", "-o", str(shared)]) == 0
    assert capsys.readouterr().out == f'"My Evening" exported to {shared}\n'
    assert main(["sequence", "export", "my-evening", "-o", str(shared)]) == 1
    assert capsys.readouterr().err == (
        f"somatictimer: {shared} is already there; choose a new file name\n"
    )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh"))
    assert main(["sequence", "import", str(shared)]) == 0
    fresh = tmp_path / "fresh" / "somatictimer"
    assert capsys.readouterr().out == (
        f"imported {fresh / 'library' / 'pose-shared-sit.toml'}\n"
        f"imported {fresh / 'library' / 'sequence-my-evening.toml'}\n"
        f"imported {fresh / 'figures' / 'figure-shared-sit.toml'}\n"
    )
    assert main(["list"]) == 0
    assert "my-evening" in capsys.readouterr().out
    # The same file again: all there already, nothing written, nothing to decide.
    before = files_under(fresh)
    assert main(["sequence", "import", str(shared)]) == 0
    assert "already in your library, unchanged: sequence.my-evening" in capsys.readouterr().out
    assert files_under(fresh) == before


def test_a_clash_asks_for_replace_or_rename(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "evening.toml"
    assert main(["sequence", "export", "my-evening", "-o", str(shared)]) == 0
    text = shared.read_text(encoding="utf-8").replace('name = "My sit"', 'name = "Their sit"')
    shared.write_text(text, encoding="utf-8")
    capsys.readouterr()
    before = files_under(data_dir)
    assert main(["sequence", "import", str(shared)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f'{shared}:5: pose "shared-sit" is already in your library '
        f"({data_dir / 'library' / 'mine.toml'})\nNothing was imported: choose --replace"
    )
    assert files_under(data_dir) == before
    assert main(["sequence", "import", str(shared), "--rename"]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"imported {data_dir / 'library' / 'pose-shared-sit-2.toml'}",
        f"imported {data_dir / 'library' / 'sequence-my-evening-2.toml'}",
    ]
    assert main(["plan", "my-evening-2"]) == 0
    assert "Their sit" in capsys.readouterr().out


def test_replace_and_rename_cannot_both_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["sequence", "import", "x.toml", "--replace", "--rename"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_export_of_an_unknown_sequence_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sequence", "export", "evening hip releas"]) == 2
    assert capsys.readouterr().err == (
        'somatictimer: no sequence is called "evening hip releas"; '
        'did you mean "Evening Hip Release"?\n'
    )
