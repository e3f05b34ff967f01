"""The search dialog as a journalist reads it: each hit shows the words that matched in
their context, highlighted where they are, whatever script was typed; a fact hit says
which field matched; earlier queries come back with up/down and when `s` is pressed
again."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import Input

from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.widgets.hit_list import HitList

from .conftest import SIZES
from .helpers import wait_for

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def drawn(hits: HitList, row: int) -> tuple[str, list[str]]:
    """Row `row` of the hit list as drawn: its text, and the parts drawn highlighted."""
    strip = hits.render_lines(Region(0, row, hits.size.width, 1))[0]
    marked = [s.text for s in strip if s.style is not None and s.style.reverse
              and s.style.bold]
    return strip.text, marked


async def search(app, pilot, *keys: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s", *keys)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_for(pilot, lambda: bool(screen.hits))
    await pilot.pause()
    return screen


async def test_a_word_only_in_a_source_text_is_shown_in_its_hit_line(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await search(app, pilot, *"конец")
        assert [(h.unit.doc_id, h.unit.line) for h in screen.hits] == [("doc-two", 3)]
        text, marked = drawn(screen.query_one(HitList), 0)
        assert marked == ["конец"]
        # the words before it, its escapes made visible, the kind and the place
        assert "␛[2J и ⍰обратно⍰ конец." in text
        # the document, in English, after the kind's column (narrower below 90 columns)
        assert text.startswith(" source       Trade [" if size[0] >= 90 else " source    Trade [")
        assert " · line 3  " in text


async def test_a_latin_query_highlights_the_cyrillic_it_matched(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await search(app, pilot, *"kuryk")
        hits = screen.query_one(HitList)
        rows = {h.unit.record_id or h.unit.doc_id: n for n, h in enumerate(screen.hits)}
        text, marked = drawn(hits, rows["doc-two"])
        assert marked == ["Курык"] and "line 4  Порт Актау и порт Курык." in text
        text, marked = drawn(hits, rows["agr-bridge"])
        # the field whose match gave the score: the translation's Kuryk is the word (3),
        # the quote's Курык before it only its skeleton (2.5)
        assert marked == ["Kuryk"]
        assert " · translation 2  " in text and "Kuryk" in text


async def test_a_fact_hit_names_its_field_and_shows_that_field(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await search(app, pilot, *"gulf")
        assert [h.unit.record_id for h in screen.hits] == ["agr-bridge"]
        text, marked = drawn(screen.query_one(HitList), 0)
        assert marked == ["gulf"]
        # the whole field where there is room; at 80 columns, what fits before the match
        shown = ("The sides agreed on a bridge across the gulf." if size[0] == 120
                 else "… a bridge across the gulf.")
        assert text.rstrip().endswith(f"· translation 1  {shown}")


async def test_a_title_hit_does_not_repeat_the_title(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await search(app, pilot, *"bridge")
        rows = {h.unit.record_id or h.unit.doc_id: n for n, h in enumerate(screen.hits)}
        text, marked = drawn(screen.query_one(HitList), rows["agr-bridge"])
        kind = " agreement    " if size[0] >= 90 else " agreement "  # narrower below 90
        assert text.rstrip() == f"{kind}title (en)  Bridge agreement"
        assert marked == ["Bridge"]


async def test_the_last_query_is_there_again_and_up_down_go_through_earlier_ones(
        make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await search(app, pilot, *"aktau")
        await pilot.press("escape")
        screen = await search(app, pilot)
        box = screen.query_one("#search-input", Input)
        assert box.value == "aktau"  # and selected: typing replaces it
        await pilot.press(*"kuryk")
        assert box.value == "kuryk"
        await pilot.press("escape")
        screen = await search(app, pilot)
        box = screen.query_one("#search-input", Input)
        assert box.value == "kuryk"
        await pilot.press("up")  # the newest query other than the one shown
        assert box.value == "aktau"
        await pilot.press("up")  # the oldest: stays
        assert box.value == "aktau"
        await pilot.press("down")
        assert box.value == "kuryk"
        await pilot.press("down")  # past the newest: what the box held
        assert box.value == "kuryk" and screen.focused is box
        await pilot.press("down")  # then down goes to the hits, as before
        assert isinstance(screen.focused, HitList)
        assert screen.history.queries == ["aktau", "kuryk"]
