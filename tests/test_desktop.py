"""Desktop integration: the shipped entry, metainfo and icons, and installing them per user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from somatictimer import desktop
from somatictimer.core.paths import assets_dir

APP_ID = "io.github.somatictimer.SomaticTimer"
SHIPPED_ENTRY = assets_dir() / "desktop" / f"{APP_ID}.desktop"
SHIPPED_METAINFO = assets_dir() / "desktop" / f"{APP_ID}.metainfo.xml"
ICON = assets_dir() / "icons" / "somatictimer.svg"
SYMBOLIC_ICON = assets_dir() / "icons" / "somatictimer-symbolic.svg"
SVG_NS = "{http://www.w3.org/2000/svg}"


def require(tool: str, package: str) -> None:
    """The README's set-up installs the validators: missing is a failure, never a skip."""
    assert shutil.which(tool), f"{tool} is missing: apt-get install {package} (README, Set up)"


def data_home() -> Path:
    return Path(os.environ["XDG_DATA_HOME"])


def expected_paths(home: Path) -> list[Path]:
    return [
        home / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg",
        home / "icons/hicolor/symbolic/apps" / f"{APP_ID}-symbolic.svg",
        home / "metainfo" / f"{APP_ID}.metainfo.xml",
        home / "applications" / f"{APP_ID}.desktop",
    ]


def exec_argv(entry: Path) -> list[str]:
    """The Exec= command line of ``entry``, unescaped and unquoted as a launcher would."""
    (line,) = [x for x in entry.read_text(encoding="utf-8").splitlines() if x.startswith("Exec=")]
    # Key file string escapes come first, then the Exec quoting (Desktop Entry spec).
    value = unescape_string(line.removeprefix("Exec="))
    args: list[str] = []
    current: list[str] | None = None
    quoted, i = False, 0
    while i < len(value):
        char = value[i]
        if quoted and char == "\\" and value[i + 1 : i + 2] in ('"', "`", "$", "\\"):
            current = [*(current or []), value[i + 1]]
            i += 1
        elif char == '"':
            quoted, current = not quoted, current or []
        elif char == " " and not quoted:
            if current is not None:
                args.append("".join(current))
            current = None
        else:
            current = [*(current or []), char]
        i += 1
    if current is not None:
        args.append("".join(current))
    return [arg.replace("%%", "%") for arg in args]


def unescape_string(value: str) -> str:
    escapes = {"\\\\": "\\", "\\s": " ", "\\n": "\n", "\\t": "\t", "\\r": "\r"}
    out, i = [], 0
    while i < len(value):
        pair = value[i : i + 2]
        out.append(escapes.get(pair, value[i]))
        i += 2 if pair in escapes else 1
    return "".join(out)


def fake_interpreter(folder: Path, *, with_launcher: bool) -> Path:
    folder.mkdir(parents=True)
    python = folder / "python"
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    if with_launcher:
        launcher = folder / "somatictimer"
        launcher.write_text("#!/bin/sh\n")
        launcher.chmod(0o755)
    return python


def run_validator(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=60, check=False
    )


# -- installing ---------------------------------------------------------------------------


def test_install_writes_every_file_under_xdg_data_home() -> None:
    written = desktop.install_desktop_entry()

    assert written == expected_paths(data_home())
    for path in written:
        assert path.is_file(), path
    assert written[0].read_bytes() == ICON.read_bytes()
    assert written[1].read_bytes() == SYMBOLIC_ICON.read_bytes()
    assert written[2].read_bytes() == SHIPPED_METAINFO.read_bytes()


def test_install_honours_explicit_data_home(tmp_path: Path) -> None:
    written = desktop.install_desktop_entry(tmp_path / "share")

    assert written == expected_paths(tmp_path / "share")
    assert not (data_home() / "applications").exists()


def test_default_data_home_falls_back_to_local_share(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "")
    assert desktop.default_data_home() == Path.home() / ".local" / "share"


def test_installed_exec_points_at_something_that_exists() -> None:
    entry = desktop.install_desktop_entry()[-1]

    argv = exec_argv(entry)
    assert Path(argv[0]).is_absolute()
    assert Path(argv[0]).exists()
    assert argv in (
        [str(Path(sys.executable).with_name("somatictimer"))],
        [sys.executable, "-m", "somatictimer"],
    )


def test_exec_uses_the_launcher_next_to_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Spaces, $, % and a backslash in the path exercise the Exec quoting and escaping rules.
    python = fake_interpreter(tmp_path / "my $venv\\ 100%" / "bin", with_launcher=True)
    monkeypatch.setattr(sys, "executable", str(python))

    entry = desktop.install_desktop_entry()[-1]

    assert exec_argv(entry) == [str(python.with_name("somatictimer"))]


def test_exec_falls_back_to_running_the_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = fake_interpreter(tmp_path / "no launcher" / "bin", with_launcher=False)
    monkeypatch.setattr(sys, "executable", str(python))

    entry = desktop.install_desktop_entry()[-1]

    assert exec_argv(entry) == [str(python), "-m", "somatictimer"]


def test_installed_entry_differs_from_the_shipped_one_only_in_exec() -> None:
    entry = desktop.install_desktop_entry()[-1]

    shipped = SHIPPED_ENTRY.read_text(encoding="utf-8").splitlines()
    installed = entry.read_text(encoding="utf-8").splitlines()
    assert len(installed) == len(shipped)
    changed = [(a, b) for a, b in zip(shipped, installed, strict=True) if a != b]
    assert [a for a, _ in changed] == ["Exec=somatictimer"]


def test_rewrite_exec_keeps_arguments_line_endings_and_other_programs() -> None:
    entry = (
        "[Desktop Entry]\r\nExec=somatictimer\r\n"
        "[Desktop Action mini]\r\nExec=somatictimer --mini %U\r\n"
        "[Desktop Action other]\r\nExec=somatictimer-helper\r\n"
    )
    out = desktop.rewrite_exec(entry, ["/opt/a b/somatictimer"])
    assert out == (
        '[Desktop Entry]\r\nExec="/opt/a b/somatictimer"\r\n'
        '[Desktop Action mini]\r\nExec="/opt/a b/somatictimer" --mini %U\r\n'
        "[Desktop Action other]\r\nExec=somatictimer-helper\r\n"
    )


def test_exec_value_escapes_reserved_characters() -> None:
    assert desktop.exec_value(["/usr/bin/python3", "-m", "x"]) == "/usr/bin/python3 -m x"
    # Inside quotes " ` $ \ take a backslash; then the key file doubles every backslash.
    assert desktop.exec_value(['/a"b`c$d\\e']) == '"/a\\\\"b\\\\`c\\\\$d\\\\\\\\e"'
    assert desktop.exec_value(["/100%/python"]) == "/100%%/python"


def test_install_is_repeatable_and_leaves_no_temp_files() -> None:
    desktop.install_desktop_entry()
    written = desktop.install_desktop_entry()

    folders = {path.parent for path in written}
    leftovers = [p for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_main_install_prints_each_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert desktop.main_install() == 0

    out = capsys.readouterr().out.splitlines()
    assert out == [str(path) for path in expected_paths(data_home())]


def test_main_install_names_the_path_it_cannot_write(capsys: pytest.CaptureFixture[str]) -> None:
    blocker = data_home() / "applications"
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder\n")

    assert desktop.main_install() == 1

    captured = capsys.readouterr()
    assert str(blocker) in captured.err
    assert "Not a directory" in captured.err
    assert "Traceback" not in captured.err
    assert blocker.read_text() == "not a folder\n"


# -- validators (skipped when the tools are missing) ------------------------------------------


def test_shipped_desktop_entry_validates() -> None:
    require("desktop-file-validate", "desktop-file-utils")
    result = run_validator("desktop-file-validate", SHIPPED_ENTRY)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize("with_launcher", [True, False])
def test_installed_desktop_entry_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_launcher: bool
) -> None:
    require("desktop-file-validate", "desktop-file-utils")
    python = fake_interpreter(tmp_path / "my $venv\\ 100%" / "bin", with_launcher=with_launcher)
    monkeypatch.setattr(sys, "executable", str(python))

    entry = desktop.install_desktop_entry()[-1]

    result = run_validator("desktop-file-validate", entry)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_metainfo_validates() -> None:
    require("appstreamcli", "appstream")
    result = run_validator("appstreamcli", "validate", "--no-net", SHIPPED_METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_the_desktop_entry_and_binary() -> None:
    root = ET.parse(SHIPPED_METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == SHIPPED_ENTRY.name
    assert root.findtext("provides/binary") == "somatictimer"


# -- icons --------------------------------------------------------------------------------


@pytest.mark.parametrize("svg", [ICON, SYMBOLIC_ICON], ids=["color", "symbolic"])
def test_icon_is_self_contained_svg(svg: Path) -> None:
    root = ET.parse(svg).getroot()

    assert root.tag == f"{SVG_NS}svg"
    x, y, width, height = (float(n) for n in root.get("viewBox", "").split())
    assert (x, y) == (0, 0) and width == height > 0
    # No text (fonts differ per machine) and no references outside the file.
    assert root.find(f".//{SVG_NS}text") is None
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), (name, value)


def test_symbolic_icon_is_monochrome() -> None:
    root = ET.parse(SYMBOLIC_ICON).getroot()
    fills = {el.get("fill") for el in root.iter() if el.get("fill") not in (None, "none")}
    assert fills == {"#000000"}
    assert root.find(f".//{SVG_NS}linearGradient") is None
