"""`kzt-tui export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_tui.cli.check import load_or_report
from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, EXIT_USAGE, emit, for_stdout, say, why_not

if TYPE_CHECKING:
    from kzt_tui.core.corpus import Corpus


def run_export(args: argparse.Namespace) -> int:
    """`kzt-tui export`."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.export import ExportError, export_data

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    try:
        if args.marked or args.tag:
            text = _marked(args, Corpus(dataset))
        else:
            text = export_data(Corpus(dataset), args.fmt, args.section,
                               with_ids=args.with_ids)
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


def _marked(args: argparse.Namespace, corpus: Corpus) -> str | bytes:
    """The records marked (or tagged `--tag`) in the dataset's marks file."""
    from kzt_tui.core.export import ExportError, export_records
    from kzt_tui.core.marks import Marks, marks_path
    from kzt_tui.core.problems import DataError

    path = marks_path(Path(corpus.dataset.source))
    try:
        marks = Marks(path)
        ids = marks.marked(args.tag)
    except DataError as exc:
        raise ExportError(f"the marks cannot be read: {exc.problems[0]}") from exc
    records = [r for r in (corpus.get(i) for i in ids) if r is not None]
    if args.section:
        records = [r for r in records if r.section == args.section]
    if len(records) < len(ids):
        say(f"kzt-tui export: {len(ids) - len(records)} marked id(s) name no record"
            + (f" of {args.section}" if args.section else "") + "; left out")
    what = f"Tagged {args.tag}" if args.tag else "Marked records"
    return export_records(corpus, args.fmt, records, what, with_ids=args.with_ids,
                          marks=marks.marks)
