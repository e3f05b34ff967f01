"""core/wordforms.py: a Russian query word finds the forms of the word the texts use; a
query word of the help's filter, English or Russian, the forms of its words."""

from __future__ import annotations

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import LANGUAGES
from kzt_tui.core.lexicon import Lexicon
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.search import SearchIndex
from kzt_tui.core.snippets import Snippet, matches, snippet
from kzt_tui.core.wordforms import (
    MAX_ENDING,
    MIN_LETTERS,
    MIN_ROOT,
    STEMMERS,
    begins_as,
    is_form,
    language_of,
    root_of,
    stem,
    stem_of,
)


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


def test_each_interface_language_has_its_snowball_stemmer() -> None:
    assert sorted(STEMMERS) == sorted(LANGUAGES)
    assert [stem(w, "en") for w in ("sorting", "sorted", "copies", "comparison", "markss")
            ] == ["sort", "sort", "copi", "comparison", "markss"]
    assert stem("sorting") == "sorting"  # Russian unless told: a Latin word is left as is
    assert stem("пшеницы", "en") == "пшеницы"


def test_a_word_s_language_is_its_script() -> None:
    assert [language_of(w) for w in ("пшеница", "ёлка", "sort", "газ2025", "gazпром", "",
                                     "2025", "sort-by")] == [
        "ru", "ru", "en", "", "", "", "", ""]


def test_search_stems_russian_words_and_the_help_english_too() -> None:
    both = ("ru", "en")
    assert stem_of("sorting") == ""  # search: Russian alone
    assert stem_of("sorting", both) == stem_of("sorting", ("en",)) == "sort"
    assert stem_of("пшеницы", both) == "пшениц" and stem_of("пшеницы", ("en",)) == ""
    assert stem_of("bus", both) == "bus"  # three letters: the least
    assert stem_of("as", both) == ""  # two
    assert stem_of("ies", both) == ""  # its stem «ie» is two letters
    assert stem_of("sort2", both) == ""


def test_a_word_begins_as_a_query_when_its_own_stem_starts_with_the_query_s() -> None:
    assert begins_as("comparison", "compar")  # its stem is itself
    assert begins_as("copy", "copi")  # the word does not start with "copi"; its stem does
    assert begins_as("сортировать", "сортир") and begins_as("сортируют", "сортир")
    assert not begins_as("сортировать", "сортировк")  # the noun's stem
    assert not begins_as("copy", "")  # "" is the stem of nothing
    assert not begins_as("", "copi") and not begins_as("copy2", "cop")
    assert not begins_as("sort", "сорт") and not begins_as("сорт", "sort")


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


def test_a_noun_of_a_verb_finds_the_verb_and_back() -> None:
    """«сортировка» found no «сортировать»: Snowball stems them «сортировк», «сортирова»."""
    noun, verb = stem_of("сортировка"), stem_of("сортировать")
    assert (noun, verb) == ("сортировк", "сортирова")
    assert root_of(noun) == root_of(verb) == "сортиров"
    for word in ("сортировать", "сортировали", "сортировки", "сортировочный"):
        assert is_form(word, noun), word
    assert is_form("сортировку", verb) and is_form("сортировка", verb)
    assert is_form("подписали", stem_of("подписание"))  # -ан-ие
    assert is_form("подписание", stem_of("подписать"))  # the theme vowel
    assert is_form("обсуждать", stem_of("обсуждение"))  # -ен-ие
    assert is_form("поставлять", stem_of("поставка"))
    assert is_form("выполнение", stem_of("выполнять"))  # -я-ть
    assert is_form("гуляли", stem_of("гулять")) and root_of("гуля") == "гуля"  # «гул»: short


def test_a_derived_word_needs_its_root_and_the_suffix_s_place() -> None:
    assert not is_form("обсудили", stem_of("обсе"))  # «обс»: no suffix, no widening
    assert MIN_ROOT == 6
    assert root_of("решен") == "решен"  # «реш» is too short a root
    assert not is_form("решить", stem_of("решение"))
    assert root_of("обсужден") == "обсужд"  # six letters left: enough
    assert root_of("обсуждк") == "обсужд" and root_of("обсуда") == "обсуда"
    assert root_of("политик") == "политик"  # -ик-а names a field, not a verb's act
    assert not is_form("политический", stem_of("политика"))
    assert not is_form("экономист", stem_of("экономика"))
    assert root_of("транзит") == "транзит"  # no suffix of DERIVING
    assert not is_form("транзитный", stem_of("транзит"))
    assert not is_form("сортировщик", "")
    # a derived word, too, is read no further than an ending past its root
    assert not is_form("сортировавшимисяся", stem_of("сортировка"))


def test_the_lexicon_finds_a_verb_for_its_noun_and_only_its_kin() -> None:
    lexicon = Lexicon(["сортировать", "сортировали", "сортировка", "сортир", "обсудили",
                       "обсе", "подписали", "подписка"])
    assert lexicon.matching("сортировка") == {"сортировка": 3.0, "сортировали": 3.0,
                                              "сортировать": 3.0}
    assert lexicon.matching("сортировать") == {"сортировать": 3.0, "сортировали": 3.0,
                                               "сортировка": 3.0}
    assert "обсудили" not in lexicon.matching("обсе")
    assert lexicon.matching("подписание") == {"подписали": 3.0, "подписка": 3.0}


def test_a_snippet_marks_the_verb_a_noun_finds() -> None:
    text = "Зерно сортировали на станции"
    found = snippet(text, ["сортировка"])
    assert found is not None
    assert found[0] == Snippet(text, ((6, 17),), (6, 17))
