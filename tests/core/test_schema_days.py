"""core/schema: the days a month has (days_in) and whether a date names one (day_exists):
the one table the Russian date reader and the validator share."""

from __future__ import annotations

import pytest

from kzt_tui.core.schema import day_exists, days_in


@pytest.mark.parametrize(("month", "year", "days"), [
    (1, 2025, 31), (2, 2025, 28), (3, 2025, 31), (4, 2025, 30), (5, 2025, 31),
    (6, 2025, 30), (7, 2025, 31), (8, 2025, 31), (9, 2025, 30), (10, 2025, 31),
    (11, 2025, 30), (12, 2025, 31),
    (2, 2024, 29), (2, 2023, 28), (2, 2026, 28), (2, 1900, 28), (2, 2100, 28),
    (2, 2000, 29), (2, 1600, 29), (2, 0, 29), (2, None, 29), (4, None, 30), (1, None, 31),
])
def test_the_days_of_a_month(month: int, year: int | None, days: int) -> None:
    assert days_in(month, year) == days


def test_february_without_a_year_may_be_a_leap_year() -> None:
    assert days_in(2) == 29


@pytest.mark.parametrize(("pdate", "exists"), [
    ("2025", True), ("2025-02", True), ("2025-02-28", True), ("2025-02-29", False),
    ("2024-02-29", True), ("2024-02-30", False), ("2025-04-30", True),
    ("2025-04-31", False), ("2025-12-31", True), ("2025-01-01", True),
    ("2025-11-30", True), ("2025-11-31", False), ("1900-02-29", False),
])
def test_a_date_names_a_day_its_month_has(pdate: str, exists: bool) -> None:
    assert day_exists(pdate) is exists
