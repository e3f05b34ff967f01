"""Global search: ranked, case/ё/script-insensitive, with snippets that point at the text."""

from __future__ import annotations

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.load import load
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.textnorm import skeleton

from ..conftest import FIXTURES


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

    from kzt_tui.core.parts import Cancelled

    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        SearchIndex(index.corpus, cancel=stop)
