"""The Figures table's Unit column in Russian names the unit in its dictionary form
("полосы", "годы"), as a unit column does, not in the genitive a number ≥ 5 takes
("полос", "лет"); the Value column beside it reads "4 полосы"."""

from __future__ import annotations

import pytest

from .helpers import pane_open


@pytest.mark.parametrize(("record", "value", "unit"), [
    ("fig-wewc-lanes-2030", "4 полосы", "полосы"),
    ("fig-kz-tm-partnership-three-decades", "около 30 лет", "годы"),
])
async def test_the_unit_cell_in_russian_is_the_dictionary_form(record: str, value: str,
                                                                unit: str) -> None:
    async with pane_open("L", size=(160, 40)) as (pilot, screen):
        screen.show_pane("figures", select=record)
        await pilot.pause()
        view = screen.fact_list
        lines = [s.text for s in view.render_lines(view.content_region.reset_offset)]
        header = lines[0]
        row = next(line for line in lines if value in line)
        start = header.index("Ед.")
        assert row[start:].split()[0] == unit
