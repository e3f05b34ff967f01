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
