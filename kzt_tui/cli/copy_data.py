"""`kzt-tui copy-data DIR`: a writable copy of the shipped dataset, for marks and curation
(core/shipped.py: the shipped one is read-only). It copies the shipped dataset only: given
`--data` of another (a copy already: writable, the user's own), it refuses rather than copy
the shipped one while the user means theirs; which files of a folder of the user's belong
to a copy of it (its texts, notes, a repository) only the user knows."""

from __future__ import annotations

import argparse
import shlex
import sys

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, EXIT_USAGE, emit, say
from kzt_tui.core.textnorm import one_line


def run_copy_data(args: argparse.Namespace) -> int:
    """Copy data/ and seeds/ into DIR; print the `--data` option that opens the copy."""
    from kzt_tui.core.shipped import CopyError, CopyRefused, copy_shipped, not_shipped

    why = not_shipped(args.data)
    if why is not None:
        say(f"kzt-tui copy-data: {why}")
        return EXIT_USAGE
    try:
        curated = copy_shipped(args.dir)
    except CopyError as exc:
        say(f"kzt-tui copy-data: {exc}")
        # A folder that is not empty is refused as `export --out` refuses a file that
        # exists: a usage error (README's exit codes: change the command), exit 2.
        return EXIT_USAGE if isinstance(exc, CopyRefused) else EXIT_DATA
    emit(one_line(f"copied; open it with: kzt-tui --data {shlex.quote(str(curated))}") + "\n",
         sys.stdout)
    return EXIT_OK
