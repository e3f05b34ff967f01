"""What a newcomer types into the palette finds the action (branch fresh): "export" finds
Export before the records that say "exports", and help and quit are there by the app's
names, in the interface's language, once each."""

from __future__ import annotations

from kzt_tui.commands import ActionCommands, RecordCommands
from kzt_tui.dialogs.help import HelpScreen

from .helpers import palette_entries, run_command, shipped_app


async def test_export_is_the_first_answer_to_export_over_records_saying_exports() -> None:
    app = shipped_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")  # a list to export
        names = await palette_entries(pilot, app, "export")
        assert names[0] == "Export the list or the item", names[:4]
        assert any("exports" in name for name in names)  # the records are still offered
        # which provider answers first is up to the event loop: the order is the score's
        explorer = app.get_screen("explorer")
        actions = [h async for h in ActionCommands(explorer).search("export")]
        records = [h async for h in RecordCommands(explorer).search("export")]
        best = max(h.score for h in records)
        assert [h.text for h in actions if h.score > best] == ["Export the list or the item"]


async def test_help_is_in_the_palette_and_opens_the_keys(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Help")
        assert isinstance(app.screen, HelpScreen)


async def test_quit_is_offered_once_and_in_russian_too(make_app) -> None:
    """Textual's own "Quit" (and its "Keys" panel, beside the app's help) are left out for
    the app's, which the catalogue translates."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        names = await palette_entries(pilot, app, "quit")
        assert names.count("Quit") == 1
        assert "Keys" not in await palette_entries(pilot, app, "keys")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("L")  # Russian
        await pilot.pause()
        assert (await palette_entries(pilot, app, "выход"))[0] == "Выход"
        await pilot.press("escape")
        await pilot.pause()
        assert (await palette_entries(pilot, app, "помощь"))[0] == "Помощь"
