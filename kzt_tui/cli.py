"""Command line: `kzt-tui` opens the explorer; `check` validates; `export` writes the data."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from kzt_tui import __version__
from kzt_tui.core.gcpause import gc_paused
from kzt_tui.core.model import Dataset
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.problems import DataError, Problem

if TYPE_CHECKING:
    from kzt_tui.core.parts import Summary

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line with a hint (exit 2), like data errors."""

    def error(self, message: str) -> NoReturn:
        hint = "" if "(hint:" in message else f" (hint: see `{self.prog} --help`)"
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}{hint}\n")


def _data_file(value: str) -> Path:
    """--data: a path that exists and is a file; anything else is a usage error."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{value!r} is a folder (hint: give the curated YAML file inside it)")
    if not path.exists():
        raise argparse.ArgumentTypeError(
            f"no such file: {value!r} (hint: give the path of a curated YAML file)")
    return path


def _root_dir(value: str) -> Path:
    """--root: an existing folder."""
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"no such folder: {value!r} (hint: the folder that document paths are relative to)")
    return path


def _data_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=_data_file,
        default=default,
        help="curated YAML file to open (default: the dataset shipped with kzt-tui)",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        type=_root_dir,
        default=default,
        help="folder that document paths are relative to and confined to "
        "(default: the data file's folder, or its parent when that folder is called data)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show Python tracebacks for unexpected errors",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `kzt-tui`."""
    parser = _Parser(
        prog="kzt-tui",
        description="Explore source-grounded facts on Kazakhstan–Turkmenistan relations: "
        "documents, agreements, corridors and figures, each beside its verbatim source.",
        epilog="Run without a command to open the explorer. Exit codes: 0 ok, 1 data errors, "
        "2 usage errors.",
    )
    parser.add_argument("--version", action="version", version=f"kzt-tui {__version__}")
    _data_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate the curated file and ground every quote in its source",
        description="Validate the curated file: schema, ids, references, and that every "
        "quote is an exact substring of its source. Exit 0 when all is well, 1 otherwise.",
    )
    _data_options(check, suppress=True)
    check.add_argument(
        "--no-cache", action="store_true", dest="no_cache",
        help="check every file from its text, even those unchanged since they last passed "
        "(by default such a file is taken from the cache, keyed by its content, the code and "
        "the source texts it cites)",
    )
    export = commands.add_parser(
        "export",
        help="write the data as json, csv, md or csl-json",
        description="Export the grounded data. Output goes to stdout unless --out is given; "
        "an existing file is only replaced with --force.",
    )
    _data_options(export, suppress=True)
    export.add_argument(
        "--format", required=True, choices=("json", "csv", "md", "csl-json"), dest="fmt"
    )
    export.add_argument("--section", metavar="NAME", help="only this section (e.g. agreements)")
    export.add_argument("--out", metavar="FILE", type=Path, help="write to FILE")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    return parser


def load_or_report(args: argparse.Namespace, out: TextIO) -> Dataset | None:
    """Load the dataset named by `args` (unchanged files from the cache), or print every
    problem and return None."""
    from kzt_tui.core.cache import load_cached

    try:
        return load_cached(args.data or shipped_data(), args.root)
    except DataError as exc:
        report(exc.problems, out)
        return None


def report(problems: Sequence[Problem], out: TextIO) -> None:
    """Every problem on a line of its own, then how many."""
    for problem in problems:
        print(problem, file=out)
    print(f"✗ {len(problems)} problem(s); nothing was changed.", file=out)


def summary(got: Summary) -> list[str]:
    """Per-section counts of records and grounded citations."""
    lines = [f"  {name:<14} {records:>5}   {cites:>5} citations"
             for name, (records, cites) in got.counts.items()]
    total = sum(cites for _, cites in got.counts.values())
    docs = got.counts["documents"][0]
    if got.files > 1:
        side = f"; {got.warmed:,} checked side by side in worker processes" if got.warmed else ""
        lines.append(f"  in {got.files:,} files ({got.cached:,} unchanged since they last "
                     f"passed, taken from the cache{side})")
    lines.append(f"✓ {total} citations grounded verbatim in {docs} source texts.")
    return lines


def run_check(args: argparse.Namespace) -> int:
    """`kzt-tui check`."""
    from kzt_tui.core.cache import PartCache
    from kzt_tui.core.parts import check_dataset

    try:
        got = check_dataset(args.data or shipped_data(), args.root,
                            None if args.no_cache else PartCache())
    except DataError as exc:
        report(exc.problems, sys.stdout)
        return EXIT_DATA
    print(f"{got.source}: OK")
    print("\n".join(summary(got)))
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """`kzt-tui export`."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.export import ExportError, export_text

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    try:
        text = export_text(Corpus(dataset), args.fmt, args.section)
    except ExportError as exc:
        print(f"kzt-tui export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.out is None:
        sys.stdout.write(text)
        return EXIT_OK
    from kzt_tui.core.atomic import OverwriteError, write_new

    try:
        write_new(args.out, text, force=args.force)
    except OverwriteError as exc:
        print(f"kzt-tui export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"kzt-tui export: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_DATA
    print(f"wrote {len(text.encode()):,} bytes to {args.out}", file=sys.stderr)
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    """Open the explorer. A dataset of many files opens on its first files, checked on
    their own, while the rest loads (see KztApp.loading). SIGTERM, SIGHUP or SIGINT closes it
    as q does, terminal restored, and exits 128 + the signal's number as a shell reports it;
    a crash inside it is raised again here, for main to report (exit 70)."""
    from kzt_tui.core.cache import load_cached_start
    from kzt_tui.core.parts import FirstViewError

    path = args.data or shipped_data()
    # The dataset, corpus and indexes are many objects that all live as long as the app:
    # build them with the collector paused, then freeze them so it never rescans them.
    with gc_paused():
        try:
            dataset, left_out = load_cached_start(path, args.root)
        except FirstViewError:  # the first files do not stand alone: load the whole first
            loaded, left_out = load_or_report(args, sys.stderr), 0
            if loaded is None:
                return EXIT_DATA
            dataset = loaded
        except DataError as exc:
            report(exc.problems, sys.stderr)
            return EXIT_DATA
        from kzt_tui.app import create_app

        app = create_app(dataset, data_path=path, root=args.root, loading=left_out)
        gc.freeze()
    app.run(headless=bool(os.environ.get("KZT_TUI_PAINT_PROBE")))
    app.stopping.set()  # however it closed: threads still loading stop at their next file
    if app.crashed is not None:  # a bug: main reports it in one line and exits 70
        raise app.crashed
    if app.closed_by is not None:
        return 128 + app.closed_by
    if app.load_problems:  # the rest of a large dataset had problems: the app closed
        report(app.load_problems, sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kzt-tui` command; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: already printed
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler = {"check": run_check, "export": run_export}.get(args.command, run_app)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, not bad input: say so plainly, trace only on request
        if args.debug:
            traceback.print_exc()
        else:
            print(
                f"kzt-tui: internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback)",
                file=sys.stderr,
            )
        return 70
