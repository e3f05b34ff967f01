"""Sort and facet of a pane's list: what pressing `<`/`>` or `F` computes, per column.

Each sort is timed on a fresh TableIndex (the first press of a column, nothing kept); each
facet as the explorer makes it: the records the filter and facets keep, then the counts.
`python -m bench.tables DATA` prints the figures for one dataset.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.panes import PANE_BY_NAME, pane_columns, pane_records

#: The panes timed: the largest list of one section, and the timeline (two sections).
PANES = ("agreements", "timeline", "statements")
#: Columns left out: a document's accounted share splits its text into sentences (the
#: Documents pane is not among PANES anyway).
SKIP = {"accounted"}
#: Typed into the Agreements filter one character at a time.
TERMS = "country:TM status:signed date:2025"


def measure_tables(corpus: Corpus, filter_index: FilterIndex) -> dict[str, Any]:
    """Median and max ms of every column's sort (both ways) and facet in PANES, and of each
    keystroke of TERMS."""
    from bench.child import summary
    from kzt_tui.core.table import TableIndex

    sorts: list[float] = []
    facets: list[float] = []
    for name in PANES:
        pane = PANE_BY_NAME[name]
        records = pane_records(corpus, pane)
        columns = pane_columns(pane)
        for column in columns:
            if column.name in SKIP:
                continue
            for descending in (False, True):
                index = TableIndex(corpus)
                t = time.perf_counter()
                index.sorted(records, column, descending)
                sorts.append(time.perf_counter() - t)
            index = TableIndex(corpus)
            t = time.perf_counter()
            kept = index.select(records, columns, filter_index, "", (), None,
                                skip=column.name).records
            index.facet(kept, column)
            facets.append(time.perf_counter() - t)
    terms = []
    pane = PANE_BY_NAME["agreements"]
    records = pane_records(corpus, pane)
    index = TableIndex(corpus)
    filter_index.prepare(records)  # as the app does while idle (screens/fold_ahead.py)
    for _ in range(3):  # the filter language: field terms over the data, each keystroke
        for end in range(1, len(TERMS) + 1):
            t = time.perf_counter()
            index.select(records, pane_columns(pane), filter_index, TERMS[:end])
            terms.append(time.perf_counter() - t)
    return {"sort": summary(sorts), "facet": summary(facets), "terms": summary(terms),
            "table_rows": {n: len(pane_records(corpus, PANE_BY_NAME[n])) for n in PANES}}


def main(argv: list[str]) -> int:
    from kzt_tui.core.loading import load_cached

    corpus = Corpus(load_cached(Path(argv[0])))
    gc.freeze()  # as the app does after a load
    print(json.dumps(measure_tables(corpus, FilterIndex(corpus))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
