"""The core must import and work on a machine where Qt cannot even be imported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import somatictimer.core
import somatictimer.figures

CORE = Path(somatictimer.core.__file__).parent
FIGURES = Path(somatictimer.figures.__file__).parent

BLOCKED_IMPORT = r"""
import importlib.abc, pkgutil, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
            raise ImportError(f"{name} is blocked in this test")
        return None

sys.meta_path.insert(0, BlockQt())
import somatictimer.core as core
import somatictimer.figures as figures
for package in (core, figures):  # the figures are data and geometry: Qt only draws them
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        __import__(module.name)
from somatictimer.core.library import load_library
from somatictimer.core.paths import builtin_library_dir
from somatictimer.core.timeline import compile_timeline
lib = load_library([[builtin_library_dir()]]).library
seq = next(iter(lib.sequences.values()))
print(compile_timeline(seq, lib.poses, lib.breaths).total_s)
assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))]
"""


def test_core_imports_and_compiles_with_qt_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_IMPORT], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) > 0


def test_core_source_imports_neither_qt_nor_ui_nor_audio() -> None:
    offenders = []
    for path in [*CORE.rglob("*.py"), *FIGURES.rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                if name.startswith(
                    ("PySide6", "shiboken6", "somatictimer.ui", "somatictimer.audio")
                ):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []
