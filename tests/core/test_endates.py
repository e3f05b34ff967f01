"""English dates read in a text (core/endates): the three ways a news text writes a day,
and an added source's English dateline read through them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_tui.core.curate.sources import Dateline, dateline, text_date
from kzt_tui.core.endates import MONTHS, month_of, read_english_dates

from ..helpers import examples


@pytest.mark.parametrize(("text", "iso", "phrase"), [
    ("4 December 2025", "2025-12-04", "4 December 2025"),
    ("December 4, 2025", "2025-12-04", "December 4, 2025"),
    ("Dec. 4, 2025", "2025-12-04", "Dec. 4, 2025"),
    ("on Dec 4 2025 in", "2025-12-04", "Dec 4 2025"),
    ("the 3rd March 2020.", "2020-03-03", "3rd March 2020"),
    ("Sept. 30, 2024", "2024-09-30", "Sept. 30, 2024"),
    ("29 february 2024", "2024-02-29", "29 february 2024"),
    ("MAY 1, 2025", "2025-05-01", "MAY 1, 2025"),
])
def test_each_way_of_writing_a_day_is_read(text: str, iso: str, phrase: str) -> None:
    [found] = read_english_dates(text)
    assert (found.start, found.end) == (iso, iso)
    assert text[found.begin:found.stop] == phrase


@pytest.mark.parametrize("text", [
    "31 April 2025", "29 February 2025", "0 May 2025", "December 42, 2025",
    "Mayor 4, 2025", "x4 December 2025", "December 2025", "4 December", "2025-12-04",
])
def test_no_such_day_or_no_day_is_no_date(text: str) -> None:
    assert read_english_dates(text) == []


def test_two_dates_in_order() -> None:
    got = read_english_dates("From 1 May 2025 to June 2, 2026.")
    assert [d.start for d in got] == ["2025-05-01", "2026-06-02"]
    # a day the month has not is passed over, not the end of the reading
    assert [d.start for d in read_english_dates("31 April 2025, 1 May 2025")] == [
        "2025-05-01"]


@settings(max_examples=examples(300))
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{m}. {d}, {y}", "{m} {d} {y}",
                        "{d} {m} {y}"]),
       st.sampled_from(["", "Astana, ", "On "]))
def test_any_day_written_any_way_reads_back(day: dt.date, form: str, before: str) -> None:
    name = MONTHS[day.month - 1]
    text = before + form.format(d=day.day, M=name, m=name[:3], y=day.year) + " text"
    [found] = read_english_dates(text)
    assert found.start == found.end == day.isoformat()
    assert found.begin == len(before)


@pytest.mark.parametrize("n", range(1, 13))
def test_each_month_by_name_and_abbreviation(n: int) -> None:
    name = MONTHS[n - 1]
    assert month_of(name) == month_of(name[:3] + ".") == month_of(name.upper()) == n


@pytest.mark.parametrize(("first", "expected"), [
    ("ASTANA, December 4, 2025 — The presidents met.",
     Dateline("2025-12-04", "ASTANA", "ASTANA, December 4, 2025")),
    ("Ashgabat, 4 December 2025. Text.",
     Dateline("2025-12-04", "Ashgabat", "Ashgabat, 4 December 2025.")),
    ("Dec. 4, 2025\nText.", Dateline("2025-12-04", None, "Dec. 4, 2025")),
])
def test_an_english_dateline_gives_its_date_and_place(first: str, expected: Dateline) -> None:
    assert dateline(first.encode()) == expected


def test_an_english_headline_naming_a_date_is_no_dateline() -> None:
    assert text_date(b"The president will visit Ashgabat on 4 December 2025.") is None


def test_the_earlier_of_a_russian_and_an_english_date_is_the_dateline() -> None:
    assert text_date("Astana, 4 December 2025. Встреча 5 декабря 2025 года.".encode()) == (
        "2025-12-04", "From the text's dateline «Astana, 4 December 2025.», place Astana.")
