"""Every key routed to a view counts as activity for the collector held for the pauses
between keys (system/idle_gc.py): the list's and the detail's cursor keys."""

from __future__ import annotations

from kzt_tui.system import idle_gc
from kzt_tui.widgets.fact_list import FactList

from .helpers import make


async def test_cursor_keys_in_the_list_and_the_detail_are_noted_as_keys() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, FactList)
        idle_gc.note_key(0.0)
        assert idle_gc.quiet_for(5.0) == 5.0
        await pilot.press("j")
        assert idle_gc.quiet_for() < 1.0
        idle_gc.note_key(0.0)
        await pilot.press("enter")  # the detail takes the focus
        assert not isinstance(app.focused, FactList)
        idle_gc.note_key(0.0)
        await pilot.press("j")
        assert idle_gc.quiet_for() < 1.0
