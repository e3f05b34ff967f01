"""A cursor key's whole effect is drawn in one frame (issue 18): the detail's move shows its
passage in the source in the same step that moves the cursor, not a message later (the
source was drawn in a second frame, ~a frame's time after the detail)."""

from __future__ import annotations

import pytest

from kzt_tui.widgets.detail_view import CiteKey

from .conftest import SIZES
from .helpers import explorer_of

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


async def test_a_detail_move_shows_its_passage_before_any_message_is_handled(
        make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ex = explorer_of(app)
        for _ in range(len(ex.fact_list.rows)):  # the first record with two passages
            if len(ex.selection.cites) >= 2:
                break
            await pilot.press("j")
            await pilot.pause()
        cites = ex.selection.cites
        assert len(cites) >= 2
        await pilot.press("tab")
        await pilot.pause()
        assert ex.detail.cursor_key == CiteKey(0)
        text = ex.source.text_view
        assert (ex.selection.index, text.strong) == (0, cites[0].span)
        ex.detail.action_move(1)  # no await: nothing queued has run yet
        assert ex.detail.cursor_key == CiteKey(1)
        assert (ex.selection.index, text.doc_id, text.strong) == (
            1, cites[1].doc, cites[1].span)
        ex.detail.action_move(-1)
        assert (ex.selection.index, text.strong) == (0, cites[0].span)
        await pilot.pause()  # and the message that follows changes nothing
        assert (ex.detail.cursor_key, ex.selection.index, text.strong) == (
            CiteKey(0), 0, cites[0].span)
