"""`kzt-tui cite ID --doc DOC --quote TEXT --translation TEXT`: a new citation of an existing
record, its quote found verbatim first, written by core/curate (only into a file kzt-tui
wrote; for a hand-written record it prints the YAML to paste)."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, emit, for_stdout, say
from kzt_tui.core.textnorm import one_line


def run_cite(args: argparse.Namespace) -> int:
    """`kzt-tui cite`."""
    from kzt_tui.core.curate.store import CurateError, Curator
    from kzt_tui.core.paths import shipped_data

    cite: dict[str, object] = {"doc": args.doc, "quote": args.quote,
                               "translation": args.translation}
    if args.occurrence is not None:
        cite["occurrence"] = args.occurrence
    if args.note:
        cite["note"] = args.note
    try:
        written = Curator(args.data or shipped_data(), args.root).add_citation(args.id, cite)
    except CurateError as exc:
        first, _, paste = str(exc).partition("\n")
        say(f"kzt-tui cite: {first}")
        if paste:  # the YAML to paste by hand: data, to stdout, exact
            emit(for_stdout(paste), sys.stdout)
        return EXIT_DATA
    emit(one_line(f"cited in {args.id}: [{args.doc}] «{args.quote}» ({written.file})") + "\n",
         sys.stdout)
    return EXIT_OK
