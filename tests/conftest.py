"""Test-wide isolation: every test gets its own XDG dirs; Qt renders offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import Phase, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Mutation runs (scripts/mutation.sh) run the tests thousands of times: fewer examples per
# property there; the normal run keeps Hypothesis's defaults.
MUTATION = os.environ.get("HYPOTHESIS_PROFILE") == "mutation"
# No shrinking there either: a mutant only needs one failing example, not the smallest.
settings.register_profile(
    "mutation",
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    database=None,
)
settings.load_profile("mutation" if MUTATION else "default")


def examples(count: int) -> int:
    """A property's example count: as written normally, at most 15 in mutation runs."""
    return min(count, 15) if MUTATION else count


DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point config/data/cache at a fresh folder so no test sees the real user's files."""
    root = tmp_path_factory.mktemp("xdg")
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(root / name.lower()))
    runtime = root / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return root


@pytest.fixture
def user_library(isolated_dirs: Path) -> Path:
    folder = isolated_dirs / "data" / "somatictimer" / "library"
    folder.mkdir(parents=True)
    return folder
