"""`kzt-tui coverage`."""

from __future__ import annotations

import argparse
import sys

from kzt_tui.cli.check import LISTED, load_or_report, sentence_start
from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, emit, for_stdout
from kzt_tui.core.textnorm import one_line


def run_coverage(args: argparse.Namespace) -> int:
    """`kzt-tui coverage`."""
    import json

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.coverage import coverage
    from kzt_tui.core.sentences import MAX_SENTENCES

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    got = coverage(Corpus(dataset))
    if args.json:
        data = [{"doc": c.doc, "file": c.file, "sentences": c.total, "cited": c.cited,
                 "dismissed": c.dismissed, "unaccounted": len(c.unaccounted),
                 "accounted_share": round(c.accounted_share, 4), "partial": c.partial,
                 "unaccounted_sentences": [{"line": s.line, "start": s.start, "end": s.end,
                                            "text": s.text}
                                           for s in c.unaccounted[:LISTED]]}
                for c in got]
        emit(for_stdout(json.dumps({"documents": data}, ensure_ascii=False, indent=2)
                         + "\n"), sys.stdout)
        return EXIT_OK
    lines = []
    for c in got:
        sentences = "1 sentence" if c.total == 1 else f"{c.total} sentences"
        lines.append(one_line(f"{c.doc} ({c.file}): {sentences}, {c.cited} cited, "
                              f"{c.dismissed} dismissed, {len(c.unaccounted)} unaccounted "
                              f"({c.accounted_share:.0%} accounted)"
                              + (f"; only the first {MAX_SENTENCES:,} sentences counted"
                                 if c.partial else "")))
        lines += [one_line(f"  line {s.line}: {sentence_start(s.text)}")
                  for s in c.unaccounted[:LISTED]]
        if len(c.unaccounted) > LISTED:
            lines.append(f"  … and {len(c.unaccounted) - LISTED:,} more")
    emit("\n".join(lines) + "\n", sys.stdout)
    return EXIT_OK
