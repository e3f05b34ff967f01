"""A search hit's line: the words around the match, every match marked at its exact place,
whatever script the query was typed in; and which field of a fact matched."""

from __future__ import annotations

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.snippets import Match, Snippet, best_field, matches, record_fields, snippet
from kzt_tui.core.textnorm import query_terms
from tests.helpers import FIXTURES


def marked(s: Snippet) -> list[str]:
    return [s.text[a:b] for a, b in s.marks]


def test_a_substring_is_marked_exactly() -> None:
    assert matches("Порт Актау и порт Курык.", ["порт"]) == [Match(0, 4, 0), Match(13, 17, 0)]
    assert matches("Каспийских портов", ["каспий"]) == [Match(0, 6, 0)]


def test_latin_query_marks_the_cyrillic_letters_that_matched() -> None:
    text = "Порты Актауского региона"
    assert matches(text, ["aktau"]) == [Match(6, 11, 0)]
    assert text[6:11] == "Актау"
    # the glides a skeleton drops are part of the word's match: «Каспий», not «Касп»
    assert matches("через Каспийское", ["kaspiy"]) == [Match(6, 12, 0)]
    assert matches("Туркменбаши", ["turkmenbashi"]) == [Match(0, 11, 0)]


def test_a_word_matched_by_two_terms_counts_for_the_first() -> None:
    assert matches("товарооборот", ["товар", "оборот"]) == [Match(0, 5, 0)]


def test_the_window_is_words_around_the_match_on_one_line() -> None:
    text = "one two three four five six seven\neight nine ten eleven twelve thirteen fourteen " \
           "fifteen sixteen seventeen eighteen nineteen"
    got = snippet(text, ["nine"], before=2, after=3)
    assert got is not None
    shown, first = got
    assert first == Match(40, 44, 0)
    assert shown.text == "…seven eight nine ten eleven twelve…"
    assert shown.marks == ((13, 17),) and shown.focus == (13, 17)
    assert marked(shown) == ["nine"]


def test_the_window_keeps_the_ends_of_a_short_text_whole() -> None:
    got = snippet("«Порт Актау.»", ["aktau"])
    assert got is not None
    assert got[0] == Snippet("«Порт Актау.»", ((6, 11),), (6, 11))


def test_every_match_in_the_window_is_marked_and_the_first_term_chooses_the_focus() -> None:
    got = snippet("Курык и Актау, и снова Курык", ["aktau", "курык"])
    assert got is not None
    shown, first = got
    assert first == Match(8, 13, 0)
    assert shown.marks == ((0, 5), (8, 13), (23, 28))
    assert shown.focus == (8, 13)


def test_no_match_no_snippet() -> None:
    assert snippet("Порт Актау", ["xyzzy"]) is None


def test_one_huge_word_is_cut_to_a_bounded_window() -> None:
    text = "a" * 10_000 + "Актау" + "b" * 10_000
    got = snippet(text, ["актау"])
    assert got is not None
    shown, _ = got
    assert shown.text == "…" + "a" * 60 + "Актау" + "b" * 120 + "…"
    assert shown.marks == ((61, 66),)


def test_fit_keeps_the_focus_in_view() -> None:
    s = Snippet("0123456789" * 3 + "MATCH" + "z" * 30, ((30, 35),), (30, 35))
    fitted = s.fit(24)
    assert fitted.text == "…" + "3456789MATCH" + "z" * 10 + "…"
    assert len(fitted.text) == 24
    assert fitted.focus == (8, 13) and fitted.marks == ((8, 13),)
    assert fitted.text[8:13] == "MATCH"
    assert s.fit(100) is s


def test_fit_drops_marks_cut_off_and_clips_the_last() -> None:
    s = Snippet("ab MATCH cd " + "x" * 40 + " MATCH end", ((3, 8), (53, 58)), (53, 58))
    fitted = s.fit(30)
    assert fitted.text == "…" + "x" * 19 + " MATCH end"  # cut no more than it must
    assert fitted.marks == ((21, 26),) and fitted.focus == (21, 26)
    first = Snippet("MATCH" + "y" * 40, ((0, 5),), (0, 5)).fit(10)
    assert first == Snippet("MATCHyyyy…", ((0, 5),), (0, 5))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(FIXTURES / "ui" / "curated.yaml"))


def test_a_fact_says_which_field_matched(corpus: Corpus) -> None:
    record = corpus.by_id["agr-bridge"]
    labels = [label for label, _ in record_fields(record)]
    assert labels == ["title (en)", "title (ru)", "quote 1", "translation 1", "quote 2",
                      "translation 2", "details", "id"]
    got = best_field(record, query_terms("мосте"))
    assert got is not None and got[0] == "title (ru)"  # the first of two fields with it
    assert got[1] == Snippet("Соглашение о мосте", ((13, 18),), (13, 18))
    # the field matching the most terms wins over the first field matching one
    both = best_field(record, query_terms("мосте залив"))
    assert both is not None and both[0] == "quote 1"
    assert marked(both[1]) == ["мосте", "залив"]
    english = best_field(record, query_terms("gulf"))
    assert english is not None and english[0] == "translation 1"
    assert best_field(record, query_terms("xyzzy")) is None
    # the id is the last resort: a word of the title is shown in the title
    titled = best_field(corpus.by_id["cor-road"], query_terms("road"))
    assert titled is not None and titled[0] == "title (en)"
    only_id = best_field(corpus.by_id["evt-talks"], query_terms("evt"))
    assert only_id is not None and only_id[0] == "id"
    assert only_id[1] == Snippet("evt-talks", ((0, 3),), (0, 3))


def test_index_hits_carry_field_and_marks(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    hits = index.search("kuryk")
    source = next(h for h in hits if not h.is_fact)
    assert source.field == ""
    assert source.snippet == "Порт Актау и порт Курык."
    assert source.marks == ((18, 23),)
    fact = next(h for h in hits if h.unit.record_id == "agr-bridge")
    # the field whose match gave the score: the translation's word (3), not the quote's
    # skeleton (2.5) listed before it
    assert fact.field == "translation 2" and fact.score == 3.0
    assert (fact.snippet, fact.snippet_start, fact.snippet_end) == (
        "The port of Aktau and the port of Kuryk.", 34, 39)


@pytest.mark.slow
def test_a_huge_line_is_scanned_not_copied() -> None:
    """A source may be one 16 MB line: the snippet reads it word by word up to the first
    match and lays out only the match's neighbourhood (it once listed every word)."""
    import tracemalloc

    text = "слово " * 400_000 + "Актау и порт"
    tracemalloc.start()
    try:
        got = snippet(text, ["aktau"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert got is not None
    assert got[0].text == "…" + "слово " * 8 + "Актау и порт"
    assert got[1] == Match(2_400_000, 2_400_005, 0)
    assert peak < 1_000_000, peak
