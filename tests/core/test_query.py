"""The filter language, exactly: what `parse` reads from each kind of token, and what
`matches` decides for one term and one cell, on a small set of columns of its own."""

from __future__ import annotations

import pytest

from kzt_tui.core.columns import Column
from kzt_tui.core.query import Query, Term, make_cell, matches, number_of, parse, unknown_field


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


def test_a_term_keeps_its_values_as_typed_for_numbers() -> None:
    assert parse('value>"1.5bn,X5k" value<X5k -date:2025', COLUMNS) == Query(terms=(
        Term(VALUE, ">", ("1 5bn", "x5k"), False, ("1.5bn", "X5k")),
        Term(VALUE, "<", ("x5k",), False, ("X5k",)),
        Term(DATE, ":", ("2025",), True, ("2025",)),
    ))


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
    ("1_", 1.0),  # being typed ("$500m", 5e8), ("1.5bn", 1.5e9),
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
    ("value>5x,7", ["x"], 8.0, True),  # a value that is no number is passed over
    ("date>=2025-03", ["2025-03-01"], None, True),  # dates by the prefix's length
    ("date<2025-03", ["2025-03-01"], None, False),
])
def test_matches(query: str, texts: list[str], number: float | None, expected: bool) -> None:
    assert matches(_term(query), make_cell(texts, number)) is expected
