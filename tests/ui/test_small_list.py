"""At 80x24 (narrow, stacked) the list is what the user works in: it keeps rows to read.

Stacked, the list took a third of a third (the left half shared with the detail, the
source the other half): a header and three rows. Now the left column takes two parts of
three and the list three of its five: six rows at 80x24; the source keeps 7 rows at least
(at 60x20 the passage had gone out of sight)."""

from __future__ import annotations

from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import pane_open


def list_rows(screen: ExplorerScreen) -> list[str]:
    """The list's record rows as drawn (not the header), blank ones left out."""
    view = screen.fact_list
    lines = [s.text.strip() for s in view.render_lines(view.content_region.reset_offset)]
    return [line for line in lines[1:] if line]


async def test_at_80x24_the_list_shows_six_rows_the_source_four_lines() -> None:
    async with pane_open("2", size=(80, 24)) as (_, screen):
        assert len(list_rows(screen)) == 6
        assert screen.detail.size.height == 6
        assert screen.query_one("#source").size.height == 7  # its header and a few lines of text


async def test_at_80x16_the_smallest_size_list_and_source_share_the_height() -> None:
    async with pane_open("2", size=(80, 16)) as (_, screen):
        assert len(list_rows(screen)) == 2  # (1 before)
        assert screen.query_one("#source").size.height == 6


async def test_at_80x24_the_focused_source_takes_back_half_of_the_height() -> None:
    async with pane_open("2", "tab", "tab", size=(80, 24)) as (pilot, screen):
        assert screen.query_one("#source").size.height == 10  # the legend under it takes a row
        await pilot.press("tab")  # back to the list: the list has its rows again
        await pilot.pause()
        assert screen.query_one("#source").size.height == 7
        assert len(list_rows(screen)) == 6
