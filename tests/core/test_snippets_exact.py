"""Exact values for core/snippets.py (mutation testing, issue 19): the word and character
windows at their boundaries, the words cut at the window's edges, fit's cuts, and the
fields search reads of a record, in order."""

from __future__ import annotations

import dataclasses

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.snippets import (
    CHARS_AFTER,
    CHARS_BEFORE,
    ELLIPSIS,
    WORDS_AFTER,
    WORDS_BEFORE,
    Match,
    Snippet,
    _skeleton_prefix,
    best_field,
    matches,
    record_fields,
    snippet,
)
from kzt_tui.core.textnorm import query_terms, skeleton
from tests.helpers import FIXTURES

WORDS = ("w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 MATCH a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 "
         "a14 a15 a16 a17 a18")


def test_the_constants() -> None:
    assert (WORDS_BEFORE, WORDS_AFTER, CHARS_BEFORE, CHARS_AFTER, ELLIPSIS) == (
        8, 16, 60, 120, "…")


@pytest.mark.parametrize(("before", "after", "text"), [
    (8, 16, "…w3 w4 w5 w6 w7 w8 w9 w10 MATCH a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 "
            "a15 a16…"),
    (9, 17, "…w2 w3 w4 w5 w6 w7 w8 w9 w10 MATCH a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 "
            "a14 a15 a16 a17…"),
    (10, 17, "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 MATCH a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 "
             "a13 a14 a15 a16 a17…"),
    (11, 18, WORDS),
    (1, 1, "…w10 MATCH a1…"),
    (0, 0, "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 MATCH…"),
])
def test_the_word_window_at_its_boundaries(before: int, after: int, text: str) -> None:
    got = snippet(WORDS, ["match"], before=before, after=after)
    assert got is not None
    start = text.index("MATCH")
    assert got == (Snippet(text, ((start, start + 5),), (start, start + 5)), Match(31, 36, 0))


def test_the_defaults_are_the_constants() -> None:
    assert snippet(WORDS, ["match"]) == snippet(WORDS, ["match"], before=8, after=16)


def test_the_character_window_at_its_boundaries() -> None:
    text = "x" * 59 + " match"
    assert snippet(text, ["match"]) == (Snippet(text, ((60, 65),), (60, 65)), Match(60, 65, 0))
    got = snippet("y" + text, ["match"])
    assert got == (Snippet("…" + text, ((61, 66),), (61, 66)), Match(61, 66, 0))
    after = "match " + "z" * 119
    assert snippet(after, ["match"]) == (Snippet(after, ((0, 5),), (0, 5)), Match(0, 5, 0))
    assert snippet(after + "z", ["match"]) == (
        Snippet(after + "…", ((0, 5),), (0, 5)), Match(0, 5, 0))


def test_newlines_and_tabs_are_spaces_one_for_one() -> None:
    assert snippet("a\nb\rc\td\ve\ff match", ["match"]) == (
        Snippet("a b c d e f match", ((12, 17),), (12, 17)), Match(12, 17, 0))


def test_a_word_cut_at_the_windows_left_edge_is_matched_as_the_whole_word() -> None:
    text = "zz" + "Актауский" + " " + "b" * 49 + " kuryk"  # «zzАктауский» is not «Актау»
    assert snippet(text, ["kuryk", "aktau"]) == (
        Snippet("…Актауский " + "b" * 49 + " kuryk", ((61, 66),), (61, 66)),
        Match(62, 67, 0))


def test_a_word_cut_at_the_windows_right_edge_is_matched_and_its_mark_clipped() -> None:
    text = "aktau " + "b" * 115 + " Актауский"
    assert snippet(text, ["aktau"]) == (
        Snippet("aktau " + "b" * 115 + " Акт…", ((0, 5), (122, 125)), (0, 5)),
        Match(0, 5, 0))


def test_the_first_terms_match_is_the_focus_else_the_first_match() -> None:
    text = "kuryk " * 5 + "aktau"
    got = snippet(text, ["aktau", "kuryk"])
    assert got is not None and got[1] == Match(30, 35, 0) and got[0].focus == (30, 35)
    assert len(got[0].marks) == 6
    got = snippet(text, ["zzz", "kuryk"])
    assert got is not None and got[1] == Match(0, 5, 1) and got[0].focus == (0, 5)
    assert got[0].marks == ((0, 5), (6, 11), (12, 17), (18, 23), (24, 29))


def test_matches_with_empty_terms_and_skeletons() -> None:
    assert matches("", ["x"]) == []
    assert matches("abc", [""]) == []
    assert matches("Актау", ["", "aktau"]) == [Match(0, 5, 1)]
    assert matches("Актауский порт", ["порт", "aktau"]) == [Match(0, 5, 1), Match(10, 14, 0)]
    assert matches("w_1 x", ["w_1"]) == [Match(0, 3, 0)]


def test_skeleton_prefix_is_the_fewest_characters_and_the_glides() -> None:
    assert _skeleton_prefix("актауский", skeleton("aktau")) == 5
    assert _skeleton_prefix("каспийское", skeleton("kaspiy")) == 6
    assert _skeleton_prefix("abc", "zzz") == 3
    assert _skeleton_prefix("a", "a") == 1


def test_fit_at_its_boundaries() -> None:
    s = Snippet("0123456789", ((5, 7),), (5, 7))
    assert s.fit(10) is s
    assert s.fit(2) is s
    assert s.fit(9) == Snippet("…23456789", ((4, 6),), (4, 6))
    assert s.fit(3) == Snippet("…5…", ((1, 2),), (1, 2))
    near = Snippet("0123456789", ((3, 4),), (3, 4))  # focus at width // 3: no cut before
    assert near.fit(9) == Snippet("01234567…", ((3, 4),), (3, 4))
    far = Snippet("0123456789", ((4, 5),), (4, 5))
    assert far.fit(9) == Snippet("…23456789", ((3, 4),), (3, 4))
    two = Snippet("ab cd ef gh ij", ((0, 2), (3, 5), (12, 14)), (12, 14))
    assert two.fit(6) == Snippet("…gh ij", ((4, 6),), (4, 6))
    assert two.fit(7) == Snippet("…f gh ij"[:0] + "… gh ij", ((5, 7),), (5, 7))
    edge = Snippet("abcdefgh", ((1, 4), (5, 6)), (5, 6))
    assert edge.fit(7) == Snippet("…cdefgh", ((1, 3), (4, 5)), (4, 5))
    clipped = Snippet("abcdefghij", ((0, 2), (5, 9)), (0, 2))
    assert clipped.fit(6) == Snippet("abcde…", ((0, 2),), (0, 2))
    assert clipped.fit(8) == Snippet("abcdefg…", ((0, 2), (5, 7)), (0, 2))
    long_focus = Snippet("abcdefghij", ((1, 9),), (1, 9))
    assert long_focus.fit(6) == Snippet("abcde…", ((1, 5),), (1, 5))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(FIXTURES / "ui" / "curated.yaml"))


def test_record_fields_in_order(corpus: Corpus) -> None:
    assert record_fields(corpus.by_id["agr-plan"]) == [
        ("title (en)", "Trade plan"), ("title (ru)", "План по товарообороту"),
        ("quote", "Товарооборот превысил полмиллиарда долларов."),
        ("translation", "Trade exceeded half a billion dollars."),
        ("details", "Kazakhstan; Turkmenistan; KZ; TM; trade; proposed; plan"),
        ("id", "agr-plan")]
    record = corpus.by_id["dis-trade"]
    assert [label for label, _ in record_fields(record)] == [
        "title (en)", "title (ru)", "quote 1", "translation 1", "quote 2", "translation 2",
        "id"]
    noted = dataclasses.replace(record, notes="Checked twice.")
    assert record_fields(noted)[-2:] == [("notes", "Checked twice."), ("id", "dis-trade")]
    blank = dataclasses.replace(record, notes="")
    assert record_fields(blank) == record_fields(record)
    plan = corpus.by_id["agr-plan"]
    cites = tuple(dataclasses.replace(c, translation=None) for c in plan.citations)
    bare = dataclasses.replace(plan, citations=cites)
    assert [label for label, _ in record_fields(bare)] == [
        "title (en)", "title (ru)", "quote", "details", "id"]


def test_best_field_counts_distinct_terms_and_keeps_the_first_of_a_tie(
        corpus: Corpus) -> None:
    record = corpus.by_id["agr-plan"]
    got = best_field(record, query_terms("trade"))
    assert got is not None and got[0] == "title (en)"
    assert got[1:] == (Snippet("Trade plan", ((0, 5),), (0, 5)), Match(0, 5, 0))
    got = best_field(record, query_terms("trade billion"))
    assert got is not None and got[0] == "translation"
    got = best_field(record, query_terms("trade trade"))
    assert got is not None and got[0] == "title (en)"


def test_best_field_reads_on_past_a_field_that_holds_every_term_below_words(
        corpus: Corpus) -> None:
    """Only every term as a word (3 points each) ends the reading early: "Trades
    planned" holds both terms at a word's start (2 + 2), the details both as words."""
    record = corpus.by_id["agr-plan"]
    titled = dataclasses.replace(record, title=dataclasses.replace(
        record.title, en="Trades planned"))
    got = best_field(titled, query_terms("trade plan"))
    assert got is not None and got[0] == "details"


@pytest.mark.parametrize(("text", "terms", "found"), [
    ("akak", ["ak"], [Match(0, 2, 0)]),  # a substring's first place in the word
    ("aktau", ["akta"], [Match(0, 4, 0)]),  # at the word's start: the substring, not the glides
    ("кто", ["k"], [Match(0, 1, 0)]),  # a one-letter skeleton spelt by the first letter
    ("ктр", ["kt"], [Match(0, 2, 0)]),  # spelt by all the word but its last letter
    ("йод", ["й"], [Match(0, 1, 0)]),  # a term without a skeleton, at the word's start
])
def test_a_match_at_the_start_of_a_word(text: str, terms: list[str],
                                        found: list[Match]) -> None:
    assert matches(text, terms) == found


def test_a_word_starting_at_the_character_bound_is_not_marked() -> None:
    text = "aktau " + "b" * 118 + " aktau"  # the second «aktau» starts at first.end + 120
    assert snippet(text, ["aktau"]) == (
        Snippet("aktau " + "b" * 118 + " " + ELLIPSIS, ((0, 5),), (0, 5)), Match(0, 5, 0))


@pytest.mark.parametrize(("text", "window", "shown", "mark"), [
    # a word holding the match is gone back over to its start, one character at a time
    ("x yaktau w1 w2 w3", {"after": 1}, "x yaktau w1" + ELLIPSIS, (3, 8)),
    # "_" is a word character: «foo_aktau» is one word, the one word before is «x»
    ("x foo_aktau", {"before": 1}, "x foo_aktau", (6, 11)),
    # exactly `before` words before: the window starts at the character bound
    (" w1 aktau", {"before": 1}, " w1 aktau", (4, 9)),
    # exactly `after` + 1 word ends: the window ends at the character bound
    ("aktau w1 ", {"after": 1}, "aktau w1 ", (0, 5)),
    ("aktau.", {"after": 1}, "aktau.", (0, 5)),
    # the words after are counted up to the character bound only
    ("aktau " + "b" * 130 + " c d", {"after": 1}, "aktau " + "b" * 119 + ELLIPSIS, (0, 5)),
])
def test_the_window_when_the_words_run_out_at_a_bound(
        text: str, window: dict[str, int], shown: str, mark: tuple[int, int]) -> None:
    assert snippet(text, ["aktau"], **window) == (
        Snippet(shown, (mark,), mark), Match(mark[0], mark[1], 0))


def test_fit_keeps_a_mark_ending_one_past_the_cut_and_drops_one_ending_at_it() -> None:
    cut = Snippet("a" * 30, ((10, 18), (10, 19), (20, 25)), (20, 25)).fit(9)  # cut at 18
    assert cut == Snippet(ELLIPSIS + "a" * 7 + ELLIPSIS, ((1, 2), (3, 8)), (3, 8))


# Found by comparing snippet with its mutants on random texts, then shrunk: each pins how far
# back the word cut at the window's left edge is read (to CHARS_BEFORE before it, not to the
# text's first character, one character at a time). In the second the word cut at the left
# edge starts past that bound: read from the bound («ий…», whose skeleton starts with
# «aktau») it matches «aktau» before the window, yet the focus, its «zz», is marked.
@pytest.mark.parametrize(("text", "before", "shown", "marks", "focus", "first"), [
    (" " + "z" * 40 + " " * 20 + "qaktau", 0,
     ELLIPSIS + "z" * 39 + " " * 20 + "qaktau", ((61, 66),), (61, 66), Match(62, 67, 0)),
    ("кий" + "Актауский" * 2 + "Актау" * 20 + "zz", 1,
     ELLIPSIS + "Актау" * 12 + "zz", ((61, 63),), (61, 63), Match(121, 123, 1)),
    ("xАктауускийzzАктау" + "z" * 6 + "b" * 20 + " " + "z" * 6 + "Актаускийqaktau", 1,
     ELLIPSIS + "АктауускийzzАктау" + "z" * 6 + "b" * 20 + " " + "z" * 6 + "Актаускийqaktau",
     ((11, 13), (61, 66)), (61, 66), Match(61, 66, 0)),
])
def test_the_word_cut_at_the_left_edge_is_read_back_to_the_bound(
        text: str, before: int, shown: str, marks: tuple[tuple[int, int], ...],
        focus: tuple[int, int], first: Match) -> None:
    assert snippet(text, ["aktau", "zz"], before=before) == (
        Snippet(shown, marks, focus), first)


def test_a_focus_in_a_word_cut_past_the_bound_is_marked_before_the_words_after_it() -> None:
    text = "кий" + "Актауский" * 2 + "Актау" * 20 + "zz zz"
    assert snippet(text, ["aktau", "zz"], before=1) == (
        Snippet(ELLIPSIS + "Актау" * 12 + "zz zz", ((61, 63), (64, 66)), (61, 63)),
        Match(121, 123, 1))


def test_the_tail_of_a_word_cut_at_the_left_edge_is_not_a_word_of_its_own() -> None:
    # the window starts at the second «a» of «aa»: read as «aa» (before the window), not «a»
    assert snippet("aa" + " " * 59 + "aktau", ["aktau", "a"]) == (
        Snippet(ELLIPSIS + "a" + " " * 59 + "aktau", ((61, 66),), (61, 66)), Match(61, 66, 0))


def test_the_left_edge_walk_stops_at_its_bound_inside_a_long_word() -> None:
    """The window's first word is cut (the first match has no 8 words before it), and the
    walk back to its start stops CHARS_BEFORE before the window, mid-word. Read from
    there, the word's "ab" inside the window is marked; one character further back the
    word would begin with an "ab" before the window, which counts for the word (a word
    matched once), and the "ab" shown would go unmarked."""
    chars = ["x"] * 200
    chars[80:82] = "ab"  # 120 before the match's word: ends at the walk's bound
    chars[160:162] = "ab"  # inside the window, which starts at 141
    got = snippet("".join(chars) + " q", ["q", "ab"])
    assert got is not None
    shown, first = got
    assert (first.start, first.term) == (201, 0)
    assert shown.text == "…" + "x" * 19 + "ab" + "x" * 38 + " q"
    assert shown.marks == ((20, 22), (61, 62))


def test_the_right_edge_scan_reads_a_long_word_only_to_its_bound() -> None:
    """The word after the match is longer than CHARS_AFTER: its scan stops at the bound,
    where "abc" is its only match. Read whole, its "zzz" at the far end (term 0) would
    count for the word, past the window, and the shown "abc" go unmarked."""
    got = snippet("zzz abc" + "x" * 300 + "zzz", ["zzz", "abc"])
    assert got is not None
    shown, _ = got
    assert shown.text == "zzz abc" + "x" * 116 + "…"
    assert shown.marks == ((0, 3), (4, 7))
