"""`kzt-tui check` (and the loading every command shares)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, TextIO

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, emit, report
from kzt_tui.core.model import Dataset
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.problems import DataError
from kzt_tui.core.textnorm import one_line

if TYPE_CHECKING:
    from kzt_tui.core.loading import Summary


def load_or_report(args: argparse.Namespace, out: TextIO) -> Dataset | None:
    """Load the dataset named by `args` (unchanged files from the cache), or print every
    problem and return None."""
    from kzt_tui.core.loading import load_cached

    try:
        return load_cached(args.data or shipped_data(), args.root)
    except DataError as exc:
        report(exc.problems, out)
        return None


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
    from kzt_tui.core.anchors import MAX_ANCHORED, AnchorStore, remember, suggest
    from kzt_tui.core.loading import PartCache, check_dataset
    from kzt_tui.core.loading.files import dataset_root

    data = args.data or shipped_data()
    root = args.root if args.root is not None else dataset_root(data)
    shown = Progress(sys.stderr)
    try:
        got = check_dataset(data, args.root, None if args.no_cache else PartCache(), shown)
    except DataError as exc:  # a quote not found gets the passage it probably is now
        shown.clear()
        report(suggest(exc.problems, data, root), sys.stdout)
        return EXIT_DATA
    shown.clear()
    cites = sum(n for _, n in got.counts.values())
    if not args.no_cache and cites <= MAX_ANCHORED and (
            got.cached < got.files or not AnchorStore(data).exists()):
        remember(data, root)  # the context of every quote, for when a text is edited
    emit("\n".join([one_line(f"{got.source}: OK"), *summary(got)]) + "\n", sys.stdout)
    if not args.strict:
        return EXIT_OK
    dataset = load_or_report(args, sys.stdout)
    if dataset is None:
        return EXIT_DATA
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.coverage import coverage
    from kzt_tui.core.sentences import MAX_SENTENCES

    lines, count = [], 0
    for c in coverage(Corpus(dataset)):
        count += len(c.unaccounted)
        lines += [one_line(f"{c.file}:{s.line}: unaccounted sentence: {sentence_start(s.text)}")
                  for s in c.unaccounted[:LISTED]]
        if len(c.unaccounted) > LISTED:
            lines.append(one_line(f"{c.file}: … and {len(c.unaccounted) - LISTED:,} more"))
        if c.partial:
            count += 1
            lines.append(one_line(f"{c.file}: more than {MAX_SENTENCES:,} sentences; only "
                                  "the first were counted"))
    if lines:
        lines.append(f"✗ --strict: {count:,} sentence(s) neither cited nor dismissed.")
        emit("\n".join(lines) + "\n", sys.stdout)
        return EXIT_DATA
    emit("✓ --strict: every sentence is cited or dismissed.\n", sys.stdout)
    return EXIT_OK


class Progress:
    """How much of a check is done, on one line of a terminal's stderr redrawn in place
    (at most every PERIOD seconds); nothing when stderr is not a terminal."""

    PERIOD = 0.25

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = False
        self.last = 0.0
        try:
            self.live = out.isatty()
        except (AttributeError, ValueError):  # a closed or odd stream: no progress
            self.live = False

    def __call__(self, done: int, of: int) -> None:
        now = time.monotonic()
        if not self.live or (now - self.last < self.PERIOD and done < of):
            return
        self.last = now
        self._write(f"\rchecking… {done * 100 // max(1, of)}% ({done:,} of {of:,} steps)")
        self.shown = True

    def clear(self) -> None:
        """Erase the line, before the check's own output."""
        if self.shown:
            self._write("\r\033[K")
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            self.out.write(text)
            self.out.flush()
        except (OSError, ValueError):  # stderr gone: the check goes on without it
            self.live = False


#: Unaccounted sentences listed per text; the rest are counted ("… and N more").
LISTED = 1000


def sentence_start(text: str, width: int = 60) -> str:
    """The start of a sentence, cut at `width` characters."""
    return text if len(text) <= width else text[:width - 1] + "…"
