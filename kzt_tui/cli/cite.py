"""`kzt-tui cite ID --doc DOC --quote TEXT --translation TEXT`: a new citation of an existing
record, its quote found verbatim first, written by core/curate (only into files kzt-tui
wrote: a hand-written record's goes to kzt-tui's own part as an `added_citations:` item)."""

from __future__ import annotations

import argparse
import os
import sys

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, emit, say
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
        say(f"kzt-tui cite: {exc}")  # one line, whatever the message holds
        return EXIT_DATA
    # the file as an absolute path, whichever way --data named the dataset (the loader
    # names the curated file as given and the parts in full)
    emit(one_line(f"cited in {args.id}: [{args.doc}] «{args.quote}» "
                  f"({os.path.abspath(written.file)})") + "\n", sys.stdout)
    return EXIT_OK
