"""`somatictimer history export|import`: the command-line end of the history store."""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from somatictimer.core.describe import plural
from somatictimer.core.history.io import export_csv, export_json, import_file
from somatictimer.core.history.recorder import open_history
from somatictimer.core.history.records import HistoryError
from somatictimer.core.paths import AppPaths
from somatictimer.core.safe_files import atomic_file, kind_of


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a new file written in full or not at all. Only a regular file is ever
    replaced: a device, a FIFO or a folder at the path is refused."""
    if path is None:
        yield sys.stdout
        return
    if path.exists() and not path.is_file():
        mode = path.stat().st_mode
        raise OSError(errno.EEXIST, f"{kind_of(mode)} is there; only a file is replaced")
    with atomic_file(path, private=True) as raw:  # mkstemp made it 0600 before: notes
        out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        yield out
        out.flush()
        out.detach()  # the raw file is atomic_file's to close


def run_history(args: argparse.Namespace, paths: AppPaths) -> int:
    if args.history_command == "export" and not paths.history_file.exists():
        # Export only reads: with no history yet it exports nothing, and creates no file.
        with tempfile.TemporaryDirectory() as empty:
            return _run(args, Path(empty) / paths.history_file.name)
    return _run(args, paths.history_file)


def _run(args: argparse.Namespace, history_file: Path) -> int:
    # Reading or importing never recovers a checkpoint: that is for a process about to
    # practise, which knows the minimum length; and the session may still be running.
    store, notices = open_history(history_file, recover=False)
    for notice in notices:
        print(notice, file=sys.stderr)
    if store is None:
        return 1
    try:
        if args.history_command == "export":
            writer = export_csv if args.format == "csv" else export_json
            try:
                with _output(args.output) as out:
                    count = writer(store, out)
            except OSError as error:
                print(
                    f"somatictimer: cannot write {args.output}: {error.strerror or error}",
                    file=sys.stderr,
                )
                return 1
            except HistoryError as error:  # a damaged database: nothing is written
                print(f"somatictimer: cannot export: {error}", file=sys.stderr)
                return 1
            if args.output:  # on stdout the export itself is the only output
                print(f"{plural(count, 'session')} exported to {args.output}")
            return 0
        try:
            result = import_file(store, args.file, accept_bad=args.skip_bad)
        except HistoryError as error:
            print(f"somatictimer: {error}", file=sys.stderr)
            return 1
        for bad in result.bad:
            print(f"{args.file}:{bad.line}: {bad.message}", file=sys.stderr)
        if result.bad and not result.committed:
            print(
                f"Nothing imported: {plural(len(result.bad), 'bad row')}. Fix them, or run again "
                "with --skip-bad to import the rest.",
                file=sys.stderr,
            )
            return 1
        print(
            f"{plural(result.added, 'session')} added, {result.skipped_existing} already there"
            + (f", {plural(len(result.bad), 'bad row')} skipped" if result.bad else "")
        )
        return 0
    finally:
        store.close()
