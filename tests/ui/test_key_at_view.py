"""A cursor key runs its binding in the view that has the focus, as the view reads it: the
key is not sent on up through the view's containers and the screen to the app, whose walk
of the binding chain would find the same binding first (issue 18: four dispatches a key).
A key that does bubble up (one the view has no cursor binding for) still reaches the
app's bindings, and the keys after it in a burst wait for it (tests/ui/test_key_bursts.py
has the bursts)."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.message import Message

from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import shipped_app


class KeyPosts:
    """How many times each key was posted to a message pump (the app, then the focused
    widget, then each node it bubbles up to)."""

    def __init__(self) -> None:
        self.posts: dict[str, int] = {}

    def __call__(self, message: Message) -> None:
        if isinstance(message, events.Key):
            self.posts[message.key] = self.posts.get(message.key, 0) + 1


@pytest.mark.parametrize("view", ["list", "detail", "source"])
async def test_a_cursor_key_stops_at_the_view_and_moves_it(view: str) -> None:
    posts = KeyPosts()
    app = shipped_app()
    async with app.run_test(size=(120, 40), message_hook=posts) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        target: Any = {"list": screen.fact_list, "detail": screen.detail,
                       "source": screen.source.text_view}[view]
        screen.set_focus(target)
        await pilot.pause()
        before = (target.cursor, target.scroll_offset.y)
        posts.posts.clear()
        await pilot.press("j")
        await pilot.pause()
        assert (target.cursor, target.scroll_offset.y) != before  # the key moved it
        # the app read it and sent it to the view; no further
        assert posts.posts == {"j": 2}
        assert app.focused is target


async def test_a_key_the_view_has_no_cursor_binding_for_reaches_the_screens() -> None:
    posts = KeyPosts()
    app = shipped_app()
    async with app.run_test(size=(120, 40), message_hook=posts) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert app.focused is screen.fact_list
        await pilot.press("3")  # the explorer's binding: the third pane
        await pilot.pause()
        assert screen.pane.name == "corridors" and app.focused is screen.fact_list
        assert posts.posts["3"] > 2  # bubbled up to the screen and the app
        posts.posts.clear()
        await pilot.press("k")  # nothing going up now: the list takes it at once
        await pilot.pause()
        assert posts.posts == {"k": 2}
