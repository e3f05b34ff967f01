"""The unaccounted sentences of each source text (core/coverage), worked out the first time
the reader asks for them (u), once per loaded corpus: not at the first paint."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from kzt_tui.core.corpus import Corpus

_GAPS: WeakKeyDictionary[Corpus, dict[str, list[tuple[int, int]]]] = WeakKeyDictionary()


def known_gaps(corpus: Corpus, doc_id: str) -> list[tuple[int, int]] | None:
    """The unaccounted sentences of `doc_id` as (start, end), if they have been worked out
    for this corpus; None if not yet."""
    got = _GAPS.get(corpus)
    return None if got is None else got.get(doc_id, [])


def gaps(corpus: Corpus, doc_id: str) -> list[tuple[int, int]]:
    """The unaccounted sentences of `doc_id`, working out those of every text first if
    needed (a reload brings a new corpus, and they are worked out again)."""
    got = _GAPS.get(corpus)
    if got is None:
        from kzt_tui.core.coverage import coverage  # with the first u: not at the start

        got = _GAPS[corpus] = {
            doc.doc: [(s.start, s.end) for s in doc.unaccounted] for doc in coverage(corpus)
        }
    return got.get(doc_id, [])
