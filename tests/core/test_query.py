"""The filter language, exactly: what `parse` reads from each kind of token, and what
`matches` decides for one term and one cell, on a small set of columns of its own."""

from __future__ import annotations

import pytest

from kzt_tui.core.columns import Column
from kzt_tui.core.query import (
    Query,
    Term,
    make_cell,
    matches,
    not_a_number,
    number_of,
    parse,
    unknown_field,
)


def _none(record: object, corpus: object) -> None:
    return None


COLUMNS = (
    Column("title", "Title", _none, 20, 0, title=True),
    Column("date", "Date", _none, 10, 1, is_date=True),
    Column("value", "Value", _none, 8, 2, right=True),
    # a name that starts another: "value" must still be "value", not ambiguous
    Column("value_max", "Max", _none, 8, 3, aliases=("upto",)),
)
TITLE, DATE, VALUE, VALUE_MAX = COLUMNS


@pytest.mark.parametrize(("query", "text", "excluded"), [
    ("rail port", "rail port", ()),
    ("-rail", "", ("rail",)),
    ('-"joint statement"', "", ("joint statement",)),
    ('"joint statement" rail', "joint statement rail", ()),
    ('"Xi" -Xu -"Xo"', "Xi", ("Xu", "Xo")),
    ("- a", "- a", ()),  # a lone "-" is a word, not an exclusion of nothing
    ("-a", "", ("a",)),
    ('-"" ""', "", ()),
])
def test_free_words_and_excluded_words(query: str, text: str, excluded: tuple[str, ...]) -> None:
    assert parse(query, COLUMNS) == Query(text, excluded)


def test_a_term_keeps_its_value_as_typed_and_as_a_number() -> None:
    assert parse('value>"1.5bn" value<12,000 -date:2025 upto:5,7', COLUMNS) == Query(terms=(
        Term(VALUE, ">", ("1 5bn",), False, ("1.5bn",), 1.5e9),
        Term(VALUE, "<", ("12 000",), False, ("12,000",), 12000.0),
        Term(DATE, ":", ("2025",), True, ("2025",)),
        Term(VALUE_MAX, ":", ("5", "7"), False, ("5", "7")),  # not a number: a list
    ))


@pytest.mark.parametrize(("query", "op", "number"), [
    ("value<12,000", "<", 12000.0),  # as the table shows it: "," groups thousands
    ("value<12000", "<", 12000.0),
    ("value<12 000", "<", 12000.0),  # as Russian writes it
    ("value<12\u00a0000", "<", 12000.0),
    ("value<=1,5", "<=", 1.5),  # a decimal comma
    ("value>=1.5", ">=", 1.5),
    ("value>1,500.25", ">", 1500.25),
    ("value>1.500,25", ">", 1500.25),
    ("value=2", "=", 2.0),
    ('value>"$1.5bn"', ">", 1.5e9),
    ("value:12000", ":", 12000.0),
    ("value:12,000", ":", 12000.0),  # one number, not "12" or "000"
])
def test_a_comparison_takes_one_number(query: str, op: str, number: float) -> None:
    terms = parse(query, COLUMNS).terms
    assert [(t.column, t.op, t.number, len(t.values)) for t in terms[:1]] == [
        (VALUE, op, number, 1)]


def test_a_number_grouped_by_spaces_is_one_value() -> None:
    assert parse("value>12 000 rail", COLUMNS) == Query("rail", terms=(
        Term(VALUE, ">", ("12 000",), False, ("12 000",), 12000.0),))


@pytest.mark.parametrize(("operand", "number"), [
    ("3 млн", 3e6), ("3\u00a0млн.", 3e6), ("1,5 МЛРД", 1.5e9), ("12 000 тыс", 1.2e7),
    ("$2 bn", 2e9), ("-3 млн", -3e6), ("7 k", 7e3),
])
def test_a_scale_word_apart_from_its_number_is_part_of_the_value(operand: str,
                                                                 number: float) -> None:
    """"value>3 млн", as Russian writes it, was "value>3" and a free word "млн": a filter
    for more than three units that kept the records whose text says "млн"."""
    query = parse(f"value>{operand} rail", COLUMNS)
    assert (query.text, [(t.raw, t.number) for t in query.terms]) == (
        "rail", [((operand,), number)])


def test_a_word_after_a_number_that_is_no_scale_stays_a_word() -> None:
    assert parse("value>3 млнх", COLUMNS).text == "млнх"
    assert parse("value>3 rail", COLUMNS).text == "rail"


@pytest.mark.parametrize("operand", ["12,00,0", "1.2.3", "x5", "5x", "1,500,0", "1.5bn,X5k"])
def test_a_malformed_number_is_the_hint_in_the_language_asked(operand: str) -> None:
    assert parse(f"rail value>{operand}", COLUMNS) == Query(hint=not_a_number(operand))
    assert not_a_number(operand) == (
        f"not a number: {operand!r} — write 12000, 12,000, 12 000, 1.5 or 1.5bn")
    assert parse(f"value>{operand}", COLUMNS, "ru").hint == not_a_number(operand, "ru")
    assert not_a_number(operand, "ru").startswith("не число: ")
    # on a text column, a comparison or ":" is no number: not an error
    assert parse(f"upto>{operand} upto:{operand}", COLUMNS).hint is None


def test_a_full_name_wins_over_a_longer_name_it_starts() -> None:
    assert parse("value:5", COLUMNS).terms[0].column is VALUE
    assert parse("VALUE_M:5", COLUMNS).terms[0].column is VALUE_MAX  # a unique start
    assert parse("upto:5", COLUMNS).terms[0].column is VALUE_MAX  # an alias
    assert parse("val:5", COLUMNS) == Query(hint=unknown_field("val", COLUMNS))


def test_unknown_field_messages() -> None:
    assert unknown_field("Dtae", COLUMNS) == (
        "unknown field 'Dtae' (did you mean date?) — fields here: "
        "title, date, value, value_max")
    assert unknown_field("zzz", COLUMNS) == (
        "unknown field 'zzz' — fields here: title, date, value, value_max")


@pytest.mark.parametrize(("text", "number"), [
    ("7", 7.0), ("12,000", 12000.0), ("1_000", 1000.0), ("1__000", 1000.0),
    ("1_", 1.0), ("12,", 12.0), ("12.", 12.0),  # being typed
    ("$500m", 5e8), ("1.5bn", 1.5e9), ("≈140", 140.0), ("50%", 50.0),
    ("12,000", 12000.0), ("1,234,567", 1234567.0), ("1.234.567", 1234567.0),
    ("12 000", 12000.0), ("12\u202f000", 12000.0), ("1,5", 1.5), ("1.5", 1.5),
    ("1,50", 1.5), ("1.500", 1.5), ("12 000,5", 12000.5), ("1,500.25", 1500.25),
    ("1.500,25", 1500.25), ("1,5 млрд", 1.5e9), ("3 тыс", 3000.0),
    ("12,00,0", None), ("1,2,3", None), ("1.2.3", None), ("1 2", None), ("1,500 000", None),
    (",5", None), ("1,5x", None),
    (" 2K ", 2000.0), ("3 mn", 3e6), ("4b", 4e9), ("5x", None), ("x5", None), ("", None),
])
def test_number_of(text: str, number: float | None) -> None:
    assert number_of(text) == number


def _term(query: str) -> Term:
    return parse(query, COLUMNS).terms[0]


@pytest.mark.parametrize(("query", "texts", "number", "expected"), [
    ("title:y", ["yurt pie"], None, True),  # the start of the first word: "y" has no skeleton
    ("title:p", ["apple pie"], None, True),  # the start of a later word
    ("title:pl", ["apple pie"], None, False),  # not inside a word
    ("title:turkmenbasy", ["turkmenbashi port"], None, True),  # by skeleton, first word
    ("title:port,turkmenbasy", ["Turkmenbashi"], None, True),  # any value will do
    ("date:2023,2025", ["2025-03-01"], None, True),  # any value, for dates too
    ("date:2025-03", ["2025-03-01"], None, True),
    ("date:03", ["2025-03-01"], None, False),  # dates by prefix only
    ("date:undated", [], None, True),
    ("title:undated", [], None, False),
    ("value>1.5bn", ["x"], 1.6e9, True),
    ("value>1.5bn", ["x"], 1.5e9, False),  # at the limit
    ("value>=1.5bn", ["x"], 1.5e9, True),
    ("value<12_000", ["x"], 11999.0, True),
    ("value<=12_000", ["x"], 12001.0, False),
    ("value<12,000", ["x"], 11999.0, True),  # one number, as the table shows it
    ("value<12,000", ["x"], 12000.0, False),
    ("value<=12 000", ["x"], 12000.0, True),
    ("value=12,000", ["x"], 12000.0, True),
    ("value=12,000", ["x"], 12000.5, False),
    ("value:12000", ["12,000 t"], 12000.0, True),  # ":" finds the number typed plainly
    ("value:12000", ["120,000 t"], 120000.0, False),
    ("value:1.5", ["$1.5bn"], 1.5e9, True),  # or the start of the text shown
    ("value>1", [], None, False),  # a record without a number
    ("date=2025", ["2025-03-01"], None, True),
    ("date>=2025-03", ["2025-03-01"], None, True),  # dates by the prefix's length
    ("date<2025-03", ["2025-03-01"], None, False),
])
def test_matches(query: str, texts: list[str], number: float | None, expected: bool) -> None:
    assert matches(_term(query), make_cell(texts, number)) is expected


@pytest.mark.parametrize("operand", ["9" * 400, "1" + ",000" * 120, "1" + " 000" * 120,
                                     "9" * 300 + "bn"],
                         ids=["digits", "commas", "spaces", "scaled"])
def test_a_number_too_large_for_a_float_is_not_a_number(operand: str) -> None:
    """400 digits read as inf: `value<` that many nines kept every record, `value>` none,
    and the hint never said why; a finite number scaled past the float range likewise."""
    assert number_of(operand) is None
    assert number_of("9" * 300) == float("9" * 300)  # the largest it reads are still read
    assert parse(f"value<{operand}", COLUMNS) == Query(hint=not_a_number(operand))


@pytest.mark.parametrize("space", ["\u2009", "\u2007", "\u202f", "\u00a0", " "])
def test_a_number_grouped_by_a_thin_or_figure_space_is_one_value(space: str) -> None:
    """A thin space (U+2009) or figure space (U+2007) groups thousands in typeset Russian
    text; "value<12\u2009000" was read as "value<12" and a free word "000"."""
    operand = f"12{space}000"
    assert parse(f"value<{operand} rail", COLUMNS) == Query("rail", terms=(
        Term(VALUE, "<", ("12 000",), False, (operand,), 12000.0),))


def test_the_filter_reads_the_scale_words_the_table_shows_and_the_russian_reader_knows(
        ) -> None:
    """One table of scale words: a suffix format_value writes and an abbreviation ruparse
    reads is a scale the filter reads too."""
    from kzt_tui.core.describe import SCALE_WORDS
    from kzt_tui.core.model import SCALE_FACTOR
    from kzt_tui.core.ruparse import RU_SCALES

    for scale, word in SCALE_WORDS.items():
        assert number_of(f"2{word}") == 2 * SCALE_FACTOR[scale]
    for abbr, stem, scale in RU_SCALES:
        assert number_of(f"2 {abbr}") == number_of(f"2{abbr}.") == 2 * SCALE_FACTOR[scale]
        assert number_of(f"2 {stem}") is None  # the full word is the reader's, not the filter's


@pytest.mark.parametrize(("text", "number"), [
    ("-3", -3.0), ("\u22123", -3.0), ("+3", 3.0), ("-1,5", -1.5), ("-12,000", -12000.0),
    ("$-5m", -5e6), ("-$5m", -5e6), ("-3%", -3.0), ("--3", None), ("-", None),
    ("-$-5m", None), ("3-", None),
])
def test_a_signed_number_is_read_as_the_table_shows_a_negative_value(
        text: str, number: float | None) -> None:
    """A figure's value may be negative (a fall of 3 %: the table shows "-3%", "$-5m"),
    but "value<-1" was the hint "not a number" and no fall could be filtered."""
    assert number_of(text) == number


def test_a_comparison_with_a_negative_number_keeps_the_falls() -> None:
    term = _term("value<-1")
    assert (term.op, term.number) == ("<", -1.0)
    assert matches(term, make_cell(["-3%"], -3.0)) is True
    assert matches(term, make_cell(["3%"], 3.0)) is False
    assert parse("-value<-1", COLUMNS).terms[0].negate is True
    assert parse("value<-12 000 rail", COLUMNS) == Query("rail", terms=(
        Term(VALUE, "<", ("12 000",), False, ("-12 000",), -12000.0),))
