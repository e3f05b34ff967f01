"""The data paths in one process, no terminal: search, filter, sort and facets.

    python -m bench.profile_data DATA [ROUNDS]

DATA is a corpus `bench/corpus.py` made (or data/curated.yaml). Loads it through the cache
(the first run at 1000x checks and caches every file: minutes), builds the search index,
then times, each ROUNDS times (default 5), and prints median and max in ms:

- search: every query of SEARCH_ONE (one letter: the slowest today), SEARCH_TWO and each
  prefix of terminal.SEARCH_QUERIES as it is typed (what a search keystroke computes: the
  200 hits shown, not their snippets, which are made when a row is drawn);
- filter: each prefix of terminal.FILTER_QUERY typed then erased, on the Agreements list,
  through TableIndex.select as the explorer calls it (after the idle folding);
- sort, facet, field terms: bench/tables.py's figures.

Run it under `nice`; the figures are in-process CPU paths, not what a terminal shows.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEARCH_ONE = ("а", "т", "t", "g", "к", "s")
SEARCH_TWO = ("ga", "тр", "tu", "аш", "ка", "st")


def _times(run: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        run()
        out.append(time.perf_counter() - t)
    return out


def _summary(samples: list[float]) -> dict[str, float]:
    return {"median_ms": round(statistics.median(samples) * 1000, 2),
            "max_ms": round(max(samples) * 1000, 2), "n": len(samples)}


def typed(text: str) -> list[str]:
    """Every prefix of `text` as it is typed, then as it is erased back to one character."""
    up = [text[:end] for end in range(1, len(text) + 1)]
    return up + up[-2::-1]


def measure_search(index: Any, rounds: int) -> dict[str, Any]:
    """Median and max ms of a search keystroke, by kind of query."""
    from bench.terminal import SEARCH_QUERIES

    groups = {"one letter": SEARCH_ONE, "two letters": SEARCH_TWO,
              "typed": tuple(q for text in SEARCH_QUERIES for q in typed(text))}
    out: dict[str, Any] = {}
    worst: dict[str, float] = {}
    for name, queries in groups.items():
        samples: list[float] = []
        for query in queries:
            got = _times(lambda q=query: index.search(q), rounds)
            worst[query] = max(worst.get(query, 0.0), max(got))
            samples += got
        out[name] = _summary(samples)
    slowest = max(worst, key=worst.__getitem__)
    out["slowest query"] = {"query": slowest, "max_ms": round(worst[slowest] * 1000, 2)}
    return out


def measure_filter(corpus: Any, rounds: int) -> dict[str, Any]:
    """Median and max ms of a filter keystroke on the Agreements list."""
    from bench.terminal import FILTER_QUERY
    from kzt_tui.core.describe import FilterIndex
    from kzt_tui.core.table import TableIndex
    from kzt_tui.panes import PANE_BY_NAME, pane_columns, pane_records

    pane = PANE_BY_NAME["agreements"]
    records, columns = pane_records(corpus, pane), pane_columns(pane)
    samples: list[float] = []
    for _ in range(rounds):  # nothing kept from the round before
        index, filter_index = TableIndex(corpus), FilterIndex(corpus)
        filter_index.prepare(records)  # as the app does while idle (screens/fold_ahead.py)
        for query in ["", *typed(FILTER_QUERY), ""]:
            t = time.perf_counter()
            index.select(records, columns, filter_index, query)
            samples.append(time.perf_counter() - t)
    return {"keystroke": _summary(samples), "rows": len(records)}


def main(argv: list[str]) -> int:
    from bench.tables import measure_tables
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.describe import FilterIndex
    from kzt_tui.core.loading import load_cached
    from kzt_tui.core.search import SearchIndex

    data = Path(argv[0])
    rounds = int(argv[1]) if len(argv) > 1 else 5
    t = time.perf_counter()
    corpus = Corpus(load_cached(data))
    gc.freeze()  # as the app does after a load
    loaded = time.perf_counter() - t
    t = time.perf_counter()
    index = SearchIndex(corpus)
    built = time.perf_counter() - t
    import kzt_tui

    result: dict[str, Any] = {"code": str(Path(kzt_tui.__file__).parent), "data": str(data),
                              "load_s": round(loaded, 2), "search_index_s": round(built, 2),
                              "units": len(index)}
    result["search"] = measure_search(index, rounds)
    result["filter"] = measure_filter(corpus, rounds)
    result["tables"] = measure_tables(corpus, FilterIndex(corpus))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
