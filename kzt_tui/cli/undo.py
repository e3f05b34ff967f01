"""`kzt-tui undo`: undo the last write kzt-tui made to the dataset (add-source, a record
or citation written through core/curate), from the journal beside the data."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, emit, say
from kzt_tui.core.textnorm import one_line


def run_undo(args: argparse.Namespace) -> int:
    """`kzt-tui undo`."""
    from kzt_tui.core.curate.journal import JournalError
    from kzt_tui.core.curate.store import CurateError, Curator
    from kzt_tui.core.paths import shipped_data

    try:
        what = Curator(args.data or shipped_data(), args.root).undo()
    except (JournalError, CurateError) as exc:
        say(f"kzt-tui undo: {exc}")
        return EXIT_DATA
    emit(one_line(f"undone: {what}") + "\n", sys.stdout)  # `what` is the journal's: data
    return EXIT_OK
