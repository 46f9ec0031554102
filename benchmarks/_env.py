"""A throwaway home for benchmark child processes: offscreen Qt, private XDG folders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def isolated_env(prefix: str) -> tuple[Path, dict[str, str]]:
    home = Path(tempfile.mkdtemp(prefix=prefix))
    (home / "r").mkdir(mode=0o700)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "c"),
        "XDG_DATA_HOME": str(home / "d"),
        "XDG_CACHE_HOME": str(home / "k"),
        "XDG_RUNTIME_DIR": str(home / "r"),
        "PYTHONPATH": str(ROOT),
    }
    return home, env
