"""Every copy variant by its key and by its palette name: the exact clipboard text (the
texts themselves are built and tested in tests/core/test_cite.py)."""

from __future__ import annotations

import pytest

from kzt_tui.screens.explorer_keys import ACTIONS

from .conftest import Seen
from .helpers import record_notifications, wait_for

BRIDGE = "«Стороны договорились о мосте через залив.»"
REF = ("— «Переговоры в Акорде» (Talks in Akorda), Test Wire, 26 November 2025, "
       "paragraph 3 (line 3)")


@pytest.mark.parametrize(("keys", "clipboard"), [
    (("y",), f"{BRIDGE}\n{REF}"),
    (("Y",), "Стороны договорились о мосте через залив."),
    (("t",), f"{BRIDGE}\nEnglish: The sides agreed on a bridge across the gulf.\n{REF}"),
    (("w",), f"{BRIDGE}\n{REF}"),
    (("8", "w"), "«Переговоры в Акорде [bold]прошли[/] 25 ноября.»\n— «Переговоры в Акорде» "
                 "(Talks in Akorda), Test Wire, 26 November 2025, paragraph 1 (line 1)"),
    (("5", "B"), "Discrepancy: Trade level\n"
                 "One text gives a number, the other a round phrase.\n\n"
                 "Side 1: Exceeded half a billion\n"
                 "«Товарооборот превысил полмиллиарда долларов.»\n"
                 "English: Trade exceeded half a billion dollars.\n"
                 "— «Переговоры в Акорде» (Talks in Akorda), Test Wire, 26 November 2025, "
                 "paragraph 2 (line 2)\n\n"
                 "Side 2: $555.7m in 2024\n"
                 "«Товарооборот $555,7 млн в 2024 году.»\n"
                 "English: Trade turnover of $555.7m in 2024.\n"
                 "— «Заметки о торговле» (Trade [red]notes[/red]), outlet not named, "
                 "undated, paragraph 1 (line 1)"),
])
async def test_each_copy_key_puts_the_exact_text_on_the_clipboard(
        make_app, keys: tuple[str, ...], clipboard: str) -> None:
    app = make_app()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press(*keys)
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == clipboard


async def test_both_sides_is_not_offered_outside_a_discrepancy(make_app) -> None:
    app = make_app()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("B")
        await pilot.pause(0.2)
        assert seen.copy is None
        assert app.explorer.check_action("copy", ("sides",)) is None
        await pilot.press("5")
        assert app.explorer.check_action("copy", ("sides",)) is True


@pytest.mark.parametrize(("command", "what"), [
    ("Copy with translation", "quote with translation and reference"),
    ("Copy the whole sentences", "whole sentences with reference"),
])
async def test_copy_variants_are_in_the_palette(make_app, command: str, what: str) -> None:
    assert command in {a.command for a in ACTIONS}
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notifications(app)
        await pilot.press("ctrl+p")
        await pilot.press(*command)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: bool(told))
        assert told[-1]["message"].startswith(f"Copied {what} (")


ASTANA_REF = ("— «Заметки о торговле» (Trade [red]notes[/red]), outlet not named, undated, "
              "paragraph 1 (line 1)")


@pytest.mark.parametrize(("key", "clipboard"), [
    ("y", f"«Астана.»\n{ASTANA_REF}"),
    ("t", f"«Астана.»\nEnglish: (no translation recorded)\n{ASTANA_REF}"),
    ("Y", "Астана."),
])
async def test_a_source_hit_copies_its_sentence_with_its_reference(
        make_app, key: str, clipboard: str) -> None:
    """The journalist's path: a word found in a source text, read there, copied as the
    whole sentence it is in with the reference to that place — not the document's first
    cited passage."""
    app = make_app()
    seen = Seen()
    async with app.run_test(size=(80, 24), message_hook=seen) as pilot:
        await pilot.press("s", *"Астана")
        await wait_for(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        first = app.screen.hits[0]  # the text's own line, before the event held there
        assert (first.unit.record_id, first.unit.doc_id, first.unit.line) == (
            None, "doc-two", 1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press(key)
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == clipboard


async def test_in_the_source_a_copy_takes_the_cited_passage_in_view(make_app) -> None:
    """n in the source goes to the next cited passage; y copies that one (with the
    translation its fact records), wherever the list's selection is."""
    app = make_app()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("1", "o")  # the first document, its source focused
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press("n", "n", "n", "t")  # «в Акорде», line 2, line 3
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == (
            f"{BRIDGE}\nEnglish: The sides agreed on a bridge across the gulf.\n{REF}")
