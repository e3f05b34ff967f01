"""Which field a fact's hit shows (core/snippets.py best_field): the one whose match gave
the score, by the index's own weights (weight, field_score)."""

from __future__ import annotations

import dataclasses

import pytest

from kzt_tui.core import snippets
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.snippets import Match, Snippet, best_field, field_score, weight
from kzt_tui.core.textnorm import query_terms
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(FIXTURES / "ui" / "curated.yaml"))


@pytest.mark.parametrize(("word", "term", "expected"), [
    ("порт", "порт", 3.0),  # the word itself
    ("порте", "порт", 3.0),  # a form of it
    ("пшеницы", "пшеница", 3.0),  # a form that does not hold the term
    ("портал", "порт", 2.0),  # its start
    ("аэропорт", "порт", 1.0),  # inside
    ("port", "порт", 2.5),  # the skeleton, whole
    ("portal", "порт", 1.5),  # the skeleton's start
    ("bay", "порт", 0.0),
    ("йод", "й", 2.0),  # a term without a skeleton still matches as itself
    ("ъ", "й", 0.0),  # two empty skeletons are no match
])
def test_the_weight_of_a_word_for_a_term(word: str, term: str, expected: float) -> None:
    assert weight(word, term) == expected


def test_a_field_scores_each_term_by_its_best_match() -> None:
    assert field_score("Port notes и порте", ["порт"]) == (1, 3.0)
    assert field_score("Port, portal", ["порт"]) == (1, 2.5)  # the best, not the last
    assert field_score("Port notes порте", ["порт", "notes"]) == (2, 6.0)
    assert field_score("bay", ["порт"]) == (0, 0.0)


def test_the_field_whose_match_gave_the_score(corpus: Corpus) -> None:
    record = corpus.by_id["agr-bridge"]
    # quote 2's Курык is kuryk's skeleton (2.5); translation 2, after it, has the word (3)
    got = best_field(record, query_terms("kuryk"))
    assert got == ("translation 2",
                   Snippet("The port of Aktau and the port of Kuryk.", ((34, 39),), (34, 39)),
                   Match(34, 39, 0))
    got = best_field(record, query_terms("курык"))  # the quote has the word now
    assert got is not None and got[0] == "quote 2"


def test_more_terms_held_outweigh_better_matches_of_fewer(corpus: Corpus) -> None:
    # the title holds "trade" as a word (1 term, 3); the notes hold both terms inside
    # words (2 terms, 1 + 1)
    record = dataclasses.replace(corpus.by_id["dis-trade"], notes="xtradex yzbillionzy")
    got = best_field(record, query_terms("trade zbillionz"))
    assert got is not None and got[0] == "notes"
    assert got[1].text == "xtradex yzbillionzy"


def test_a_field_is_read_no_further_once_every_term_is_a_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    weighed: list[tuple[str, str]] = []

    def counted(word: str, term: str) -> float:
        weighed.append((word, term))
        return weight(word, term)

    monkeypatch.setattr(snippets, "weight", counted)
    assert field_score("порт и порт, aktau порт", ["порт", "aktau"]) == (2, 6.0)
    assert weighed == [("порт", "порт"), ("порт", "порт"), ("aktau", "aktau")]
    weighed.clear()
    assert field_score("портал и порт", ["порт"]) == (1, 3.0)  # a start, then the word
    assert weighed == [("портал", "порт"), ("порт", "порт")]


def test_one_snippet_is_made_and_no_field_read_after_a_perfect_one(
        corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[str] = []
    made: list[str] = []
    real_score, real_snippet = snippets.field_score, snippets.snippet

    def score(text: str, terms: list[str], enough: float | None = None
              ) -> tuple[int, float]:
        scored.append(text)
        return real_score(text, terms, enough)

    def snip(text: str, terms: list[str]) -> object:
        made.append(text)
        return real_snippet(text, terms)

    monkeypatch.setattr(snippets, "field_score", score)
    monkeypatch.setattr(snippets, "snippet", snip)
    record = corpus.by_id["dis-trade"]
    got = best_field(record, query_terms("trade"))  # the title has it as a word
    assert got is not None and got[0] == "title (en)"
    assert scored == ["Trade level"] and made == ["Trade level"]
    scored.clear()
    made.clear()
    got = best_field(record, query_terms("trade billion"))  # translation 1 is perfect
    assert got is not None and got[0] == "translation 1"
    assert scored == ["Trade level", "Уровень товарооборота",
                      "Товарооборот превысил полмиллиарда долларов.",
                      "Trade exceeded half a billion dollars."]
    assert made == ["Trade exceeded half a billion dollars."]

    scored.clear()
    made.clear()
    # "tra" is the start of words only (2): with the record's score from the index, the
    # title's 2 is known to be the best; without it every field is read
    assert best_field(record, query_terms("tra"), 2.0) == best_field(
        record, query_terms("tra"))
    assert scored[:1] == ["Trade level"] and len(scored) == 1 + len(
        snippets.record_fields(record))
    assert made == ["Trade level", "Trade level"]


def test_a_field_is_read_no_further_once_it_holds_the_units_score(
        monkeypatch: pytest.MonkeyPatch) -> None:
    weighed: list[str] = []

    def counted(word: str, term: str) -> float:
        weighed.append(word)
        return weight(word, term)

    monkeypatch.setattr(snippets, "weight", counted)
    text = "аэропорт портал port, порт"
    assert field_score(text, ["порт"]) == (1, 3.0)
    assert weighed == ["аэропорт", "портал", "port", "порт"]
    weighed.clear()
    assert field_score(text, ["порт"], 2.0) == (1, 2.0)  # a start is all the unit has
    assert weighed == ["аэропорт", "портал"]
    weighed.clear()
    assert field_score(text, ["порт", "aktau"], 2.0) == (1, 3.0)  # not every term: on
    assert weighed == ["аэропорт", "портал", "port", "порт"]
