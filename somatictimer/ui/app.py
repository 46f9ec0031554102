"""The composition root: builds every part once, wires them, and decides window behaviour."""

from __future__ import annotations

import dataclasses
import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMessageBox,
    QSystemTrayIcon,
    QWidget,
)

from somatictimer.audio.service import AudioService

if TYPE_CHECKING:
    from somatictimer.ui.control_server import ControlServer
from somatictimer.core.describe import countdown, segment_title, whole_seconds_left
from somatictimer.core.engine import State
from somatictimer.core.model import CueKind
from somatictimer.core.paths import AppPaths, assets_dir
from somatictimer.core.settings import Settings, SettingsSaveError, load_settings, save_settings
from somatictimer.ui.content import FigureSource, load_library
from somatictimer.ui.history.history_flow import HistoryFlow
from somatictimer.ui.history.history_view import HistoryView
from somatictimer.ui.library.reload import LibraryReloader
from somatictimer.ui.library.start_checks import StartChecks
from somatictimer.ui.library.view import LibraryView, last_practised
from somatictimer.ui.practice.end_view import EndView
from somatictimer.ui.practice.idle_view import IdleView
from somatictimer.ui.practice.player_view import PlayerView
from somatictimer.ui.practice.rest_dimmer import RestDimmer
from somatictimer.ui.practice.session import Frame, SessionController, Summary
from somatictimer.ui.practice.shortcuts import KeyGroup
from somatictimer.ui.remote import RemoteCommands
from somatictimer.ui.settings.apply import (
    audio_in_use,
    audio_outputs,
    sound_choices,
    timeline_options,
    watch_outputs,
)
from somatictimer.ui.settings.view import SettingsView
from somatictimer.ui.shell.main_window import (
    HISTORY,
    LIBRARY,
    PRACTICE,
    SETTINGS,
    CurrentPageStack,
    MainWindow,
    restore_geometry,
)
from somatictimer.ui.shell.mini_window import MiniWindow
from somatictimer.ui.shell.motion_preference import reduce_motion
from somatictimer.ui.shell.style import apply_theme
from somatictimer.ui.shell.tray import Tray
from somatictimer.ui.shell.wheel_guard import install_wheel_guard

log = logging.getLogger(__name__)


class App(QObject):
    """Everything the desktop app is, built in one place and passed down (no globals)."""

    notice = Signal(str)  # from any thread

    def __init__(
        self,
        paths: AppPaths,
        audio_choice: str = "auto",
        *,
        tray_available: bool | None = None,
        clock: Any = None,
        threaded: bool = True,
        open_audio: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        install_wheel_guard(QApplication.instance())  # type: ignore[arg-type]
        self.settings, notices = load_settings(paths.settings_file)
        if self.settings.theme != "system":  # the launcher has set the system's look
            apply_theme(QApplication.instance(), self.settings.theme)  # type: ignore[arg-type]
        self.library = load_library(paths, notices)
        # Which figure an item shows; the figures files are read on first use.
        self.figure_for = FigureSource(paths, self.library, self.notice.emit)
        backend = audio_choice if audio_choice != "auto" else self.settings.audio_backend
        self.audio = AudioService(
            paths.cache_dir,
            backend,
            self.notice.emit,
            paths.user_library_dir,
            device_hex=self.settings.audio_device,
        )
        self.audio_device_hex = self.settings.audio_device

        self._configure_audio()
        self.controller = SessionController(
            self.library,
            self.audio.fire,
            self.audio.wake,
            clock=clock,
            threaded=threaded,
            options=timeline_options(self.settings),
        )
        self.controller.figure_lookup = self.figure_for
        self.controller.reduce_motion = reduce_motion(self.settings.motion)
        self._build_views()
        self.dimmer = RestDimmer(
            self.window,
            clock or time.monotonic,
            reduce_motion=lambda: self.controller.reduce_motion,
        )
        self.history = HistoryFlow(
            paths,
            lambda: self.settings,
            self.controller,
            self.library,
            self.practice,
            self.end_view,
            self.window.notices.add,
            parent=self,
        )
        notices.extend(self.history.notices)
        self.library_view.select_sequence(  # opens on what was practised last
            last_practised(self.history.store, self.library, self.settings.last_sequence)
        )
        self.state = QSettings(str(paths.state_file), QSettings.Format.IniFormat)
        if tray_available is None:
            tray_available = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = Tray(self.app_icon) if tray_available else None
        self.mini = MiniWindow()
        self.checks = StartChecks(self.window, self.library, lambda: self.settings, self._save)
        self.remote = RemoteCommands(
            self.library,
            self.controller,
            self.window,
            lambda sequence: self.start(self.checks.fitted(sequence)),
            self.show_main,
        )
        self._wire()
        self.reloader = LibraryReloader(
            paths, self.library, self.figure_for, self.window.notices.add, parent=self
        )
        self.reloader.reloaded.connect(self._library_reloaded)
        restore_geometry(self.state, self.window, self.mini)
        self.server: ControlServer | None = None  # QtNetwork loads after the first paint
        for message in notices:
            self.window.notices.add(message)
        if self.tray is None:
            self.window.notices.add(
                "No system tray was found, so the compact timer window "
                "stands in for it (drag it anywhere)."
            )
        self._open_audio = open_audio
        self._quitting = False
        self._second_shown: tuple[object, ...] | None = None
        # Sound and remote control are not needed for the first paint: start them right after.
        QTimer.singleShot(0, self._after_first_paint)

    # -- building ----------------------------------------------------------------------------
    def _build_views(self) -> None:
        icon_path = assets_dir() / "icons" / "somatictimer.svg"
        self.app_icon = QIcon(str(icon_path)) if icon_path.exists() else QIcon()
        self.library_view = LibraryView(
            self.library,
            profile=frozenset(self.settings.caution_profile),
            hide_flagged=self.settings.hide_flagged,
            figure_for=self.figure_for,
        )
        self.player = PlayerView(self.library)
        self.player.set_profile(frozenset(self.settings.caution_profile))
        self.end_view = EndView(figure_for=self.figure_for)
        self.idle_view = IdleView()
        self.practice = CurrentPageStack()  # the player never scrolls for a taller check-in
        for page in (self.idle_view, self.player, self.end_view):
            self.practice.addWidget(page)
        self._history_view: HistoryView | None = None
        self._settings_view: SettingsView | None = None
        self.window = MainWindow(
            [self.library_view, self.practice, QWidget(), QWidget()]  # built on first visit
        )
        self.window.setWindowIcon(self.app_icon)

    def _wire(self) -> None:
        c, w = self.controller, self.window
        self.notice.connect(w.notices.add)
        c.notice.connect(w.notices.add)
        c.frame.connect(self._show_frame)
        c.session_started.connect(self._session_started)
        c.session_ended.connect(self._session_ended)
        self.library_view.start_requested.connect(self.start_asking)
        self.idle_view.library_clicked.connect(lambda: w.show_page(LIBRARY))
        p = self.player
        p.pause_clicked.connect(c.toggle_pause)
        p.skip_clicked.connect(c.skip)
        p.back_clicked.connect(c.back)
        p.extend_clicked.connect(c.extend)
        p.stop_clicked.connect(self.confirm_stop)
        p.mute_clicked.connect(self.toggle_mute)
        p.compact_clicked.connect(self.show_compact)
        self.end_view.again_clicked.connect(self._again)
        self.end_view.library_clicked.connect(lambda: w.show_page(LIBRARY))
        w.close_requested.connect(self.close_main)
        w.page_changed.connect(self._page_changed)
        self.mini.toggle_pause.connect(c.toggle_pause)
        self.mini.skip.connect(c.skip)
        self.mini.open_main.connect(self.show_main)
        self.mini.closed.connect(self._mini_closed)
        self.mini.moved.connect(lambda pos: self.state.setValue("mini/pos", pos))
        if self.tray is not None:
            t = self.tray
            t.show_hide.connect(self.toggle_main)
            t.toggle_pause.connect(c.toggle_pause)
            t.skip.connect(c.skip)
            t.stop.connect(c.stop)
            t.start_last.connect(self.start_last)
            t.quit.connect(self.quit)
            t.set_last_sequence(self._last_sequence_name())
            t.icon.show()
        self.player_keys = self._player_keys()
        QShortcut(QKeySequence.StandardKey.Find, w, self._focus_search)
        QShortcut(QKeySequence("Ctrl+Q"), w, self.quit)
        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), w, self.checks.show_about)

    def _player_keys(self) -> KeyGroup:
        c = self.controller
        return KeyGroup(
            self.window,
            {
                "Space": c.toggle_pause,
                "Right": c.skip,
                "Left": c.back,
                "+": c.extend,
                "=": c.extend,
                "Esc": self.confirm_stop,
                "M": self.toggle_mute,
                "F": self.show_compact,
            },
        )

    def _after_first_paint(self) -> None:
        from somatictimer.ui.control_server import ControlServer

        self.server = ControlServer(self.paths.control_socket, self.remote.handle)
        self.server.listen()
        if self._open_audio:
            self.audio.open_in_background()

    @property
    def history_view(self) -> HistoryView:
        """Built on first visit: fewer widgets (and less memory) before the first paint."""
        if self._history_view is None:
            self._history_view = self.history.build_view()
            self.window.replace_page(HISTORY, self._history_view)
        return self._history_view

    @property
    def settings_view(self) -> SettingsView:
        if self._settings_view is None:
            opened_with = self.audio_device_hex  # a new choice is used from the next start
            view = SettingsView(
                self.settings,
                list_outputs=audio_outputs,
                in_use=lambda: audio_in_use(self.audio, opened_with),
            )
            self._outputs_watcher = watch_outputs(view.refresh_devices)
            view.changed.connect(self.apply_settings)
            view.about_requested.connect(self.checks.show_about)
            view.preview.connect(lambda kind: self.audio.preview(CueKind(kind)))
            self._settings_view = view
            self.window.replace_page(SETTINGS, view)
        return self._settings_view

    # -- sessions ----------------------------------------------------------------------------
    def start(self, sequence: Any, *, ask: bool = False) -> None:
        """Start now (remote control, tray), or after the before check-in (``ask``)."""
        self.history.begin(sequence, ask=ask)
        if self.settings.last_sequence != sequence.id:
            self._save(dataclasses.replace(self.settings, last_sequence=sequence.id))

    def start_asking(self, sequence: Any) -> None:
        """Start from the Library: caution choices and safety notes first, then check-in."""
        self.checks.prepare(sequence, self._start_checked)

    def _start_checked(self, sequence: Any) -> None:
        self.window.show_page(PRACTICE)
        self.start(sequence, ask=True)

    def start_last(self) -> None:
        sequence = self.library.sequences.get(self.settings.last_sequence)
        if sequence is not None:
            self.start(self.checks.fitted(sequence))

    def _library_reloaded(self) -> None:
        self.library_view.reload()
        if self.tray is not None:
            self.tray.set_last_sequence(self._last_sequence_name())

    def _last_sequence_name(self) -> str | None:
        sequence = self.library.sequences.get(self.settings.last_sequence)
        return sequence.name if sequence else None

    def _session_started(self, sequence: Any) -> None:
        self.practice.setCurrentWidget(self.player)
        self.window.show_page(PRACTICE)
        # Focus on the page, not its first button: Space pauses, and nothing looks pressed.
        self.player.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.tray is not None:
            self.tray.set_last_sequence(sequence.name)
        self._update_repaint_speed()

    def _session_ended(self, summary: Summary) -> None:
        self.dimmer.show_rest(False, 0, "")
        self.history.ended(summary)
        self.practice.setCurrentWidget(self.end_view)
        self._enable_player_keys()
        if self.tray is not None:
            self.tray.set_idle()
        self.mini.show_idle("Done" if summary.state.value == "finished" else "Stopped")

    def _show_frame(self, frame: Frame) -> None:
        snapshot = frame.snapshot
        if self.window.isVisible() and self.practice.currentWidget() is self.player:
            self.player.show_frame(frame)
            resting = self.player.long_rest and snapshot.state is State.RUNNING
            left = countdown(snapshot.segment_remaining_s)
            self.dimmer.show_rest(resting, self.settings.dim_in_rest_s, left)
        else:
            self.dimmer.show_rest(False, 0, "")
        second = (  # what the tray and mini window show, and whether the mini window shows
            self.mini.isVisible(),
            snapshot.segment.index,
            whole_seconds_left(snapshot.segment_remaining_s),
            snapshot.state,
        )
        if second == self._second_shown:  # tray and mini window show whole seconds only
            return
        self._second_shown = second
        title = segment_title(snapshot.segment, self.library)
        if self.tray is not None:
            self.tray.show_frame(frame, title)
        if self.mini.isVisible():
            self.mini.show_frame(frame, title)
        self._enable_player_keys()

    def confirm_stop(self) -> None:
        if not self.controller.active:
            return
        answer = QMessageBox.question(
            self.window,
            "Stop the session?",
            "Stop now? The time you practised so far is kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.stop()

    def toggle_mute(self) -> None:
        self.audio.set_muted(not self.audio.muted)
        self.player.set_muted(self.audio.muted)

    def _again(self) -> None:
        if self.controller.sequence is not None:
            self.start(self.controller.sequence, ask=True)

    @property
    def pending_dialog(self) -> QDialog | None:
        """The caution, safety or About dialog open now, if any."""
        return self.checks.pending

    # -- windows -----------------------------------------------------------------------------
    def show(self) -> None:
        if self.settings.compact_on_start:
            self.show_compact()
        elif self.settings.start_minimized_to_tray and self.tray is not None:
            pass
        else:
            self.window.show()
        if self.tray is None and not self.mini.isVisible():
            self._show_idle_mini()
        self._update_repaint_speed()
        if not self.settings.first_run_note_seen:
            self.checks.show_first_run_note()

    def show_main(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if self.tray is not None:
            self.mini.hide()
            self.tray.set_window_visible(True)
        elif self.mini.isVisible() and not self.controller.active:
            self._show_idle_mini()
        self._update_repaint_speed()

    def _show_idle_mini(self) -> None:
        """Without a tray the idle mini window stands in for it: beside the main window,
        never over it (with no room for both, it waits until the main window hides)."""
        if not self.window.isVisible() or self.mini.keep_clear_of(self.window):
            self.mini.show()
        else:
            self.mini.hide()

    def toggle_main(self) -> None:
        if self.window.isVisible():
            self.window.hide()
            if self.tray is not None:
                self.tray.set_window_visible(False)
            self._update_repaint_speed()
        else:
            self.show_main()

    def show_compact(self) -> None:
        self.window.hide()
        self.mini.show()
        frame = self.controller.current_frame()
        if frame is None or not self.controller.active:
            self.mini.show_idle()
        self._update_repaint_speed()

    def _mini_closed(self) -> None:
        """Without a tray the mini window is the way back: never leave the app invisible."""
        if self.tray is None and not self.window.isVisible() and not self._quitting:
            self.show_main()

    def close_main(self) -> None:
        """Closing the window keeps a running session going in the tray or mini window."""
        if not self.controller.active:
            self.quit()
            return
        self.window.hide()
        if self.tray is None:
            self.mini.show()
            frame = self.controller.current_frame()
            if frame is not None:  # the session's time at once, not a second later
                self._show_frame(frame)
        else:
            self.tray.set_window_visible(False)
        self._update_repaint_speed()

    def quit(self) -> None:
        self._quitting = True
        self.window.allow_close = True
        self.controller.stop()
        self.state.setValue("main/geometry", self.window.saveGeometry())
        self.state.sync()
        if self.server is not None:
            self.server.close()
        self.audio.close()
        if self.tray is not None:
            self.tray.icon.hide()
        # exit(), not quit(): quit() first asks every window to close, and the main window
        # refuses while it stands for a running session.
        QApplication.exit(0)

    def _page_changed(self, index: int) -> None:
        self._enable_player_keys()
        self._update_repaint_speed()
        if index == HISTORY:
            built = self._history_view is not None
            view = self.history_view  # a view built just now has read the store already
            if built:
                view.reload()
        elif index == SETTINGS:
            self.settings_view  # noqa: B018 - build it on first visit

    def _enable_player_keys(self) -> None:
        self.player_keys.set_enabled(self.window.page == PRACTICE and self.controller.active)

    def _update_repaint_speed(self) -> None:
        self.controller.set_fast_repaint(self.window.isVisible() and self.window.page == PRACTICE)

    def _focus_search(self) -> None:
        self.window.show_page(LIBRARY)
        self.library_view.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- settings ----------------------------------------------------------------------------
    def _configure_audio(self) -> None:
        self.audio.configure(
            self.settings.master_volume_pct,
            self.settings.event_volume_pct,
            sound_choices(self.settings),
        )

    def apply_settings(self, settings: Settings) -> None:
        if settings.theme != self.settings.theme:
            apply_theme(QApplication.instance(), settings.theme)  # type: ignore[arg-type]
        self._save(settings)
        self._configure_audio()
        self.controller.options = timeline_options(settings)
        self.controller.reduce_motion = reduce_motion(settings.motion)
        profile = frozenset(settings.caution_profile)
        self.library_view.set_profile(profile, settings.hide_flagged)
        self.player.set_profile(profile)

    def _save(self, settings: Settings) -> None:
        self.settings = settings
        if self._settings_view is not None:
            self._settings_view.settings = settings
        try:
            save_settings(self.paths.settings_file, settings)
        except SettingsSaveError as error:
            self.window.notices.add(f"{error} Your changes stay in effect until you quit.")
