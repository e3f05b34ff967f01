"""What the terminal shows after keys equals a fresh render of the same state, now that the
explorer's frames leave out the pieces of lines the terminal already shows (_compat.Shown).

The app runs under Pilot with its output kept (the headless driver made to write, into
pyte's VT emulator), so every frame's bytes are applied as a terminal applies them. After
each step the emulator's cells are compared with a fresh full render by a new Textual
compositor, which knows nothing of what was written, of widgets whose render caches were
set aside for it (`fresh`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import pyte
import pytest
from textual._compositor import Compositor
from textual._context import visible_screen_stack
from textual._styles_cache import StylesCache
from textual.drivers.headless_driver import HeadlessDriver
from textual.geometry import Size
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import _RenderCache
from textual.widgets import Input

from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets import _compat
from kzt_tui.widgets.cursor_view import CursorView

from .helpers import shipped_app, wait_for

SIZE = (120, 40)

Cell = tuple[Any, ...]


class Emulator:
    """A terminal of `size` cells (pyte's VT emulator: wrapping, scrolling, erases,
    relative moves, OSC strings and wide and combining characters as a terminal takes
    them); what the app writes applied as a terminal applies it."""

    def __init__(self, size: tuple[int, int]) -> None:
        self.width, self.height = size
        self.screen = pyte.Screen(self.width, self.height)
        self.stream = pyte.Stream(self.screen)
        self.written = 0

    def write(self, data: str) -> None:
        self.written += len(data.encode())
        self.stream.feed(data)

    def row(self, y: int) -> list[Cell]:
        """Row `y`: each cell's character and attributes."""
        line = self.screen.buffer[y]
        return [tuple(line[x]) for x in range(self.width)]

    def text(self, x: int, y: int, width: int, height: int) -> str:
        """The characters of a region, rows joined by newlines."""
        return "\n".join(self.screen.display[row][x:x + width]
                         for row in range(y, y + height))


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Emulator]]:
    """The emulator the app under test writes to (the last of the list: a test may put a
    blank one there)."""
    sink = [Emulator(SIZE)]
    monkeypatch.setattr(HeadlessDriver, "is_headless", property(lambda self: False))
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: sink[-1].write(data))
    yield sink


def fresh(screen: Screen[Any]) -> Emulator:
    """The screen (over the screens it shows through, a dialog's) as a full render by a
    new Textual compositor draws it on a blank terminal, with no widget's render cache:
    each widget's lines and styled lines are made anew for it (and the app's caches put
    back after, so that the next frame is as the app would have drawn it). A widget that
    leaves an old line in its cache (a refresh that does nothing) shows it to the terminal
    but not here. The cursor views' own kept lines (a LineView's wrapped blocks and
    rendered lines, a source's highlighted pieces, the lines as drawn) are set aside too
    (CursorView.drawn_afresh), so a stale line kept there fails the comparison as well."""
    below = list(screen.app._background_screens)
    saved = []
    afresh = ExitStack()
    for shown in [*below, screen]:
        for widget in shown.walk_children(with_self=True):
            saved.append((widget, widget._styles_cache, widget._render_cache,
                          set(widget._dirty_regions)))
            widget._styles_cache = StylesCache()
            widget._render_cache = _RenderCache(Size(0, 0), [])
            widget._dirty_regions.add(widget.size.region)
            if isinstance(widget, CursorView):
                afresh.enter_context(widget.drawn_afresh())
    try:
        compositor = Compositor()
        compositor.reflow(screen, screen.size)
        visible_screen_stack.set(below)  # what a dialog shows through
        update = compositor.render_full_update()
        emulator = Emulator((screen.size.width, screen.size.height))
        emulator.write(update.render_segments(screen.app.console))
    finally:
        afresh.close()
        for widget, styles, render, dirty in saved:
            widget._styles_cache, widget._render_cache = styles, render
            widget._dirty_regions.clear()
            widget._dirty_regions.update(dirty)
    return emulator


def explorer(pilot: Pilot[Any]) -> ExplorerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ExplorerScreen)
    return screen


def assert_shows_fresh(pilot: Pilot[Any], emulator: Emulator, step: str,
                       panes_shown: bool = True) -> None:
    """The terminal shows what a fresh render of the screen shows, and (`panes_shown`)
    neither its detail nor its source pane is blank."""
    screen = pilot.app.screen
    want = fresh(screen)
    assert (emulator.width, emulator.height) == (want.width, want.height), step
    for y in range(want.height):
        assert emulator.row(y) == want.row(y), (
            f"{step}: row {y} differs\n got: {emulator.screen.display[y]!r}\n"
            f"want: {want.screen.display[y]!r}")
    for pane in screen.query("DetailView, SourcePanel, SidesView") if panes_shown else []:
        if pane.region.area:  # the panes this screen shows
            assert emulator.text(*pane.region).strip(), f"{step}: {pane.id} drawn blank"


async def keys(pilot: Pilot[Any], emulator: Emulator, step: str, *pressed: str) -> None:
    """Press each key, let the frame be written, and compare after each."""
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()
        assert_shows_fresh(pilot, emulator, f"{step}, after {key}")


async def test_cursor_keys_through_records_of_several_documents(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = explorer(pilot)
        docs = set()
        for key in "jjjjjjGkkkkgjj":
            await keys(pilot, terminal[-1], "list", key)
            docs.add(screen.source.text_view.doc_id)
        assert len(docs) > 1  # records cited from more than one document


async def test_the_list_back_and_forth_over_the_same_records(terminal) -> None:
    """Each passage highlighted again is drawn from the lines kept for that look (issue
    18): the terminal must show the look it has now."""
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "there and back", *"jjjkkkjkjkjjkk")


async def test_a_key_writes_less_than_its_frame_and_nothing_when_all_is_shown(
        terminal, monkeypatch) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        async def bytes_per_key() -> list[int]:
            """What each of jjjjkkkk wrote to the terminal."""
            written = []
            for key in "jjjjkkkk":
                before = terminal[-1].written
                await pilot.press(key)
                await pilot.pause()
                written.append(terminal[-1].written - before)
            return written

        written = await bytes_per_key()
        assert_shows_fresh(pilot, terminal[-1], "after jjjjkkkk")
        # the same keys with every piece written as Textual writes it
        monkeypatch.setattr(_compat.Shown, "write", lambda self, y, x, end, text: True)
        whole = await bytes_per_key()
        assert_shows_fresh(pilot, terminal[-1], "whole frames")
        assert sum(written) < 0.9 * sum(whole), (written, whole)
        assert all(w > 0 for w in written)  # each key did draw (the cursor row at least)


async def test_after_a_dialog_jumps_and_closes(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "before search", "j", "j")
        await pilot.press("s", *"aktau")
        await wait_for(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExplorerScreen))
        await pilot.pause()
        assert_shows_fresh(pilot, terminal[-1], "after the search jumped")
        # back where the list was before the dialog: what it showed then is drawn again
        await keys(pilot, terminal[-1], "back", "backspace", "k", "j", "j")


async def test_after_a_resize_and_back(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "before resize", "j", "j")
        terminal.append(Emulator((100, 30)))  # a resized terminal redraws from blank
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await keys(pilot, terminal[-1], "at 100x30", "k", "j", "j")
        terminal.append(Emulator(SIZE))
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await keys(pilot, terminal[-1], "back at 120x40", "k", "k", "j")


@pytest.mark.parametrize("pane", ["5", "1", "9"])
async def test_after_a_pane_switch_and_back(terminal, pane) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "agreements", "j")
        await keys(pilot, terminal[-1], f"pane {pane}", pane, "j", "j", "k", "j")
        await keys(pilot, terminal[-1], "agreements again", "2", "k", "j", "j")


async def test_detail_and_source_keys_then_the_list_again(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "list", "j")
        await keys(pilot, terminal[-1], "detail", "tab", "j", "j", "k")
        await keys(pilot, terminal[-1], "source", "tab", "j", "j", "j", "k")
        await keys(pilot, terminal[-1], "list", "tab", "j", "k")


def test_shown_notes_each_piece_and_forgets_those_a_later_one_overlaps() -> None:
    shown = _compat.Shown()
    assert shown.write(3, 0, 10, "a" * 10)
    assert not shown.write(3, 0, 10, "a" * 10)  # the terminal shows it already
    assert shown.write(4, 0, 10, "a" * 10)  # another row
    assert shown.write(3, 0, 10, "b" * 10)
    assert shown.write(3, 5, 15, "c" * 10)  # over the last five cells of the piece at 0
    assert shown.write(3, 0, 10, "b" * 10)  # so that piece is not shown any more
    assert shown.write(3, 10, 20, "d" * 10)  # beside it: it stays
    assert not shown.write(3, 0, 10, "b" * 10)
    shown.forget()
    assert shown.write(3, 0, 10, "b" * 10)


async def test_a_full_update_forgets_what_the_partial_ones_wrote() -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = explorer(pilot)
        ours = screen._compositor
        assert isinstance(ours, _compat.SkipCovered)
        views = {screen.fact_list, screen.detail, screen.source.text_view}

        def frame() -> str:
            for view in views:
                view.refresh()  # dirty, as a key leaves them
            ours.update_widgets(views)
            update = ours.render_partial_update()
            assert isinstance(update, _compat.QuickMoves)
            return update.render_segments(app.console)

        first = frame()
        assert first.count("\x1b[") > 40
        assert frame() == ""  # the same lines again: all shown already
        ours.render_full_update()  # it writes every cell, and notes none
        assert frame() == first


async def test_a_toast_over_the_panes_stays_drawn_while_the_keys_move_under_it(
        terminal) -> None:
    """A frame renders only the widgets that overlap its dirty regions: a toast (not dirty)
    over the source and detail (dirty on every list key) must still win its cells, and the
    cells it leaves when it goes must be drawn again."""
    app = shipped_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "before", "j")
        # a long timeout, then cleared by hand: under load the keys' frames and their
        # reference renders outlasted a 5 s toast, which was gone before it was looked for
        app.notify("A toast over the panes " * 3, timeout=600.0)
        await wait_for(pilot, lambda: bool(app.screen.query("Toast")))
        await pilot.pause()
        await keys(pilot, terminal[-1], "toast", "j", "j", "k", "j")
        toast = app.screen.query("Toast")
        assert toast and toast.first().region.area  # it was shown over the keys' frames
        text = terminal[-1].text(*toast.first().region)
        assert "toast over" in text.replace("\n", " ")
        app.clear_notifications()
        await wait_for(pilot, lambda: not app.screen.query("Toast"), seconds=10.0)
        await pilot.pause()
        assert_shows_fresh(pilot, terminal[-1], "after the toast went")
        await keys(pilot, terminal[-1], "after", "k", "j")


# --- more of what a user does, each step compared with the cache-free reference ----------

async def settle(pilot: Pilot[Any]) -> None:
    """Let the app finish what the keys started (a worker, a toast, a dialog's mount), and
    hold a focused box's cursor still: its blink could turn it off between the terminal's
    last frame and the fresh render (the palette's box failed 1 run in 5 at load 12)."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    focused = pilot.app.focused
    if isinstance(focused, Input) and focused.cursor_blink:
        focused.cursor_blink = False  # Textual shows the cursor when its blink stops
    await pilot.pause()


@pytest.mark.slow
async def test_bursts_of_keys_pressed_without_waiting(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step, burst in [("list", "jjjjkj"), ("detail", ["tab", *"jjjk"]),
                            ("source", ["tab", *"jjjjNn"]), ("list", ["tab", *"Gkkg"])]:
            await pilot.press(*burst)
            await settle(pilot)
            assert_shows_fresh(pilot, terminal[-1], f"{step} burst {burst}")


@pytest.mark.slow
async def test_the_stacked_layout_at_80x24(terminal) -> None:
    terminal.append(Emulator((80, 24)))
    app = shipped_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "80x24 list", "j", "j", "k")
        await keys(pilot, terminal[-1], "80x24 detail", "tab", "j", "j")
        await keys(pilot, terminal[-1], "80x24 source", "tab", "j", "n", "N")
        await keys(pilot, terminal[-1], "80x24 pane 5", "5", "j", "j", "2", "j")


@pytest.mark.slow
@pytest.mark.parametrize("focus", [[], ["tab"], ["tab", "tab"]])
async def test_a_dialog_and_the_palette_over_each_pane(terminal, focus) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "before", "j", *focus, "j")
        await pilot.press("s", *"kaz")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExplorerScreen))
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], f"search over {focus}")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ExplorerScreen))
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], f"search closed over {focus}")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExplorerScreen))
        await pilot.press(*"sort")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], f"palette over {focus}")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ExplorerScreen))
        await settle(pilot)
        await keys(pilot, terminal[-1], f"palette closed over {focus}", "j", "k")


@pytest.mark.slow
async def test_language_sort_and_an_empty_filter(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "language", "j", "L", "j", "L")
        await keys(pilot, terminal[-1], "sort", "greater_than_sign", "j",
                   "less_than_sign", "k")
        await pilot.press("slash", *"zzzqqq", "enter")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "filter that matches nothing",
                           panes_shown=False)  # no record: nothing to detail
        await pilot.press("escape")
        await settle(pilot)
        await keys(pilot, terminal[-1], "filter gone", "j", "k")


@pytest.mark.slow
async def test_facet_and_compare(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "list", "j", "l")
        await pilot.press("F")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "facet")
        await keys(pilot, terminal[-1], "in the facet", "j", "enter", "j")
        await pilot.press("escape")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "facet closed")
        await pilot.press("c")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "compare")
        await keys(pilot, terminal[-1], "compare keys", "j", "enter", "j")
        await pilot.press("escape")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "compare closed")


@pytest.mark.slow
async def test_a_copy_and_its_toast(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await keys(pilot, terminal[-1], "list", "j")
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(app.screen.query("Toast")))
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "after y")
        toast = app.screen.query("Toast").first()
        assert terminal[-1].text(*toast.region).strip()  # the toast is drawn
        await keys(pilot, terminal[-1], "keys under the toast", "j", "k")


@pytest.mark.slow
async def test_a_resize_in_the_middle_of_keys(terminal) -> None:
    app = shipped_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "tab", "j")
        terminal.append(Emulator((100, 30)))  # a resized terminal redraws from blank
        await pilot.resize_terminal(100, 30)
        await pilot.press("j", "tab", "j")
        await settle(pilot)
        assert_shows_fresh(pilot, terminal[-1], "keys either side of a resize")
        await keys(pilot, terminal[-1], "after", "j", "k", "tab", "j")
