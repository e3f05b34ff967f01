"""Live reload: the data or a source file edited, broken, deleted and restored, or turned
into a folder or a link loop while the app runs. A good edit is shown with the selection
kept; a bad one is reported and the last good data stays on screen, the file untouched."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.fact_list import FactList

from .conftest import Seen
from .helpers import (
    make,
    record_notifications,
    wait_for,
)


def first_source(data: Path) -> Path:
    return data.parent / load(data).documents[0].file


def to_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def to_loop(path: Path) -> None:
    path.unlink()
    os.symlink(path.name, path)


@pytest.mark.parametrize(("which", "change", "message"), [
    ("data", to_folder, "is a folder, not a curated YAML file"),
    ("data", to_loop, "cannot read: Too many levels of symbolic links"),
    ("source", to_folder, "is not a regular file"),
    ("source", to_loop, "Too many levels of symbolic links"),
])
async def test_a_file_that_turns_into_a_folder_or_a_loop_keeps_the_last_good_data(
    ui_copy: Path, which: str, change: Callable[[Path], None], message: str
) -> None:
    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[], remember=False)
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        before = app.session.dataset
        rows = len(app.explorer.fact_list.rows)
        change(ui_copy if which == "data" else first_source(ui_copy))
        await wait_for(pilot, lambda: bool(seen.problems), seconds=8)
        assert message in str(seen.problems[0])
        assert app.is_running and app.session.dataset is before
        assert len(app.explorer.fact_list.rows) == rows
        await pilot.press("j")  # still alive and answering keys
        await pilot.pause()
        assert app.is_running


async def test_a_read_fault_the_loader_does_not_name_keeps_the_last_good_data(
    ui_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzt_tui.core import loading

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[], remember=False)
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        before = app.session.dataset
        monkeypatch.setattr(loading, "load_cached", fail)
        ui_copy.write_text(ui_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await wait_for(pilot, lambda: bool(seen.problems), seconds=8)
        assert str(seen.problems[0]) == (f"{ui_copy}: cannot read the data: "
                                               "Input/output error")
        assert app.is_running and app.session.dataset is before


async def test_live_reload_keeps_selection_and_survives_bad_edits(ui_copy: Path) -> None:
    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("j")  # agr-plan
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        good = ui_copy.read_text(encoding="utf-8")
        ui_copy.write_text(good.replace("Trade plan", "Trade plan (edited)"), encoding="utf-8")
        await wait_for(pilot, lambda: "(edited)" in screen.query_one(FactList).rows[1].text)
        assert screen.query_one(FactList).current_key == "agr-plan"
        # a broken edit: last good data stays, the user's text is untouched
        broken = good.replace("status: proposed", "status: [oops")
        ui_copy.write_text(broken, encoding="utf-8")
        await wait_for(pilot, lambda: bool(seen.problems))
        assert "YAML syntax error" in str(seen.problems[0])
        assert "(edited)" in screen.query_one(FactList).rows[1].text
        assert ui_copy.read_text(encoding="utf-8") == broken
        # the file disappears: still no crash, still the last good data
        ui_copy.unlink()
        await wait_for(pilot, lambda: "file not found" in str(seen.problems[0]))
        assert screen.query_one(FactList).current_key == "agr-plan"


async def test_source_edit_reloads_and_bad_quote_is_reported(ui_copy: Path) -> None:
    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        source = ui_copy.parent / "texts" / "one.txt"
        source.write_text(source.read_text(encoding="utf-8").replace("мосте", "моcте"),
                          encoding="utf-8")
        await wait_for(pilot, lambda: bool(seen.problems))
        assert "quote not found" in str(seen.problems[0])


async def test_data_file_deleted_then_restored(ui_copy: Path) -> None:
    app = make(ui_copy)
    good = ui_copy.read_text(encoding="utf-8")
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        told = record_notifications(app)
        await pilot.press("j")  # agr-plan
        ui_copy.unlink()
        await wait_for(pilot, lambda: bool(seen.problems), seconds=6)
        assert [str(p) for p in seen.problems] == [
            f"{ui_copy}: file not found (hint: check the --data path)"
        ]
        assert told[-1]["title"] == "Reload failed: 1 problem(s)"
        assert told[-1]["severity"] == "error"
        assert told[-1]["message"] == (
            f"{ui_copy}: file not found (hint: check the --data path)\n"
            "Still showing the last good data; your file is untouched."
        )
        # the last good data stays on screen and usable
        assert app.explorer.query_one(FactList).current_key == "agr-plan"
        await pilot.press("k")
        assert app.explorer.query_one(FactList).current_key == "agr-bridge"
        # the file comes back, edited: it is loaded and the problem is gone
        ui_copy.write_text(good.replace("Bridge agreement", "Bridge agreement v2"),
                           encoding="utf-8")
        await wait_for(pilot, lambda: told[-1].get("title") == "Data reloaded", seconds=6)
        assert told[-1]["message"] == f"Reloaded {ui_copy}"
        assert app.explorer.query_one(FactList).current_key == "agr-bridge"
        assert "Bridge agreement v2" in app.explorer.query_one(FactList).rows[0].text


async def test_source_file_deleted_then_restored(ui_copy: Path) -> None:
    app = make(ui_copy)
    source = ui_copy.parent / "texts" / "one.txt"
    text = source.read_bytes()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        source.unlink()
        await wait_for(pilot, lambda: bool(seen.problems), seconds=6)
        assert str(seen.problems[0]) == (
            f"{ui_copy}:4:5: documents[0].file: source file 'texts/one.txt' does not exist "
            "(hint: check the document's `file` path (relative to the dataset root))"
        )
        assert "Стороны договорились о мосте через залив." in app.session.corpus.text("doc-one")
        before = app.session
        source.write_bytes(text)
        # reloaded, problem gone
        await wait_for(pilot, lambda: app.session is not before, seconds=6)
