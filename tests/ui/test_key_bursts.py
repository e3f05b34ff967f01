"""Keys that arrive in one burst (typed fast, pasted, or queued while the app redraws)
follow the focus an earlier key of the burst moved, as they would one at a time.

Pilot's press() waits for the app to settle after every key, which hides this; here the
keys go to the driver together, the way a terminal delivers them."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, Static

from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.detail_view import CiteKey
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.line_view import LineView

from .conftest import SIZES

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")

_CHARACTERS = {"slash": "/", "enter": "\r", "escape": "\x1b", "backspace": "\x7f"}


async def burst(app, pilot, *keys: str) -> None:
    """Send `keys` the way a terminal delivers a burst: all read before any is handled."""
    for key in keys:
        # a named key (arrows, end…) has no character, as a terminal's does not
        event = events.Key(key, _CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)
    for _ in range(5):
        await pilot.pause()


def explorer(app) -> tuple[ExplorerScreen, Input, FactList]:
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    box = screen.filter_box()  # mounted here if no "/" has made it yet (on_demand.py)
    assert isinstance(box, Input)
    return screen, box, screen.fact_list


async def test_letters_typed_right_after_slash_go_into_the_filter(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "slash", "m", "o", "s", "t")
        _, box, flist = explorer(app)  # "s" did not open search
        assert box.value == "most"
        assert app.focused is box
        assert [row.key for row in flist.rows] == ["agr-bridge"]


async def test_keys_after_enter_in_the_filter_reach_the_list(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        _, _, flist = explorer(app)
        assert len(flist.rows) > 1 and flist.cursor == 0
        await burst(app, pilot, "slash", "a", "enter", "j")
        _, box, flist = explorer(app)
        assert box.value == "a"  # the "j" was not typed into the box
        assert app.focused is flist
        assert len(flist.rows) > 1 and flist.cursor == 1


async def test_keys_after_escape_in_the_filter_reach_the_list(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "slash", "z", "escape", "j")
        screen, box, flist = explorer(app)
        assert box.value == "" and not box.display
        assert screen.states[screen.pane.name].filter == ""
        assert app.focused is flist and flist.cursor == 1


async def test_letters_typed_right_after_s_go_into_search(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "s", "b", "r", "i", "d", "g", "e")
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-input", Input).value == "bridge"


async def test_keys_after_escape_in_search_reach_the_explorer(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "s", "b", "escape", "j")
        _, box, flist = explorer(app)
        assert box.value == "" and flist.cursor == 1 and app.focused is flist


async def test_keys_after_down_in_search_move_the_hits(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("s", *"казахстан")
        await pilot.pause()
        hits = app.screen.query_one("#search-results", FactList)
        assert len(hits.rows) > 2
        await burst(app, pilot, "down", "j")
        assert app.focused is hits and hits.cursor == 1
        assert app.screen.query_one("#search-input", Input).value == "казахстан"


async def test_keys_after_enter_on_a_search_hit_reach_the_explorer(make_app, size) -> None:
    """Enter jumps to the hit and closes the dialog, whose box may already have taken the
    next key: it goes on to the explorer, never to a closed screen (no crash)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", *"мост")
        await pilot.pause()
        await burst(app, pilot, "enter", "j", "k")
        _, _, flist = explorer(app)
        assert app.focused is not None and app.is_running
        assert flist.rows


async def test_letters_typed_right_after_a_pane_key_and_slash_go_into_the_filter(
    make_app, size
) -> None:
    """The pane key gave the list the focus a moment later (focus() waits its turn), which
    took it back from the filter box "/" had just opened: "2/trade" ran "t", "r"… as list
    keys. Seen in tmux."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        await burst(app, pilot, "2", "slash", *"trade")
        screen, box, flist = explorer(app)
        assert screen.pane.name == "agreements"
        assert box.value == "trade" and app.focused is box
        assert [row.key for row in flist.rows] == ["agr-plan"]


async def test_a_filter_typed_in_a_burst_that_keeps_nothing_shows_no_record(
    make_app, size
) -> None:
    """Each letter re-filters the list, and the list says which record its cursor rests on
    by a message, handled after the burst: "/zzz" showed the record the "z" kept beside an
    empty list. Seen in tmux."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "slash", *"zzz")
        screen, box, flist = explorer(app)
        assert box.value == "zzz" and not flist.rows
        assert screen.selection.record is None
        header = screen.query_one("#source-header", Static)
        assert str(header.render()).strip() == "No passage selected"



async def test_a_passage_message_the_detail_has_moved_on_from_is_ignored(
    make_app, size
) -> None:
    """The detail says which passage its cursor rests on by a message, which a burst's next
    key can overtake (a pane key switching records): the passage shown must stay the one
    under the detail's cursor, not that of the late message."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # into the detail of the first document
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen) and len(screen.selection.cites) > 1
        detail = screen.detail
        assert detail.cursor_key == CiteKey(0)
        detail.post_message(LineView.Highlighted(detail, CiteKey(1)))  # a late one
        await pilot.pause()
        assert screen.selection.index == 0 and detail.cursor_key == CiteKey(0)
        await pilot.press("j")  # a current one is still followed
        assert screen.selection.index == 1 and detail.cursor_key == CiteKey(1)


async def test_editing_keys_before_enter_in_one_burst_edit_the_filter(make_app, size) -> None:
    """Backspace and the arrows are bindings of the box, which Textual runs once the key
    has bubbled up to the app: Enter, read after them but acted on at once, had moved the
    focus by then, so "⌫⌫⌫⏎" sent the backspaces to the list and kept "zzz". Seen in tmux."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await burst(app, pilot, "slash", *"zzz")
        await burst(app, pilot, "backspace", "backspace", "backspace", "enter")
        _, box, flist = explorer(app)
        assert box.value == "" and not box.display  # emptied, so Enter closed it
        assert app.focused is flist and len(flist.rows) > 1
        await burst(app, pilot, "slash", *"trx", "left", "backspace", "d", "end", "backspace",
                    "e", "enter")
        assert box.value == "tde"  # trx → t|x → td|x → td → tde, in order
