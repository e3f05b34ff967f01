"""The filter language at its edges, exactly (mutation testing, issue 19): a value typed in
another interface language names a column's choice, quotes are all a value loses, an empty
term while it is typed, ":" on a number with text, the hints in Russian, and plain_number
on what it trims and refuses."""

from __future__ import annotations

import pytest

from kzt_tui.core.columns import Column
from kzt_tui.core.query import Query, Term, not_a_number, parse, plain_number, unknown_field
from tests.core.test_query import COLUMNS, TITLE, VALUE


def _none(record: object, corpus: object) -> None:
    return None


MARKED = Column("marked", "Marked", _none, 0, 9, vocab=True, choices=("yes", "no"))


@pytest.mark.parametrize(("query", "values"), [
    ("marked:yes", ("yes",)),
    ("marked:да", ("yes",)),  # Russian names the same choice
    ("marked:НЕТ", ("no",)),
    ("marked:да,no", ("yes", "no")),
    ("marked:maybe", ("maybe",)),  # names no choice: kept as typed
    ("marked:y", ("y",)),  # a start is no choice either
])
def test_a_choice_is_read_in_any_interface_language(query: str,
                                                    values: tuple[str, ...]) -> None:
    assert parse(query, (*COLUMNS, MARKED)) == Query(terms=(
        Term(MARKED, ":", values, False, values),))


@pytest.mark.parametrize(("query", "raw", "values"), [
    ('title:"Xu X"', "Xu X", "xu x"),  # only the quotes go: an X at either end stays
    ("title:X", "X", "x"),
    ('title:"Xi', "Xi", "xi"),  # a quote left open while it is typed
])
def test_a_quoted_value_loses_its_quotes_alone(query: str, raw: str, values: str) -> None:
    assert parse(query, COLUMNS) == Query(terms=(Term(TITLE, ":", (values,), False, (raw,)),))


def test_an_empty_term_being_typed_leaves_the_rest_of_the_query() -> None:
    assert parse("title: rail date:2025", COLUMNS) == Query("rail", terms=(
        Term(COLUMNS[1], ":", ("2025",), False, ("2025",)),))
    assert parse('title:"" -port', COLUMNS) == Query("", ("port",))


def test_a_colon_on_a_number_with_text_is_a_term_not_a_hint() -> None:
    assert parse("value:abc", COLUMNS) == Query(terms=(
        Term(VALUE, ":", ("abc",), False, ("abc",), None),))
    assert parse("value=abc", COLUMNS) == Query(hint=not_a_number("abc"))


def test_the_hints_in_russian() -> None:
    assert parse("rail zzz:5", COLUMNS, "ru") == Query(hint=(
        "неизвестное поле 'zzz' — поля этого списка: title, date, value, value_max"))
    assert unknown_field("Dtae", COLUMNS, "ru") == (
        "неизвестное поле 'Dtae' (может быть, date?) — поля этого списка: "
        "title, date, value, value_max")
    assert parse("value>x", COLUMNS, "ru") == Query(hint=(
        "не число: 'x' — пишите 12000, 12,000, 12 000, 1,5 или 1,5 млрд"))


@pytest.mark.parametrize(("digits", "number"), [
    ("12 ,", 12.0), ("12 000 .", 12000.0), (" 12 ", 12.0),  # trimmed as typed
    ("12X", None), ("X12", None), ("12,X", None),  # no other letter is trimmed
    ("1,000 000.5", None), ("1 000,000.5", None),  # two kinds of grouping
    ("1,000.5", 1000.5), ("1 000,5", 1000.5), ("12.", 12.0), ("0", 0.0),
])
def test_plain_number_at_what_it_trims_and_refuses(digits: str, number: float | None) -> None:
    assert plain_number(digits) == number
