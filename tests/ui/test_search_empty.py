"""The search dialog before anything is typed (branch fresh): it said "No matches." under
"Type to search…", which read as a search that had failed. Now it says where earlier
searches are, and "No matches." only answers a query."""

from __future__ import annotations

from textual.geometry import Region

from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.widgets.hit_list import HitList

from .helpers import wait_for


def first_row(hits: HitList) -> str:
    return hits.render_lines(Region(0, 0, hits.size.width, 1))[0].text


async def test_an_empty_box_says_no_matches_only_once_a_query_finds_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: screen.index is not None)
        await pilot.pause()
        hits = screen.query_one(HitList)
        assert "No matches" not in first_row(hits)
        assert "Earlier searches: up and down in the box." in first_row(hits)
        await pilot.press(*"zzqqxx")
        await pilot.pause(0.3)
        assert "No matches." in first_row(hits)
        await pilot.press(*["backspace"] * 6)
        await pilot.pause(0.3)
        assert "No matches" not in first_row(hits)
        await pilot.press("escape")
        await pilot.press("escape", "L", "s")  # in Russian too
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "Прежние запросы" in first_row(screen.query_one(HitList))
