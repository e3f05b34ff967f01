"""The filter at 80x24, the README's smallest comfortable size (branch fresh): the box takes
one row, so the list keeps rows of matches to read while typing (the boxed filter, three
rows, left one)."""

from __future__ import annotations

from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import pane_open


def list_lines(screen: ExplorerScreen) -> list[str]:
    """The list's rows as drawn, the header first."""
    view = screen.fact_list
    return [strip.text.strip() for strip in view.render_lines(view.content_region.reset_offset)]


async def test_at_80x24_the_open_filter_leaves_rows_of_matches_in_view() -> None:
    async with pane_open("4", size=(80, 24)) as (pilot, screen):
        closed = [line for line in list_lines(screen) if line]
        await pilot.press("slash", *"trade")
        await pilot.pause(0.3)
        shown = [line for line in list_lines(screen)[1:] if line]  # under the header
        assert len(shown) >= 3, shown
        assert len(shown) >= len(closed) - 2  # the box costs the list at most one row
        assert all("$" in line or "%" in line or "×" in line for line in shown)  # figures
