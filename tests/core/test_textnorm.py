"""textnorm: exact folds, skeletons and display mappings, character by character."""

from __future__ import annotations

import pytest

from kzt_tui.core.textnorm import (
    cell_width,
    displayable,
    fold,
    inert,
    one_line,
    query_terms,
    skeleton,
    skeleton_text,
    unsafe_count,
)


def test_fold_lowers_and_turns_yo_into_ye() -> None:
    assert fold("ЁЛКА Ёж") == "елка еж"


def test_fold_keeps_a_character_that_lowers_to_two_and_folds_the_rest() -> None:
    # "İ".lower() is "i̇" (two characters): kept as it is, so offsets still match
    assert fold("İSTANBUL Ёж") == "İstanbul еж"
    assert len(fold("İSTANBUL Ёж")) == len("İSTANBUL Ёж")


@pytest.mark.parametrize(("word", "key"), [
    ("Galkynysh", "galknsh"),
    ("Галкыныш", "galknsh"),
    ("Galkinish", "galknsh"),
    ("Türkmenbaşy", "turkmenbash"),  # ü: accent dropped; ş → sh
    ("Äşgabat", "ashhabad"),  # ashgabat, a place's spelling: Ашхабад's key (PLACE_NAMES)
    ("Ögüt", "ogut"),
    ("Әлем", "alem"),  # ә → a
    ("Wolf", "volf"),  # w → v
    ("Qazaqstan", "kazahstan"),  # q → k: kazakstan, a place's spelling: Казахстан's key
    ("Қазақстан", "kazahstan"),
    ("Qazaq", "kazak"),  # q → k
    ("Ak’mola", "akmola"),  # the ’ glide
    ("Ak'mola", "akmola"),
    ("Akʼmola", "akmola"),
    ("Щучинск", "shuchnsk"),  # shch → sh before kh, zh, ts
    ("Хоргос", "horgos"),  # kh → h
    ("Цемент", "cement"),  # ts → c
    ("Жанаозен", "anaozen"),  # zh → j, a glide
    ("ёж", "e"),
    ("ъьэюя", "eua"),
    ("бвгдзклмнпрстф", "bvgdzklmnprstf"),
    ("ңғүұөһіҗ", "nguuoh"),
    ("ňžşçý", "nsh"),
])  # fmt: skip
def test_skeleton_is_exact(word: str, key: str) -> None:
    assert skeleton(word) == key


def test_skeleton_text_is_the_skeletons_of_the_words() -> None:
    assert skeleton_text("Rail, central! Ёлка") == "ral central elka"


def test_query_terms_are_the_folded_words() -> None:
    assert query_terms("Ёлка, İz-3") == ["елка", "İz", "3"]


def test_displayable_maps_each_unsafe_character_one_for_one() -> None:
    text = ("\x00\x1f\x20\x7f\x80\x9f\xa0\t\n\ufeff\u061c\u200d\u200e\u200f"
            "\u202a\u202e\u202f\u2065\u2066\u2069\u206a\ud800\udfff\ue000")
    assert displayable(text) == ("␀␟ ␡⍰⍰\xa0 \n⍰⍰\u200d⍰⍰"
                                 "⍰⍰\u202f\u2065⍰⍰\u206a\ufffd\ufffd\ue000")


def test_one_line_shows_newlines_and_tabs_one_for_one() -> None:
    text = "a\nb\tc\x1b\r"
    assert one_line(text) == "a⏎b c␛␍"
    assert len(one_line(text)) == len(text)


def test_one_line_shows_the_unicode_line_and_paragraph_separators_as_breaks() -> None:
    # str.splitlines (and editors, log readers) break at them; a terminal does not.
    assert one_line("a\u2028b\u2029c\x85d") == "a⏎b⏎c⍰d"


def test_inert_keeps_tabs_crlf_and_a_leading_bom_only() -> None:
    text = "\ufeffa\tb\r\nc\rd\ufeff\x1b\u202e\n\x7f\x9f\xa0"
    assert inert(text) == "\ufeffa\tb\r\nc␍d⍰␛⍰\n␡⍰\xa0"
    assert unsafe_count(text) == 6
    assert unsafe_count("plain\ttext\r\n") == 0


def test_a_place_name_of_several_words_is_one_term_and_one_skeleton():
    # Hyphen, comma-free spaces and three words: each name is joined whole, and its skeleton
    # is its row's stem's (Nur-Sultan → Astana's), while the word between keeps its own.
    text = "Alma-Ata, Nur  Sultan and Kara-Bogaz-Gol"
    assert query_terms(text) == ["almaata", "nursultan", "and", "karabogazgol"]
    assert skeleton_text(text) == "almat astan and garabogaz"


@pytest.mark.parametrize(("text", "cells"), [
    ("", 0), ("abc", 3), ("мир", 3), ("宽", 2), ("宽字", 4), ("Ａ", 2), ("📈", 2),
    ("ｱ", 1),  # half-width katakana
    ("½", 1),  # ambiguous: one, as terminals draw it outside East Asian locales
    ("е\u0301", 1), ("a\u20dd", 1),  # a combining and an enclosing mark
    ("a\u200bb\u200dc\u2066", 3),  # zero-width space, joiner, isolate
    ("宽\u0301a", 3),
])  # fmt: skip
def test_cell_width(text: str, cells: int) -> None:
    assert cell_width(text) == cells
