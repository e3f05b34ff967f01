"""`kzt-tui mark ID`: mark, tag or annotate a record in marks.yaml beside the data."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.check import load_or_report
from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, EXIT_USAGE, emit, say
from kzt_tui.core.textnorm import one_line


def run_mark(args: argparse.Namespace) -> int:
    """`kzt-tui mark`: change one record's mark, tags and note; print what it holds now."""
    from pathlib import Path

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.marks import Marks, marks_path
    from kzt_tui.core.problems import DataError

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    if Corpus(dataset).get(args.id) is None:
        say(f"kzt-tui mark: no record {args.id!r} in {dataset.source}")
        return EXIT_USAGE
    try:
        marks = Marks(marks_path(Path(dataset.source)))
        if args.unmark:
            marks.unmark(args.id)
        elif not (args.tag or args.untag or args.note is not None):
            marks.mark(args.id)
        for tag in args.tag or ():
            marks.tag(args.id, tag)
        for tag in args.untag or ():
            marks.untag(args.id, tag)
        if args.note is not None:
            marks.note(args.id, args.note)
    except DataError as exc:
        say(f"kzt-tui mark: {exc.problems[0]}")
        return EXIT_DATA
    except ValueError as exc:
        say(f"kzt-tui mark: {exc}")
        return EXIT_USAGE
    except OSError as exc:  # a marks file of the user's (PermissionError), a full disk
        say(f"kzt-tui mark: {exc}")
        return EXIT_DATA
    m = marks.get(args.id)
    emit(one_line(f"{args.id}: {'marked' if m.marked else 'not marked'}"
                  + (f"; tags {', '.join(m.tags)}" if m.tags else "")
                  + (f"; note {m.note!r}" if m.note else "")) + "\n", sys.stdout)
    return EXIT_OK
