"""A list key shows its record's detail from the top without scrolling the detail on the way:
the detail's cursor goes to the passage shown (often below the view's bottom) and the view
stays at the top. It had scrolled the detail down to that passage and back up in the same
step, each scroll a round of Textual's scroll work and watchers (issue 18, keys6)."""

from __future__ import annotations

import pytest

from kzt_tui.widgets.detail_view import CiteKey

from .conftest import SIZES
from .helpers import pane_open

KEYS = "jjjjjjGkkkkgjj"  # through records of several documents


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_list_key_does_not_scroll_the_detail(size) -> None:
    async with pane_open(size=size) as (pilot, ex):
        detail = ex.detail
        scrolls: list[float] = []

        def scrolled(y: float) -> None:
            scrolls.append(y)

        detail.watch(detail, "scroll_y", scrolled, init=False)
        below = 0
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert scrolls == [], (key, scrolls)
            assert detail.scroll_y == 0
            assert detail.cursor_key == CiteKey(ex.selection.index)
            first, _count = detail.block_lines(detail.blocks.index(
                next(b for b in detail.blocks if b.key == detail.cursor_key)))
            below += first >= detail.size.height
        assert below  # the cursor's passage was out of view at least once
        detail.focus()  # the watcher sees scrolls: a move of the detail's own cursor scrolls
        for _ in range(12):
            await pilot.press("j")
        await pilot.pause()
        assert scrolls and detail.scroll_y > 0
