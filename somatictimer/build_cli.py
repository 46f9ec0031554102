"""`somatictimer build`: compose a session from minutes, a focus, families and an intensity
(docs/session-builder.md), print its plan, and save it into the user library if asked."""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from dataclasses import replace

from somatictimer.core.compose import ComposeError, ComposeRequest, Focus, Intensity, compose
from somatictimer.core.compose.request import MAX_MINUTES, MIN_MINUTES
from somatictimer.core.library import Library
from somatictimer.core.library.cautions import caution_words
from somatictimer.core.library.families import FAMILY_IDS
from somatictimer.core.model import Sequence
from somatictimer.core.paths import AppPaths

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
PlanPrinter = Callable[[Library, Sequence, bool, bool], int]


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    build = commands.add_parser(
        "build", help="build a session for a focus: a warm-up, the main part, a closing rest"
    )
    build.add_argument(
        "--minutes", type=_minutes, default=20, help=f"{MIN_MINUTES} to {MAX_MINUTES} (20)"
    )
    build.add_argument("--focus", choices=[f.value for f in Focus], default=Focus.HIPS.value)
    build.add_argument(
        "--family",
        dest="families",
        action="append",
        choices=FAMILY_IDS,
        metavar="FAMILY",
        help="draw the main part from this family; repeat for more (default: every family)",
    )
    build.add_argument(
        "--intensity", choices=[i.value for i in Intensity], default=Intensity.MODERATE.value
    )
    build.add_argument(
        "--seed", type=int, help="the same seed builds the same session (default: a new one)"
    )
    build.add_argument("--save", metavar="NAME", help="save it into your library as NAME")
    build.add_argument("--json", action="store_true", help="print the plan as JSON")


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected whole minutes, found {text!r}") from None
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise argparse.ArgumentTypeError(
            f"expected {MIN_MINUTES} to {MAX_MINUTES} minutes, found {value}"
        )
    return value


def run_build(
    args: argparse.Namespace, paths: AppPaths, library: Library, print_plan: PlanPrinter
) -> int:
    from somatictimer.core.settings import load_settings

    settings, _ = load_settings(paths.settings_file)
    profile = frozenset(settings.caution_profile)
    seed = args.seed if args.seed is not None else random.randrange(1, 1_000_000)
    request = ComposeRequest(
        minutes=args.minutes,
        focus=Focus(args.focus),
        families=tuple(dict.fromkeys(args.families)) if args.families else FAMILY_IDS,
        intensity=Intensity(args.intensity),
        profile=profile,
        seed=seed,
    )
    try:
        sequence = compose(request, library)
    except ComposeError as error:
        print(f"somatictimer: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if profile:
        print(f"caution profile (My body): {caution_words(sorted(profile))}", file=sys.stderr)
    if args.save is not None:
        saved = _save(sequence, args.save, library, paths)
        if saved is None:
            return EXIT_PROBLEMS
        sequence = saved
    print_plan(library, sequence, args.json, False)
    if not args.json:
        print(f"seed {seed}: --seed {seed} builds this session again; without it, another one")
    return EXIT_OK


def _save(sequence: Sequence, name: str, library: Library, paths: AppPaths) -> Sequence | None:
    """The sequence under ``name``, written into the user library; None (said why) if not."""
    from somatictimer.core.library.writer import ItemExists, SharedFile, save_item

    sequence_id = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
    if not sequence_id or not name.strip():
        print(
            f"somatictimer: expected a name with letters or digits, found {name!r}", file=sys.stderr
        )
        return None
    if sequence_id in library.sequences:
        print(
            f'somatictimer: a sequence with the id "{sequence_id}" is already in the library; '
            "choose another name",
            file=sys.stderr,
        )
        return None
    named = replace(sequence, id=sequence_id, name=name.strip())
    try:
        target = save_item(paths.user_library_dir, named)
    except (ItemExists, SharedFile, OSError) as error:
        print(f"somatictimer: not saved: {error}", file=sys.stderr)
        return None
    print(f'saved "{named.name}" to {target}', file=sys.stderr)
    return named
