"""core/lexicon.py finds the words a query term matches, with the weights search ranks by,
exactly as a scan of every word would (the scan it replaced: `_scan` below)."""

from __future__ import annotations

import re

from kzt_tui.core import ranking
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.lexicon import Lexicon
from kzt_tui.core.loading import load
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.textnorm import fold, skeleton
from kzt_tui.core.wordforms import is_form, stem_of
from tests.helpers import FIXTURES

WORDS = ("порт", "порты", "аэропорт", "port", "ports", "airport", "газ", "gaz",
         "turkmengaz", "туркменгаз", "газпром", "ашхабад", "ashgabat", "ашхабадский",
         "по", "p", "п", "2025", "20", "ё", "е")


def _scan(words: list[str], term: str) -> dict[str, float]:
    skel, stem = skeleton(term), stem_of(term)
    found: dict[str, float] = {}
    for word in words:
        word_skel = skeleton(word)
        if term in word:
            found[word] = (ranking.WORD if word == term else ranking.START
                           if word.startswith(term) else ranking.INSIDE)
        elif skel and word_skel.startswith(skel):
            found[word] = (ranking.WORD_SKELETON if word_skel == skel
                           else ranking.START_SKELETON)
        if is_form(word, stem):
            found[word] = ranking.WORD
    return found


def test_each_kind_of_match_has_its_weight() -> None:
    lexicon = Lexicon(WORDS)
    assert lexicon.matching("порт") == {  # ports' skeleton is "porc"
        "порт": 3.0, "порты": 3.0, "аэропорт": 1.0, "port": 2.5}  # порты: a form
    assert lexicon.matching("p") == {
        "p": 3.0, "п": 2.5, "port": 2.0, "ports": 2.0, "по": 1.5, "порт": 1.5,
        "порты": 1.5, "airport": 1.0}
    assert lexicon.matching("gaz") == {
        "gaz": 3.0, "turkmengaz": 1.0, "газ": 2.5, "газпром": 1.5}
    # the folded form first, whatever its weight: туркменгаз holds "газ" inside, though
    # its skeleton is not "gz…"; ашхабад is ashgabat's skeleton, whole
    assert lexicon.matching("газ")["туркменгаз"] == 1.0
    assert lexicon.matching("ashgabat") == {
        "ashgabat": 3.0, "ашхабад": 2.5, "ашхабадский": 1.5}
    assert lexicon.matching("zzz") == {}
    assert len(lexicon) == len(WORDS)


def test_a_term_with_no_skeleton_matches_only_its_folded_form() -> None:
    assert skeleton("ь") == ""
    assert Lexicon(["ь", "ьа", "аь", "b", ""]).matching("ь") == {
        "ь": 3.0, "ьа": 2.0, "аь": 1.0}


def test_the_first_and_last_words_are_found_at_every_weight() -> None:
    lexicon = Lexicon(["aa", "ab", "ba", "zz"])
    assert lexicon.matching("a") == {"aa": 2.0, "ab": 2.0, "ba": 1.0}
    assert lexicon.matching("z") == {"zz": 2.0}
    assert lexicon.matching("zz") == {"zz": 3.0}
    assert lexicon.matching("aa") == {"aa": 3.0}


def test_every_term_of_the_fixture_ranks_as_the_scan_does() -> None:
    """Through the index's public ranking: each unit holding a term is ranked with the best
    weight the scan gives one of its words (a fact's FACT added in the order, facts before
    lines at one score, then by unit), and no other unit is."""
    index = SearchIndex(Corpus(load(FIXTURES / "ui" / "curated.yaml")))
    held = [set(re.findall(r"\w+", fold(index.unit(u).text))) for u in range(len(index))]
    facts = sum(1 for u in range(len(index)) if index.unit(u).record_id is not None)
    words = sorted(set().union(*held))
    assert len(words) > 150  # the fixture's vocabulary, not an empty index
    terms = {*words[::7], *(w[:n] for w in words[::13] for n in (1, 2, 3)),
             *(w[1:4] for w in words[::11]), "galkynysh", "ashgabat", "zzz"}
    for term in sorted(terms - {""}):
        weights = _scan(words, term)
        scores = {u: max(weights[w] for w in ws if w in weights)
                  for u, ws in enumerate(held) if any(w in weights for w in ws)}
        expected = sorted(scores.items(), key=lambda us: (
            -(us[1] + (ranking.FACT if us[0] < facts else 0)), us[0] >= facts, us[0]))
        assert index.ranked(term, len(index), early=False) == expected, term


def test_words_found_inside_come_in_the_order_given() -> None:
    """The index gives its words in first-seen order; their postings are read in it."""
    lexicon = Lexicon(["b1", "a1", "c", "1a"])
    assert list(lexicon.matching("1")) == ["b1", "a1", "1a"]
    assert lexicon.words == ["1a", "a1", "b1", "c"]


def test_a_word_holding_the_term_many_times_is_found_once_at_its_place() -> None:
    lexicon = Lexicon(["abab", "xab", "ab", "bxa", "ba"])
    assert lexicon.matching("ab") == {"abab": 2.0, "xab": 1.0, "ab": 3.0}
    assert list(Lexicon(["xabab", "yab", "zab"]).matching("ab")) == ["xabab", "yab", "zab"]


def test_a_crafted_long_word_does_not_hang_a_term_inside_words() -> None:
    """A source may hold one unbroken word of millions of letters: finding a long term
    inside words is one walk over them, not a retry of the term at every letter (a regex
    took ~10 s here: a hang on every keystroke)."""
    import time

    lexicon = Lexicon(["a" * 4_000_000, "b", "aab"])
    started = time.process_time()
    assert lexicon.matching("a" * 2_000 + "b") == {}
    assert lexicon.matching("ab") == {"aab": 1.0}
    assert time.process_time() - started < 2.0  # linear: milliseconds; quadratic: ~10 s


def test_an_empty_term_or_one_across_lines_finds_nothing_inside_words() -> None:
    """The words are joined one a line: a term holding a newline would match across two
    words ("a\\nb" in "xa\\nby"), and an empty one is found at every place (the walk
    would not end). Every word starts with "", so that is all "" matches."""
    lexicon = Lexicon(["xa", "by", "ab"])
    assert lexicon.matching("a\nb") == {}
    assert lexicon.matching("a\n") == {}
    assert lexicon.matching("") == {"ab": 2.0, "by": 2.0, "xa": 2.0}
