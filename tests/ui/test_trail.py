"""Navigation you can see: esc closes or clears what is open and never changes the pane;
backspace goes back, and the line under the tabs says where back leads."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.trail import Trail

from .conftest import SIZES

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def trail_text(app) -> str:  # type: ignore[no-untyped-def]
    trails = app.explorer.query(Trail)  # mounted with the first way back (on_demand.py)
    return "".join(str(t.render()).rstrip() for t in trails if t.display)


async def test_esc_never_changes_the_pane(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "tab", "escape")  # Figures, the detail, esc: still Figures
        assert app.explorer.pane.name == "figures"
        await pilot.press("tab", "escape", "escape")  # from the source too
        assert app.explorer.pane.name == "figures"
        await pilot.press("slash", *"compan")  # so the next "/" filters the Figures
        assert app.explorer.pane.name == "figures"
        assert app.explorer.query_one(FactList).current_key == "fig-companies"
        await pilot.press("escape")  # closes the filter, and nothing more
        assert app.explorer.pane.name == "figures"
        assert not app.explorer.query_one("#filter", Input).display
        assert len(app.explorer.query_one(FactList).rows) == 2


async def test_the_trail_shows_where_back_leads_and_backspace_goes_there(make_app, size
                                                                       ) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        assert trail_text(app) == ""  # nowhere to go back to: no line
        await pilot.press("4", "j")
        assert trail_text(app) == (
            " Figures › Companies with Turkmen capital  ⌫ back: Agreements › Bridge agreement")
        await pilot.press("tab", "escape")
        assert "⌫ back: Agreements › Bridge agreement" in trail_text(app)
        await pilot.press("backspace")
        assert app.explorer.pane.name == "agreements"
        assert app.explorer.query_one(FactList).current_key == "agr-bridge"
        assert trail_text(app) == ""


async def test_a_pane_key_pressed_at_once_remembers_the_first_row(make_app, size) -> None:
    # The list's first row is the selection as soon as its rows are set (issue 18): a pane
    # key that lands before the first layout (an auto pilot starts that early, as a fast
    # user can) still leaves the way back to that row.
    app = make_app()
    seen: list[tuple[str, str]] = []

    async def at_once(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("4")
        seen.append((app.explorer.pane.name, trail_text(app)))
        app.exit()

    await app.run_async(headless=True, size=size, auto_pilot=at_once)
    assert seen == [("figures", " Figures › Trade turnover in 2024"
                                "  ⌫ back: Agreements › Bridge agreement")]
