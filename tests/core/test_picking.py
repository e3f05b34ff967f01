"""A picker's order for typed words (core/picking): starts with them, a word starts with
them, holds them; ties in the order given."""

from __future__ import annotations

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
