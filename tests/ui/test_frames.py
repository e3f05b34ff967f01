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
from .helpers import lines_in_view

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


async def test_a_pane_s_filter_texts_are_made_while_the_app_is_idle(make_app, size,
                                                                    monkeypatch) -> None:
    """The filter's first keystroke used to fold every record of the pane (~0.1 s at 100x);
    the texts are made ahead, in steps, once a pane has been shown a moment."""
    from kzt_tui.core import describe
    from kzt_tui.panes import pane_records

    made: list[str] = []  # the records whose filter text was made, in turn
    real = describe.filter_text

    def counted(record):  # type: ignore[no-untyped-def]
        made.append(record.id)
        return real(record)

    monkeypatch.setattr(describe, "filter_text", counted)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        index = app.session.filter_index
        records = pane_records(app.session.corpus, app.screen.pane)
        await pilot.pause(0.5)
        assert {r.id for r in records} <= set(made)  # made while idle
        before = len(made)
        index.prepare(records)  # every text is there: preparing again makes none
        await pilot.press("slash", "t")
        await pilot.pause()
        assert len(made) == before  # nor did the keystroke
        assert app.screen.fact_list.rows  # which did filter



async def test_texts_are_wrapped_only_at_widths_they_are_shown_at(size, monkeypatch) -> None:
    """Before its first layout a view has no width; a text shown then (as the explorer does
    on mount) was wrapped whole to a guessed 10 columns, then again at the real width:
    ~20 ms of the first paint of the shipped data."""
    from textual.app import App, ComposeResult

    from kzt_tui.core.model import Span
    from kzt_tui.widgets.source_layout import TextLayout
    from kzt_tui.widgets.source_view import SourceText

    widths: list[int] = []  # every width a text was laid out at
    real = TextLayout.rows

    def rows(self, width):  # type: ignore[no-untyped-def]
        widths.append(width)
        return real(self, width)

    monkeypatch.setattr(TextLayout, "rows", rows)

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
        assert widths and set(widths) == {view.scrollable_content_region.width}
        assert view.strong is not None and view.strong.line_start in lines_in_view(view)


@pytest.mark.parametrize("width", [20, 37, 58, 80, 121])
async def test_source_line_counts_are_the_lines_drawn(size, width) -> None:
    """The source layout counts each line's wrapped rows from its breaks rather than
    wrapping them all (~5× faster); the counts must be what widgets/wrap makes of the line
    as drawn, or the scrollbar and the lines drawn would disagree."""
    from rich.text import Text

    from kzt_tui.core.paths import shipped_data
    from kzt_tui.core.textnorm import displayable
    from kzt_tui.widgets.source_layout import wrapped_height
    from kzt_tui.widgets.wrap import wrap as wrap_line

    seeds = sorted((shipped_data().parent.parent / "seeds").glob("*.txt"))
    assert seeds
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    texts.append("tab\there and a longer line with\ttabs " * 5 + "\n\n  spaced   out  ")
    lines = [displayable(line) for text in texts for line in text.split("\n")]
    assert any(len(line) > 121 for line in lines)  # lines that do wrap
    for wrap in (width, max(4, width - 5)):  # the view's width, less a line number's gutter
        for line in lines:
            drawn = wrap_line(Text(line, no_wrap=False, end=""), wrap)
            assert wrapped_height(line, wrap) == len(drawn), (line, wrap)
