"""Quotes resolve to exact spans; mismatches explain themselves."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kzt_tui.core.grounding import Grounded, LineIndex, Ungrounded, ground, normalise_newlines

TEXT = "Первая строка.\nВторая: 7\u00a0591 км — «граница».\nВторая: 7\u00a0591 км — «граница».\n"


def test_unique_quote_gets_offsets_and_lines() -> None:
    result = ground(TEXT, "«граница»", occurrence=1)
    assert isinstance(result, Grounded)
    span = result.span
    assert TEXT[span.start : span.end] == "«граница»"
    assert (span.line_start, span.line_end) == (2, 2)


def test_ambiguous_quote_must_be_disambiguated() -> None:
    result = ground(TEXT, "«граница»", occurrence=None)
    assert isinstance(result, Ungrounded)
    assert "occurs 2 times (lines 2, 3)" in result.message
    assert result.hint and "occurrence" in result.hint


def test_occurrence_picks_the_nth() -> None:
    result = ground(TEXT, "«граница»", occurrence=2)
    assert isinstance(result, Grounded)
    assert result.span.line_start == 3


def test_occurrence_beyond_count_is_an_error() -> None:
    result = ground(TEXT, "«граница»", occurrence=3)
    assert isinstance(result, Ungrounded)
    assert "occurs 2 times" in result.message


def test_lookalike_characters_are_named() -> None:
    result = ground(TEXT, "Вторая: 7 591 км - «граница»", occurrence=1)
    assert isinstance(result, Ungrounded)
    assert "U+00A0 NO-BREAK SPACE" in result.message
    assert "EM DASH" in result.message


def test_closest_passage_and_first_difference() -> None:
    result = ground(TEXT, "Первая строчка.", occurrence=None)
    assert isinstance(result, Ungrounded)
    assert "closest passage at line 1" in result.message
    assert "first 11 characters match" in result.message


def test_unrelated_quote_says_nothing_resembles_it() -> None:
    result = ground(TEXT, "completely unrelated words here", occurrence=None)
    assert isinstance(result, Ungrounded)
    assert "no passage of the document resembles it" in result.message


def test_multiline_span_lines() -> None:
    result = ground(TEXT, "строка.\nВторая", occurrence=None)
    assert isinstance(result, Grounded)
    assert (result.span.line_start, result.span.line_end) == (1, 2)


def test_bom_and_crlf_are_normalised_before_offsets() -> None:
    raw = "\ufeffa\r\nbc\rd\n"
    text = normalise_newlines(raw)
    assert text == "a\nbc\nd\n"
    result = ground(text, "d", occurrence=None)
    assert isinstance(result, Grounded)
    assert result.span.line_start == 3
    assert text[result.span.start] == "d"


@given(st.text(min_size=1, max_size=300), st.data())
def test_any_substring_grounds_to_exact_offsets(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    first = text.find(quote)
    count = 0
    pos = first
    while pos != -1:
        count += 1
        pos = text.find(quote, pos + 1)
    occurrence = None if count == 1 else 1
    result = ground(text, quote, occurrence)
    assert isinstance(result, Grounded)
    assert text[result.span.start : result.span.end] == quote
    assert result.span.start == first
    lines = LineIndex(text)
    assert result.span.line_start == text.count("\n", 0, first) + 1
    assert lines.line_of(first) == result.span.line_start


def test_an_occurrence_on_a_quote_that_occurs_once_is_refused() -> None:
    """docs/DATA.md: `occurrence` only when the quote occurs more than once (the audit found
    one that check let through)."""
    for n in (1, 2):
        result = ground(TEXT, "Первая строка", occurrence=n)
        assert isinstance(result, Ungrounded)
        assert result.message == f"`occurrence: {n}` given, but the quote occurs once (line 1)"
        assert result.hint == ("remove `occurrence`: it is only for a quote that occurs more "
                               "than once")
    assert isinstance(ground(TEXT, "Первая строка", occurrence=None), Grounded)
    assert isinstance(ground(TEXT, "«граница»", occurrence=1), Grounded)  # occurs twice


def test_a_quote_longer_than_the_limit_is_refused_before_any_search() -> None:
    # 2,001 characters, each find of which would compare all of them (the longest quote in
    # data/curated.yaml is 299 characters)
    result = ground("a" * 10_000, "a" * 2_001, occurrence=None)
    assert isinstance(result, Ungrounded)
    assert result.message == "quote is 2,001 characters long; the limit is 2,000"
    assert result.hint == "cite a shorter passage, or split it into several citations"


def test_counting_occurrences_spends_a_budget_shared_by_the_load() -> None:
    from kzt_tui.core.grounding import GroundingBudget

    text = "a" * 100_000
    budget = GroundingBudget(compared=50 * 1_000 * 10, explained=20, scanned=10**9)
    # each citation counts 50 occurrences of 1,000 characters: the budget pays for 10
    results = [ground(text, "a" * 1_000, 50, budget=budget) for _ in range(12)]
    assert all(isinstance(r, Grounded) for r in results[:10])
    assert [(r.message, r.hint) for r in results[10:] if isinstance(r, Ungrounded)] == [(
        "quote not checked: this load has already compared 500,000 characters of quotes "
        "with their sources",
        "shorten the quotes that occur many times, or give fewer citations of them",
    )] * 2


def test_quotes_not_found_are_explained_only_within_the_budget_of_the_load() -> None:
    from kzt_tui.core.grounding import GroundingBudget

    budget = GroundingBudget(compared=10**9, explained=2, scanned=10**9)
    messages = [ground(TEXT, f"совсем другое {n}", None, budget=budget).message
                for n in range(4)]
    assert messages == ["quote not found, and no passage of the document resembles it"] * 2 + [
        "quote not found (not explained: too many)"] * 2
    # and a few passes over a large text use up the characters it may scan (~16 passes
    # of 1 MB each)
    budget = GroundingBudget(compared=10**9, explained=20, scanned=20 * 1_000_000)
    large = "b" * 1_000_000
    messages = [ground(large, "b" * 99 + "c", None, budget=budget).message for _ in range(3)]
    assert messages[0].startswith("quote not found; closest passage")
    assert messages[1:] == ["quote not found (not explained: too many)"] * 2
