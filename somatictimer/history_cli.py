"""`somatictimer history export|import`: the command-line end of the history store."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from somatictimer.core.history_io import export_csv, export_json, import_file
from somatictimer.core.history_records import HistoryError
from somatictimer.core.paths import AppPaths
from somatictimer.core.recorder import open_history


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    temporary = path.with_name(path.name + ".part")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        yield out
    temporary.replace(path)  # a complete file or none at all


def run_history(args: argparse.Namespace, paths: AppPaths) -> int:
    # Reading or importing never recovers a checkpoint: that is for a process about to
    # practise, which knows the minimum length; and the session may still be running.
    store, notices = open_history(paths.history_file, recover=False)
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
            print(
                f"{count} sessions exported" + (f" to {args.output}" if args.output else ""),
                file=sys.stderr,
            )
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
                f"Nothing imported: {len(result.bad)} bad row(s). Fix them, or run again "
                "with --skip-bad to import the rest.",
                file=sys.stderr,
            )
            return 1
        print(
            f"{result.added} sessions added, {result.skipped_existing} already there"
            + (f", {len(result.bad)} bad rows skipped" if result.bad else "")
        )
        return 0
    finally:
        store.close()
