"""The command palette is the map of the app: every action is there by a name in plain words,
with its key, and runs from there as from its key."""

from __future__ import annotations

from kzt_tui.core.i18n import LANGUAGES
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.screens.explorer_keys import ACTIONS, EXPLORER_BINDINGS

from .helpers import palette_entries, run_command, shipped_app


def test_every_key_has_a_palette_name_and_the_table_makes_the_bindings() -> None:
    for lang in LANGUAGES:  # the names as the palette shows them, in either language
        names = [a.say(a.command, lang) for a in ACTIONS]
        assert len(set(names)) == len(names)  # one name, one action
        assert all(name[0].isupper() and not name.endswith(".") for name in names)
    # every action with a key is a binding; the few without are the palette's alone
    assert [b.action for b in EXPLORER_BINDINGS] == [a.action for a in ACTIONS if a.key]  # type: ignore[union-attr]
    assert [a.action for a in ACTIONS if not a.key] == ["cite_in_citing"]
    assert {a.key for a in ACTIONS} >= {"1", "2", "3", "4", "5", "6", "7", "8"}


async def test_an_action_runs_from_the_palette_by_its_name(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Show the Figures pane", query="figures pane")
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.pane.name == "figures"


async def test_the_palette_offers_only_what_can_be_done_now(make_app) -> None:
    """No history yet: "Go back" is not offered; after a jump it is."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Go back" not in await palette_entries(pilot, app, "go back")
        await pilot.press("escape")
        await pilot.press("4", "o")  # open the figure's document: a jump to go back from
        await pilot.pause()
        assert "Go back" in await palette_entries(pilot, app, "go back")
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.pane.name == "figures"  # went back


async def test_copy_with_its_reference_runs_from_the_palette(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await run_command(pilot, app, "Copy the quote alone")
        screen = app.get_screen("explorer")  # behind the manual-copy dialog: no tool here
        assert isinstance(screen, ExplorerScreen)
        citation = screen.selection.citation
        assert citation is not None and app.clipboard == citation.quote


async def test_a_query_of_several_words_answers_at_once_on_the_shipped_data() -> None:
    """Textual's fuzzy matcher is exponential in a candidate's length for a query of several
    words: "figures pane" froze the palette for 27 s over the statements' long lines (a
    newcomer's try). Lines are cut to what a palette row shows."""
    import time

    from kzt_tui.commands import ENTRY_WIDTH

    app = shipped_app()
    async with app.run_test(size=(120, 40)) as pilot:
        began = time.process_time()  # CPU: a loaded machine stretches the wall clock
        names = await palette_entries(pilot, app, "figures pane")
        assert time.process_time() - began < 8  # 27 s before
        assert names[0] == "Show the Figures pane"
        assert all(len(name) <= ENTRY_WIDTH for name in names)


async def test_a_record_is_found_and_opened_from_the_palette(make_app) -> None:
    # The palette's providers are imported when it first opens (Textual's lazy providers)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        record = next(iter(screen.corpus.by_id.values()))
        entries = await palette_entries(pilot, app, record.id)
        assert entries, record.id
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen is screen and screen.selection.record == record
