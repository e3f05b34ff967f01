"""The explorer watches its views' cursors (the list's `cursor`, the detail's `moved_to`), so
their Highlighted message had no reader there and was dispatched to the view, its two
containers, the screen and the app for nothing on every key (issue 18): the explorer's
views post none. Any other cursor view still does (the message is public)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.message import Message

from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.cursor_view import CursorView
from kzt_tui.widgets.fact_list import FactList, Row

from .helpers import shipped_app


class Highlights:
    """The keys of the Highlighted messages posted (each once: a bubbling message is
    posted again to each node it goes up to)."""

    def __init__(self) -> None:
        self.keys: list[object] = []
        self._seen: list[Message] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, CursorView.Highlighted) and not any(
                m is message for m in self._seen):
            self._seen.append(message)
            self.keys.append(message.key)


@pytest.mark.parametrize("view", ["list", "detail", "source"])
async def test_the_explorers_views_post_no_highlighted(view: str) -> None:
    seen = Highlights()
    app = shipped_app()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        target: Any = {"list": screen.fact_list, "detail": screen.detail,
                       "source": screen.source.text_view}[view]
        screen.set_focus(target)
        await pilot.pause()
        record = screen.selection.record
        await pilot.press("j", "j", "k")
        await pilot.pause()
        assert seen.keys == []
        if view == "list":  # the watcher showed the record all the same
            assert screen.fact_list.cursor == 1
            assert screen.selection.record is not None and record is not None
            assert screen.selection.record.id == screen.fact_list.rows.key(1) != record.id


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FactList(id="plain")

    def on_mount(self) -> None:
        self.query_one(FactList).set_rows([Row(f"k{n}", f"row {n}") for n in range(5)])


async def test_a_list_elsewhere_still_posts_highlighted() -> None:
    seen = Highlights()
    app = ListApp()
    async with app.run_test(size=(40, 10), message_hook=seen) as pilot:
        await pilot.pause()
        app.query_one(FactList).focus()
        seen.keys.clear()
        await pilot.press("j", "j", "k")
        await pilot.pause()
        assert seen.keys == ["k1", "k2", "k1"]
