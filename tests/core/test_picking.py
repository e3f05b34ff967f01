"""A picker's order for typed words (core/picking): starts with them, a word starts with
them, holds them; ties in the order given."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzt_tui.core.picking import INSIDE, PREFIX, WORD_START, best_level, match_level, ranked


def test_a_label_matches_at_its_start_a_word_s_start_or_inside() -> None:
    assert match_level("Trade turnover 2024", "trade") == PREFIX
    assert match_level("Trade turnover 2024", "TRADE  turn") == PREFIX  # case, spaces
    assert match_level("Annual trade turnover", "trade") == WORD_START
    assert match_level("Cross-trade", "trade") == WORD_START  # after a hyphen
    assert match_level("Crosstrade figures", "trade") == INSIDE
    assert match_level("Crosstrade, then trade", "trade") == WORD_START  # its best place
    assert match_level("Crosstrade, ortrade", "trade") == INSIDE
    assert match_level("Trade-in, crosstrade", "trade") == PREFIX
    assert match_level("trading, trade, crosstrade", "trade") == WORD_START  # not the last
    assert match_level("xtrade trade ytrade", "trade") == WORD_START  # nor first and last
    assert match_level("«Trade»", "trade") == WORD_START  # one character in
    assert match_level("x---", "--") == WORD_START  # overlapping: the next from one on
    assert match_level("Товарооборот", "ТОВАРО") == PREFIX
    assert match_level("Ёмкость", "емк") == PREFIX  # ё as е
    assert match_level("Trade", "tarde") is None
    assert match_level("Trade", "") is None and match_level("Trade", "  ") is None
    assert match_level("", "a") is None
    assert (PREFIX, WORD_START, INSIDE) == (0, 1, 2)


def test_an_entry_matches_at_the_best_level_of_its_labels() -> None:
    assert best_level(["figure: Trade turnover", "Trade turnover", "fig-trade"],
                      "trade") == PREFIX
    assert best_level(["figure: Trade turnover", "fig-x"], "trade") == WORD_START
    assert best_level(["nothing", "fig-x"], "trade") is None
    assert best_level([], "trade") is None


def test_entries_are_ranked_by_level_then_in_the_order_given() -> None:
    entries = [["Annual trade report"], ["Crosstrade"], ["Trade turnover"], ["Wheat"],
               ["Trade agreement"], ["Joint trade", "trade-id"]]
    assert ranked(entries, "trade") == [2, 4, 5, 0, 1]
    assert ranked(entries, "wheat") == [3]
    assert ranked(entries, "rye") == []
    assert ranked([], "trade") == []


def _levels_one_by_one(label: str, query: str) -> int | None:
    """The levels as their definition reads, occurrence by occurrence (the oracle)."""
    typed = " ".join(query.casefold().replace("ё", "е").split())
    text = " ".join(label.casefold().replace("ё", "е").split())
    if not typed or typed not in text:
        return None
    if text.startswith(typed):
        return PREFIX
    starts = [at for at in range(1, len(text)) if text.startswith(typed, at)]
    return WORD_START if any(not text[at - 1].isalnum() for at in starts) else INSIDE


@given(st.text(alphabet="ab_-1 Ёё.é", max_size=12), st.text(alphabet="ab_-1 Ёё.é", max_size=3))
def test_the_level_is_the_one_its_definition_gives(label: str, query: str) -> None:
    assert match_level(label, query) == _levels_one_by_one(label, query)


@pytest.mark.parametrize(("label", "level"), [
    ("xa_aa", WORD_START), ("x_aa", WORD_START), ("x1aa", INSIDE), ("xéaa", INSIDE),
    ("x-aa", WORD_START), ("x.aa", WORD_START), ("baa", INSIDE)])
def test_a_word_starts_after_anything_but_a_letter_or_digit(label: str, level: int) -> None:
    assert match_level(label, "aa") == level


def test_a_long_label_of_one_letter_is_matched_in_one_scan() -> None:
    """Every occurrence of "aa" in a 2-million-letter label was once looked at in Python
    (0.4 s of CPU for one label at each keystroke)."""
    label = "b" + "a" * 2_000_000
    began = time.process_time()
    assert match_level(label, "aa") == INSIDE
    assert match_level(label + " aa", "aa") == WORD_START
    assert time.process_time() - began < 0.25
