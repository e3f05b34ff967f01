"""`kzt-tui export`."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.check import load_or_report
from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, EXIT_USAGE, emit, for_stdout, say, why_not


def run_export(args: argparse.Namespace) -> int:
    """`kzt-tui export`."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.export import ExportError, export_data

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    try:
        text = export_data(Corpus(dataset), args.fmt, args.section, with_ids=args.with_ids)
        if isinstance(text, bytes) and args.out is None:
            raise ExportError(f"{args.fmt} is a binary file, not for stdout: give --out FILE")
    except ExportError as exc:
        say(f"kzt-tui export: {exc}")
        return EXIT_USAGE
    if isinstance(text, str) and args.out is None:
        emit(for_stdout(text), sys.stdout)
        return EXIT_OK
    from kzt_tui.core.atomic import NotAFileError, OverwriteError, write_new

    try:
        write_new(args.out, text, force=args.force)
    except (OverwriteError, NotAFileError) as exc:
        say(f"kzt-tui export: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        say(f"kzt-tui export: cannot write {args.out}: {why_not(args.out, exc)}")
        return EXIT_DATA
    size = len(text) if isinstance(text, bytes) else len(text.encode())
    say(f"wrote {size:,} bytes to {args.out}")
    return EXIT_OK
