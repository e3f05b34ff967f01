"""Show topic… (`0`): the topics are filtered as the user types (as the palette's entries
are), ↑/↓ move and enter takes the highlighted one; a topic's records move with j/k/g/G as
the facet's chooser and every list do, not only with the arrows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from kzt_tui.dialogs.topics import TopicScreen
from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import make, terminal_output, visible_text

READING = Path(__file__).resolve().parent.parent / "fixtures" / "reading" / "curated.yaml"


async def test_typing_filters_the_topics_and_enter_takes_the_highlighted_one() -> None:
    """Typing "water" and Enter opened "trade", the first topic: the letters went nowhere."""
    app = make(READING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 3  # trade, transport, water
        await pilot.press(*"tra")
        assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
                ] == ["trade  (1)", "transport  (1)"]
        await pilot.press("down", "enter")  # the second match, not the first topic
        await pilot.pause()
        assert "Topic: transport — 1 record(s)" in visible_text(terminal_output(app))
        await pilot.press("escape")  # back to the topics, the typed text kept
        await pilot.pause()
        assert options.option_count == 2
        await pilot.press("escape")  # clears what was typed
        await pilot.pause()
        assert options.option_count == 3 and isinstance(app.screen, TopicScreen)
        await pilot.press(*"WATER", "enter")  # in one burst, any case
        await pilot.pause()
        assert "Topic: water — 2 record(s) in 2 section(s)" in visible_text(
            terminal_output(app))
        await pilot.press("escape", *"zzz")
        await pilot.pause()
        assert options.option_count == 0
        await pilot.press("enter")  # nothing matches: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen) and app.screen.topic is None


async def test_j_k_g_and_shift_g_move_through_a_topic_s_records() -> None:
    app = make(READING)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        options = app.screen.query_one(OptionList)
        await pilot.press(*"water", "enter")
        await pilot.pause()
        assert "Topic: water — 2 record(s) in 2 section(s)" in visible_text(
            terminal_output(app))
        count = options.option_count
        first = options.highlighted
        assert first == 1 and count == 4  # two headings, two records
        await pilot.press("j")
        assert options.highlighted == 3  # past the second heading
        await pilot.press("k")
        assert options.highlighted == first
        await pilot.press("G")
        assert options.highlighted == count - 1
        await pilot.press("g")
        assert options.highlighted == first
        await pilot.press("j", "enter")  # the statement, last
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.fact_list.current_key == "stm-water"
