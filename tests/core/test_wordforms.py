"""core/wordforms.py: a Russian query word finds the forms of the word the texts use."""

from __future__ import annotations

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.lexicon import Lexicon
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.snippets import Snippet, matches, snippet
from kzt_tui.core.wordforms import MAX_ENDING, MIN_LETTERS, is_form, stem, stem_of


def test_the_stems_are_snowball_russian() -> None:
    assert [stem(w) for w in ("пшеница", "пшеницы", "пшеницу", "газа", "газопровод",
                              "туркменистана", "ашхабаде")] == [
        "пшениц", "пшениц", "пшениц", "газ", "газопровод", "туркмениста", "ашхабад"]


def test_only_a_cyrillic_word_of_three_letters_or_more_has_a_stem_to_find() -> None:
    assert MIN_LETTERS == 3
    assert stem_of("пшеница") == "пшениц"
    assert stem_of("газ") == "газ"  # three letters: the least
    assert stem_of("по") == ""  # two
    assert stem_of("она") == ""  # its stem «он» is two letters
    assert stem_of("gaz") == "" and stem_of("wheat") == ""
    assert stem_of("газ2025") == "" and stem_of("2025") == "" and stem_of("") == ""
    assert stem_of("ёлка") == stem("ёлка") == "елк"  # the stemmer reads ё as е


def test_a_form_starts_with_the_stem_and_has_it_for_its_own() -> None:
    assert is_form("пшеницы", "пшениц") and is_form("пшеницу", "пшениц")
    assert is_form("газ", "газ") and is_form("газа", "газ")
    assert not is_form("газопровод", "газ")  # starts with it, another word
    assert not is_form("пшеничный", "пшениц")  # the stem пшеничн
    assert not is_form("пшеницы", "")  # "" is the stem of nothing
    assert not is_form("пшеницы", "пшеницу")


def test_an_ending_longer_than_the_stemmer_strips_is_not_looked_at() -> None:
    assert MAX_ENDING == 8
    assert stem("специализирующегося") == "специализир"  # 8 letters off: the most
    assert is_form("специализирующегося", "специализир")
    assert stem("вагониующимися") == "вагон"  # 9 off (made up): past the bound
    assert not is_form("вагониующимися", "вагон")


def test_the_lexicon_gives_a_form_the_whole_word_weight() -> None:
    lexicon = Lexicon(["пшеница", "пшеницы", "пшеницу", "пшеничный", "газ", "газа",
                       "газопровод", "туркменгаз"])
    assert lexicon.matching("пшеница") == {"пшеница": 3.0, "пшеницы": 3.0, "пшеницу": 3.0}
    # пшеничный: another word, found by the skeleton's start (pshenc) as before
    assert lexicon.matching("пшеницы") == {"пшеницы": 3.0, "пшеница": 3.0, "пшеницу": 3.0,
                                           "пшеничный": 1.5}
    assert lexicon.matching("газ") == {"газ": 3.0, "туркменгаз": 1.0, "газа": 3.0,
                                       "газопровод": 2.0}


def test_a_snippet_marks_the_whole_form() -> None:
    text = "Поставки пшеницы и газа растут"  # газа holds газ: its letters are marked
    assert [(m.start, m.end, m.term) for m in matches(text, ["пшеница", "газ"])] == [
        (9, 16, 0), (19, 22, 1)]
    found = snippet(text, ["пшеница"])
    assert found is not None
    assert found[0] == Snippet(text, ((9, 16),), (9, 16))


@pytest.fixture(scope="module")
def shipped() -> SearchIndex:
    return SearchIndex(Corpus(load(shipped_data())))


def test_the_dictionary_form_finds_the_passages_on_the_shipped_data(
        shipped: SearchIndex) -> None:
    """A newcomer typed «пшеница» and found no passage: the texts say пшеницы, пшеницу."""
    hits = shipped.search("пшеница")
    lines = [h for h in hits if not h.is_fact]
    assert len(lines) == 3
    assert [h.score for h in lines] == [3.0, 3.0, 3.0]
    for hit in lines:
        word = hit.unit.text[hit.start - hit.unit.offset:hit.end - hit.unit.offset]
        assert word in ("пшеницы", "пшеницу")
    assert [(h.unit.record_id, h.unit.line) for h in hits] == [
        (h.unit.record_id, h.unit.line) for h in shipped.search("пшениц")]


def test_the_index_build_loads_the_stemmer_not_the_first_keystroke() -> None:
    """A fresh interpreter: importing search loads no stemmer; building an index does (in
    the build's thread), so the first Russian keystroke does not pay ~15 ms for it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from kzt_tui.core.corpus import Corpus\n"
        "from kzt_tui.core.loading import load\n"
        "from kzt_tui.core.paths import shipped_data\n"
        "from kzt_tui.core.search import SearchIndex\n"
        "corpus = Corpus(load(shipped_data()))\n"
        "print('snowballstemmer' in sys.modules)\n"
        "SearchIndex(corpus)\n"
        "print('snowballstemmer' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert out.split() == ["False", "True"]
