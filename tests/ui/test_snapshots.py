"""What the user sees: every pane, the help and search screens, the export and manual-copy
dialogs, at 120x40 and 80x24."""

from __future__ import annotations

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.panes import PANES

from .conftest import SIZES
from .helpers import UI_DATA


def app():
    return create_app(load(UI_DATA), data_path=None, clipboard_commands=[])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pane", PANES, ids=lambda p: p.name)
def test_pane(snap_compare, pane, size) -> None:
    async def shown(pilot) -> None:  # slow cells (a document's Acc%) are made while idle
        await pilot.press(pane.key)
        rows = pilot.app.screen.fact_list.rows
        for _ in range(200):
            if all("…" not in row.cells for row in rows):
                break
            await pilot.pause(0.05)
        await pilot.pause()

    assert snap_compare(app(), terminal_size=size, run_before=shown)


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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_export_dialog(snap_compare, size, tmp_path, monkeypatch) -> None:
    # the default file name is a free one in the current folder: an empty one here
    monkeypatch.chdir(tmp_path)
    assert snap_compare(app(), terminal_size=size, press=["e"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_manual_copy_dialog(snap_compare, size) -> None:
    from kzt_tui.dialogs.manual_copy import ManualCopyScreen

    async def copied(pilot) -> None:  # the clipboard tool is tried in a thread: wait for it
        await pilot.press("y")
        for _ in range(200):
            if isinstance(pilot.app.screen, ManualCopyScreen):
                break
            await pilot.pause(0.05)
        await pilot.pause()

    no_tool = create_app(load(UI_DATA), data_path=None,
                         clipboard_commands=[["no-such-clipboard-tool-xyz"]])
    assert snap_compare(no_tool, terminal_size=size, run_before=copied)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_facet_dialog(snap_compare, size) -> None:
    # the corridors' mode column: each mode with how many corridors run on it
    assert snap_compare(app(), terminal_size=size, press=["3", "l", "F"])
