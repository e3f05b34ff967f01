"""What a newcomer saw in the lists (fresh2): figures' values and periods in Russian, a
document without an outlet, and the columns the header names ("Measures", "Summary")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kzt_tui.core.columns import Column, build_tables, columns_of, facet_label, find_column
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields, format_value, row_text
from kzt_tui.core.loading import load
from kzt_tui.core.model import Document, Figure, Period
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.query import parse, unknown_field

SHIPPED = Corpus(load(shipped_data()))
SECTIONS, _ = build_tables()


def _figure(**changes: object) -> Figure:
    base = SHIPPED.get("fig-kz-tm-trade-2024")
    assert isinstance(base, Figure)
    return replace(base, **changes)  # type: ignore[arg-type]


def _column(section: str, name: str) -> Column:
    found = find_column(SECTIONS[section], name)
    assert found is not None
    return found


@pytest.mark.parametrize(("changes", "en", "ru"), [
    ({}, "$555.7m", "$555,7 млн"),
    ({"qualifier": "more_than", "value": 26.0, "scale": "billion"},
     "more than $26bn", "более $26 млрд"),
    ({"qualifier": "up_to", "value": 3.0, "unit": "tonnes"}, "up to 3m t", "до 3 млн т"),
    ({"qualifier": "about", "value": 85.0, "scale": "one", "unit": "percent"},
     "about 85%", "около 85%"),
    ({"qualifier": "almost", "value": 2.5, "unit": "tonnes"}, "almost 2.5m t", "почти 2,5 млн т"),
    ({"qualifier": "at_least", "value": 7.0, "scale": "thousand", "unit": "km"},
     "at least 7k km", "не менее 7 тыс. км"),
    ({"qualifier": "less_than", "value": 4.0, "scale": "one", "unit": "lanes"},
     "less than 4 lanes", "менее 4 полос"),
    ({"qualifier": "range", "value": 3.0, "value_max": 5.0, "scale": "one", "unit": "years"},
     "3–5 years", "3–5 лет"),
    ({"scale": "one", "value": 6.0, "unit": "months"}, "6 months", "6 мес."),
    ({"scale": "one", "value": 1.0, "unit": "months"}, "1 month", "1 мес."),
    # plural forms (fixes4): the nominative after a bare number, "almost" or a range; the
    # genitive after "more than", "about", "up to" …; a fraction or a scale word as Russian
    # reads it ("2,5 года", "2 млн лет")
    ({"scale": "one", "value": 4.0, "unit": "lanes"}, "4 lanes", "4 полосы"),
    ({"scale": "one", "value": 1.0, "unit": "lanes"}, "1 lane", "1 полоса"),
    ({"scale": "one", "value": 2.0, "unit": "years"}, "2 years", "2 года"),
    ({"scale": "one", "value": 21.0, "unit": "years"}, "21 years", "21 год"),
    ({"scale": "one", "value": 11.0, "unit": "years"}, "11 years", "11 лет"),
    ({"scale": "one", "value": 1.0, "unit": "years"}, "1 year", "1 год"),
    ({"scale": "one", "value": 2.5, "unit": "years", "qualifier": "almost"},
     "almost 2.5 years", "почти 2,5 года"),
    ({"scale": "one", "value": 1.0, "unit": "years", "qualifier": "more_than"},
     "more than 1 year", "более 1 года"),
    ({"scale": "one", "value": 2.0, "unit": "lanes", "qualifier": "up_to"},
     "up to 2 lanes", "до 2 полос"),
    ({"qualifier": "range", "value": 2.0, "value_max": 4.0, "scale": "one", "unit": "lanes"},
     "2–4 lanes", "2–4 полосы"),
    ({"scale": "million", "value": 2.0, "unit": "years"}, "2m years", "2 млн лет"),
    # Russian number punctuation (fixes4): a decimal comma, thousands by a narrow no-break
    # space
    ({"scale": "one", "value": 7591.0, "unit": "km"}, "7,591 km", "7\u202f591 км"),
    ({"scale": "one", "value": 1234567.5, "unit": "USD", "qualifier": "about"},
     "about $1,234,567.5", "около $1\u202f234\u202f567,5"),
    ({"scale": "one", "value": 3.0, "unit": "times", "qualifier": "more_than"},
     "more than ×3", "более ×3"),
    ({"scale": "one", "value": 140.0, "unit": "count", "qualifier": "about"},
     "about 140", "около 140"),
])
def test_a_figures_value_is_worded_in_the_interfaces_language(
        changes: dict[str, object], en: str, ru: str) -> None:
    figure = _figure(**changes)
    assert format_value(figure) == en  # exports and copies: English, as before
    assert format_value(figure, "ru") == ru
    value = _column("figures", "value")
    assert value.text(figure, SHIPPED, "en") == en
    assert value.text(figure, SHIPPED, "ru") == ru
    assert row_text(figure, "ru").startswith(ru + " — ")
    assert ("Значение", ru) in fields(figure, "ru")


@pytest.mark.parametrize(("period", "ru"), [
    (Period("2024", "2024", "2024"), "2024"),
    (Period("January–September 2025", "2025-01", "2025-09"), "2025-01 – 2025-09"),
    (Period("by 2030", None, "2030"), "до 2030"),
    (Period("since 2020", "2020", None), "с 2020"),
    (Period("cumulative, as of November 2025 (not specified)", None, None), "не указано"),
    (None, "не указано"),  # as a period with no dates: not a blank cell
])
def test_the_period_column_shows_dates_outside_english(period: Period | None, ru: str) -> None:
    figure = _figure(period=period)
    column = _column("figures", "period")
    assert column.text(figure, SHIPPED, "ru") == ru
    # English keeps the label, the data's own words; the value (filter, sort) is the label
    assert column.text(figure, SHIPPED, "en") == (period.label if period else "not stated")
    assert column.value(figure, SHIPPED) == (period.label if period else None)


def test_a_document_without_an_outlet_says_so_in_its_cell_and_facet() -> None:
    outlet = _column("documents", "outlet")
    unnamed = next(d for d in SHIPPED.section("documents")
                   if isinstance(d, Document) and d.outlet is None)
    named = next(d for d in SHIPPED.section("documents")
                 if isinstance(d, Document) and d.outlet is not None)
    assert outlet.text(unnamed, SHIPPED, "en") == "outlet not named"
    assert outlet.text(unnamed, SHIPPED, "ru") == "издание не названо"
    assert outlet.value(unnamed, SHIPPED) is None  # sorts last, as every empty value
    assert outlet.text(named, SHIPPED, "en") == named.outlet.name  # type: ignore[union-attr]
    assert facet_label(outlet, "", "en") == "outlet not named"
    assert facet_label(outlet, "", "ru") == "издание не названо"
    assert facet_label(_column("figures", "unit"), "") == "(none)"
    assert facet_label(_column("documents", "date"), "") == "undated"


def test_the_title_column_answers_to_its_header() -> None:
    figures = columns_of(["figures"])
    statements = columns_of(["statements"])
    assert parse("measures:trade", figures).hint is None
    assert parse("summary:trade", statements).hint is None
    assert parse("title:trade", figures).hint is None
    measures = _column("figures", "measures")
    assert measures.title and measures.field == "measures"
    assert _column("statements", "summary").field == "summary"
    assert _column("agreements", "title").field == "title"
    assert _column("people", "name").field == "name"
    assert _column("agreements", "sources").field == "sources"  # "Src" is no field
    assert unknown_field("vlue", figures).endswith(
        "fields here: value, measures, unit, period, status, measure, marked, tags")
    assert "fields here: summary, speaker, kind, topics" in unknown_field("x", statements)
    (term,) = parse("measures:turnover", figures).terms
    assert term.column.title and term.column.header == "Measures"
    (term,) = parse("summary:trade", statements).terms
    assert term.column.title


@pytest.mark.parametrize(("shown", "value"), [
    ("7\u202f591 км", 7591.0), ("$555,7 млн", 555.7e6), ("почти 2,5 млн т", 2.5e6)])
def test_the_filter_reads_a_number_as_the_russian_table_shows_it(
        shown: str, value: float) -> None:
    from kzt_tui.core.query import number_of

    typed = shown.removeprefix("почти ").removesuffix(" км").removesuffix(" т")
    assert number_of(typed) == value
