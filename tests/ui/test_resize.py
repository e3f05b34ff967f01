"""A terminal resized mid-reading keeps what was in view: lines wrap to another count, so
the same scroll offset would be another place in the text."""

from __future__ import annotations

from kzt_tui.core.paths import shipped_data
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.source_view import SourceText


def _lines_in_view(view: SourceText) -> range:
    """The numbers (from 1) of the source lines at least partly in view."""
    top = int(view.scroll_offset.y)
    bottom = min(top + view.size.height, len(view._line_block))
    blocks = {view._line_block[y] for y in range(top, bottom)}
    return range(min(blocks) + 1, max(blocks) + 2)


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
