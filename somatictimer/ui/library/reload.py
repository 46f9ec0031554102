"""The library follows its folder: files added, changed or removed in the user library (or the
user's figures) while the app runs are read again, without a restart.

One QFileSystemWatcher watches the folders and each ``*.toml`` in them. Editors and our own
writer save by renaming a new file over the old one, which ends the watch on that file, so
after every change the watched paths are set again. Changes come in bursts (a save is a
write and a rename; an import writes several files): the reload waits until the folder has
been quiet for ``DEBOUNCE_MS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from somatictimer.core.library import Library, load_installed
from somatictimer.core.paths import AppPaths, builtin_library_dir
from somatictimer.ui.content import FigureSource, left_out

DEBOUNCE_MS = 300


class FolderWatcher(QObject):
    """``changed`` once a burst of changes under the folders has settled."""

    changed = Signal()

    def __init__(
        self, folders: Iterable[Path], parent: QObject | None = None, delay_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self.folders = list(folders)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._settled)
        self._watcher.directoryChanged.connect(self._directory_changed)
        self._watcher.fileChanged.connect(self._timer.start)  # restarts: waits for quiet
        self._awaited: dict[str, list[Path]] = {}  # a folder above -> the missing ones in it
        self.rewatch()

    def rewatch(self) -> None:
        """Watch what is there now: the folders (or, while one is missing, the nearest folder
        above it, to see it appear), their subfolders and their ``*.toml`` files."""
        wanted: set[str] = set()
        self._awaited.clear()
        for folder in self.folders:
            if folder.is_dir():
                wanted.add(str(folder))
                for path in folder.rglob("*"):
                    if path.is_dir() or path.suffix == ".toml":
                        wanted.add(str(path))
            else:
                above = next((p for p in folder.parents if p.is_dir()), None)
                if above is not None:
                    wanted.add(str(above))
                    self._awaited.setdefault(str(above), []).append(folder)
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))
        if watched - wanted:
            self._watcher.removePaths(sorted(watched - wanted))

    def _directory_changed(self, path: str) -> None:
        # A folder watched only to see a missing one appear (the data folder, where history
        # is written all through a session) counts only once that one is there.
        awaited = self._awaited.get(path, [])
        if not awaited or any(folder.exists() for folder in awaited):
            self._timer.start()

    def _settled(self) -> None:
        self.rewatch()
        self.changed.emit()


class LibraryReloader(QObject):
    """Reads the installed library again when the user's folders change, into the same
    Library object every view and the session controller hold (a running session keeps its
    compiled timeline), and reports broken files in the notice bar; what loads stays."""

    reloaded = Signal()

    def __init__(
        self,
        paths: AppPaths,
        library: Library,
        figures: FigureSource,
        notify: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths, self.library, self._figures, self._notify = paths, library, figures, notify
        self.watcher = FolderWatcher([paths.user_library_dir, paths.user_figures_dir], self)
        self.watcher.changed.connect(self.reload)

    def reload(self) -> None:
        loaded = load_installed(builtin_library_dir(), self._paths.user_library_dir)
        take_over(self.library, loaded.library)
        self._figures.forget()  # read again when next drawn
        notice = left_out(
            "library items", loaded.problems, " Run `somatictimer check` for the full list."
        )
        if notice:
            self._notify(notice)
        self.reloaded.emit()


def take_over(library: Library, fresh: Library) -> None:
    """Make ``library`` hold what ``fresh`` holds, in place; a pose made up for the session
    under way (practising a breath pattern) stays unless the files now define it."""
    kept = {i: library.poses[i] for i in library.ad_hoc if i in library.poses}
    kept = {i: pose for i, pose in kept.items() if i not in fresh.poses}
    library.poses.clear()
    library.poses.update(fresh.poses | kept)
    library.breaths.clear()
    library.breaths.update(fresh.breaths)
    library.sequences.clear()
    library.sequences.update(fresh.sequences)
    library.origins.clear()
    library.origins.update(fresh.origins)
    library.ad_hoc.clear()
    library.ad_hoc.update(kept)
