"""Global search: ranked, case/ё/script-insensitive, with snippets that point at the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.textnorm import skeleton
from tests.helpers import FIXTURES, documents_corpus


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(Corpus(load(FIXTURES / "ui" / "curated.yaml")))


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("turkmenbashi", "Туркменбаши"), ("aktau", "Актау"), ("galkynysh", "Галкыныш"),
     ("berdimuhamedov", "Бердымухамедов"), ("tokayev", "Токаев"), ("kuryk", "Курык")],
)
def test_latin_and_cyrillic_share_a_skeleton(latin: str, cyrillic: str) -> None:
    assert skeleton(latin) == skeleton(cyrillic)


def test_latin_query_finds_cyrillic_source_text(index: SearchIndex) -> None:
    hits = index.search("turkmenbashi")
    sources = [h for h in hits if not h.is_fact]
    assert sources, hits
    hit = sources[0]
    text = index.corpus.text(hit.unit.doc_id)
    assert text[hit.start : hit.end] == "Туркменбаши"
    assert hit.snippet[hit.snippet_start : hit.snippet_end] == "Туркменбаши"


def test_cyrillic_query_finds_latin_text(index: SearchIndex) -> None:
    hits = index.search("акорда")
    assert any(h.unit.record_id == "org-akorda" for h in hits)


def test_case_and_yo_insensitive(index: SearchIndex) -> None:
    upper = [h.unit for h in index.search("ТОВАРООБОРОТ")]
    lower = [h.unit for h in index.search("товарооборот")]
    assert upper == lower and upper


def test_all_words_must_match_and_facts_rank_first(index: SearchIndex) -> None:
    hits = index.search("товарооборот 2024")
    assert hits
    assert hits[0].is_fact
    for hit in hits:
        folded = hit.unit.text.lower()
        assert "2024" in folded and "товарооборот" in folded


def test_no_match_and_empty_query(index: SearchIndex) -> None:
    assert index.search("zzzqqq") == []
    assert index.search("   ") == []


def test_every_section_has_a_singular_name_for_result_rows() -> None:
    from kzt_tui.core.model import SECTION_PREFIX, SECTION_SINGULAR

    assert set(SECTION_SINGULAR) == set(SECTION_PREFIX)
    assert SECTION_SINGULAR["discrepancies"] == "discrepancy"
    assert SECTION_SINGULAR["people"] == "person"


def test_an_index_build_asked_to_stop_stops(index: SearchIndex) -> None:
    import threading

    import pytest

    from kzt_tui.core.problems import Cancelled

    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        SearchIndex(index.corpus, cancel=stop)


def _brute_force(index: SearchIndex, query: str, limit: int) -> list[tuple[int, float]]:
    """The ranking by its definition, unit by unit, from each unit's own text: a unit
    holding every query term scores, per term, the best of its words that match it (exact
    or a Russian form of it 3, prefix 2, substring 1; by skeleton: the whole word 2.5, its
    start 1.5); facts get +0.25; ties: facts, then unit order."""
    from kzt_tui.core.search import _WORD
    from kzt_tui.core.textnorm import fold, query_terms
    from kzt_tui.core.wordforms import is_form, stem_of

    terms = [t for t in query_terms(query) if t]
    if not terms:
        return []
    records = len(index._records)
    scored = []
    for u in range(len(index)):
        words = set(_WORD.findall(fold(index.unit(u).text)))
        total = 0.0
        for term in terms:
            skel, stem = skeleton(term), stem_of(term)
            best = 0.0
            for word in words:
                if term in word:
                    best = max(best, 3.0 if word == term else 2.0 if word.startswith(term)
                               else 1.0)
                elif skel and skeleton(word).startswith(skel):
                    best = max(best, 2.5 if skeleton(word) == skel else 1.5)
                if is_form(word, stem):  # a Russian form of the word is the word
                    best = 3.0
            if not best:
                break
            total += best
        else:
            scored.append((u, total))
    scored.sort(key=lambda us: (-(us[1] + (0.25 if us[0] < records else 0.0)),
                                us[0] >= records, us[0]))
    return scored[:limit]


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    from tests.helpers import REPO

    return SearchIndex(Corpus(load(REPO / "data" / "curated.yaml")))


@pytest.mark.slow
def test_ranking_is_the_brute_force_definition_on_the_shipped_data(shipped: SearchIndex
                                                                     ) -> None:
    import random

    vocab = sorted(shipped._postings)
    rng = random.Random(5)
    queries = ["туркменистан казахстан", "kazakhstan turkmenistan", "turkmenbashi port",
               "газ", "и в", "2025", "555", "galkynysh", "a", "порт актау", "zz-nothing"]
    queries += [" ".join(rng.sample(vocab, k)) for k in (1, 1, 1, 2, 2, 3) for _ in range(3)]
    queries += [w[: max(1, len(w) // 2)] for w in rng.sample(vocab, 6)]  # prefixes
    for query in queries:
        for limit in (1, 5, 200, 10**6):
            expected = _brute_force(shipped, query, limit)
            assert shipped.ranked(query, limit, early=False) == expected, (query, limit)
            assert shipped.ranked(query, limit) == expected, (query, limit)  # a fast path
    # and the hits themselves follow that order
    hits = shipped.search("туркменистан казахстан", 50)
    expected = _brute_force(shipped, "туркменистан казахстан", 50)
    assert [(h.unit.record_id, h.unit.line, h.score) for h in hits] == [
        (shipped.unit(u).record_id, shipped.unit(u).line, s) for u, s in expected]


def _corpus_of_one_file(tmp_path: Path, text: str, documents: int) -> Corpus:
    """A dataset of `documents` documents (no citations) that all name one source."""
    return documents_corpus(tmp_path, {"big.txt": text},
                            [("big.txt", f"T{n}", f"Т{n}") for n in range(documents)])


def test_documents_that_share_a_source_index_it_once(tmp_path: Path) -> None:
    corpus = _corpus_of_one_file(tmp_path, "hello world\n" * 1_000, 20)
    index = SearchIndex(corpus)
    assert len(index) == 20 + 1_000  # the documents, and the lines of their one file
    assert index.partial is None
    assert {h.unit.doc_id for h in index.search("hello")} == {"doc-0"}


def test_the_index_of_many_short_lines_is_bounded_and_says_it_is_partial(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzt_tui.core.search as search

    corpus = _corpus_of_one_file(tmp_path, "a\n" * 100_000 + "hello\n", 1)
    monkeypatch.setattr(search, "MAX_LINES", 50_000)
    index = SearchIndex(corpus)
    assert len(index) <= 1 + 50_000
    assert index.partial == "only the first 50,000 lines of the sources are indexed"
    assert index.search("hello") == []


@pytest.mark.parametrize(("limit", "value", "message"), [
    ("MAX_POSTINGS", 10_000, "only the first 10,000 word positions are indexed"),
    ("MAX_SOURCE_CHARS", 20_000, "only the first 20,000 characters of the sources are indexed"),
])
def test_the_postings_and_the_source_characters_indexed_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, message: str
) -> None:
    import kzt_tui.core.search as search

    corpus = _corpus_of_one_file(tmp_path, "alpha beta\n" * 100_000, 1)
    monkeypatch.setattr(search, limit, value)
    index = SearchIndex(corpus)
    assert index.partial == message
    assert 0 < len(index) <= 20_000
    assert index.search("alpha")


def test_the_shipped_index_is_whole(shipped: SearchIndex) -> None:
    assert shipped.partial is None
