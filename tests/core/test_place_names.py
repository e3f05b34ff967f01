"""Place names: the English spellings transliteration does not reach (Ashgabat for Ашхабад,
Caspian for Каспий, Alma-Ata for Алматы) find the texts' Russian names, in search and filter."""

from __future__ import annotations

import re

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.textnorm import PLACE_NAMES, query_terms, skeleton, skeleton_text


@pytest.mark.parametrize(("word", "key"), [
    ("Ashgabat", "ashhabad"), ("Ashkhabad", "ashhabad"), ("Ашхабад", "ashhabad"),
    ("Ашхабаде", "ashhabade"),  # a case ending: the stem's key is its start
    ("Astana", "astan"), ("Астане", "astane"), ("Nur-Sultan", "nur-sultan"),
    ("Caspian", "kasp"), ("Каспийского", "kaspskogo"),
    ("Herat", "gerat"), ("Torghundi", "turgund"), ("Тургунди", "turgund"),
    ("Russia", "ross"), ("России", "ross"),
    ("Tajikistan", "takstan"), ("Таджикистан", "takstan"),  # dzh → dj → j, a glide
    ("Afghanistan", "afganstan"), ("Афганистан", "afganstan"),  # gh → g
    ("Krasnovodsk", "turkmenbash"), ("Kazakstan", "kazahstan"), ("Ozen", "uzen"),
])  # fmt: skip
def test_skeleton_of_a_place_is_its_stems(word: str, key: str) -> None:
    assert skeleton(word) == key


def test_every_spelling_of_the_table_has_its_stems_skeleton() -> None:
    for stem, spellings in PLACE_NAMES:
        for spelling in spellings:
            assert skeleton_text(spelling) == skeleton(stem), spelling


def test_a_place_of_several_words_is_one_term() -> None:
    assert query_terms("Alma-Ata и Nur Sultan, kara-bogaz-gol") == [
        "almaata", "и", "nursultan", "karabogazgol"]
    assert skeleton_text("Alma Ata, Alma") == "almat alma"
    assert query_terms("alma-atau") == ["alma", "atau"]  # only the whole name


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(shipped_data()))


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> SearchIndex:
    return SearchIndex(corpus)


def _lines_with(corpus: Corpus, pattern: str) -> list[tuple[str, int]]:
    """(document, line number) of every source line that matches `pattern`, in order."""
    return [(doc.id, n) for doc in corpus.section("documents")
            for n, line in enumerate(corpus.text(doc.id).split("\n"), 1)
            if re.search(pattern, line, re.IGNORECASE)]


@pytest.mark.parametrize(("query", "pattern"), [
    ("ashgabat", "Ашхабад"), ("Ashkhabad", "Ашхабад"), ("astana", "Астан"),
    ("alma-ata", "Алматы"), ("caspian", "Каспи"), ("herat", "Герат"),
    ("russia", "Росси[июяей]"),
])  # fmt: skip
def test_search_finds_every_source_line_naming_the_place(
        corpus: Corpus, index: SearchIndex, query: str, pattern: str) -> None:
    lines = [(h.unit.doc_id, h.unit.line) for h in index.search(query) if not h.is_fact]
    assert sorted(lines) == _lines_with(corpus, pattern)


def test_search_of_ashgabat_lists_the_seven_lines() -> None:
    corpus = Corpus(load(shipped_data()))
    lines = sorted((h.unit.doc_id, h.unit.line) for h in SearchIndex(corpus).search("ashgabat")
                   if not h.is_fact)
    assert [n for _, n in lines] == [n for _, n in _lines_with(corpus, "Ашхабад")]
    assert len(lines) == 7


def test_filter_finds_the_same_records_by_either_spelling(corpus: Corpus) -> None:
    records = corpus.section("statements")
    index = FilterIndex(corpus)
    latin = [r.id for r in index.filter(records, "ashgabat")]
    assert latin == [r.id for r in index.filter(records, "ашхабад")]
    assert latin == [r.id for r in records
                     if any("Ашхабад" in c.quote or "Ashgabat" in c.translation
                            for c in r.citations)
                     or "Ashgabat" in r.label("en")]
