"""grounding, pinned exactly: every diagnosis branch's message and hint, each limit at its
boundary, and line/column arithmetic across LineIndex blocks."""

from __future__ import annotations

import pytest

from kzt_tui.core.grounding import (
    MAX_COUNTED,
    Grounded,
    GroundingBudget,
    LineIndex,
    Ungrounded,
    ground,
    occurrences,
)

LOOKALIKE_HINT = "copy the characters from the source exactly (no-break spaces, ё, dashes, «»)"
NOTHING = ("quote not found, and no passage of the document resembles it",
           "check the citation's doc id, or copy the passage from the source")
PREFIX_HINT = "fix the quote from that character on"
SUFFIX_HINT = "fix the quote up to that character"


def why(text: str, quote: str, occurrence: int | None = None) -> tuple[str, str | None]:
    result = ground(text, quote, occurrence)
    assert isinstance(result, Ungrounded)
    return result.message, result.hint


def at(text: str, quote: str, occurrence: int | None = None) -> int:
    result = ground(text, quote, occurrence)
    assert isinstance(result, Grounded), result
    return result.span.start


# --- look-alike characters ---------------------------------------------------------------

@pytest.mark.parametrize(("source", "typed", "source_name", "typed_name"), [
    ("\xa0", " ", "U+00A0 NO-BREAK SPACE", "U+0020 SPACE"),
    ("\u202f", " ", "U+202F NARROW NO-BREAK SPACE", "U+0020 SPACE"),
    ("\u2009", " ", "U+2009 THIN SPACE", "U+0020 SPACE"),
    ("\t", " ", "U+0009 unnamed", "U+0020 SPACE"),
    ("ё", "е", "«ё» (U+0451 CYRILLIC SMALL LETTER IO)", "«е» (U+0435 CYRILLIC SMALL LETTER IE)"),
    ("Ё", "Е", "«Ё» (U+0401 CYRILLIC CAPITAL LETTER IO)",
     "«Е» (U+0415 CYRILLIC CAPITAL LETTER IE)"),
    ("–", "-", "«–» (U+2013 EN DASH)", "«-» (U+002D HYPHEN-MINUS)"),
    ("—", "-", "«—» (U+2014 EM DASH)", "«-» (U+002D HYPHEN-MINUS)"),
    ("‑", "-", "«‑» (U+2011 NON-BREAKING HYPHEN)", "«-» (U+002D HYPHEN-MINUS)"),
    ("«", '"', "««» (U+00AB LEFT-POINTING DOUBLE ANGLE QUOTATION MARK)",
     '«"» (U+0022 QUOTATION MARK)'),
    ("»", '"', "«»» (U+00BB RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK)",
     '«"» (U+0022 QUOTATION MARK)'),
    ("“", '"', "«“» (U+201C LEFT DOUBLE QUOTATION MARK)", '«"» (U+0022 QUOTATION MARK)'),
    ("”", '"', "«”» (U+201D RIGHT DOUBLE QUOTATION MARK)", '«"» (U+0022 QUOTATION MARK)'),
    ("„", '"', "«„» (U+201E DOUBLE LOW-9 QUOTATION MARK)", '«"» (U+0022 QUOTATION MARK)'),
    ("’", "'", "«’» (U+2019 RIGHT SINGLE QUOTATION MARK)", "«'» (U+0027 APOSTROPHE)"),
    ("‘", "'", "«‘» (U+2018 LEFT SINGLE QUOTATION MARK)", "«'» (U+0027 APOSTROPHE)"),
])  # fmt: skip
def test_each_lookalike_is_folded_and_named(source: str, typed: str, source_name: str,
                                            typed_name: str) -> None:
    text = f"first line\nab{source}cd\n"
    assert why(text, f"ab{typed}cd") == (
        "quote not found verbatim; it matches line 2 only if look-alike characters are "
        f"folded (col 3: source has {source_name}, quote has {typed_name})",
        LOOKALIKE_HINT,
    )


def test_lookalike_message_names_the_first_three_differences_at_their_columns() -> None:
    text = "x\nz\na\xa0b\xa0c\xa0d\xa0e\na\xa0b\xa0c\xa0d\xa0e\n"
    assert why(text, "a b c d e") == (
        "quote not found verbatim; it matches line 3 only if look-alike characters are folded "
        "(col 2: source has U+00A0 NO-BREAK SPACE, quote has U+0020 SPACE; "
        "col 4: source has U+00A0 NO-BREAK SPACE, quote has U+0020 SPACE; "
        "col 6: source has U+00A0 NO-BREAK SPACE, quote has U+0020 SPACE)",
        LOOKALIKE_HINT,
    )


# --- nothing resembles it: the threshold ---------------------------------------------------

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"


@pytest.mark.parametrize(("quote", "resembles"), [
    ("0123456789AB" + "#" * 18, True),  # 30 characters: 12 must match
    ("0123456789A" + "#" * 19, False),
    ("01234" + "#" * 5, True),  # 10 characters: half, 5
    ("0123" + "#" * 6, False),
    ("01234" + "#" * 6, True),  # 11 characters: 5 (half, rounded down)
    ("0#", True),  # 2 characters: 1
    ("##", False),  # nothing at all matches
    ("#", False),
])  # fmt: skip
def test_closest_passage_needs_twelve_characters_or_half_the_quote(quote: str,
                                                                   resembles: bool) -> None:
    message, hint = why(ALPHABET, quote)
    if resembles:
        assert message.startswith("quote not found; closest passage at line 1: ")
        assert hint == PREFIX_HINT
    else:
        assert (message, hint) == NOTHING


def test_a_blank_quote_is_empty() -> None:
    assert why(ALPHABET, "") == ("quote is empty", None)
    assert why(ALPHABET, "  \n ") == ("quote is empty", None)


# --- closest passage by its start ----------------------------------------------------------

TEXT = "Первая строка.\nВторая: 7\u00a0591 км — «граница».\nВторая: 7\u00a0591 км — «граница».\n"


def test_closest_passage_names_the_first_difference_exactly() -> None:
    assert why(TEXT, "Первая строчка.") == (
        "quote not found; closest passage at line 1: «Первая строка.⏎…» — the first 11 "
        "characters match, then the quote has «ч» (U+0447 CYRILLIC SMALL LETTER CHE) where the "
        "source has «к» (U+043A CYRILLIC SMALL LETTER KA) (line 1)",
        PREFIX_HINT,
    )


def test_closest_passage_is_the_first_of_two() -> None:
    assert why(TEXT, "Вторая: 7\u00a0591 км — «граница!»") == (
        "quote not found; closest passage at line 2: «Вторая: 7\xa0591 км — «граница».…» — "
        "the first 27 characters match, then the quote has «!» (U+0021 EXCLAMATION MARK) "
        "where the source has «»» (U+00BB RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK) (line 2)",
        PREFIX_HINT,
    )


def test_closest_passage_that_runs_to_the_end_of_the_text() -> None:
    assert why("abcdefghijklmnop", "ijklmnopXYZ") == (
        "quote not found; closest passage at line 1: «ijklmnop» — the first 8 characters "
        "match, then the quote has «X» (U+0058 LATIN CAPITAL LETTER X) where the source has "
        "the end of the text (line -)",
        PREFIX_HINT,
    )


def test_closest_passage_where_the_source_has_a_space_or_an_unnamed_character() -> None:
    text = "line one\nabcdefgh ijk\n"
    assert why(text, "abcdefgh\u0378ijk") == (
        "quote not found; closest passage at line 2: «abcdefgh ijk…» — the first 8 characters "
        "match, then the quote has U+0378 unnamed where the source has U+0020 SPACE (line 2)",
        PREFIX_HINT,
    )


def test_closest_passage_excerpt_is_at_most_eighty_characters() -> None:
    text = "x" * 200
    message, _ = why(text, "x" * 90 + "y")
    assert message == (
        f"quote not found; closest passage at line 1: «{'x' * 80}…» — the first 90 characters "
        "match, then the quote has «y» (U+0079 LATIN SMALL LETTER Y) where the source has "
        "«x» (U+0078 LATIN SMALL LETTER X) (line 1)"
    )


# --- closest passage by its end ------------------------------------------------------------

def test_closest_passage_ends_at_names_the_last_difference_exactly() -> None:
    assert why("zero\none two three four five", "ZERO three four five") == (
        "quote not found; closest passage ends at line 2: « two three four five» — the last "
        "16 characters match; before them the quote has «O» (U+004F LATIN CAPITAL LETTER O) "
        "where the source has «o» (U+006F LATIN SMALL LETTER O)",
        SUFFIX_HINT,
    )


def test_closest_passage_ends_before_more_text_and_on_its_own_line() -> None:
    assert why("one two three four five\ns\nmore", "ZERO three four five\ns") == (
        "quote not found; closest passage ends at line 2: « two three four five⏎s…» — the "
        "last 18 characters match; before them the quote has «O» (U+004F LATIN CAPITAL LETTER "
        "O) where the source has «o» (U+006F LATIN SMALL LETTER O)",
        SUFFIX_HINT,
    )


def test_closest_passage_ends_at_the_start_of_the_text() -> None:
    assert why(" three four five six", "ZERO three four five") == (
        "quote not found; closest passage ends at line 1: « three four five six» — the last "
        "16 characters match; before them the quote has «O» (U+004F LATIN CAPITAL LETTER O) "
        "where the source has the start of the text",
        SUFFIX_HINT,
    )
    assert why("x three four five six", "ZERO three four five")[0] == (
        "quote not found; closest passage ends at line 1: «x three four five si…» — the last "
        "16 characters match; before them the quote has «O» (U+004F LATIN CAPITAL LETTER O) "
        "where the source has «x» (U+0078 LATIN SMALL LETTER X)"
    )


def test_closest_passage_by_its_end_is_the_first_of_two_and_at_most_eighty_wide() -> None:
    text = "y" * 100 + "x" * 90 + "\n" + "x" * 90
    assert why(text, "z" + "x" * 90) == (
        f"quote not found; closest passage ends at line 1: «{'y' + 'x' * 79}…» — the "
        "last 90 characters match; before them the quote has «z» (U+007A LATIN SMALL LETTER "
        "Z) where the source has «y» (U+0079 LATIN SMALL LETTER Y)",
        SUFFIX_HINT,
    )


# --- the limits of _ground -----------------------------------------------------------------

def test_a_quote_of_exactly_the_limit_is_looked_for() -> None:
    assert at("b" + "a" * 2_000, "a" * 2_000) == 1


def test_not_explained_when_asked_not_to() -> None:
    result = ground(TEXT, "nowhere", None, explain=False)
    assert (result.message, result.hint) == ("quote not found", None)  # type: ignore[union-attr]


def test_ambiguous_quote_lists_the_first_six_lines() -> None:
    text = "ab\n" * 8
    assert why(text, "ab") == ("quote occurs 8 times (lines 1, 2, 3, 4, 5, 6); it must be "
                               "disambiguated",
                               "add `occurrence: N` (1 = first) or lengthen the quote")


def test_counted_occurrences_stop_after_the_limit() -> None:
    assert why("a" * (MAX_COUNTED + 5), "a")[0] == (
        "quote occurs more than 10,000 times (lines 1, 1, 1, 1, 1, 1); it must be disambiguated")
    assert why("a" * MAX_COUNTED, "a")[0] == (
        "quote occurs 10,000 times (lines 1, 1, 1, 1, 1, 1); it must be disambiguated")
    assert why("a" * (MAX_COUNTED - 1), "a")[0] == (
        "quote occurs 9,999 times (lines 1, 1, 1, 1, 1, 1); it must be disambiguated")


def test_an_occurrence_beyond_the_counted_ones() -> None:
    assert why("a" * (MAX_COUNTED + 5), "a", MAX_COUNTED + 2) == (
        "occurrence 10002 asked for, but only the first 10,000 occurrences of a quote are "
        "counted", "lengthen the quote so that it occurs fewer times")
    assert why("a" * MAX_COUNTED, "a", MAX_COUNTED + 1) == (
        "occurrence 10001 asked for, but the quote occurs 10,000 times",
        "use an occurrence from 1 to 10,000")
    assert at("a" * MAX_COUNTED, "a", MAX_COUNTED) == MAX_COUNTED - 1
    assert why("ab ab", "ab", 3) == ("occurrence 3 asked for, but the quote occurs 2 times",
                                     "use an occurrence from 1 to 2")


@pytest.mark.parametrize(("text", "occurrence", "finds"), [
    ("q q q", None, 2 + 4),  # two to learn it is not unique, then all (and the failed find)
    ("q q q", 1, 2),  # the first, and a second to learn it is not unique
    ("q q q", 2, 2),
    ("q q q", 3, 3),
    ("q", None, 2),  # found, then not found again
    ("q" * (MAX_COUNTED + 9), None, 2 + MAX_COUNTED + 1),
])  # fmt: skip
def test_occurrences_are_looked_for_only_as_far_as_needed(text: str, occurrence: int | None,
                                                          finds: int) -> None:
    budget = GroundingBudget(compared=10**9)
    ground(text, "q", occurrence, budget=budget)
    assert 10**9 - budget.compared == finds


def test_occurrences_overlap() -> None:
    assert occurrences("aaaa", "aa") == [0, 1, 2]
    assert occurrences("aaaa", "aa", limit=2) == [0, 1]
    assert occurrences("baaa", "b") == [0]


def test_explaining_costs_passes_over_the_text() -> None:
    budget = GroundingBudget(scanned=10**6)
    assert budget.explain("x" * 100, "q")  # 100 × (2 + 2 × 1)
    assert budget.explain("x" * 100, "")  # an empty quote costs as much as one character
    assert budget.explain("x" * 100, "quote")  # 100 × (2 + 2 × 3)
    assert (budget.explained, budget.scanned) == (17, 10**6 - 400 - 400 - 800)
    exact = GroundingBudget(scanned=400)
    assert exact.explain("x" * 100, "q")
    assert (exact.explained, exact.scanned) == (19, 0)
    assert not exact.explain("x", "q")
    assert not GroundingBudget(explained=0).explain("x", "q")


def test_default_budget() -> None:
    budget = GroundingBudget()
    assert (budget.compare_limit, budget.compared, budget.explained, budget.scanned) == (
        500_000_000, 500_000_000, 20, 400_000_000)


# --- LineIndex -----------------------------------------------------------------------------

def test_lines_and_columns_across_blocks() -> None:
    text = ("x" * 99 + "\n") * 100  # 10,000 characters: three blocks of 4,096
    lines = LineIndex(text)
    for offset in (0, 99, 100, 4_095, 4_096, 4_097, 8_191, 8_192, 9_999):
        assert lines.line_of(offset) == offset // 100 + 1
        assert lines.col_of(offset) == offset % 100 + 1
    assert lines.line_of(10_000) == 101
    assert lines.line_of(-3) == 1
    assert lines.line_of(50_000) == 101


def test_lines_and_columns_at_a_leading_newline() -> None:
    lines = LineIndex("\nab\ncd")
    assert [lines.line_of(o) for o in range(6)] == [1, 2, 2, 2, 3, 3]
    assert [lines.col_of(o) for o in range(6)] == [1, 1, 2, 3, 1, 2]


def test_span_lines_end_at_the_last_character() -> None:
    lines = LineIndex("ab\ncd")
    assert (lines.span(0, 3).line_start, lines.span(0, 3).line_end) == (1, 1)
    assert (lines.span(2, 4).line_start, lines.span(2, 4).line_end) == (1, 2)
    assert (lines.span(3, 3).line_start, lines.span(3, 3).line_end) == (2, 2)


def test_closest_passage_by_its_end_counts_every_matching_character() -> None:
    assert why("abcdefghijklmnopqrstuvwxyz", "###defghijklmnopqrst")[0] == (
        "quote not found; closest passage ends at line 1: «abcdefghijklmnopqrst…» — the last "
        "17 characters match; before them the quote has «#» (U+0023 NUMBER SIGN) where the "
        "source has «c» (U+0063 LATIN SMALL LETTER C)"
    )


def test_closest_passage_by_its_start_when_start_and_end_match_as_much() -> None:
    assert why("0123456789ABxxxxCDEFGHIJKLMN", "0123456789AB#CDEFGHIJKLMN") == (
        "quote not found; closest passage at line 1: «0123456789ABxxxxCDEFGHIJK…» — the first "
        "12 characters match, then the quote has «#» (U+0023 NUMBER SIGN) where the source has "
        "«x» (U+0078 LATIN SMALL LETTER X) (line 1)",
        PREFIX_HINT,
    )


def test_lines_after_a_leading_newline_in_a_long_text() -> None:
    lines = LineIndex("\n" + "x" * 5_000)
    assert [lines.line_of(o) for o in (0, 1, 4_095, 4_096, 4_500, 5_001)] == [1, 2, 2, 2, 2, 2]
