"""Each rule of the sentence splitter on its own, with exact sentences: every abbreviation of
both tables, every opener, every closing mark, and the edges of the word before a dot."""

from __future__ import annotations

import pytest

from kzt_tui.core.sentences import Sentence, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


NEVER = ["им", "ул", "пр", "пл", "просп", "д", "кв", "стр", "т", "т.е", "т.к", "т.н", "напр",
         "см", "ср", "проф", "акад", "доц", "г-н", "г-жа", "гр", "св", "ст", "рис", "табл",
         "п", "пп", "ч", "гл", "разд", "тел", "мр", "mr", "mrs", "dr", "st", "vs", "no"]
MAY = ["г", "гг", "в", "вв", "млн", "млрд", "трлн", "тыс", "руб", "долл", "др", "т.д", "т.п",
       "и.т.д", "км", "кг", "га", "etc"]


@pytest.mark.parametrize("abbr", NEVER)
def test_an_abbreviation_that_never_ends_a_sentence(abbr: str) -> None:
    assert texts(f"Это 5 {abbr}. Текст идёт.") == [f"Это 5 {abbr}. Текст идёт."]


@pytest.mark.parametrize("abbr", MAY)
def test_an_abbreviation_that_ends_a_sentence_before_a_capital_only(abbr: str) -> None:
    assert texts(f"Это 5 {abbr}. Текст идёт.") == [f"Это 5 {abbr}.", "Текст идёт."]
    assert texts(f"Это 5 {abbr}. 15 мая.") == [f"Это 5 {abbr}. 15 мая."]
    assert texts(f"Это 5 {abbr}. «Текст».") == [f"Это 5 {abbr}. «Текст»."]


@pytest.mark.parametrize("abbr", ["ИМ", "Ул", "MR"])
def test_abbreviations_are_matched_in_any_case(abbr: str) -> None:
    assert texts(f"Это {abbr}. Текст.") == [f"Это {abbr}. Текст."]


def test_the_last_part_of_a_hyphenated_dotted_word_is_an_abbreviation_too() -> None:
    assert texts("Это экс-т.е. Текст.") == ["Это экс-т.е. Текст."]
    assert texts("Это экс-т.д. Текст.") == ["Это экс-т.д.", "Текст."]
    assert texts("Это экс-т.д. 15 мая.") == ["Это экс-т.д. 15 мая."]
    assert texts("Это экс-вице-т.е. Текст.") == ["Это экс-вице-т.е. Текст."]  # the last part
    # without a dot inside, the whole word is looked up: "экс-им" is none
    assert texts("Это экс-им. Текст.") == ["Это экс-им.", "Текст."]


def test_hyphens_around_the_word_are_dropped() -> None:
    assert texts("Это -им. Текст.") == ["Это -им. Текст."]


def test_an_abbreviation_at_the_start_of_the_line() -> None:
    assert texts("им. Абая улица.") == ["им. Абая улица."]


def test_a_dot_after_no_word_ends_a_sentence() -> None:
    assert texts("Слово . Текст") == ["Слово .", "Текст"]


def test_an_ellipsis_ends_a_sentence_whatever_precedes_it() -> None:
    assert texts("Это им... Далее.") == ["Это им...", "Далее."]
    assert texts("Это им… Далее.") == ["Это им…", "Далее."]


@pytest.mark.parametrize("mark", ["!", "?", "…", "?!", "!!!"])
def test_other_marks_end_a_sentence_after_any_word(mark: str) -> None:
    assert texts(f"Это им{mark} Далее.") == [f"Это им{mark}", "Далее."]


@pytest.mark.parametrize("initial", ["С", "A", "Ё", "К.-Ж", "A.B", "А.-Б.-В"])
def test_initials_never_end_a_sentence(initial: str) -> None:
    assert texts(f"Это {initial}. Токаев.") == [f"Это {initial}. Токаев."]


@pytest.mark.parametrize("word", ["с", "Бб", "AB", "К.-ж", "к.-Ж"])
def test_a_word_that_is_no_initial_ends_it(word: str) -> None:
    assert texts(f"Это {word}. Токаев.") == [f"Это {word}.", "Токаев."]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\t", "  "])
@pytest.mark.parametrize("opener", ["Б", "Z", "7", "«", "„", "“", '"', "'", "(", "[", "—", "–",
                                    "- "])
def test_what_may_open_a_sentence(space: str, opener: str) -> None:
    assert texts(f"Конец.{space}{opener}дальше") == ["Конец.", f"{opener}дальше"]


@pytest.mark.parametrize("follower", ["б", "z", "»", ")", "-x", ",", "."])
def test_what_does_not_open_one(follower: str) -> None:
    assert texts(f"Конец. {follower}дальше") == [f"Конец. {follower}дальше"]


def test_no_space_no_split() -> None:
    assert texts("Конец.Дальше") == ["Конец.Дальше"]


@pytest.mark.parametrize("close", ["»", "”", '"', "'", ")", "]", "»)", ""])
def test_closing_marks_stay_with_their_sentence(close: str) -> None:
    assert texts(f"Он сказал «да.{close} Потом.") == [f"Он сказал «да.{close}", "Потом."]


def test_a_list_number_at_the_start_of_a_line_is_no_sentence() -> None:
    assert texts("1. Торговля. Второе.") == ["1. Торговля.", "Второе."]
    assert texts("  12. Пункт один.") == ["12. Пункт один."]
    assert texts("Глава 5. Текст.") == ["Глава 5.", "Текст."]
    assert texts("  Глава 5. Текст.") == ["Глава 5.", "Текст."]


def test_sentences_carry_exact_offsets_lines_and_trimmed_text() -> None:
    text = "\n  Один.  Два!\n\n\t Три \nЧетыре"
    assert split_sentences(text) == [
        Sentence(3, 8, 2, "Один."),
        Sentence(10, 14, 2, "Два!"),
        Sentence(18, 21, 4, "Три"),
        Sentence(23, 29, 5, "Четыре"),
    ]


def test_blank_and_space_only_lines_hold_no_sentence() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n \n\t\n") == []


def test_the_limit_counts_sentences_not_lines() -> None:
    assert texts("А. Б. В.\nГ.") == ["А. Б. В.", "Г."]  # initials: one sentence
    assert texts("Аа. Бб. Вв.\nГг.") == ["Аа.", "Бб.", "Вв.", "Гг."]
    assert [s.text for s in split_sentences("Аа. Бб. Вв.\nГг.", limit=2)] == ["Аа.", "Бб."]
    assert [s.text for s in split_sentences("Аа. Бб. Вв.\nГг.", limit=3)] == ["Аа.", "Бб.",
                                                                            "Вв."]
    assert [s.text for s in split_sentences("Аа.\nБб.", limit=1)] == ["Аа."]
