"""The palette (ctrl+p) finds a command by the words a user types, not only the letters of
its name: "coverage" the unaccounted sentences, "language" English/Russian; a command whose
name or synonyms start with the typed word ranks above one that merely holds its letters;
and each command shows its key and what it does."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from kzt_tui.app import KztApp

from .helpers import make, palette_rows


async def _palette(pilot: Pilot[Any], app: KztApp, query: str) -> list[tuple[str, str]]:
    """(name, the line under it) of each entry the palette lists for `query`; closed after."""
    got = await palette_rows(pilot, app, query)
    await pilot.press("escape")
    await pilot.pause()
    return got


@pytest.mark.parametrize(("query", "first"), [
    ("coverage", ["Next unaccounted sentence", "Previous unaccounted sentence"]),
    ("language", ["Switch between English and Russian"]),
    ("russian", ["Switch between English and Russian"]),
    ("take back", ["Undo last write"]),
])
async def test_a_command_is_found_by_its_synonyms(query: str, first: list[str]) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        entries = await _palette(pilot, app, query)
        assert [name for name, _ in entries[:len(first)]] == first


async def test_a_word_start_ranks_above_letters_in_order() -> None:
    """'cite': the name that has "cited" first, then those whose synonyms say cite; "Close
    or clear the filter" (c…i…t…e) after all of them."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        names = [name for name, _ in await _palette(pilot, app, "cite")]
        assert names[0] == "Open the cited document at this passage"
        assert "Close or clear the filter" in names
        letters = names.index("Close or clear the filter")
        for name in ("Next citation", "Previous citation",
                     "Copy the passage with its reference", "Copy the quote alone"):
            assert names.index(name) < letters, name


async def test_each_command_shows_its_key_and_what_it_does() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # a pane switch: somewhere to go back to
        await pilot.pause()
        for query, name, below in [
            ("undo last", "Undo last write", "^z · take back kzt-tui's last write"),
            ("add source", "Add source…", "+ · add a text file as a new source document"),
            ("show topic", "Show topic…", "0 · every record on one topic"),
            ("help", "Help", "? · this list of keys"),
            ("go back", "Go back", "⌫ · go back to where you were"),
        ]:
            entries = dict(await _palette(pilot, app, query))
            assert entries.get(name, "").startswith(below), (name, entries.get(name))
