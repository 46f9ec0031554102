"""The README's set-up is what a fresh machine needs: the same packages CI installs, no
command that only works with sudo, two commands, and no test that skips for a missing tool."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def commands(text: str) -> list[str]:
    """The README's command blocks: lines indented by four spaces."""
    return [line.strip() for line in text.splitlines() if line.startswith("    ")]


def apt_packages(command: str) -> set[str]:
    return {word for word in command.split() if not word.startswith("-")} - {"apt-get", "install"}


def test_no_readme_command_needs_sudo_and_each_apt_get_works_as_root() -> None:
    shown = commands(README)
    assert not [c for c in shown if re.search(r"(^|&&\s*)sudo\b", c)]
    assert any(c.startswith("apt-get install") for c in shown)


def test_the_readme_installs_every_package_ci_installs() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    (apt,) = [c for c in commands(setup) if c.startswith("apt-get install")]
    ci_apt = re.search(r"apt-get install (.*?)>/dev/null", CI, re.DOTALL)
    assert ci_apt is not None
    needed = apt_packages(ci_apt.group(1).replace("\\\n", " "))
    assert needed - apt_packages(apt) == set()
    assert "python3-venv" in apt_packages(apt)  # Debian's python3 has no venv without it


def test_the_set_up_has_two_commands_and_ci_runs_the_test_one_verbatim() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    app, tests, _apt = commands(setup)
    assert app == "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/somatictimer"
    assert tests in CI.splitlines()


def test_no_test_skips() -> None:
    skipping = re.compile(r"pytest\.skip\(|importorskip|mark\.skip|skipif")
    here = Path(__file__).resolve()
    found = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "tests").rglob("*.py")
        if path != here and skipping.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
