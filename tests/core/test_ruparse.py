"""The Russian number and date reader: every figure of the shipped dataset read back from
its own quotes, and a table of real phrases from the seeds."""

from __future__ import annotations

import pytest

from kzt_tui.core.ruparse import Quantity, RuDate, read_dates, read_quantities
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
