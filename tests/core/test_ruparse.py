"""The Russian number and date reader: every figure of the shipped dataset read back from
its own quotes, and a table of real phrases from the seeds."""

from __future__ import annotations

import re

import pytest

from kzt_tui.core.ruparse import (
    Quantity,
    RuDate,
    RuPeriod,
    read_dates,
    read_periods,
    read_quantities,
)
from tests.helpers import REPO

#: Figures whose recorded reading is the curator's, not the words' (each says why).
NOT_READ = {
    # "запущен национальный суперкомпьютер": one, by the singular noun; no numeral is there.
    "fig-kz-supercomputers-launched",
    # "двумя и даже тремя-четырьмя языками": the range 2–4 joins two phrases; the reader
    # gives 2 and 3–4, each as written.
    "fig-youth-languages",
}


def _readings(quote: str) -> list[tuple[float, float | None, str, str, str]]:
    return [(q.value, q.value_max, q.scale, q.unit, q.qualifier) for q in read_quantities(quote)]


def test_every_figure_is_read_back_from_its_quotes() -> None:
    from kzt_tui.core.loading import load

    dataset = load(REPO / "data" / "curated.yaml")
    assert len(dataset.figures) == 45
    unread = []
    for fig in dataset.figures:
        want = (fig.value, fig.value_max, fig.scale, fig.unit, fig.qualifier)
        if not any(want in _readings(c.quote) for c in fig.citations):
            unread.append(fig.id)
    assert sorted(unread) == sorted(NOT_READ)


@pytest.mark.parametrize(("phrase", "expected"), [
    ("составил $555,7 млн.", (555.7, None, "million", "USD", "exact")),
    ("он достиг $363,6 млн, показав", (363.6, None, "million", "USD", "exact")),
    ("составил полтора миллиона тонн", (1.5, None, "million", "tonnes", "exact")),
    ("увеличившись на 14%.", (14.0, None, "one", "percent", "exact")),
    ("с объемом инвестиций более 21 миллиарда долларов", (21.0, None, "billion", "USD",
                                                          "more_than")),
    ("стабильно превышает полмиллиарда долларов", (0.5, None, "billion", "USD", "more_than")),
    ("увеличился более чем в четыре раза", (4.0, None, "one", "times", "more_than")),
    ("встречались более шести раз", (6.0, None, "one", "count", "more_than")),
    ("до одного миллиарда долларов США", (1.0, None, "billion", "USD", "exact")),
    ("около 140 компаний", (140.0, None, "one", "count", "about")),
    ("на 15–20%", (15.0, 20.0, "one", "percent", "range")),
    ("самая протяженная в мире — 7 591 километр", (7591.0, None, "one", "km", "exact")),
    ("порядка 85% сухопутных грузоперевозок", (85.0, None, "one", "percent", "about")),
    ("увеличился почти на 50 процентов", (50.0, None, "one", "percent", "almost")),
    ("грузопоток составил почти 2,5 млн тонн", (2.5, None, "million", "tonnes", "almost")),
    ("превысил 120 млн долларов", (120.0, None, "million", "USD", "more_than")),
    ("выросла в 1,5 раза за пять лет", (1.5, None, "one", "times", "exact")),
    ("За три десятилетия Казахстан", (30.0, None, "one", "years", "about")),
    ("переведен на четырехполосное движение", (4.0, None, "one", "lanes", "exact")),
    ("планируется удвоение пропускной способности", (2.0, None, "one", "times", "exact")),
    ("не менее 10 тыс. тонн", (10.0, None, "thousand", "tonnes", "at_least")),
])
def test_phrases_from_the_seeds(phrase: str, expected: tuple[object, ...]) -> None:
    assert expected in _readings(phrase)


def test_quantities_keep_their_order_and_place() -> None:
    text = "За девять месяцев 2025 года он достиг $363,6 млн, показав рост на 5,4%"
    got = read_quantities(text)
    assert got == [
        Quantity(9.0, None, "one", "months", "exact", 3, 17),
        Quantity(363.6, None, "million", "USD", "exact", 38, 48),
        Quantity(5.4, None, "one", "percent", "exact", 63, 70),
    ]
    assert text[got[1].start:got[1].end] == "$363,6 млн"


def test_a_year_is_a_date_not_a_quantity() -> None:
    assert read_quantities("в 2024 году") == []
    assert read_dates("в 2024 году") == [RuDate("2024", "2024", 2, 11)]


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("24-25 ноября 2025 года, Президент", "2025-11-24", "2025-11-25"),
    ("официальный визит состоялся 16—17 марта 2025 года", "2025-03-16", "2025-03-17"),
    ("оформлены с 7 января 1993 года", "1993-01-07", "1993-01-07"),
    ("Так, 15 мая 2023 года в Астане", "2023-05-15", "2023-05-15"),
    ("В 2024–2025 годах политический диалог", "2024", "2025"),
    ("на 2026-2027 годы;", "2026", "2027"),
    ("date 2025-11-26", "2025-11-26", "2025-11-26"),
    ("в мае 2024 года", "2024-05", "2024-05"),
    ("Астана. 25 ноября. KAZAKHSTAN TODAY", "--11-25", "--11-25"),
])
def test_dates(phrase: str, start: str, end: str) -> None:
    got = read_dates(phrase)
    assert [(d.start, d.end) for d in got] == [(start, end)]


def test_no_date_is_made_up() -> None:
    assert read_dates("в мае прошли переговоры; 45 ноябрей") == []
    assert read_dates("32 марта 2025 года") == []


@pytest.mark.parametrize("scale_word", ["млн", "миллиона", "млрд", "миллиардов", "тыс."])
def test_any_amount_written_russian_style_is_read_back(scale_word: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    scale = {"млн": "million", "миллиона": "million", "млрд": "billion",
             "миллиардов": "billion", "тыс.": "thousand"}[scale_word]

    @settings(max_examples=60, deadline=None)
    @given(whole=st.integers(0, 999_999), tenths=st.integers(0, 9),
           qualifier=st.sampled_from(["", "более ", "около ", "почти ", "свыше "]))
    def check(whole: int, tenths: int, qualifier: str) -> None:
        grouped = f"{whole:,}".replace(",", "\u00a0")
        text = f"Объем составил {qualifier}${grouped},{tenths} {scale_word} за год."
        want = {"": "exact", "более ": "more_than", "около ": "about", "почти ": "almost",
                "свыше ": "more_than"}[qualifier]
        assert _readings(text) == [(float(f"{whole}.{tenths}"), None, scale, "USD", want)]

    check()


@pytest.mark.parametrize(("phrase", "expected"), [
    # where a phrase starts: at its qualifier, else at the dollar sign, else at its first word
    ("более 5 тонн", Quantity(5.0, None, "one", "tonnes", "more_than", 0, 12)),
    ("на $5 млн", Quantity(5.0, None, "million", "USD", "exact", 3, 9)),
    ("в 3 раза", Quantity(3.0, None, "one", "times", "exact", 0, 8)),
    ("полмиллиона тонн", Quantity(0.5, None, "million", "tonnes", "exact", 0, 16)),
    ("полтысячи", Quantity(0.5, None, "thousand", "count", "exact", 0, 9)),
    ("3 тыс", Quantity(3.0, None, "thousand", "count", "exact", 0, 5)),
    # each unit word, abbreviated too
    ("10 т. угля", Quantity(10.0, None, "one", "tonnes", "exact", 0, 5)),
    ("200 км", Quantity(200.0, None, "one", "km", "exact", 0, 6)),
    ("за пять лет", Quantity(5.0, None, "one", "years", "exact", 3, 11)),
    ("за 3 года", Quantity(3.0, None, "one", "years", "exact", 3, 9)),
    ("около 5 единиц", Quantity(5.0, None, "one", "count", "about", 0, 7)),
    # decades: ten years each; a range stays a range, a stated qualifier stays
    ("два-три десятилетия", Quantity(20.0, 30.0, "one", "years", "range", 0, 19)),
    ("более трех десятилетий", Quantity(30.0, None, "one", "years", "more_than", 0, 22)),
    # "не  более" across any white space is "up to"
    ("не  более\n5%", Quantity(5.0, None, "one", "percent", "up_to", 0, 12)),
])
def test_one_phrase_read_exactly(phrase: str, expected: Quantity) -> None:
    assert read_quantities(phrase) == [expected]


def test_multiplying_words_and_lanes_keep_their_place() -> None:
    assert read_quantities("утроение и учетверение") == [
        Quantity(3.0, None, "one", "times", "exact", 0, 8),
        Quantity(4.0, None, "one", "times", "exact", 11, 22),
    ]
    assert read_quantities("шестиполосная и трёхполосная, ТРЁХПОЛОСНАЯ") == [
        Quantity(6.0, None, "one", "lanes", "exact", 0, 13),
        Quantity(3.0, None, "one", "lanes", "exact", 16, 28),
        Quantity(3.0, None, "one", "lanes", "exact", 30, 42),
    ]


@pytest.mark.parametrize(("phrase", "value"), [
    ("1799 году", 1799.0), ("1800 году", None), ("2200 году", None), ("2201 году", 2201.0),
    ("1800,5 года", 1800.5), ("2024 млн годовых", 2024.0),
])
def test_a_year_is_a_whole_number_from_1800_to_2200_before_god(
        phrase: str, value: float | None) -> None:
    """At each end of the range of years (at, one under, one over): a year is a date."""
    assert [q.value for q in read_quantities(phrase)] == ([] if value is None else [value])


def test_dates_keep_their_order_and_place() -> None:
    assert read_dates("2025-11-26 и 2025-11-27") == [
        RuDate("2025-11-26", "2025-11-26", 0, 10), RuDate("2025-11-27", "2025-11-27", 13, 23)]
    assert read_dates("2024 году и 2025 году") == [
        RuDate("2024", "2024", 0, 9), RuDate("2025", "2025", 12, 21)]
    assert read_dates("в мае; 3 мая 2025") == [RuDate("2025-05-03", "2025-05-03", 7, 17)]
    assert read_dates("Май 2024 года и 2 июня") == [
        RuDate("2024-05", "2024-05", 0, 8), RuDate("--06-02", "--06-02", 16, 22)]
    assert read_dates("мае 2020, марте 2021, августе 2022") == [
        RuDate("2020-05", "2020-05", 0, 8), RuDate("2021-03", "2021-03", 10, 20),
        RuDate("2022-08", "2022-08", 22, 34)]


@pytest.mark.parametrize(("phrase", "expected"), [
    ("1–31 марта 2025 года", [RuDate("2025-03-01", "2025-03-31", 0, 15)]),
    ("31 марта и 1 апреля", [RuDate("--03-31", "--03-31", 0, 8),
                             RuDate("--04-01", "--04-01", 11, 19)]),
    ("0-5 марта, 6 мая 2025", [RuDate("2025-05-06", "2025-05-06", 11, 21)]),
    ("5-32 марта, 6 мая 2025", [RuDate("2025-05-06", "2025-05-06", 12, 22)]),
    ("32-5 марта, 6 мая 2025", [RuDate("2025-05-06", "2025-05-06", 12, 22)]),
    ("5-0 марта, 6 мая 2025", [RuDate("2025-05-06", "2025-05-06", 11, 21)]),
])
def test_days_are_1_to_31(phrase: str, expected: list[RuDate]) -> None:
    """Each end of a day range at its limits (1 and 31) and one past them (0 and 32)."""
    assert read_dates(phrase) == expected


@pytest.mark.parametrize(("phrase", "day"), [
    ("30 апреля 2025", "2025-04-30"), ("31 апреля 2025", None),
    ("30 июня", "--06-30"), ("31 июня", None),
    ("30 сентября", "--09-30"), ("31 сентября", None),
    ("30 ноября 2025", "2025-11-30"), ("31 ноября 2025", None),
    ("31 мая 2025", "2025-05-31"), ("31 декабря 2025", "2025-12-31"),
    ("31 января", "--01-31"), ("31 июля", "--07-31"), ("31 августа", "--08-31"),
    ("31 октября", "--10-31"), ("31 марта", "--03-31"),
    ("28 февраля 2025", "2025-02-28"), ("29 февраля 2025", None),
    ("29 февраля 2024", "2024-02-29"), ("30 февраля 2024", None),
    ("29 февраля 1900", None), ("29 февраля 2000", "2000-02-29"),
    ("29 февраля", "--02-29"), ("30 февраля", None),  # no year: it may be a leap year
    ("28-29 февраля 2025", None), ("28-29 февраля 2024", "2024-02-28"),
])
def test_a_day_the_month_does_not_have_is_no_date(phrase: str, day: str | None) -> None:
    """«31 февраля 2025» was read as 2025-02-31 (found by a mutation review)."""
    assert [d.start for d in read_dates(phrase)] == ([day] if day else [])


@pytest.mark.parametrize(("phrase", "expected"), [
    ("К 2030 году", [RuPeriod("by 2030", "", "2030", 0, 11)]),
    ("планы до 2030 года", [RuPeriod("until 2030", "", "2030", 6, 18)]),
    ("Кк 2030 году", [RuPeriod("2030", "2030", "2030", 3, 12)]),  # к is a word of its own
    ("в 2024 году", [RuPeriod("2024", "2024", "2024", 2, 11)]),
    ("в 2023–2024 годах", [RuPeriod("2023–2024", "2023", "2024", 2, 17)]),
    ("за 9 месяцев 2024 года", [RuPeriod("9 months of 2024", "2024-01", "2024-09", 3, 22)]),
    ("за 1 месяц 2024 года", [RuPeriod("1 months of 2024", "2024-01", "2024-01", 3, 20)]),
    ("за 12 месяцев 2024 года", [RuPeriod("12 months of 2024", "2024-01", "2024-12", 3, 23)]),
    ("за 0 месяцев 2024 года", [RuPeriod("2024", "2024", "2024", 13, 22)]),
    ("за 13 месяцев 2024 года", [RuPeriod("2024", "2024", "2024", 14, 23)]),
    ("за 19 месяцев 2024 года", [RuPeriod("2024", "2024", "2024", 14, 23)]),  # not 9
    ("в январе 2024 года", [RuPeriod("January 2024", "2024-01", "2024-01", 2, 13)]),
    ("в декабре 2024 года", [RuPeriod("December 2024", "2024-12", "2024-12", 2, 14)]),
    ("3 мая 2025", [RuPeriod("3 May 2025", "2025-05-03", "2025-05-03", 0, 10)]),
    ("24-25 ноября 2025 года",
     [RuPeriod("24–25 November 2025", "2025-11-24", "2025-11-25", 0, 17)]),
    ("date 2025-11-06", [RuPeriod("6 November 2025", "2025-11-06", "2025-11-06", 5, 15)]),
    ("Астана. 25 ноября.", []),  # no year
    ("2025-13-01; 2025-12-32; 2025-00-10", []),  # no such month or day
])
def test_periods_in_the_data_s_words(phrase: str, expected: list[RuPeriod]) -> None:
    assert read_periods(phrase) == expected


def test_periods_keep_their_order_and_each_year_is_read_once() -> None:
    assert read_periods("в 2024 году и к 2030 году, за 9 месяцев 2025 года") == [
        RuPeriod("2024", "2024", "2024", 2, 11),
        RuPeriod("by 2030", "", "2030", 14, 25),
        RuPeriod("9 months of 2025", "2025-01", "2025-09", 30, 49)]


def test_a_date_without_a_year_is_passed_over_and_the_next_one_read() -> None:
    assert read_periods("25 ноября выросло, а в 2025 году упало") == [
        RuPeriod(label="2025", start="2025", end="2025", begin=23, stop=32)]


@pytest.mark.parametrize(("phrase", "expected"), [
    # a span «с … по/до …»: both years, not the second alone (it was 2025–2025)
    ("с 2020 по 2025 год", [RuPeriod("2020–2025", "2020", "2025", 0, 18)]),
    ("С 2020 по 2025 годы", [RuPeriod("2020–2025", "2020", "2025", 0, 19)]),
    ("с 2020 года по 2025 год", [RuPeriod("2020–2025", "2020", "2025", 0, 23)]),
    ("с 2020 г. по 2025 г.", [RuPeriod("2020–2025", "2020", "2025", 0, 20)]),
    ("с 2020 по 2025 гг.", [RuPeriod("2020–2025", "2020", "2025", 0, 18)]),
    ("с 2021 до 2024 года", [RuPeriod("2021–2024", "2021", "2024", 0, 19)]),
    ("рост с 2024 по 2024 год", [RuPeriod("2024", "2024", "2024", 5, 23)]),
    # backwards years are no span: each year is read alone
    ("с 2025 по 2020 год", [RuPeriod("2020", "2020", "2020", 10, 18)]),
    ("вс 2020 по 2025 год", [RuPeriod("2025", "2025", "2025", 11, 19)]),  # с is a word
    # a deadline: an end, no start (the data writes `by 2027` with start null)
    ("к 2030 г.", [RuPeriod("by 2030", "", "2030", 0, 9)]),
    ("до 2030 г.", [RuPeriod("until 2030", "", "2030", 0, 10)]),
    ("до конца 2025 года", [RuPeriod("until the end of 2025", "", "2025", 0, 18)]),
    ("к концу 2025 г.", [RuPeriod("by the end of 2025", "", "2025", 0, 15)]),
    ("К концу 2026 года", [RuPeriod("by the end of 2026", "", "2026", 0, 17)]),
    # the plain ones, as before
    ("в 2024 г.", [RuPeriod("2024", "2024", "2024", 2, 9)]),
    ("в 2023-2024 гг.", [RuPeriod("2023–2024", "2023", "2024", 2, 15)]),
    ("к 2030 году", [RuPeriod("by 2030", "", "2030", 0, 11)]),
    ("в 2020–2025 годах", [RuPeriod("2020–2025", "2020", "2025", 2, 17)]),
    ("в 2024 г", []),  # г without its dot: no year word
])
def test_spans_and_deadlines_in_the_data_s_words(phrase: str,
                                                 expected: list[RuPeriod]) -> None:
    """«с 2020 по 2025 год» gave 2025–2025, «до конца 2025 года» the year 2025 and
    «к 2030 г.» nothing (found by a review)."""
    assert read_periods(phrase) == expected


def test_a_span_takes_its_years_and_the_next_period_is_read() -> None:
    assert read_periods("с 2020 по 2025 год, затем к 2030 г. и в 2031 году") == [
        RuPeriod("2020–2025", "2020", "2025", 0, 18),
        RuPeriod("by 2030", "", "2030", 26, 35),
        RuPeriod("2031", "2031", "2031", 40, 49)]
    # the deadline inside the span is passed over, the one after it read
    assert read_periods("с 2021 до 2024 года, к 2030 году") == [
        RuPeriod("2021–2024", "2021", "2024", 0, 19),
        RuPeriod("by 2030", "", "2030", 21, 32)]


@pytest.mark.parametrize("phrase", ["в 2024–٢٠٢٥ годах", "в ٢٠٢٤–2025 годах"])
def test_a_span_of_years_half_in_other_digits_is_no_period(phrase: str) -> None:
    """\\d reads Arabic-Indic digits too, so read_dates gives 2024–٢٠٢٥; a pdate is ASCII
    digits (schema.PDATE_RE), and a period whose start or end alone is one is no period:
    both bounds must be, not either."""
    assert [(d.start, d.end) for d in read_dates(phrase)] == [
        tuple(re.findall(r"\d{4}", phrase))]
    assert read_periods(phrase) == []
    assert read_periods("в 2024–2025 годах") == [RuPeriod("2024–2025", "2024", "2025", 2, 17)]
