"""What a keystroke costs the screen: the filter, its tab count and the lists change without
laying the whole screen out again (a layout refreshes every scrollbar, which took a frame
of its own after the one that showed the change), and the scrollbars still tell the truth."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual import messages
from textual.scroll_view import ScrollView
from textual.widgets import Input

from kzt_tui.screens.explorer import ExplorerScreen

from .conftest import SIZES

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def layout_recorder() -> tuple[list[str], Callable[[object], None]]:
    """A list of the widgets laid out again, and the message hook that fills it."""
    layouts: list[str] = []

    def hook(message: object) -> None:
        if isinstance(message, messages.Layout):
            layouts.append(type(message.widget).__name__)

    return layouts, hook


async def test_filter_keystrokes_do_not_lay_the_screen_out(make_app, size) -> None:
    layouts, hook = layout_recorder()
    app = make_app()
    async with app.run_test(size=size, message_hook=hook) as pilot:
        await pilot.press("slash")  # showing the box is a layout, rightly
        await pilot.pause()
        layouts.clear()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        shown = screen.fact_list.current_key
        await pilot.press(*"мосте", "backspace")  # every prefix keeps the selection
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == "мост"
        assert [row.key for row in screen.fact_list.rows] == [shown]  # the list did change
        # The box, the tabs and the list change in place. (A scrollbar that appears or
        # goes, or a source header that changes its height, still lays out: rightly.)
        assert layouts == []


async def test_scrollbars_match_where_each_view_is_scrolled(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for keys in ([], ["j"], ["tab", "G"], ["slash", *"r"], ["backspace"]):
            await pilot.press(*keys)
            await pilot.pause()
            for view in app.screen.query(ScrollView):
                if view.show_vertical_scrollbar:
                    bar = view.vertical_scrollbar
                    assert (bar.position, bar.window_virtual_size) == (
                        view.scroll_y, view.virtual_size.height), (keys, view.id)


async def test_a_filter_longer_than_its_box_keeps_the_cursor_in_view(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *("trade route " * 12))
        await pilot.pause()
        box = app.screen.query_one("#filter", Input)
        assert box.max_scroll_x > 0
        assert box.scroll_x == box.max_scroll_x  # the end of the text, where the cursor is
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_x == 0


async def test_emptying_the_list_and_bringing_it_back_does_not_lay_the_screen_out(
    make_app, size
) -> None:
    """The list, detail and source lose their records and get them back, the header goes
    from a document to "No passage selected" and back: all in place, no layout."""
    layouts, hook = layout_recorder()
    app = make_app()
    async with app.run_test(size=size, message_hook=hook) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        layouts.clear()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        shown = screen.fact_list.current_key
        await pilot.press(*"zzz")
        await pilot.pause()
        assert not screen.fact_list.rows and screen.selection.record is None
        await pilot.press(*["backspace"] * 3)
        await pilot.pause()
        assert screen.fact_list.current_key == shown
        assert layouts == []


async def test_the_source_header_has_its_three_lines_whatever_it_shows(make_app, size) -> None:
    """Titles and where the passage is, one line each, cut short rather than wrapped: the
    header's height never changes, and "line N · passage i/n" is never the part cut off."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = app.screen.query_one("#source-header", Static)
        shown = []
        for keys in ([], ["slash", *"zzz"], ["escape"], ["3"], ["1"], ["j"], ["2"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert header.content_size.height == 3, keys
            lines = [strip.text.strip()
                     for strip in header.render_lines(header.content_region.reset_offset)]
            shown.append(lines[0])
            if keys and keys[0] == "slash":
                assert lines[0] == "No passage selected"
            else:
                assert lines[2].startswith("line "), (keys, lines)
        assert len(set(shown)) > 1  # it did show different things on the way


async def test_a_pane_s_filter_texts_are_made_while_the_app_is_idle(make_app, size) -> None:
    """The filter's first keystroke used to fold every record of the pane (~0.1 s at 100x);
    the texts are made ahead, in steps, once a pane has been shown a moment."""
    from kzt_tui.panes import pane_records

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        index = app.session.filter_index
        records = pane_records(app.session.corpus, app.screen.pane)
        await pilot.pause(0.5)
        assert all(r.id in index._texts for r in records)
        made = len(index._texts)
        await pilot.press("slash", "t")
        await pilot.pause()
        assert len(index._texts) == made  # the keystroke made none



async def test_texts_are_wrapped_only_at_widths_they_are_shown_at(size) -> None:
    """Before its first layout a view has no width; a text shown then (as the explorer does
    on mount) was wrapped whole to a guessed 10 columns, then again at the real width:
    ~20 ms of the first paint of the shipped data."""
    from textual.app import App, ComposeResult

    from kzt_tui.core.model import Span
    from kzt_tui.widgets.source_view import SourceText

    text = "\n".join(f"Строка {n}: " + "слово " * 40 for n in range(1, 200))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield SourceText(id="text")

        def on_mount(self) -> None:
            view = self.query_one(SourceText)
            assert view.size.width == 0  # not laid out yet
            view.show("doc", text, Span(5000, 5010, 90, 90), [])

    app = Host()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        view = app.query_one(SourceText)
        assert view._layout is not None
        assert set(view._layout.counts) == {view._content_width()}
        assert view.strong is not None and view._block_was_in_view(view.strong.line_start - 1)


@pytest.mark.parametrize("width", [20, 37, 58, 80, 121])
async def test_source_line_counts_are_the_lines_drawn(size, width) -> None:
    """The source view counts each line's wrapped lines with Rich's own line breaking rather
    than wrapping them all (~5× faster); the counts must be what wrapping makes, or the
    scrollbar and the lines drawn would disagree."""
    from rich.text import Text
    from textual.app import App

    from kzt_tui.core.paths import shipped_data
    from kzt_tui.widgets.line_view import Block
    from kzt_tui.widgets.source_lines import split
    from kzt_tui.widgets.source_view import SourceText

    view = SourceText()
    seeds = sorted((shipped_data().parent.parent / "seeds").glob("*.txt"))
    assert seeds
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts.append("tab\there and a longer line with\ttabs " * 5 + "\n\n  spaced   out  ")
    async with App().run_test(size=size):
        for text in texts:
            for block in [*split(text).blocks, Block(Text(""), None, Text("1 │ "))]:
                view_count = SourceText._count(view, block, width)
                assert view_count == len(view._wrap(block, width)), (block.body.plain, width)
