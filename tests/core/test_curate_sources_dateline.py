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
