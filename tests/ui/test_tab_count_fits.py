"""The current tab's filtered count fits the tab strip: at 80 columns it read
"9 Stm (3 of" with "144)" cut off; where "of" does not fit it is "3/144"."""

from __future__ import annotations

import pytest

from tests.ui.helpers import explorer_of, shipped_app, terminal_output, visible_text


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_filtered_count_shows_whole_in_the_tab_strip(size: tuple[int, int]) -> None:
    app = shipped_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("9")
        await pilot.pause()
        rows = explorer_of(app).fact_list.rows
        total = len(rows)
        await pilot.press("/", *"tokayev", "enter")
        await pilot.pause()
        matched = len(explorer_of(app).fact_list.rows)
        assert 0 < matched < total
        strip = next(line for line in visible_text(terminal_output(app)).splitlines()
                     if " 1 Doc" in line).rstrip()
        assert len(strip) <= size[0]
        counted = f"({matched}/{total})" if size[0] == 80 else f"({matched} of {total})"
        assert strip.endswith(counted), strip
