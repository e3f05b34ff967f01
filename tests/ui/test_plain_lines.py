"""The list's, detail's and source's lines and their scrollbars go to the screen as the
widget drew them (widgets/plain_lines.py, issue 18): the same lines Textual's styles
would draw, and a line kept from the last frame is handed on as it was, not built again."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from bench import large_source
from kzt_tui.widgets.cursor_view import CursorView
from kzt_tui.widgets.plain_lines import is_plain

from .conftest import SIZES
from .helpers import explorer_of

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def whole(widget: Widget) -> Region:
    return Region(0, 0, widget.region.width, widget.region.height)


def cells(strips: list[Strip]) -> list[list[Any]]:
    """Each line's segments (text, style): what the terminal is sent."""
    return [list(strip) for strip in strips]


def shown_views(app: Any) -> list[Widget]:
    """The cursor views on screen and their vertical scrollbars."""
    views: list[Widget] = [view for view in app.screen.query(CursorView) if view.region]
    return views + [view.vertical_scrollbar for view in views
                    if view.vertical_scrollbar.region]


async def test_plain_views_draw_what_textual_draws(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ex = explorer_of(app)
        plain = {ex.detail.id, ex.source.text_view.id, "vertical"}
        steps = [[], ["j"], ["j", "j"], ["k"], ["tab"], ["G"], ["tab"], ["j", "j", "n"],
                 ["shift+tab", "shift+tab", "j"]]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            seen = set()
            for widget in shown_views(app):
                mine = widget.render_lines(whole(widget))
                textual = Widget.render_lines(widget, whole(widget))  # its styles cache
                assert cells(mine) == cells(textual), (keys, widget)
                if is_plain(widget):
                    seen.add(widget.id or widget.name)
            assert plain <= seen, keys  # the detail, the source and the bars went plain


async def test_a_kept_line_is_handed_on_as_it_was(make_app, size, tmp_path) -> None:
    """Scrolling the source a line keeps every line still in view as the same drawn line
    (Textual's styles cache built each one anew after a scroll)."""
    lines = [f"line {i}" for i in range(200)]
    app = make_app(large_source.dataset(tmp_path, "\n".join(
        [*lines[:100], large_source.QUOTE, *lines[100:]]) + "\n"))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = explorer_of(app).source.text_view
        view.focus()  # the legend shows under it: the view is a line shorter
        await pilot.press("j")
        await pilot.pause()
        before = view.render_lines(whole(view))
        top = view.scroll_offset.y
        await pilot.press("j")
        await pilot.pause()
        assert view.scroll_offset.y == top + 1
        after = view.render_lines(whole(view))
        assert all(a is b for a, b in zip(after, before[1:], strict=False))
        assert len(after) == len(before)


async def test_a_scrollbar_keeps_its_rows_as_drawn(make_app, size) -> None:
    """The detail's bar, its thumb moved by another record and back, draws the very rows it
    drew before (Textual drew the whole bar again through Rich each time it changed)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ex = explorer_of(app)
        bars = [ex.detail.vertical_scrollbar, ex.source.text_view.vertical_scrollbar]
        before = [bar.render_lines(whole(bar)) for bar in bars]
        await pilot.press("j")
        await pilot.pause()
        moved = [bar.render_lines(whole(bar)) for bar in bars]
        await pilot.press("k")
        await pilot.pause()
        back = [bar.render_lines(whole(bar)) for bar in bars]
        assert [cells(b) for b in moved] != [cells(b) for b in before]  # it did change
        for old, new in zip(before, back, strict=True):
            assert all(a is b for a, b in zip(old, new, strict=True))


async def source_after(app: Any, size: tuple[int, int], *keys: str) -> list[list[Any]]:
    """The source view's lines as drawn after `keys`, each let settle."""
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause(0.05)
        view = explorer_of(app).source.text_view
        return cells(view.render_lines(whole(view)))


async def test_a_text_shown_again_draws_the_new_records_highlights(make_app, size) -> None:
    """agr-bridge cites doc-one, `]` shows its passage in doc-two, j goes to agr-plan, which
    cites another passage of doc-one: the lines kept of doc-one are drawn with agr-plan's
    highlights, as an app that goes to agr-plan straight away draws them."""
    straight = await source_after(make_app(), size, "j")
    bridge = await source_after(make_app(), size)
    assert straight != bridge  # the highlights differ between the two records
    assert await source_after(make_app(), size, "right_square_bracket", "j") == straight


async def test_a_line_narrower_than_its_view_is_finished_once(make_app, size) -> None:
    """The views' lines stop short of the scrollbar's columns: widened and filtered once,
    the same line drawn again (the next frame, a record shown again) is the same Strip,
    and it still draws what Textual draws."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        ex = explorer_of(app)
        views = [ex.fact_list, ex.detail]
        for view in views:
            assert view.scrollable_content_region.width < view.region.width  # the bar's columns
        first = [view.render_lines(whole(view)) for view in views]
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("k")  # the first record again
        await pilot.pause()
        for view, before in zip(views, first, strict=True):
            again = view.render_lines(whole(view))
            assert [strip.cell_length for strip in again] == [view.region.width] * len(again)
            assert cells(again) == cells(Widget.render_lines(view, whole(view)))
            # every line, the list's two rows the cursor went over and its heading too
            # (the list, its only edge a bottom border, draws plain above it)
            assert all(a is b for a, b in zip(again, before, strict=True)), view.id
