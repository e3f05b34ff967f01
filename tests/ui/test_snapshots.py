"""What the user sees: every pane, the help and search screens, at 120x40 and 80x24."""

from __future__ import annotations

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.panes import PANES

from .conftest import SIZES, UI_DATA


def app():
    return create_app(load(UI_DATA), data_path=None, clipboard_commands=[])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", PANES, ids=lambda p: p.name)
def test_pane(snap_compare, pane, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=[pane.key])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=["question_mark"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_screen(snap_compare, size) -> None:
    async def indexed(pilot) -> None:  # the index is built in a thread: wait for its hits
        await pilot.press("s", *"aktau")
        for _ in range(200):
            if pilot.app.screen.hits:
                break
            await pilot.pause(0.05)
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=indexed)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_second_citation_and_filter(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size,
                        press=["right_square_bracket", "3", "slash", *"garab"])


def test_too_small(snap_compare) -> None:
    assert snap_compare(app(), terminal_size=(40, 10))
