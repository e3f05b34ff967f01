"""A selected passage (core/selection): the sentence at a place, a word extended and shrunk
by words and sentences, and which occurrence of its quote it is."""

from __future__ import annotations

from kzt_tui.core.selection import (
    TextSelection,
    by_sentence,
    by_word,
    occurrence_of,
    sentence_after,
    sentence_at,
    word_at,
)

TEXT = ("Переговоры прошли 25 ноября 2025 года. Товарооборот достиг $363,6 млн. Итак.\n"
        "Вторая строка: $363,6 млн.\n")


def quote(sel: TextSelection | None) -> str | None:
    return sel.quote(TEXT) if sel is not None else None


def test_the_sentence_at_an_offset_and_the_next_one() -> None:
    assert quote(sentence_at("d", TEXT, 0)) == "Переговоры прошли 25 ноября 2025 года."
    inside = TEXT.index("достиг")
    here = sentence_at("d", TEXT, inside)
    assert quote(here) == "Товарооборот достиг $363,6 млн."
    # between two sentences: the next one
    assert quote(sentence_at("d", TEXT, TEXT.index(" Товарооборот"))) == quote(here)
    assert here is not None
    assert quote(sentence_after(here, TEXT)) == "Итак."
    last = sentence_at("d", TEXT, len(TEXT) - 3)
    assert last is not None and quote(last) == "Вторая строка: $363,6 млн."
    assert sentence_after(last, TEXT) is None
    assert sentence_at("d", TEXT, len(TEXT)) is None


def test_a_word_grows_by_words_without_its_closing_punctuation_until_the_next() -> None:
    sel = word_at("d", TEXT, TEXT.index("Товарооборот") + 3)
    assert quote(sel) == "Товарооборот"
    assert sel is not None
    grown = [quote(sel := by_word(sel, TEXT, 1)) for _ in range(3)]
    assert grown == ["Товарооборот достиг", "Товарооборот достиг $363,6",
                     "Товарооборот достиг $363,6 млн"]
    assert quote(by_word(sel, TEXT, -1)) == "Товарооборот достиг $363,6"
    one = word_at("d", TEXT, TEXT.index("Товарооборот"))
    assert one is not None and by_word(one, TEXT, -1) == one  # never empty


def test_a_selection_grows_and_shrinks_by_sentences() -> None:
    sel = word_at("d", TEXT, TEXT.index("Товарооборот"))
    assert sel is not None
    sel = by_sentence(sel, TEXT, 1)
    assert quote(sel) == "Товарооборот достиг $363,6 млн."
    sel = by_sentence(sel, TEXT, 1)
    assert quote(sel) == "Товарооборот достиг $363,6 млн. Итак."
    sel = by_sentence(sel, TEXT, -1)
    assert quote(sel) == "Товарооборот достиг $363,6 млн."
    assert by_sentence(sel, TEXT, -1) == sel  # nothing before its start to give back


def test_the_occurrence_is_given_only_when_the_quote_is_not_unique() -> None:
    first = TEXT.index("$363,6 млн.")
    second = TEXT.index("$363,6 млн.", first + 1)
    assert occurrence_of(TextSelection("d", first, first + 11), TEXT) == 1
    assert occurrence_of(TextSelection("d", second, second + 11), TEXT) == 2
    start = TEXT.index("Итак")
    assert occurrence_of(TextSelection("d", start, start + 5), TEXT) is None
    assert len(TextSelection("d", start, start + 5)) == 5


def test_a_closing_bracket_stays_with_the_word_that_opened_it() -> None:
    text = "Соглашение (2024) подписано [b]там[/]. Конец."
    sel = word_at("d", text, 0)
    assert sel is not None
    sel = by_word(sel, text, 1)
    assert sel.quote(text) == "Соглашение (2024)"
    sel = by_word(by_word(sel, text, 1), text, 1)
    assert sel.quote(text) == "Соглашение (2024) подписано [b]там[/]"


def test_a_word_of_closing_punctuation_alone_keeps_its_first_character() -> None:
    text = "Итак ... и ?! всё"
    assert quote_in(text, word_at("d", text, text.index("..."))) == "."
    assert quote_in(text, word_at("d", text, text.index("?!"))) == "?"


def quote_in(text: str, sel: TextSelection | None) -> str | None:
    return sel.quote(text) if sel is not None else None


def test_each_closing_mark_is_left_to_the_next_word_and_no_other() -> None:
    for mark in ".,;:!?…»”\")]":
        text = f"слово{mark} дальше"
        assert quote_in(text, word_at("d", text, 0)) == "слово", mark
    text = "в XX веке"  # a Latin capital is a letter, not punctuation
    assert quote_in(text, word_at("d", text, 2)) == "XX"


def test_each_bracket_and_quote_stays_with_the_word_that_opened_it() -> None:
    for word in ("(2024)", "[b]", "«Туркменгаз»", "“Газ”", "f()", "a(b)."):
        text = f"{word} дальше"
        expected = word.rstrip(".")
        assert quote_in(text, word_at("d", text, 0)) == expected, word
    text = "газ) дальше"  # a bracket the word did not open is left out
    assert quote_in(text, word_at("d", text, 0)) == "газ"


def test_an_offset_before_the_first_word_or_at_a_word_s_end_takes_the_next() -> None:
    text = "  один два"
    assert word_at("d", text, 0) == TextSelection("d", 2, 6)
    assert word_at("d", text, 6) == TextSelection("d", 7, 10)  # the space after "один"
    assert word_at("d", text, 5) == TextSelection("d", 2, 6)
    assert word_at("d", text, 10) is None
    assert word_at("d", "", 0) is None


def test_growing_past_the_last_word_or_sentence_changes_nothing() -> None:
    text = "один два"
    last = TextSelection("d", 5, 8)
    assert by_word(last, text, 1) == last
    assert by_sentence(last, text, 1) == last
    whole = TextSelection("d", 0, 8)
    assert by_word(whole, text, -1) == TextSelection("d", 0, 4)  # back to the first word


def test_the_second_sentence_shrinks_to_the_first_and_the_first_stays() -> None:
    sel = TextSelection("d", 0, TEXT.index(" Итак"))
    first_end = TEXT.index(" Товарооборот")
    assert by_sentence(sel, TEXT, -1) == TextSelection("d", 0, first_end)
    assert by_sentence(TextSelection("d", 0, first_end), TEXT, -1) == TextSelection(
        "d", 0, first_end)


def test_overlapping_occurrences_are_each_counted() -> None:
    text = "аааа"
    assert [occurrence_of(TextSelection("d", i, i + 2), text) for i in range(3)] == [1, 2, 3]
    assert occurrence_of(TextSelection("d", 1, 1), text) is None  # nothing selected
    assert TextSelection("d", 3, 7).quote("0123456789") == "3456"
    assert len(TextSelection("d", 3, 7)) == 4


def test_each_selection_keeps_the_document_it_was_made_in() -> None:
    first = sentence_at("doc-x", TEXT, 0)
    assert first == TextSelection("doc-x", 0, TEXT.index(" Товарооборот"))
    after = sentence_after(first, TEXT)
    assert after is not None and after.doc == "doc-x"
    word = word_at("doc-x", TEXT, 0)
    assert word is not None and word.doc == "doc-x"
    assert by_word(word, TEXT, 1).doc == "doc-x"
    assert by_sentence(word, TEXT, 1).doc == "doc-x"
    assert by_sentence(by_sentence(word, TEXT, 1), TEXT, 1).doc == "doc-x"
    assert by_word(by_word(word, TEXT, 1), TEXT, -1) == word
