"""Search's fast paths give the same hits in the same order as ranking every unit that holds
the words: a one-word query reads postings only until the shown hits are certain; a query
of several words looks for its other words only among the units of its rarest word."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.search import EARLY_LIMIT, SearchIndex
from tests.helpers import FIXTURES

#: One letter (most units hold it, at every weight: exact, prefix, inside, skeleton), two
#: letters, words, digits, Latin against Cyrillic text, and words found nowhere.
QUERIES = (
    *"атскнбиоеtksgbaeio20",
    "ga", "тр", "tu", "аш", "ка", "st", "ов", "20", "туркмен", "galkynysh", "транзит",
    "ашхабад", "turkmenbashi", "порт", "2025", "zzz", "щщщ",
    # several words: the rarest first or last, a common one typed one letter at a time
    "turkmenbashi p", "turkmenbashi po", "turkmenbashi port", "p turkmenbashi",
    "galkynysh g", "2025 т", "порт актау", "туркменистан казахстан", "a zzz", "zzz a",
    "а т", "и в о", "ашхабад а 2",
)
LIMITS = (1, 7, 200, EARLY_LIMIT)


def _same(index: SearchIndex) -> None:
    for query in QUERIES:
        for limit in LIMITS:
            slow = index.ranked(query, limit, early=False)
            assert index.ranked(query, limit) == slow, (query, limit)


@pytest.fixture(scope="module")
def index_100x(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    made = generate(100, tmp_path_factory.mktemp("c100"))
    return SearchIndex(Corpus(load(made.data)))


def test_fast_path_ranks_as_the_slow_path_on_the_fixture() -> None:
    _same(SearchIndex(Corpus(load(FIXTURES / "ui" / "curated.yaml"))))


def test_fast_path_ranks_as_the_slow_path_at_100x(index_100x: SearchIndex) -> None:
    _same(index_100x)


def test_the_compared_lists_cross_buckets(index_100x: SearchIndex) -> None:
    """What the comparison above is worth: at 100x the lists compared run across several
    buckets (weights, facts then source lines), so an order of the buckets, or a unit left
    out or repeated, would show."""
    facts = len(index_100x.corpus.by_id)
    crossing = []
    for query in QUERIES:
        ranked = index_100x.ranked(query, EARLY_LIMIT)
        assert len({unit for unit, _ in ranked}) == len(ranked)
        crossing.append(len({(score, unit >= facts) for unit, score in ranked}))
    assert sum(n >= 2 for n in crossing) >= 10 and max(crossing) >= 4


def test_search_shows_the_ranked_hits(index_100x: SearchIndex) -> None:
    hits = index_100x.search("а")
    assert [(h.unit, h.score) for h in hits] == [
        (index_100x.unit(unit), score)
        for unit, score in index_100x.ranked("а", 200, early=False)]
    assert len(hits) == 200


def test_fast_path_on_a_corpus_of_mixed_scores(tmp_path: Path) -> None:
    made = generate(3, tmp_path / "c3")
    _same(SearchIndex(Corpus(load(made.data))))
