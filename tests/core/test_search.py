"""Global search: ranked, case/ё/script-insensitive, with snippets that point at the text."""

from __future__ import annotations

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.textnorm import skeleton
from tests.helpers import FIXTURES


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
    3, prefix 2, substring 1.5, skeleton prefix 1); facts get +0.5; ties: facts, then unit
    order."""
    from kzt_tui.core.search import _WORD
    from kzt_tui.core.textnorm import fold, query_terms

    terms = [t for t in query_terms(query) if t]
    if not terms:
        return []
    records = len(index._records)
    scored = []
    for u in range(len(index)):
        words = set(_WORD.findall(fold(index.unit(u).text)))
        total = 0.0
        for term in terms:
            skel = skeleton(term)
            best = 0.0
            for word in words:
                if term in word:
                    best = max(best, 3.0 if word == term else 2.0 if word.startswith(term)
                               else 1.5)
                elif skel and skeleton(word).startswith(skel):
                    best = max(best, 1.0)
            if not best:
                break
            total += best
        else:
            scored.append((u, total))
    scored.sort(key=lambda us: (-(us[1] + (0.5 if us[0] < records else 0.0)),
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
            got = [(u, s) for u, s in shipped._rank(query, limit, set())]
            assert got == _brute_force(shipped, query, limit), (query, limit)
    # and the hits themselves follow that order
    hits = shipped.search("туркменистан казахстан", 50)
    expected = _brute_force(shipped, "туркменистан казахстан", 50)
    assert [(h.unit.record_id, h.unit.line, h.score) for h in hits] == [
        (shipped.unit(u).record_id, shipped.unit(u).line, s) for u, s in expected]
