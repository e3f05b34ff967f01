"""Tiny terminals and resizes: below 60×16 only a notice is shown (and q still quits); resize
storms end in a working explorer with the focus where it was; a terminal resized
mid-reading keeps what was in view: lines wrap to another count, so the same scroll offset
would be another place in the text."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from kzt_tui.core.paths import shipped_data
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.detail_view import DetailView
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.source_view import SourceText

from .helpers import (
    assert_inert,
    lines_in_view,
    terminal_output,
    visible_text,
)


def _lines_in_view(view: SourceText) -> range:
    """The numbers (from 1) of the source lines at least partly in view."""
    return lines_in_view(view)


async def test_the_passage_stays_in_view_when_the_terminal_shrinks_and_grows(make_app) -> None:
    app = make_app(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # corridors: passages deep in long texts
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        view = screen.source.text_view
        assert view.strong is not None and view.strong.line_start > 40
        for size in ((80, 24), (60, 20), (200, 50), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert view.strong.line_start in _lines_in_view(view), size


async def test_a_text_scrolled_away_from_the_passage_keeps_its_place_on_resize(
    make_app
) -> None:
    app = make_app(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        view = screen.source.text_view
        screen.set_focus(view)
        await pilot.press("g")  # the text's start, far from the passage
        await pilot.pause()
        top = _lines_in_view(view)[0]
        assert view.strong is not None and view.strong.line_start not in _lines_in_view(view)
        for size in ((80, 24), (200, 50)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert _lines_in_view(view)[0] == top, size
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        top = _lines_in_view(view)[0]
        assert top > 1
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert _lines_in_view(view)[0] == top


async def test_a_passage_shown_while_the_terminal_was_too_small_is_in_view_after(
    make_app
) -> None:
    """Below 60×16 the body is hidden, so a text shown then cannot be wrapped or scrolled
    to its passage; when the terminal grows back, the passage is centred as usual."""
    app = make_app(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        await pilot.press("3")  # another pane, another record, while the body is hidden
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen) and screen.pane.name == "corridors"
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        view = screen.source.text_view
        assert view.strong is not None and view.strong.line_start > 40
        assert view.strong.line_start in _lines_in_view(view)


@pytest.mark.parametrize("size", [(20, 8), (59, 15), (30, 30)])
async def test_too_small_terminal_says_so(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-too-small")
        assert "Terminal too small" in str(screen.query_one("#too-small").render())
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.has_class("-too-small")
        for width, height in [(20, 8), (80, 24), (25, 9), (200, 60), (100, 30)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.press("j", "right_square_bracket")
        assert not screen.has_class("-too-small")


async def test_20x8_shows_only_the_too_small_notice(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        out = terminal_output(app)
        assert_inert(out)
        screen_text = visible_text(out)
        for word in ("Terminal", "too", "small:", "20×8.", "60×16."):
            assert word in screen_text, word
        # the explorer itself is hidden, not squeezed
        assert "Bridge agreement" not in screen_text
        assert app.explorer.query_one("#body").display is False
        await pilot.press("q")  # the notice says q quits
        await pilot.pause()
    assert app.return_code == 0


async def test_resize_storm_ends_in_a_working_explorer(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j")  # fig-companies
        sizes = [(20, 8), (200, 60), (1, 1), (59, 15), (60, 16), (21, 9), (99, 30), (100, 30),
                 (12, 3), (80, 24)]
        for _ in range(3):
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                small = width < 60 or height < 16
                assert app.explorer.has_class("-too-small") is small, (width, height)
                assert_inert(terminal_output(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        screen = app.explorer
        assert not screen.has_class("-too-small") and not screen.has_class("-narrow")
        assert screen.query_one(FactList).current_key == "fig-companies"
        assert screen.query_one(SourceText).doc_id == "doc-two"
        shown = visible_text(terminal_output(app))
        assert "Companies with Turkmen capital" in shown
        assert "Около 140 компаний работают в Казахстане." in shown
        assert app.focused is screen.query_one(FactList)  # hiding the body took it away
        await pilot.press("k")  # keys still work after the storm
        assert screen.query_one(FactList).current_key == "fig-trade-2024"


async def test_focus_comes_back_where_it_was_after_too_small(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        detail = app.explorer.query_one(DetailView)
        assert app.focused is detail
        await pilot.resize_terminal(20, 8)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.focused is detail


@pytest.mark.parametrize("size", [(20, 5), (59, 15)])
async def test_a_terminal_too_small_at_the_start_focuses_the_list_once_enlarged(
    make_app, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        screen = app.explorer
        assert isinstance(app.focused, FactList)
        await pilot.press("4")
        await pilot.pause()
        assert screen.pane.name == "figures"
        # the "4" went to the list: no filter box has it (none is made before "/")
        assert [box.value for box in screen.query("#filter").results(Input)] in ([], [""])
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_a_filter_box_closed_while_too_small_does_not_get_the_focus_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        await pilot.press("escape")  # closes the box while the body is hidden
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.focused, FactList)
        await pilot.press("4")
        await pilot.pause()
        assert app.explorer.pane.name == "figures"


async def test_the_current_row_of_the_list_is_scrolled_into_view_after_a_shrink(
    make_app
) -> None:
    """`2 g` and ten `j` at 120×40, then 80×24: the list shows fewer rows, and the current
    one (the 11th) must still be among them, at any size after."""
    app = make_app(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "g", *["j"] * 10)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        facts = screen.fact_list
        assert facts.cursor == 10 and int(facts.scroll_offset.y) == 0
        for size in ((80, 24), (200, 50), (80, 24), (60, 16)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            top = int(facts.scroll_offset.y)
            shown = facts.size.height - facts.fixed
            assert top <= 10 < top + shown, (size, top, shown)


def _rows_shown(view: SourceText) -> list[str]:
    """The text of each row the source view draws."""
    return [view.render_line(y).text for y in range(view.size.height)]


def _header(app) -> str:  # type: ignore[no-untyped-def]
    from kzt_tui.widgets.source_panel import SourceHeader
    return str(app.screen.query_one(SourceHeader).render())


@pytest.mark.parametrize(("size", "pressed", "narrower"), [
    # N, a page down, back and N again, then k: the reader is off the passage shown, near it
    ((100, 30), ["5", "j", "N", "pagedown", "backspace", "N", "k"], 99),
    # the stacked layout, its source three rows high: the passage centred after `show`
    ((80, 24), [*"jj", "tab", *"jj", "tab", *"jnn", "tab", *"5jj2Gg", "slash", *"zzz",
                "enter", "escape", "j"], 79),
])
async def test_a_resize_and_back_keeps_the_reading_place(size, pressed, narrower) -> None:
    """The source header's place and the rows the source shows are the same after the
    terminal went one column narrower and back (a resize used to re-centre the record's
    passage, moving the reader from line 3 to 5, or shifted the text by one row)."""
    from .helpers import shipped_app
    app = shipped_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        view = screen.source.text_view
        header, place, shown = _header(app), view.place, _rows_shown(view)
        assert "line " in header and place.line > 1
        await pilot.resize_terminal(narrower, size[1])
        await pilot.pause()
        assert view.place == place
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert (_header(app), view.place) == (header, place)
        assert _rows_shown(view) == shown
