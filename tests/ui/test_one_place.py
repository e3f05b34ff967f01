"""A list key works out where the reader is once, for the passage it shows, and the source
header draws that once: the source view's scrolls while it showed the passage (centring it)
had each worked the place out, and the header drew the old place beside the new document
first (issue 18, keys6)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from rich.text import Text

from kzt_tui.widgets.reading_place import Place
from kzt_tui.widgets.source_panel import SourceHeader

from .conftest import SIZES
from .helpers import pane_open

KEYS = "jjjjjjGkkkkgjj"  # through records of several documents


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_list_key_sets_the_place_and_the_header_once(size) -> None:
    async with pane_open(size=size) as (pilot, ex):
        view = ex.source.text_view
        header = ex.query_one(SourceHeader)
        places: list[Place] = []
        shown: list[str] = []

        def placed(place: Place) -> None:
            places.append(place)

        view.watch(view, "place", placed, init=False)
        draw = header.show

        def noted(lines: Sequence[Text]) -> None:
            shown.append("\n".join(line.plain for line in lines))
            draw(lines)

        header.show = noted  # type: ignore[method-assign]
        moved, docs = 0, set()
        for key in KEYS:
            places.clear()
            shown.clear()
            before = ex.selection.record
            await pilot.press(key)
            await pilot.pause()
            if ex.selection.record is before:
                continue
            moved += 1
            docs.add(view.doc_id)
            assert len(places) <= 1, (key, places)
            assert len(shown) <= 1, (key, shown)
            place = view.place.describe(ex.lang)
            assert place in header.render_line(2).text, (place, shown)
            if shown:  # what was drawn is the new document's header at the new place
                cite = ex.selection.citation
                assert cite is not None
                assert ex.corpus.document(cite.doc).title.en in shown[0]
                assert place in shown[0]
        assert moved >= len(KEYS) - 2 and len(docs) > 1
