"""A news text's dateline read when a source is added: the date and place it opens with,
and nothing from a first line that merely names a date."""

from __future__ import annotations

import pytest

from kzt_tui.core.curate.sources import (
    DATELINE_BYTES,
    DATELINE_LINES,
    Dateline,
    dateline,
    text_date,
)


@pytest.mark.parametrize(("first", "expected"), [
    ("Ашхабад, 3 декабря 2025 года. Казахстан и Туркменистан договорились.",
     Dateline("2025-12-03", "Ашхабад", "Ашхабад, 3 декабря 2025 года.")),
    ("АСТАНА, 1 декабря 2025 г. — Сегодня в столице",
     Dateline("2025-12-01", "АСТАНА", "АСТАНА, 1 декабря 2025 г.")),
    ("\ufeff\n3 декабря 2025 года\n\nТекст.", Dateline("2025-12-03", None, "3 декабря 2025 года")),
    ("Нур-Султан 12 марта 2021 года.", Dateline("2021-03-12", "Нур-Султан",
                                                 "Нур-Султан 12 марта 2021 года.")),
])
def test_a_dateline_gives_its_date_and_place(first: str, expected: Dateline) -> None:
    assert dateline(first.encode("utf-8")) == expected


@pytest.mark.parametrize("first", [
    "Президент посетит Ашхабад 3 декабря 2025 года и подпишет соглашение.",  # a headline
    "Ашхабад, декабрь 2025 года.",  # no day: no document date
    "Ашхабад, 3–4 декабря 2025 года.",  # a span
    "В 2025 году товарооборот вырос.",
    "",
])
def test_a_first_line_that_is_no_dateline_gives_nothing(first: str) -> None:
    assert dateline(first.encode("utf-8")) is None
    assert text_date(first.encode("utf-8")) is None


def test_the_suggestion_and_its_note_exactly() -> None:
    assert text_date("Ашхабад, 3 декабря 2025 года. Текст.".encode()) == (
        "2025-12-03", "From the text's dateline «Ашхабад, 3 декабря 2025 года.», place Ашхабад.")
    assert text_date(" date 2025-11-26 \n3 декабря 2025 года.".encode()) == (
        "2025-11-26", 'From the text\'s leading date line ("date 2025-11-26").')


def test_the_first_lines_are_read_within_the_first_1200_bytes() -> None:
    # "3 декабря 2025" is 21 bytes: after 1179 blank lines it ends at byte 1200, after 1180
    # its last digit is byte 1201, left out, and "3 декабря 202" gives no day of a year
    at_limit = ("\n" * 1179 + "3 декабря 2025").encode()
    assert len(at_limit) == DATELINE_BYTES == 1200
    assert dateline(at_limit) == Dateline("2025-12-03", None, "3 декабря 2025")
    assert dateline(("\n" * 1180 + "3 декабря 2025").encode()) is None


HEADLINE = "Казахстан и Туркменистан договорились о мосте через залив"


@pytest.mark.parametrize(("text", "expected"), [
    (f"{HEADLINE}\nАшхабад, 3 декабря 2025 года.\nТекст.",
     Dateline("2025-12-03", "Ашхабад", "Ашхабад, 3 декабря 2025 года.")),
    (f"{HEADLINE}\n\nПодзаголовок о торговле\n\nАСТАНА, 1 января 2026 г. — Текст.",
     Dateline("2026-01-01", "АСТАНА", "АСТАНА, 1 января 2026 г.")),
    (f"{HEADLINE}\n12 мая 2024 года\n", Dateline("2024-05-12", None, "12 мая 2024 года")),
    # the first of them that is a dateline, though a later one is too
    ("Ашхабад, 3 декабря 2025 года.\nАстана, 4 декабря 2025 года.",
     Dateline("2025-12-03", "Ашхабад", "Ашхабад, 3 декабря 2025 года.")),
])
def test_a_dateline_after_a_headline_is_read(text: str, expected: Dateline) -> None:
    assert dateline(text.encode("utf-8")) == expected


@pytest.mark.parametrize("month", ["января", "февраля", "марта", "апреля", "мая", "июня",
                                   "июля", "августа", "сентября", "октября", "ноября",
                                   "декабря"])
def test_every_month_in_a_dateline_after_a_headline(month: str) -> None:
    text = f"{HEADLINE}\nАшхабад, 3 {month} 2025 года.\n"
    found = dateline(text.encode("utf-8"))
    assert found is not None and found.date.startswith("2025-")
    assert found.date.endswith("-03") and found.place == "Ашхабад"


def test_a_dateline_is_looked_for_in_the_first_three_lines_only() -> None:
    assert DATELINE_LINES == 3
    fourth = "Заголовок\nПодзаголовок\nЕщё строка\nАшхабад, 3 декабря 2025 года.\n"
    assert dateline(fourth.encode()) is None
    third = "Заголовок\n\n\nПодзаголовок\n\nАшхабад, 3 декабря 2025 года.\n"
    assert dateline(third.encode()) == Dateline("2025-12-03", "Ашхабад",
                                                "Ашхабад, 3 декабря 2025 года.")


def test_an_english_dateline_under_a_headline_is_read_too() -> None:
    # it was not: the core read Russian dates only (core/endates reads English ones)
    assert dateline(f"{HEADLINE}\nAshgabat, 3 December 2025.\n".encode()) == Dateline(
        "2025-12-03", "Ashgabat", "Ashgabat, 3 December 2025.")


def test_a_headline_that_names_a_date_before_no_dateline_gives_nothing() -> None:
    text = "Президент посетит Ашхабад 3 декабря 2025 года\nТекст статьи.\n"
    assert dateline(text.encode()) is None


def test_bytes_that_are_not_utf8_after_the_dateline_are_replaced_not_refused() -> None:
    text = "Ашхабад, 3 декабря 2025 года.\n".encode() + b"\xff\xfe\n"
    assert dateline(text) == Dateline("2025-12-03", "Ашхабад", "Ашхабад, 3 декабря 2025 года.")


def test_only_a_byte_order_mark_is_stripped_before_the_place() -> None:
    # a place starting with "X" keeps it (no other character is stripped)
    assert dateline("\ufeffXiamen, 3 декабря 2025 года.".encode()) == Dateline(
        "2025-12-03", "Xiamen", "Xiamen, 3 декабря 2025 года.")
    assert dateline("Xiamen — 3 декабря 2025 г., пятница".encode()) is None  # "—" is no place
    assert dateline(b" \n\t\n") is None  # no line with text: nothing read


@pytest.mark.parametrize("first", [
    "Президент посетит Ашхабад 3 декабря 2025 года.",  # the place alone is wrong
    "Ашхабад, 3 декабря 2025 года прошла встреча",  # the end alone is wrong
    "Ашхабад, 3 декабря 2025 года и 5 января 2026 года.",  # a second date
])
def test_each_side_of_the_date_must_fit_a_dateline(first: str) -> None:
    assert dateline(first.encode()) is None


def test_the_phrase_ends_at_the_datelines_end_without_its_dash_or_comma() -> None:
    assert dateline("АСТАНА, 1 декабря 2025 г., — Текст".encode()) == Dateline(
        "2025-12-01", "АСТАНА", "АСТАНА, 1 декабря 2025 г.")
    assert dateline("Астана 1 декабря 2025 года — Текст".encode()) == Dateline(
        "2025-12-01", "Астана", "Астана 1 декабря 2025 года")
    assert dateline("1 декабря 2025 года, Астана".encode()) == Dateline(
        "2025-12-01", None, "1 декабря 2025 года")


def test_a_dateline_without_a_place_names_none_in_the_note() -> None:
    assert text_date("3 декабря 2025 года.\nТекст.".encode()) == (
        "2025-12-03", "From the text's dateline «3 декабря 2025 года.».")
