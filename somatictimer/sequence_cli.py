"""`somatictimer sequence export|import`: a sequence as one shareable file, and back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the sharing code loads only for these commands, not for every start
    from somatictimer.core.paths import AppPaths
    from somatictimer.sharing import Folders

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sequence = commands.add_parser("sequence", help="share a sequence as one file, or add one")
    actions = sequence.add_subparsers(dest="sequence_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write a sequence with the poses, patterns and figures of yours it uses"
    )
    export.add_argument("sequence", help="sequence name or id")
    export.add_argument("-o", "--output", type=Path, help="new file to write (default: stdout)")
    importing = actions.add_parser("import", help="add a shared sequence file to your library")
    importing.add_argument("file", type=Path)
    choice = importing.add_mutually_exclusive_group()
    choice.add_argument(
        "--replace", action="store_true", help="where an id is taken, the file's item replaces it"
    )
    choice.add_argument(
        "--rename", action="store_true", help="where an id is taken, import under a new id"
    )


def run_sequence(args: argparse.Namespace, paths: AppPaths) -> int:
    from somatictimer.sharing import (
        Folders,
        ImportRefused,
        OnClash,
        import_shared,
        read_shared,
        summary,
    )

    folders = Folders.installed(paths)
    if args.sequence_command == "export":
        return _export(args.sequence, args.output, folders)
    on_clash = OnClash.REPLACE if args.replace else OnClash.RENAME if args.rename else OnClash.ASK
    incoming = read_shared(args.file, folders)
    try:
        written = import_shared(incoming, folders, on_clash)
    except ImportRefused as refused:
        print("\n".join(refused.lines), file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"somatictimer: nothing was imported: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print("\n".join(summary(written, incoming)) or "nothing to import")
    return EXIT_OK


def _export(query: str, output: Path | None, folders: Folders) -> int:
    from somatictimer.core.library import load_installed
    from somatictimer.core.safe_files import write_atomically
    from somatictimer.sharing import export_sequence

    loaded = load_installed(folders.builtin_library, folders.user_library)
    library = loaded.library
    sequence = library.find_sequence(query)
    if sequence is None:
        from somatictimer.core.describe import unknown_line

        message = f'no sequence is called "{query}"'
        print(unknown_line(message, library.suggest_sequence(query)), file=sys.stderr)
        return EXIT_USAGE
    shared = export_sequence(sequence, library, folders)
    for note in shared.notes:
        print(f"note: {note}", file=sys.stderr)
    if output is None:
        sys.stdout.write(shared.text)
        return EXIT_OK
    try:
        write_atomically(output, shared.text.encode("utf-8"), replace=False)
    except FileExistsError:
        print(f"somatictimer: {output} is already there; choose a new file name", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as error:
        print(f"somatictimer: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f'"{sequence.name}" exported to {output}')
    return EXIT_OK
