"""The Figures table's Value column is as wide as the widest value of the pane (at most
20 cells), not a fixed 16: short values leave the title its room, long ones are not cut."""

from __future__ import annotations

from kzt_tui.screens.explorer import ExplorerScreen

from ..helpers import FIXTURES
from .helpers import pane_open


def header_and_widths(screen: ExplorerScreen) -> tuple[str, list[int]]:
    view = screen.fact_list
    header = view.render_lines(view.content_region.reset_offset)[0].text
    return header, view.widths()


async def test_the_value_column_of_the_fixture_is_its_widest_value() -> None:
    # the UI fixture's widest value is "about 140" (9 cells), its header 5
    async with pane_open("4", size=(120, 40), path=FIXTURES / "ui" / "curated.yaml") as (
            _, screen):
        header, widths = header_and_widths(screen)
        assert widths[0] == 9
        assert header.startswith(" " * 5 + "Value Measures")


async def test_the_shipped_values_are_measured_in_each_language() -> None:
    async with pane_open("4", size=(120, 40)) as (pilot, screen):
        # "more than $0.5bn", "более $0,5 млрд"
        assert header_and_widths(screen)[1][0] == 16
        await pilot.press("L")
        await pilot.pause()
        assert header_and_widths(screen)[1][0] == 15
