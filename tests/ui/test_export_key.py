"""`e` exports the current list (as filtered) or item through a dialog; errors stay in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Static

from kzt_tui.dialogs.export import ExportScreen, format_for, free_path
from kzt_tui.dialogs.help import help_rows
from kzt_tui.screens.explorer import ExplorerScreen

from .helpers import terminal_output, visible_text


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def dialog(app) -> ExportScreen:
    assert isinstance(app.screen, ExportScreen), type(app.screen)
    return app.screen


def path_input(app) -> Input:
    return dialog(app).query_one("#export-path", Input)


def status(app) -> str:
    return str(dialog(app).query_one("#export-status", Static).render())


async def set_path(pilot, app, value: str) -> None:
    path_input(app).value = value
    await pilot.pause()


async def test_e_writes_the_current_list_as_markdown(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert path_input(app).value == "kzt-tui-agreements.md"
        assert app.focused is path_input(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        md = (tmp_path / "kzt-tui-agreements.md").read_text(encoding="utf-8")
        assert "## Agreements (2)" in md
        assert "### Bridge agreement" in md and "### Trade plan" in md
        assert "> Стороны договорились о мосте через залив." in md
        assert "> *English:* The sides agreed on a bridge across the gulf." in md
        messages = [n.message for n in app._notifications]
        assert any("Exported 2 records (md) to" in m and "kzt-tui-agreements.md" in m
                   for m in messages), messages


async def test_e_exports_only_the_filtered_records(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"trade", "enter", "e")
        assert "1 record matching “trade”" in str(dialog(app).query_one(RadioSet).children[0]
                                                  .label)
        await pilot.press("enter")
        await pilot.pause()
        md = (tmp_path / "kzt-tui-agreements.md").read_text(encoding="utf-8")
        assert "## Agreements (1)" in md and "### Trade plan" in md
        assert "Bridge agreement" not in md.split("### Trade plan")[0]


async def test_e_can_export_the_current_item_as_json(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "e")
        # tab to the list/item choice, pick the item: the default name follows
        await pilot.press("tab", "down", "enter")
        await pilot.pause()
        assert dialog(app).scope == 1
        assert path_input(app).value == "kzt-tui-fig-trade-2024.md"
        await set_path(pilot, app, "item.json")
        path_input(app).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        data = json.loads((tmp_path / "item.json").read_text(encoding="utf-8"))
        assert [f["id"] for f in data["figures"]] == ["fig-trade-2024"]
        assert set(data) & {"agreements", "documents"} == set()


async def test_existing_file_needs_a_second_enter(make_app, tmp_path: Path) -> None:
    (tmp_path / "kzt-tui-agreements.md").write_text("mine", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        # the suggested name never clobbers
        assert path_input(app).value == "kzt-tui-agreements-2.md"
        await set_path(pilot, app, "kzt-tui-agreements.md")
        await pilot.press("enter")
        assert "exists" in status(app) and "enter again" in status(app)
        assert (tmp_path / "kzt-tui-agreements.md").read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert "## Agreements" in (tmp_path / "kzt-tui-agreements.md").read_text("utf-8")


async def test_errors_stay_in_the_dialog(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await set_path(pilot, app, "notes.txt")
        await pilot.press("enter")
        assert "must end in .md, .json, .csv, .csl.json, .bib, .ris or .sqlite" in status(app)
        await set_path(pilot, app, "no/such/dir/x.md")
        await pilot.press("enter")
        assert f"Could not export to {tmp_path}/no/such/dir/x.md" in status(app)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)
        assert list(tmp_path.iterdir()) == []


async def test_e_is_on_the_help_screen_and_disabled_on_an_empty_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = dict(help_rows(app.screen.bindings))
        assert shown["e"] == ("export the list (as filtered) or the item: .md .json .csv "
                              ".csl.json .bib .ris .sqlite")
        await pilot.press("escape", "slash", *"zzzz", "enter")
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.check_action("export", ()) is None
        await pilot.press("e")
        assert isinstance(app.screen, ExplorerScreen)


def test_format_for_and_free_path(tmp_path: Path) -> None:
    assert format_for(Path("a.csl.json")) == "csl-json"
    assert format_for(Path("A.JSON")) == "json"
    assert format_for(Path("a.csv")) == "csv"
    assert format_for(Path("a.md")) == "md"
    assert format_for(Path("a.txt")) is None
    (tmp_path / "x.md").write_text("")
    (tmp_path / "x-2.md").write_text("")
    assert free_path(tmp_path, "x") == tmp_path / "x-3.md"


def test_the_default_file_name_of_a_long_id_fits_the_file_system(tmp_path) -> None:
    """An id of 300 characters made a name too long: exists() raised and the app exited 70
    (the hostile review). The stem is cut, and a refused name counts as free."""
    from kzt_tui.dialogs.export import STEM_MAX, free_path

    path = free_path(tmp_path, "kzt-tui-agr-" + "a" * 300)
    assert len(path.stem) == STEM_MAX and path.suffix == ".md"
    path.write_text("taken", encoding="utf-8")
    assert free_path(tmp_path, "kzt-tui-agr-" + "a" * 300).stem == path.stem + "-2"


def shown(app, selector: str) -> str:
    return str(dialog(app).query_one(selector, Static).render())


async def test_the_dialog_names_its_folder_and_the_full_path(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        assert shown(app, "#export-folder") == (
            f"Folder: {tmp_path} (where kzt-tui was started; type a path to write elsewhere)")
        assert shown(app, "#export-target") == (
            f"Writes to: {tmp_path}/kzt-tui-agreements.md (.md briefing)")
        await set_path(pilot, app, "sub/../facts.sqlite")
        assert shown(app, "#export-target") == (
            f"Writes to: {tmp_path}/facts.sqlite (.sqlite database)")
        await set_path(pilot, app, "")
        assert shown(app, "#export-target") == "Writes to: (type a file name)"


async def test_the_briefing_from_the_dialog_has_ids_only_when_asked(
        make_app, tmp_path: Path) -> None:
    from textual.widgets import Checkbox

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"trade", "enter", "e", "enter")
        await pilot.pause()
        md = (tmp_path / "kzt-tui-agreements.md").read_text(encoding="utf-8")
        assert "\nFiltered: only the records matching “trade”.\n" in md
        assert "agr-plan" not in md and "texts/one.txt" not in md
        await pilot.press("e")
        assert dialog(app).query_one("#export-ids", Checkbox).value is False
        await pilot.click("#export-ids")
        assert dialog(app).query_one("#export-ids", Checkbox).value is True
        await pilot.click("#export-path")
        await pilot.press("enter")
        await pilot.pause()
        md = (tmp_path / "kzt-tui-agreements-2.md").read_text(encoding="utf-8")
        assert "\n`agr-plan`\n" in md and "texts/one.txt" in md


async def test_the_dialog_writes_an_sqlite_database(make_app, tmp_path: Path) -> None:
    import sqlite3

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await set_path(pilot, app, "facts.sqlite")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        db = sqlite3.connect(tmp_path / "facts.sqlite")
        assert db.execute("SELECT id FROM agreements").fetchall() == [("agr-bridge",),
                                                                      ("agr-plan",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


async def test_without_colour_the_dialog_s_choices_show_their_state_by_shape(
        make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """NO_COLOR: the chosen scope ●, the other ○; the checkbox empty while off, X when on
    (Textual's drew ▐●▌ for both scopes and ▐X▌ while off: told apart by colour alone)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        lines = visible_text(terminal_output(app)).splitlines()

        def row(words: str) -> str:
            found = [ln for ln in lines if words in ln]
            assert len(found) == 1, words
            return found[0]

        assert "▐●▌ Current list" in row("Current list")
        assert "▐○▌ Current item" in row("Current item")
        assert "▐ ▌ Show record ids" in row("Show record ids")
        await pilot.click("#export-ids")
        await pilot.press("shift+tab", "down", "enter")  # the scope: the item now
        await pilot.pause()
        lines = visible_text(terminal_output(app)).splitlines()
        assert "▐X▌ Show record ids" in row("Show record ids")
        assert "▐○▌ Current list" in row("Current list")
        assert "▐●▌ Current item" in row("Current item")
