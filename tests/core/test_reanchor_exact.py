"""Exact values for core/reanchor.py (mutation testing, issue 19): each way a quote is
found again with its exact passage and similarity, each limit at its boundary (the quote's
length, the context window, NEAR, MAX_WHOLE, MIN_SIMILARITY) and the deadline."""

from __future__ import annotations

import time

import pytest

from kzt_tui.core import reanchor as R
from kzt_tui.core.grounding import MAX_QUOTE
from kzt_tui.core.reanchor import (
    CONTEXT,
    MAX_WHOLE,
    MIN_SIMILARITY,
    NEAR,
    Anchor,
    Suggestion,
    TookTooLong,
    reanchor,
)

OLD = ("Первый абзац о погоде и новостях дня.\n"
       "Товарооборот между странами в 2024 году составил $555,7 млн, сообщил министр.\n"
       "Третий абзац о культуре и спорте.\n")
QUOTE = "Товарооборот между странами в 2024 году составил $555,7 млн"
ANCHOR = Anchor("Первый абзац о погоде и новостях дня.\n",
                ", сообщил министр.\nТретий абзац о культу", 38)


def test_the_constants() -> None:
    assert (CONTEXT, MIN_SIMILARITY, NEAR, MAX_WHOLE) == (40, 0.75, 4000, 200_000)


def test_no_quote_or_one_past_the_limit_is_not_looked_for() -> None:
    assert reanchor(OLD, "", ANCHOR) is None
    long = "ы" * MAX_QUOTE
    text = "a " + long + " b"
    assert reanchor(text, long) == Suggestion(2, 2 + MAX_QUOTE, 1.0, "exact")
    assert reanchor(text + "ы", long + "ы") is None


def test_each_way_with_its_exact_passage_and_similarity() -> None:
    new = "Вставка.\n" + OLD.replace("между странами", "между государствами")
    assert reanchor(new, QUOTE, ANCHOR) == Suggestion(47, 111, 0.9105691056910569, "context")
    changed = OLD.replace("составил", "достиг")
    assert reanchor(changed, QUOTE, None) == Suggestion(38, 95, 0.9482758620689655, "fuzzy")
    assert reanchor(changed, QUOTE, ANCHOR) == Suggestion(38, 95, 0.9482758620689655,
                                                          "context")
    assert reanchor(OLD, QUOTE, None) == Suggestion(38, 97, 1.0, "exact")


def test_the_occurrence_whose_context_agrees_wins_over_the_nearer_one() -> None:
    text = "x" * 10 + "AB" + QUOTE + "CD" + "y" * 10 + "pq" + QUOTE + "rs"
    far, near = 12, text.index(QUOTE, 13)
    anchor = Anchor("AB", "CD", near)  # old place: the second one, old context: the first
    assert reanchor(text, QUOTE, anchor) == Suggestion(far, far + len(QUOTE), 1.0, "exact")
    assert reanchor(text, QUOTE, Anchor("zB", "Cz", near)).start == far  # one each side
    assert reanchor(text, QUOTE, Anchor("q", "", 0)).start == near  # before it only
    assert reanchor(text, QUOTE, Anchor("", "r", 0)).start == near  # after it only
    assert reanchor(text, QUOTE, Anchor("Zq", "rZ", 0)).start == near
    assert reanchor(text, QUOTE, Anchor("", "", near)).start == near  # no context: nearest
    assert reanchor(text, QUOTE, Anchor("", "", near - 1)).start == near
    assert reanchor(text, QUOTE, Anchor("", "", far + 1)).start == far
    assert reanchor(text, QUOTE, None).start == far  # no old place: from the start


def test_agreement_counts_the_characters_that_match_outward_until_one_differs() -> None:
    text = "abcQd ef"
    assert R._agreement(text, 3, 4, None) == 0
    assert R._agreement(text, 3, 4, Anchor("xbc", "d e", 0)) == 5
    assert R._agreement(text, 3, 4, Anchor("axc", "dxe", 0)) == 2
    assert R._agreement(text, 3, 4, Anchor("zzzzabc", "d efgh", 0)) == 7
    assert R._agreement(text, 0, 1, Anchor("abc", "b", 0)) == 1


def test_nearest_is_the_occurrence_closest_to_the_old_place_within_the_range() -> None:
    text = "ab..ab....ab"
    assert R._nearest(text, "ab", 0, 0, len(text)) == 0
    assert R._nearest(text, "ab", 5, 0, len(text)) == 4
    assert R._nearest(text, "ab", 9, 0, len(text)) == 10
    assert R._nearest(text, "ab", 7, 0, len(text)) == 4  # a tie: the first
    assert R._nearest(text, "ab", 0, 1, len(text)) == 4
    assert R._nearest(text, "ab", 0, 1, 11) == 4
    assert R._nearest(text, "ab", 11, 5, 11) is None
    assert R._nearest(text, "zz", 0, 0, len(text)) is None


def test_the_context_is_looked_for_only_near_the_old_place() -> None:
    quote = "между странами"
    text = "пре:" + "между государствами" + ":суф"
    anchor = Anchor("пре:", ":суф", 4)
    assert R._between_context(text, quote, anchor, None) is None  # 0.73: below the bar
    quote = "между государст"
    got = R._between_context(text, quote, anchor, None)
    assert got == Suggestion(4, 23, 0.8823529411764706, "context")
    assert R._between_context(text, quote, Anchor("", ":суф", 4), None) is None
    assert R._between_context(text, quote, Anchor("пре:", "", 4), None) is None
    assert R._between_context(text, quote, Anchor("нет", ":суф", 4), None) is None
    assert R._between_context(text, quote, Anchor("пре:", "нет", 4), None) is None
    far = "ж" * NEAR + text
    assert R._between_context(far, quote, Anchor("пре:", ":суф", 3), None) is None
    assert R._between_context(far, quote, Anchor("пре:", ":суф", 4), None) == Suggestion(
        NEAR + 4, NEAR + 23, 0.8823529411764706, "context")
    # the suffix within 2 × the quote's length + 200 characters after the prefix
    gap = "ж" * (2 * len(quote) + 200 - len(":суф"))
    assert R._between_context("пре:" + gap + ":суф", quote, anchor, None) is None


def test_the_fuzzy_match_is_cut_to_its_first_and_last_matching_characters() -> None:
    text = "zzzz Товарооборот между странами составил zzzz"
    quote = "Товарооборот между государствами составил"
    assert R._fuzzy(text, quote, 0, len(text)) == Suggestion(5, 41, 0.8571428571428571,
                                                             "fuzzy")
    assert R._fuzzy(text, quote, 5, 41) == Suggestion(5, 41, 0.8571428571428571, "fuzzy")
    assert R._fuzzy(text, quote, 6, 41) == Suggestion(6, 41, 0.8421052631578947, "fuzzy")
    assert R._fuzzy(text, "qqqq", 0, len(text)) is None
    assert R._fuzzy(text, "Тzzzzzz", 0, len(text)) is None  # too little alike


def test_the_fuzzy_search_with_an_anchor_looks_only_near_its_old_place() -> None:
    changed = QUOTE.replace("составил", "достиг")
    text = "ж" * (NEAR + 10) + changed + "ж" * 10
    start = NEAR + 10
    got = reanchor(text, QUOTE, Anchor("", "", start))
    assert got == Suggestion(start, start + len(changed), 0.9482758620689655, "fuzzy")
    assert reanchor("ж" * 200 + text, QUOTE, Anchor("", "", 0)) is None  # NEAR beyond
    near_end = "ж" * 10 + changed + "ж" * (NEAR + 10)
    got = reanchor(near_end, QUOTE, Anchor("", "", 10 + NEAR))
    assert got is not None and got.start == 10
    assert reanchor(near_end, QUOTE, Anchor("", "", 10 + len(changed) + NEAR)) is None


def test_without_an_anchor_a_text_past_max_whole_is_not_searched() -> None:
    changed = QUOTE.replace("составил", "достиг")
    text = changed + "ж" * (MAX_WHOLE - len(changed))
    assert len(text) == MAX_WHOLE
    assert reanchor(text, QUOTE) == Suggestion(0, len(changed), 0.9482758620689655, "fuzzy")
    assert reanchor(text + "ж", QUOTE) is None
    assert reanchor(text + "ж", changed) == Suggestion(0, len(changed), 1.0, "exact")


def test_a_passed_deadline_stops_every_search_but_the_exact_one() -> None:
    past = time.monotonic() - 1
    changed = OLD.replace("составил", "достиг")
    with pytest.raises(TookTooLong):
        reanchor(changed, QUOTE, None, deadline=past)
    with pytest.raises(TookTooLong):
        reanchor(changed, QUOTE, ANCHOR, deadline=past)
    assert reanchor(OLD, QUOTE, ANCHOR, deadline=past) == Suggestion(38, 97, 1.0, "exact")
    later = time.monotonic() + 60
    assert reanchor(changed, QUOTE, None, deadline=later) == Suggestion(
        38, 95, 0.9482758620689655, "fuzzy")
    assert len(R._Clocked("abc", past)) == 3
    assert R._Clocked("abc", None)[1] == "b"
    assert R._Clocked("abc", later)[0:2] == "ab"


def test_nearest_looks_only_within_its_range_and_at_overlapping_occurrences() -> None:
    text = "ab..ab....ab"
    assert R._nearest(text, "ab", 11, 0, 11) == 4  # the one at 10 ends past the range
    assert R._nearest("aaa", "aa", 1, 0, 3) == 1


def test_the_nearer_of_two_prefixes_before_the_old_place_is_taken() -> None:
    text = "пре:qqпре:qq:суф"  # the quote «qq» was after the first prefix, at 4
    assert R._between_context(text, "qq", Anchor("пре:", ":суф", 4), None) is None
    assert R._between_context(text, "qq", Anchor("пре:", ":суф", 10), None) == Suggestion(
        10, 12, 1.0, "context")


def test_a_prefix_farther_back_than_near_is_not_looked_for() -> None:
    text = "пре:qq:суф" + "ж" * (NEAR + 100)
    assert R._between_context(text, "qq", Anchor("пре:", ":суф", 4), None) == Suggestion(
        4, 6, 1.0, "context")
    assert R._between_context(text, "qq", Anchor("пре:", ":суф", NEAR + 5), None) is None


def test_the_suffix_is_the_first_after_the_prefix() -> None:
    text = ":суфпре:qqqq:суф:суф"
    assert R._between_context(text, "qqqq", Anchor("пре:", ":суф", 8), None) == Suggestion(
        8, 12, 1.0, "context")


def test_a_passage_exactly_as_alike_as_the_bar_is_suggested() -> None:
    assert R._between_context("P:abxd:S", "abcd", Anchor("P:", ":S", 2), None) == Suggestion(
        2, 6, 0.75, "context")
    assert R._fuzzy("zz abxd zz", "abcd", 0, 10) == Suggestion(3, 7, 0.75, "fuzzy")


@pytest.mark.parametrize(("text", "quote", "found"), [
    # each pins one step of the window arithmetic: the longest run from the quote's first
    # character and the region's, a run of one, the quote's start (b - a), the window's
    # quarter before and after
    ("zxaxzzzcxccxazx", "cxaa", (10, 13, 0.8571428571428571)),
    ("bcbzb", "bc", (0, 2, 1.0)),
    ("caccazzzxxxxczz", "xbx", (8, 10, 0.8)),
    ("xxcxcazzzz", "xaxcb", (0, 3, 0.75)),
    ("zzbbzcaabzzaxz", "bxca", None),
    ("xbcbazzbzxzzbzcx", "cbaxc", (2, 5, 0.75)),
    ("azzzxxzxccc", "axxx", (4, 8, 0.75)),
])
def test_the_fuzzy_windows_arithmetic(text: str, quote: str,
                                      found: tuple[int, int, float] | None) -> None:
    want = None if found is None else Suggestion(*found, "fuzzy")
    assert R._fuzzy(text, quote, 0, len(text)) == want


def test_only_the_first_100_exact_occurrences_are_weighed() -> None:
    text = "q." * 101
    assert reanchor(text, "q", Anchor("", "", 200)) == Suggestion(198, 199, 1.0, "exact")
    assert reanchor(text[:-2], "q", Anchor("", "", 200)) == Suggestion(198, 199, 1.0, "exact")


def test_without_an_anchor_the_first_of_overlapping_occurrences() -> None:
    assert reanchor("aaa", "aa") == Suggestion(0, 2, 1.0, "exact")


def test_the_fuzzy_region_from_the_texts_start_and_to_near_past_the_quote() -> None:
    changed = QUOTE.replace("составил", "достиг")
    assert reanchor(changed + "ж" * 10, QUOTE, Anchor("", "", 0)) == Suggestion(
        0, len(changed), 0.9482758620689655, "fuzzy")
    at = NEAR - 30
    text = "ж" * at + changed + "ж" * 10
    assert reanchor(text, QUOTE, Anchor("", "", 0)) == Suggestion(
        at, at + len(changed), 0.9482758620689655, "fuzzy")
