"""Toasts never sit over what the user opened to read, repeated copies leave one toast, and
a toast stays as long as it takes to read it."""

from __future__ import annotations

import pytest

from kzt_tui.app import TOAST_MAX, TOAST_MAX_WARNING, TOAST_MIN, reading_time

from .conftest import Seen
from .helpers import toasts, wait_for


def _copied(app) -> list[str]:
    return [t for t in toasts(app) if t.startswith("Copied")]


async def test_repeated_copies_leave_one_toast_and_the_dialog_none(make_app) -> None:
    app = make_app(clipboard=[["no-such-clipboard-tool-xyz"]])
    seen = Seen()
    async with app.run_test(size=(80, 24), message_hook=seen, notifications=True) as pilot:
        await pilot.press("y")
        await wait_for(pilot, lambda: len(_copied(app)) == 1)
        first = _copied(app)[0]
        await pilot.press("j", "y")
        await wait_for(pilot, lambda: sum(type(m).__name__ == "Copied"
                                          for m in seen.messages) == 2)
        await wait_for(pilot, lambda: _copied(app) and _copied(app)[0] != first)
        await pilot.pause(0.2)
        assert len(_copied(app)) == 1  # the second replaced the first
        app.notify("Reloaded data.yaml")  # another kind of toast is not replaced by a copy
        await wait_for(pilot, lambda: len(toasts(app)) == 2)
        explorer = app.screen
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ManualCopyScreen")
        await pilot.pause(0.2)
        assert toasts(app) == []
        assert [str(t.render()) for t in explorer.query("Toast")] == []  # nor around it
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert app.screen is explorer and toasts(app) == []


async def test_help_opens_with_no_toast_over_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Reloaded data.yaml")
        await wait_for(pilot, lambda: len(toasts(app)) == 1)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HelpScreen")
        await pilot.pause(0.2)
        assert toasts(app) == []


def test_a_toast_stays_as_long_as_reading_it_takes() -> None:
    assert reading_time("Reloaded") == TOAST_MIN
    words = " ".join(["word"] * 20)
    assert TOAST_MIN < reading_time(words) < TOAST_MAX
    assert reading_time(words + " more") > reading_time(words)  # each word counts
    assert reading_time(" ".join(["word"] * 200)) == TOAST_MAX
    assert reading_time(words, "warning") > reading_time(words)  # a warning asks more
    assert reading_time(" ".join(["word"] * 200), "error") == TOAST_MAX_WARNING
    assert reading_time("Reloaded", "warning") >= TOAST_MIN


async def test_notify_default_timeout_is_the_reading_time(make_app) -> None:
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.notify("Reloaded")
        await wait_for(pilot, lambda: len(toasts(app)) == 1)
        await pilot.pause(TOAST_MIN + 0.5)
        assert list(app.screen.query(Toast)) == []  # Textual's 5 s would keep it


@pytest.mark.parametrize(("key", "dialog"), [("s", "SearchScreen"), ("e", "ExportScreen"),
                                             ("0", "TopicScreen")])
async def test_search_export_and_topics_open_with_no_toast_over_them(make_app, key: str,
                                                                     dialog: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        explorer = app.screen
        app.notify("Reloaded data.yaml")
        await wait_for(pilot, lambda: len(toasts(app)) == 1)
        await pilot.press(key)
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == dialog)
        await pilot.pause(0.2)
        assert toasts(app) == []
        assert [str(t.render()) for t in explorer.query("Toast")] == []
