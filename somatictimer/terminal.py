"""Terminal mode: practise a sequence without a window (``somatictimer run``).

A live status line, cues through the chosen player, single keys for control when stdin
is a terminal, and a clean stop on Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import TextIO

from somatictimer.audio.scheduler import CueScheduler, Snapshot
from somatictimer.core.describe import clock, countdown, segment_title, whole_seconds_left
from somatictimer.core.engine import SessionEngine, State
from somatictimer.core.history.recorder import SessionRecorder, open_history
from somatictimer.core.library import Library
from somatictimer.core.model import Sequence
from somatictimer.core.pacer import BreathPhase, breath_phase_at
from somatictimer.core.paths import AppPaths
from somatictimer.core.settings import load_settings
from somatictimer.core.timeline import SegmentKind, compile_timeline

REFRESH_S = 0.1
KEYS_HELP = "space pause · → or n skip · ← or b back · + longer · m mute · q stop"
LAST_SOUND_WAIT_S = 8.0

_STATE_MARKS = {State.PAUSED: "⏸ ", State.PREP: "… ", State.RUNNING: "▶ "}


def terminal_title(snapshot: Snapshot, library: Library, next_pose: str | None) -> str:
    segment = snapshot.segment
    title = segment_title(segment, library)
    if segment.kind is SegmentKind.HOLD:
        side = f" · {segment.side.value}" if segment.side.value != "none" else ""
        return title + side
    return f"{title} — next: {next_pose}" if next_pose else title


def status_line(
    snapshot: Snapshot, title: str, phase: BreathPhase | None, width: int, muted: bool = False
) -> str:
    """One line: state, what now, muted or not, time left in it, breath, overall progress."""
    position_ms = snapshot.position_s * 1000
    parts = [
        _STATE_MARKS.get(snapshot.state, "") + title,
        *(["muted (m: sound on)"] if muted else []),
        f"{countdown(snapshot.segment_remaining_s)} left",
    ]
    if phase is not None:
        parts.append(f"{phase.word} {whole_seconds_left(phase.remaining_s(position_ms))}")
    overall = f"{clock(round(snapshot.position_s))} / {clock(snapshot.total_s)}"
    bar_width = 12
    done = round(bar_width * snapshot.position_s / snapshot.total_s) if snapshot.total_s else 0
    parts.append(f"{overall} {'█' * done}{'░' * (bar_width - done)}")
    line = "   ".join(parts)
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


@contextlib.contextmanager
def cbreak(stream: TextIO) -> Iterator[bool]:
    """Single-key input without echo while inside; yields whether keys can be read."""
    if not stream.isatty():
        yield False
        return
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield True
    finally:
        with contextlib.suppress(termios.error, OSError):  # the terminal may be gone (SIGHUP)
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class SignalStop:
    """What ``stop_on_signals`` saw: the signal that ended the session, if one did."""

    def __init__(self) -> None:
        self.armed = True
        self.number: int | None = None

    def disarm(self) -> None:
        self.armed = False

    @property
    def exit_code(self) -> int | None:
        """130 after Ctrl+C, as a shell expects of a command the user interrupted; after
        SIGTERM or SIGHUP the session ended as planned by the system (saved): None."""
        return 130 if self.number == signal.SIGINT else None


@contextlib.contextmanager
def stop_on_signals() -> Iterator[SignalStop]:
    """Ctrl+C, SIGTERM and SIGHUP (logout, shutdown, `timeout`, a closed terminal) end the
    session the way `q` does, so it is saved: while armed, the first one interrupts the
    loop; once the caller disarms (the session is being saved) they are ignored until the
    block ends. After a hang-up the terminal is gone: output goes nowhere."""
    seen = SignalStop()

    def end(number: int, _frame: object) -> None:
        if number == getattr(signal, "SIGHUP", None):
            sys.stdout = sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        if seen.armed:
            seen.disarm()
            seen.number = number
            raise KeyboardInterrupt

    names = ("SIGINT", "SIGTERM", "SIGHUP")
    numbers = [getattr(signal, n) for n in names if hasattr(signal, n)]
    previous = {number: signal.signal(number, end) for number in numbers}
    try:
        yield seen
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def read_key(stream: TextIO, timeout_s: float) -> str | None:
    """A key name ('space', 'right', 'left', 'q', ...) or None when none arrived in time."""
    fd = stream.fileno()
    ready, _, _ = select.select([fd], [], [], timeout_s)
    if not ready:
        return None
    data = os.read(fd, 8).decode("utf-8", "replace")
    names = {
        " ": "space",
        "\x1b[C": "right",
        "\x1b[D": "left",
        "n": "right",
        "b": "left",
        "+": "extend",
        "=": "extend",
        "q": "stop",
        "m": "mute",
        "p": "space",
    }
    return names.get(data, names.get(data[:1]) if data[:1] != "\x1b" else None)


class TerminalSession:
    """Drives one session: the scheduler plays cues, this loop draws and reads keys."""

    def __init__(
        self,
        scheduler: CueScheduler,
        library: Library,
        *,
        out: TextIO,
        keys: TextIO,
        mute: Callable[[], None] | None = None,
        is_muted: Callable[[], bool] = lambda: False,
    ) -> None:
        self.scheduler = scheduler
        self.library = library
        self.out = out
        self.keys = keys
        self._mute = mute
        self._is_muted = is_muted
        self._live = out.isatty()
        self._last_segment = -1

    def run(self) -> Snapshot:
        with cbreak(self.keys) as interactive:
            if interactive:
                self.out.write(KEYS_HELP + "\n")
            self.scheduler.start()
            try:
                while True:
                    snapshot = self.scheduler.snapshot()
                    self._draw(snapshot)
                    if snapshot.state in (State.FINISHED, State.STOPPED):
                        break
                    key = read_key(self.keys, REFRESH_S) if interactive else None
                    if key is None and not interactive:
                        time.sleep(REFRESH_S)
                    self._handle(key)
            except (KeyboardInterrupt, OSError):  # Ctrl+C, a signal, or the terminal gone
                self.scheduler.stop()
            finally:
                self.scheduler.close()
        snapshot = self.scheduler.snapshot()
        if self._live:
            with contextlib.suppress(OSError):
                self.out.write("\n")
        return snapshot

    def _handle(self, key: str | None) -> None:
        actions = {
            "space": self.scheduler.toggle_pause,
            "right": self.scheduler.skip,
            "left": self.scheduler.back,
            "extend": self.scheduler.extend,
            "stop": self.scheduler.stop,
            "mute": self._mute,
        }
        action = actions.get(key or "")
        if action is not None:
            action()

    def _draw(self, snapshot: Snapshot) -> None:
        engine = self.scheduler.engine
        following = engine.timeline.next_hold(snapshot.segment.index)
        next_pose = self.library.poses[following.pose_id or ""].name if following else None
        title = terminal_title(snapshot, self.library, next_pose)
        if self._live:
            width = os.get_terminal_size(self.out.fileno()).columns
            phase = breath_phase_at(engine.timeline, snapshot.position_s * 1000)
            line = status_line(snapshot, title, phase, width, self._is_muted())
            self.out.write("\r\x1b[2K" + line)
            self.out.flush()
        elif snapshot.segment.index != self._last_segment:  # a log line per block when piped
            self._last_segment = snapshot.segment.index
            length = snapshot.segment.duration_ms / 1000
            self.out.write(f"{clock(snapshot.segment.start_s):>8}  {title} ({clock(length)})\n")
            self.out.flush()


def summary(snapshot: Snapshot, name: str) -> str:
    """The last line. Practice leaves out the get-ready countdown and pauses, so a finished
    session reads exactly the length announced at the start."""
    practised = clock(round(snapshot.practised_s))
    if snapshot.state is State.FINISHED:
        return f"Finished {name}: {clock(snapshot.practised_s)} of practice."
    return f"Stopped {name} after {practised} of practice ({clock(snapshot.total_s)} planned)."


def wait_for_last_sound(busy_until: float, now: float) -> None:
    """Let the end gong ring out (bounded) before the process exits."""
    with contextlib.suppress(KeyboardInterrupt):
        time.sleep(min(max(busy_until - now, 0.0), LAST_SOUND_WAIT_S))


def run_in_terminal(
    sequence: Sequence,
    library: Library,
    paths: AppPaths,
    audio: str,
    volume_pct: int = 80,
    save_short: bool = False,
) -> int:
    """``somatictimer run``: build engine, sounds and player, then practise."""
    from somatictimer.audio.cueplayer import CuePlayer
    from somatictimer.audio.mix import Mix
    from somatictimer.audio.players import PlayerChain, open_player
    from somatictimer.audio.sounds import load_cue_sounds
    from somatictimer.audio.synth import cached_cue_files

    timeline = compile_timeline(sequence, library.poses, library.breaths)
    print(f"{sequence.name}: {clock(timeline.practice_s)} of practice", flush=True)
    if cached_cue_files(paths.cache_dir) is None:
        print("Preparing the cue sounds (first run only)…", flush=True)
    sounds = load_cue_sounds(paths.cache_dir)
    player, reason = open_player(audio)
    print(reason, file=sys.stderr if player.name == "null" and audio != "null" else sys.stdout)

    def notify(message: str) -> None:
        print(f"\n{message}", file=sys.stderr, flush=True)

    cue_player = CuePlayer(
        PlayerChain(player, on_fallback=notify), sounds, mix=Mix(master_pct=volume_pct)
    )
    for notice in cue_player.use_sounds(dict(sequence.sounds), paths.user_library_dir):
        print(notice, file=sys.stderr)
    engine = SessionEngine(timeline)
    engine.session_did_autopause.connect(
        lambda gap: notify(
            f"Paused: the computer slept for {clock(round(gap))}. Press space to go on."
        )
    )
    settings, _ = load_settings(paths.settings_file)  # problems with it are the app's to show
    store, notices = open_history(
        paths.history_file, min_session_s=settings.min_session_s, unsaved=paths.unsaved_folders
    )
    for notice in notices:
        print(notice, file=sys.stderr)
    recorder = SessionRecorder(
        store,
        engine,
        library,
        source="terminal",
        on_problem=notify,
        min_session_s=settings.min_session_s,
        in_background=True,
        history_file=paths.history_file,
        unsaved=paths.unsaved_folders,
    )
    scheduler = CueScheduler(engine, cue_player.fire, wake=cue_player.wake, on_step=recorder.tick)

    def toggle_mute() -> None:
        cue_player.mix.muted = not cue_player.mix.muted

    session = TerminalSession(
        scheduler,
        library,
        out=sys.stdout,
        keys=sys.stdin,
        mute=toggle_mute,
        is_muted=lambda: cue_player.mix.muted,
    )
    with stop_on_signals() as signals:
        snapshot = session.run()
        signals.disarm()
        record = recorder.finish(keep_short=save_short)
    print(summary(snapshot, sequence.name), flush=True)
    if record is None:
        print(
            f"Not saved to history: shorter than {clock(recorder.min_session_s)} "
            "(--save-short keeps it)."
        )
    elif recorder.pending is not None and not recorder.retry():
        kept = recorder.unsaved_file
        print(
            "Could not save to the history."
            + (
                f" The session is kept in {kept} and goes into history by itself at the "
                "next start, once the history can be written."
                if kept
                else " The session is lost: no folder could take it."
            ),
            file=sys.stderr,
        )
    elif store is not None:
        print("Saved to history.")
    if cue_player.chain.player.name != "null":
        wait_for_last_sound(cue_player.busy_until, time.monotonic())
    cue_player.chain.close()
    if store is not None:
        store.close()
    if recorder.pending is not None:
        return 1
    return signals.exit_code or 0
