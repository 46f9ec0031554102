"""The one entry point: the app by default, sub-commands for checking and scripting."""

from __future__ import annotations

import argparse
import json
import shlex
import signal
import sys
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from pathlib import Path

from somatictimer import __version__
from somatictimer.build_cli import add_command as add_build_command
from somatictimer.core import describe
from somatictimer.core.library import (
    Library,
    LoadResult,
    Problem,
    adapt,
    library_files,
    load_installed,
    load_library,
)
from somatictimer.core.library.cautions import caution_words
from somatictimer.core.library.families import FAMILIES, family_label
from somatictimer.core.library.practise import UnknownItem, practise
from somatictimer.core.library.search import family_counts
from somatictimer.core.model import Sequence
from somatictimer.core.paths import AppPaths, builtin_library_dir
from somatictimer.core.settings_schema import AUDIO_BACKENDS as BACKENDS
from somatictimer.core.timeline import SegmentKind, compile_timeline
from somatictimer.display import why_no_window
from somatictimer.sequence_cli import add_commands as add_sequence_commands

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
AUDIO_HELP = "sound backend: auto (default), simpleaudio, qt, or null (no sound)"
ITEM_HELP = "sequence, pose or breath pattern: name or id"
MINUTES_HELP = "for one pose or breath pattern: practise this many minutes"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="somatictimer", description="A calm timer for home somatic practice."
    )
    parser.add_argument("--version", action="version", version=f"somatictimer {__version__}")
    parser.add_argument(
        "--audio", dest="audio_global", choices=BACKENDS, default="auto", help=AUDIO_HELP
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add Somatic Timer to your desktop's application menu",
    )
    parser.add_argument("--start", metavar="SEQUENCE", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="validate library and sequence files")
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders (default: the installed and user library)",
    )

    listing = commands.add_parser("list", help="list poses, sequences or breath patterns")
    listing.add_argument(
        "what",
        nargs="?",
        default="sequences",
        choices=("poses", "sequences", "breaths", "families"),
    )
    listing.add_argument("--json", action="store_true", help="print JSON")

    plan = commands.add_parser("plan", help="print the timeline a sequence compiles to")
    plan.add_argument("sequence", help=ITEM_HELP)
    plan.add_argument("--minutes", type=_minutes, help=MINUTES_HELP)
    plan.add_argument("--json", action="store_true", help="print JSON (see docs/cli.md)")
    plan.add_argument("--cues", action="store_true", help="list every cue, not just blocks")
    add_build_command(commands)

    run = commands.add_parser(
        "run", help="practise a sequence, pose or breath pattern in the terminal (no window)"
    )
    run.add_argument("sequence", help=ITEM_HELP)
    run.add_argument("--minutes", type=_minutes, help=MINUTES_HELP)
    run.add_argument(
        "--as-written",
        action="store_true",
        help="ignore your caution profile (My body) and practise every item as written",
    )
    run.add_argument("--audio", choices=BACKENDS, default=None, help=AUDIO_HELP)
    run.add_argument(
        "--save-short",
        action="store_true",
        help="save the session to history even if shorter than a minute",
    )
    run.add_argument(
        "--volume",
        type=_percent,
        default=80,
        metavar="PCT",
        help="cue volume in percent, independent of the system mixer (80)",
    )

    start = commands.add_parser(
        "start", help="start a sequence, pose or breath pattern in the running app"
    )
    start.add_argument("sequence", help=ITEM_HELP)
    for name, text in (
        ("pause", "pause the running session"),
        ("resume", "resume the paused session"),
        ("stop", "stop the running session"),
    ):
        commands.add_parser(name, help=text)
    status = commands.add_parser("status", help="state, step and remaining time")
    status.add_argument("--json", action="store_true", help="print JSON")

    history = commands.add_parser("history", help="export or import practice history")
    history_commands = history.add_subparsers(
        dest="history_command", metavar="ACTION", required=True
    )
    export = history_commands.add_parser("export", help="write every session as CSV or JSON")
    export.add_argument("--format", choices=("csv", "json"), default="json")
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    importing = history_commands.add_parser(
        "import", help="add sessions from our JSON or an Insight Timer CSV export"
    )
    importing.add_argument("file", type=Path)
    importing.add_argument(
        "--skip-bad", action="store_true", help="import the good rows even when some rows are bad"
    )

    add_sequence_commands(commands)

    figures = commands.add_parser("figures", help="pose figures")
    figure_commands = figures.add_subparsers(
        dest="figures_command", metavar="ACTION", required=True
    )
    drawing = figure_commands.add_parser(
        "render", help="write each item's figure: ID.png, and ID@2.png... for further keyframes"
    )
    drawing.add_argument("directory", type=Path, metavar="DIR")
    drawing.add_argument("--size", type=int, default=360, help="width in pixels (default 360)")
    drawing.add_argument("--svg", action="store_true", help="SVG instead of PNG")
    drawing.add_argument("--dark", action="store_true", help="the dark theme's colours")

    cues = commands.add_parser("cues", help="cue sounds")
    cue_commands = cues.add_subparsers(dest="cues_command", metavar="ACTION", required=True)
    render = cue_commands.add_parser("render", help="write every cue sound as a WAV file")
    render.add_argument("directory", type=Path, metavar="DIR")
    return parser


def _minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of minutes, found {text!r}") from None
    if not 0 < value <= 120:
        raise argparse.ArgumentTypeError(f"expected minutes above 0 and up to 120, found {text}")
    return value


def _percent(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected 0 to 100, found {value}")
    return value


def main(argv: Seq[str] | None = None) -> int:
    """Every command; a failure nobody foresaw is one line for the user and a traceback in
    the log, never a traceback on the terminal."""
    if hasattr(signal, "SIGPIPE"):  # `somatictimer plan x | head` should end quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_platform()
    try:
        return _run(args, paths)
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        log_file = _log_crash(paths)
        print(
            f"somatictimer: unexpected error: {type(error).__name__}: {error}"
            + (f" (details in {log_file})" if log_file else ""),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def _log_crash(paths: AppPaths) -> Path | None:
    """Append the current exception's traceback to the log; the log's path, if written."""
    import traceback

    log_file = paths.log_dir / "somatictimer.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        with log_file.open("a", encoding="utf-8") as out:
            out.write(traceback.format_exc())
    except OSError:
        return None
    return log_file


def _run(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.install_desktop_entry:
        from somatictimer.desktop import main_install

        return main_install()
    if args.command is None:
        return _open_app(paths, args.audio_global, args.start)
    if args.command in ("start", "pause", "resume", "stop", "status"):
        return _control(paths, args)
    if args.command == "check":
        return _check(args.paths, paths)
    if args.command == "history":
        from somatictimer.history_cli import run_history

        return run_history(args, paths)
    if args.command == "sequence":
        from somatictimer.sequence_cli import run_sequence

        return run_sequence(args, paths)
    if args.command == "cues":
        from somatictimer.audio.synth import render_all

        for path in render_all(args.directory):
            print(path)
        return EXIT_OK
    loaded = load_installed(builtin_library_dir(), paths.user_library_dir)
    _warn(loaded.problems)
    if args.command == "list":
        return _list(loaded, args.what, args.json)
    if args.command == "build":
        from somatictimer.build_cli import run_build

        return run_build(args, paths, loaded.library, _plan)
    if args.command == "figures":
        from somatictimer.ui.figures.figures_cli import run_figures

        return run_figures(args, loaded.library, paths)
    sequence = _find_sequence(loaded.library, args.sequence, args.minutes)
    if sequence is None:
        return EXIT_USAGE
    if args.command == "run":
        from somatictimer.terminal import run_in_terminal

        if not args.as_written:
            sequence = _fit_to_profile(sequence, loaded.library, paths)
            if not sequence.steps:
                return EXIT_PROBLEMS

        return run_in_terminal(
            sequence,
            loaded.library,
            paths,
            args.audio or args.audio_global,
            args.volume,
            save_short=args.save_short,
        )
    return _plan(loaded.library, sequence, args.json, args.cues)


def _open_app(paths: AppPaths, audio: str, start: str | None) -> int:
    """A second launch raises the running window instead of starting another app. Of
    launches at the same moment, the one that takes the instance lock starts the app; the
    others wait for it to listen and hand it their request."""
    from somatictimer import control
    from somatictimer.core.history.live import Lease

    request = {"command": "start", "sequence": start} if start else {"command": "raise"}
    answer = control.send(paths.control_socket, request)
    if answer is None and (reason := why_no_window()) is not None:
        print(f"somatictimer: cannot open a window: {_with_advice(reason, start)}", file=sys.stderr)
        return EXIT_PROBLEMS
    instance = Lease(paths.runtime_dir / "app.lock")
    if answer is None and not instance.take():
        answer = control.send_when_up(paths.control_socket, request)
        if answer is None:
            print(
                "somatictimer: another copy of the app is starting but does not answer "
                f"(lock {instance.path})",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
    if answer is not None:
        if not answer.get("ok", True):
            print(f"somatictimer: {answer.get('message')}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    from somatictimer.ui.launch import run_app

    return run_app(paths, audio, start)  # the lease is held until this process ends


def _control(paths: AppPaths, args: argparse.Namespace) -> int:
    """start | pause | resume | stop | status, sent to the running app."""
    from somatictimer import control

    request = {"command": args.command}
    if args.command == "start":
        request["sequence"] = args.sequence
    answer = control.send(paths.control_socket, request)
    if answer is None and args.command == "start":
        reason = why_no_window()
        if reason is not None:
            print(
                f"somatictimer: the app cannot start here: {_with_advice(reason, args.sequence)}",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
        answer = control.launch_app(paths.control_socket, ["--start", args.sequence])
        if answer is None:
            print(
                "somatictimer: the app did not start; run `somatictimer` to see why",
                file=sys.stderr,
            )
            return EXIT_PROBLEMS
    if answer is None:
        if getattr(args, "json", False):
            print(json.dumps({"state": "not-running"}))
        else:
            print("somatictimer is not running (start a session with `somatictimer start NAME`)")
        return EXIT_OK if args.command == "status" else EXIT_PROBLEMS
    if not answer.get("ok", True):
        print(f"somatictimer: {answer.get('message')}", file=sys.stderr)
        return EXIT_USAGE
    if getattr(args, "json", False):
        print(json.dumps({k: v for k, v in answer.items() if k != "ok"}))
    elif args.command == "status":
        print(control.describe_status(answer))
    return EXIT_OK


def _with_advice(reason: str, sequence: str | None) -> str:
    """Why no window opens, and how to practise anyway."""
    name = shlex.quote(sequence) if sequence else "SEQUENCE"
    return f"{reason}; practise in this terminal with `somatictimer run {name}`"


def _warn(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)


def _check(given: list[Path], paths: AppPaths) -> int:
    if given:
        chosen = {p.resolve() for p in library_files(given)}
        builtin = [p for p in library_files([builtin_library_dir()]) if p.resolve() not in chosen]
        loaded = load_library([builtin, given])
    else:
        loaded = load_installed(builtin_library_dir(), paths.user_library_dir)
    library = loaded.library
    for problem in dict.fromkeys(str(p) for p in loaded.problems):
        print(problem)
    if loaded.problems:
        files = len({p.file for p in loaded.problems})
        print(
            f"{describe.plural(len(loaded.problems), 'problem')} in "
            f"{describe.plural(files, 'file')}",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    print(
        f"ok: {describe.plural(len(library.poses), 'pose')}, "
        f"{describe.plural(len(library.breaths), 'breath pattern')}, "
        f"{describe.plural(len(library.sequences), 'sequence')}"
    )
    return EXIT_OK


def _list(loaded: LoadResult, what: str, as_json: bool) -> int:
    library = loaded.library
    if what == "poses":
        poses = library.listed_poses()
        rows = [describe.pose_json(p) for p in poses]
        ids = _widest(p.id for p in poses)  # an id is never cut: it is what people type
        lines = [
            f"{p.id:{ids}} {describe.fit(p.name, 40)} {family_label(p.tradition):18} "
            f"{describe.pose_timing(p)}"
            for p in poses
        ]
    elif what == "families":
        counts = family_counts(library)
        rows = [
            {"id": f.id, "name": f.label, "items": counts.get(f.id, 0), "about": f.about}
            for f in FAMILIES
        ]
        lines = [
            f"{r['id']:18} {r['name']:20} {describe.plural(r['items'], 'item'):>9}" for r in rows
        ]
    elif what == "breaths":
        rows = [describe.breath_json(b) for b in library.breaths.values()]
        ids = _widest(library.breaths)
        lines = [
            f"{b.id:{ids}} {describe.fit(b.name, 36)} {describe.breath_summary(b)}"
            for b in library.breaths.values()
        ]
    else:
        rows = [describe.sequence_json(s, library) for s in library.sequences.values()]
        ids = _widest(r["id"] for r in rows)
        lines = [
            f"{r['id']:{ids}} {describe.fit(r['name'], 36)} {describe.clock(r['total_s']):>8}"
            for r in rows
        ]
    print(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else "\n".join(lines))
    return EXIT_OK


def _widest(texts: Iterable[str]) -> int:
    return max((len(text) for text in texts), default=0)


def _find_sequence(library: Library, query: str, minutes: float | None) -> Sequence | None:
    """A sequence, or a one-item session of a pose or breath pattern, by name or id."""
    try:
        return practise(library, query, minutes)
    except UnknownItem as error:
        print(describe.unknown_line(str(error), library.suggest_sequence(query)), file=sys.stderr)
        return None


def _fit_to_profile(sequence: Sequence, library: Library, paths: AppPaths) -> Sequence:
    """Apply the caution profile (My body) with the default choices, and say what changed."""
    from somatictimer.core.settings import load_settings

    settings, _ = load_settings(paths.settings_file)
    profile = frozenset(settings.caution_profile)
    flagged = adapt.flagged_steps(sequence, library, profile)
    for entry in flagged:
        what = (
            f"replaced by {entry.substitute.name}"
            if entry.substitute is not None
            else "skipped (no substitute fits your profile)"
        )
        print(
            f"caution ({caution_words(entry.flags)}): {entry.pose.name} {what}",
            file=sys.stderr,
        )
    adapted = adapt.adapt(sequence, library, profile)
    if flagged:
        print("  (use --as-written to practise every item as written)", file=sys.stderr)
    if not adapted.steps:
        print(
            "somatictimer: nothing is left to practise with your caution profile", file=sys.stderr
        )
    return adapted


def _plan(library: Library, sequence: Sequence, as_json: bool, with_cues: bool) -> int:
    timeline = compile_timeline(sequence, library.poses, library.breaths)
    if as_json:
        print(json.dumps(describe.timeline_json(timeline, library), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(
        f"{sequence.name} — {describe.clock(timeline.practice_s)} of practice "
        f"(+{describe.clock(timeline.prep_ms / 1000)} get ready)"
    )
    width = len(describe.clock(timeline.total_s))  # times line up, no wider than the longest
    cues_by_segment: dict[int, list[str]] = {}
    for cue in timeline.cues:
        label = cue.kind.value + (f" {cue.count}" if cue.count is not None else "")
        cues_by_segment.setdefault(cue.segment, []).append(
            f"  {describe.clock(cue.at_s):>{width}}  {label}"
        )
    for segment in timeline.segments:
        what = describe.segment_title(segment, library)
        if segment.kind is SegmentKind.HOLD and segment.side.value != "none":
            what += f" ({segment.side.value})"
        print(
            f"{describe.clock(segment.start_s):>{width}} – "
            f"{describe.clock(segment.end_s):>{width}}  {segment.kind.value:10} {what}"
        )
        if with_cues:
            print("\n".join(cues_by_segment.get(segment.index, [])))
    return EXIT_OK
