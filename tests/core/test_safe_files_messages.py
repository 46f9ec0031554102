"""What a reader says when a path holds something other than a sensible file, word for word:
the kind of thing found, the size cap, TOML nested too deeply; and the path named is the one
the user knows."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_figures_dir
from somatictimer.core.safe_files import kind_of, read_regular
from somatictimer.core.settings import Settings, SettingsSaveError, load_settings, save_settings
from somatictimer.figures.data import load_figures

DEEP = "x = " + "[" * 3000 + "]" * 3000 + "\n"  # past Python's recursion limit


def test_a_reader_that_catches_any_os_error_still_reads_why(tmp_path: Path) -> None:
    """read_regular's refusals are OSErrors, so a caller may catch them with the rest; the
    error's own words then say what was found."""
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (2**20 + 1))
    said = []
    for path in (fifo, big, tmp_path):
        try:
            read_regular(path, 2**20)
        except OSError as error:
            said.append(str(error))
    assert said == [
        "is a named pipe (FIFO), not a file",
        "is larger than 1 MiB",
        "is a folder, not a file",
    ]


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: path.mkdir(), "a folder"),
        (os.mkfifo, "a named pipe (FIFO)"),
        (lambda path: os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3)), "a device"),
        (lambda path: path.symlink_to("elsewhere"), "not a regular file"),  # seen with lstat
    ],
)
def test_what_stands_at_a_path_is_named(tmp_path: Path, make: object, kind: str) -> None:
    path = tmp_path / "thing"
    make(path)  # type: ignore[operator]
    assert kind_of(path.lstat().st_mode) == kind


def test_toml_nested_too_deeply_is_a_problem_in_words(tmp_path: Path) -> None:
    library = tmp_path / "deep.toml"
    library.write_text("schema = 1\n" + DEEP, encoding="utf-8")
    assert [str(p) for p in load_library([[library]]).problems] == [
        f"{library}: expected valid TOML, found a syntax error: values nested too deeply"
    ]
    settings = tmp_path / "settings.toml"
    settings.write_text(DEEP, encoding="utf-8")
    loaded, notices = load_settings(settings)
    assert loaded == Settings()
    assert len(notices) == 1
    assert notices[0].startswith(f"{settings}: is not valid TOML (values nested too deeply); ")


def test_a_settings_file_that_is_a_folder_is_named_where_the_user_keeps_it(
    tmp_path: Path,
) -> None:
    """A config folder linked elsewhere (dotfile managers): the message names the path the
    app uses, not where the link leads."""
    real = tmp_path / "dotfiles" / "somatictimer"
    (real / "settings.toml").mkdir(parents=True)
    config = tmp_path / "config"
    config.symlink_to(tmp_path / "dotfiles")
    path = config / "somatictimer" / "settings.toml"
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(path, Settings())
    assert str(caught.value) == (
        f"Settings were not saved: {path} exists but cannot be read "
        "(is a folder, not a file), so it is not replaced."
    )


def test_the_shipped_figures_are_found_and_load_without_a_problem() -> None:
    shipped = load_figures([builtin_figures_dir()])
    assert [str(p) for p in shipped.problems] == []
    assert len(shipped.figures) > 50
