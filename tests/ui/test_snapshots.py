"""What the user sees: every pane, the help and search screens, the export and manual-copy
dialogs, at 120x40 and 80x24."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
def test_export_dialog(snap_compare, size, monkeypatch) -> None:
    # The default file name is a free one in the current folder, and the dialog shows that
    # folder's full path: a fixed one here (never written to: nothing is exported).
    folder = Path(tempfile.gettempdir()) / "kzt-tui-snapshots" / f"export-{size[0]}x{size[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    assert snap_compare(app(), terminal_size=size, press=["e"])


def test_export_dialog_without_colour(snap_compare, monkeypatch) -> None:
    """NO_COLOR: the chosen scope ●, the other ○, the checkbox empty while off."""
    folder = Path(tempfile.gettempdir()) / "kzt-tui-snapshots" / "export-nocolor"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(app(), terminal_size=(80, 24), press=["e"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_manual_copy_dialog(snap_compare, size) -> None:
    from kzt_tui.dialogs.manual_copy import ManualCopyScreen

    async def copied(pilot) -> None:  # the clipboard tool is tried in a thread: wait for it
        await pilot.press("y")
        for _ in range(200):
            if pilot.app.screen.__class__.__name__ != "ManualCopyScreen":
                await pilot.press("ctrl+y")  # shown once the copy was tried
            if isinstance(pilot.app.screen, ManualCopyScreen):
                break
            await pilot.pause(0.05)
        await pilot.pause()

    no_tool = create_app(load(UI_DATA), data_path=None,
                         clipboard_commands=[["no-such-clipboard-tool-xyz"]])
    assert snap_compare(no_tool, terminal_size=size, run_before=copied)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reading_mode(snap_compare, size) -> None:
    """The source focused (its keys in the footer, the legend under it), at the second
    passage after n: the header says where."""
    from pathlib import Path

    reading = Path(UI_DATA).parent.parent / "reading" / "curated.yaml"
    assert snap_compare(create_app(load(reading), data_path=None, clipboard_commands=[]),
                        terminal_size=size, press=["tab", "tab", "n", "n"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_topic_view(snap_compare, size) -> None:
    """Show topic… (0) on "transport": its records under their sections' headings."""
    assert snap_compare(app(), terminal_size=size, press=["0", "down", "enter"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_facet_dialog(snap_compare, size) -> None:
    # the corridors' mode column: each mode with how many corridors run on it
    assert snap_compare(app(), terminal_size=size, press=["3", "l", "F"])
