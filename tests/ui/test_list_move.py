"""A move of the list shows its record in the step that moves the cursor (the cursor's
watcher), so the explorer needs no Highlighted: its list posts none (test_no_highlighted),
and one posted all the same moves nothing (it had a handler that only ever repeated the
watcher)."""

from __future__ import annotations

import pytest

from kzt_tui.widgets.fact_list import FactList

from .conftest import SIZES
from .helpers import pane_open


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_record_is_shown_before_any_message_is_handled(size) -> None:
    async with pane_open("2", size=size) as (pilot, ex):
        rows = ex.fact_list.rows
        assert ex.selection.record is not None and ex.selection.record.id == rows.key(0)
        ex.fact_list.action_move(1)  # no await: nothing queued has run yet
        assert ex.selection.record.id == rows.key(1)
        ex.fact_list.action_move(1)
        assert ex.selection.record.id == rows.key(2)
        await pilot.pause()
        assert (ex.fact_list.cursor, ex.selection.record.id) == (2, rows.key(2))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_highlighted_message_moves_nothing(size) -> None:
    async with pane_open("2", "j", size=size) as (pilot, ex):
        rows = ex.fact_list.rows
        for key in (rows.key(5), rows.key(1)):  # another row, and the current one
            ex.fact_list.post_message(FactList.Highlighted(ex.fact_list, key))
            await pilot.pause()
            assert ex.selection.record is not None
            assert (ex.fact_list.cursor, ex.selection.record.id) == (1, rows.key(1))
