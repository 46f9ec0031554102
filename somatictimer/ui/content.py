"""What the app practises and draws: the installed library, and the figures (loaded on first
use, not at start-up), each with one notice when some of it was left out."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from somatictimer.core.library import Library, load_installed
from somatictimer.core.library.types import Problem
from somatictimer.core.paths import AppPaths, builtin_figures_dir, builtin_library_dir
from somatictimer.figures.data import Figure, FigureSet, figure_for, load_figures


def left_out(what: str, problems: Sequence[Problem], hint: str = "") -> str | None:
    """One notice for a list of problems: the first, and how many more."""
    if not problems:
        return None
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"Some {what} were left out: {problems[0]}{more}.{hint}"


def load_library(paths: AppPaths, notices: list[str]) -> Library:
    loaded = load_installed(builtin_library_dir(), paths.user_library_dir)
    notice = left_out(
        "library items", loaded.problems, " Run `somatictimer check` for the full list."
    )
    if notice:
        notices.append(notice)
    return loaded.library


def installed_figures(paths: AppPaths) -> FigureSet:
    """The shipped figures with the user's own on top."""
    return load_figures([builtin_figures_dir(), paths.user_figures_dir])


class FigureSource:
    """Which figure an item shows, and whether mirrored. The figures files are read the
    first time a figure is asked for (a library thumbnail, a session), not at start-up."""

    def __init__(self, paths: AppPaths, library: Library, notify: Callable[[str], None]) -> None:
        self._paths, self._library, self._notify = paths, library, notify
        self._figures: FigureSet | None = None

    def __call__(self, item_id: str) -> tuple[Figure | None, bool]:
        pose = self._library.poses.get(item_id)
        if pose is None:
            return None, False
        return figure_for(item_id, pose.figure, pose.figure_mirror, self.figures)

    def forget(self) -> None:
        """The user's figures changed: read the files again when a figure is next asked for."""
        self._figures = None

    @property
    def figures(self) -> FigureSet:
        if self._figures is None:
            self._figures = installed_figures(self._paths)
            notice = left_out("figures", self._figures.problems)
            if notice:
                self._notify(notice)
        return self._figures
