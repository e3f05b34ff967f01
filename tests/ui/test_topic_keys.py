"""Show topic… (`0`) moves with j/k/g/G as the facet's chooser and every list do, not
only with the arrows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from kzt_tui.dialogs.topics import TopicScreen
from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import make, terminal_output, visible_text

READING = Path(__file__).resolve().parent.parent / "fixtures" / "reading" / "curated.yaml"


async def test_j_k_g_and_shift_g_move_through_the_topics_and_the_records() -> None:
    app = make(READING)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        options = app.screen.query_one(OptionList)
        count = options.option_count
        assert options.highlighted == 0 and count == 3  # trade, transport, water
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("k")
        assert options.highlighted == 0
        await pilot.press("G")
        assert options.highlighted == count - 1
        await pilot.press("g")
        assert options.highlighted == 0
        await pilot.press("j", "j", "enter")  # water
        await pilot.pause()
        assert "Topic: water — 2 record(s) in 2 section(s)" in visible_text(
            terminal_output(app))
        await pilot.press("j", "enter")  # past the heading to the statement
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.fact_list.current_key == "stm-water"
