"""A news text's dateline read when a source is added: the date and place it opens with,
and nothing from a first line that merely names a date."""

from __future__ import annotations

import pytest

from kzt_tui.core.curate.sources import Dateline, dateline, text_date


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


def test_the_first_line_is_read_within_the_first_400_bytes() -> None:
    # "3 декабря 2025" is 21 bytes: after 379 blank lines it ends at byte 400, after 380
    # its last digit is byte 401, left out, and "3 декабря 202" gives no day of a year
    at_limit = ("\n" * 379 + "3 декабря 2025").encode()
    assert len(at_limit) == 400
    assert dateline(at_limit) == Dateline("2025-12-03", None, "3 декабря 2025")
    assert dateline(("\n" * 380 + "3 декабря 2025").encode()) is None


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
