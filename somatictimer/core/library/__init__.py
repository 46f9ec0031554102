"""The practice library: load and check TOML files, families, cautions, practising one item."""

from somatictimer.core.library.loader import library_files, load_installed, load_library
from somatictimer.core.library.types import Library, LoadResult, Origin, Problem

__all__ = [
    "Library",
    "LoadResult",
    "Origin",
    "Problem",
    "library_files",
    "load_installed",
    "load_library",
]
