"""Copies of a passage at their edges: a quote at the very end of a text with no final
line break, a quote that ends or starts on a sentence boundary, a citation whose text no
longer holds it, a byline, and December."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kzt_tui.core.cite import (
    Stretch,
    date_words,
    passage_at,
    passage_with_reference,
    reference,
    sentences_with_reference,
    whole_sentences,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Citation, Span

DATA = """\
schema_version: 1
documents:
  - id: doc-e
    file: texts/e.txt
    date: "2025-12-01"
    date_note: "Test text."
    title: {en: "Edges", ru: "Края"}
    author: "И. Петров"
    outlet: {name: "Wire", evidence: "test"}
    kind: news_report
    reliability: "Test."
  - id: doc-f
    file: texts/f.txt
    date: "2025"
    date_note: "Test text."
    title: {en: "Blank first", ru: "Пустая первая"}
    outlet: {name: "Wire", evidence: "test"}
    kind: news_report
    reliability: "Test."
"""
#: No final line break: the last sentence ends at the text's last character.
TEXT = "Заголовок\nОдин. Два три"
#: A text whose first line is empty: lines are counted from its very first character.
BLANK_FIRST = "\nПервая фраза. Вторая фраза."
REF = "«Края» (Edges), И. Петров, Wire, 1 December 2025"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root: Path = tmp_path_factory.mktemp("edges")
    (root / "texts").mkdir()
    (root / "texts" / "e.txt").write_text(TEXT, encoding="utf-8")
    (root / "texts" / "f.txt").write_text(BLANK_FIRST, encoding="utf-8")
    (root / "curated.yaml").write_text(textwrap.dedent(DATA), encoding="utf-8")
    return Corpus(load(root / "curated.yaml"))


def _cite(quote: str, *, lines: tuple[int, int] = (2, 2)) -> Citation:
    start = TEXT.index(quote)
    return Citation("doc-e", quote, "tr", span=Span(start, start + len(quote), *lines))


@pytest.mark.parametrize(("quote", "whole"), [
    ("Два", "Два три"),  # the last sentence runs to the text's last character
    ("Один. ", "Один. "),  # ends where the next sentence starts: not extended into it
    (" Два", " Два три"),  # starts where the one before ends: not extended back
    ("дин", "Один."),
])
def test_whole_sentences_at_sentence_and_text_edges(corpus: Corpus, quote: str,
                                                    whole: str) -> None:
    start = TEXT.index(whole)
    assert whole_sentences(corpus, _cite(quote)) == Stretch(whole, 2, 2, start,
                                                            start + len(whole))


def test_the_reference_names_the_byline(corpus: Corpus) -> None:
    assert reference(corpus, _cite("Два")) == f"{REF}, paragraph 2 (line 2)"
    assert sentences_with_reference(corpus, _cite("Два")) == (
        f"«Два три»\n— {REF}, paragraph 2 (line 2)")


def test_a_citation_its_text_no_longer_holds_is_its_quote(corpus: Corpus) -> None:
    moved = Citation("doc-e", "Три", "tr", span=Span(0, 3, 1, 2))  # text there: "Заг"
    assert whole_sentences(corpus, moved) == Stretch("Три", 1, 2)
    assert sentences_with_reference(corpus, moved) == (
        f"«Три»\n— {REF}, paragraphs 1–2 (lines 1–2)")
    unplaced = Citation("doc-e", "Три", "tr")
    assert whole_sentences(corpus, unplaced) == Stretch("Три", 0, 0)
    assert sentences_with_reference(corpus, unplaced) == passage_with_reference(
        corpus, unplaced) == f"«Три»\n— {REF}"


@pytest.mark.parametrize(("date", "words"), [
    ("2025-12-01", "1 December 2025"), ("2025-12", "December 2025"),
    ("2025-00", "2025-00"), ("2025-1x", "2025-1x"), ("", "undated"),
])
def test_dates_in_words_at_the_ends_of_the_year(date: str, words: str) -> None:
    assert date_words(date) == words


def test_the_passage_a_reader_is_at_is_its_whole_sentences_and_their_lines(
        corpus: Corpus) -> None:
    assert passage_at(corpus, "doc-e", 16, 19) == Citation(
        "doc-e", "Два три", "", span=Span(16, 23, 2, 2))
    across = passage_at(corpus, "doc-e", 5, 14)  # "овок\nОдин": two lines
    assert across == Citation("doc-e", TEXT[:15], "", span=Span(0, 15, 1, 2))
    assert passage_at(corpus, "doc-f", 16, 22) == Citation(
        "doc-f", "Вторая фраза.", "", span=Span(15, 28, 2, 2))


COVER_TEXT = "Первое предложение. Второе предложение здесь. Третье без цитаты.\n"


def _covering_corpus(tmp_path: Path) -> Corpus:
    """doc-c: per-both cites the first two sentences, per-b and per-c the second (each
    with its own translation); the third is cited by none."""
    from tests.helpers import person

    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "c.txt").write_text(COVER_TEXT, encoding="utf-8")
    people = "".join(person(pid, "doc-c", quote).replace('translation: "x"',
                                                          f'translation: "{pid}"')
                     for pid, quote in [
                         ("per-both", "Первое предложение. Второе предложение здесь."),
                         ("per-b", "Второе предложение здесь."),
                         ("per-c", "Второе предложение здесь.")])
    (tmp_path / "curated.yaml").write_text(textwrap.dedent("""\
        schema_version: 1
        documents:
          - id: doc-c
            file: texts/c.txt
            date: "2025"
            date_note: "n"
            title: {en: "C", ru: "Ц"}
            outlet: null
            kind: news_report
            reliability: "r"
        people:
        """) + people, encoding="utf-8")
    return Corpus(load(tmp_path / "curated.yaml"))


def test_the_passage_a_reader_is_at_takes_a_covering_citation_s_translation(
        tmp_path: Path) -> None:
    corpus = _covering_corpus(tmp_path)
    word = COVER_TEXT.index("предложение здесь")
    at = (word, word + len("предложение"))
    second = passage_at(corpus, "doc-c", *at)  # the shortest covering, the first of them
    assert (second.quote, second.translation) == ("Второе предложение здесь.", "per-b")
    assert passage_at(corpus, "doc-c", *at, prefer="per-c").translation == "per-c"
    assert passage_at(corpus, "doc-c", *at, prefer="per-both").translation == "per-both"
    assert passage_at(corpus, "doc-c", *at, prefer="per-x").translation == "per-b"
    first = passage_at(corpus, "doc-c", 0, 6)  # only the two sentences' citation covers it
    assert (first.quote, first.translation) == (
        "Первое предложение. Второе предложение здесь.", "per-both")
    third = COVER_TEXT.index("Третье")
    got = passage_at(corpus, "doc-c", third, third + 6)  # none covers it
    assert (got.quote, got.translation) == ("Третье без цитаты.", "")
    # a citation covering the start of a sentence but not its end does not cover it
    across = passage_at(corpus, "doc-c", COVER_TEXT.index("здесь"), third + 3)
    assert across.translation == "" and across.quote == COVER_TEXT[word - 7:-1]
