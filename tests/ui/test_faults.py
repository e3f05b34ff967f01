"""Faults: live reload (good and bad edits, deletion), tiny terminals, clipboard tools that
are missing or hang, hostile text at the level of what reaches the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.source_view import SourceText

from .conftest import Seen
from .helpers import terminal_output, wait_for


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


@pytest.mark.parametrize("size", [(20, 8), (59, 15), (30, 30)])
async def test_too_small_terminal_says_so(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-too-small")
        assert "Terminal too small" in str(screen.query_one("#too-small").render())
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not screen.has_class("-too-small")
        for width, height in [(20, 8), (80, 24), (25, 9), (200, 60), (100, 30)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
        await pilot.press("j", "right_square_bracket")
        assert not screen.has_class("-too-small")


async def test_missing_clipboard_tool_falls_back_to_osc52_and_dialog(make_app) -> None:
    app = make_app(clipboard=[["no-such-clipboard-tool-xyz"]])
    seen = Seen()
    async with app.run_test(size=(80, 24), message_hook=seen) as pilot:
        await pilot.press("y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert seen.copy.tool is None
        assert seen.copy.problem == "no clipboard tool found"
        assert app.screen.__class__.__name__ == "ManualCopyScreen"
        area = app.screen.query_one("#manual-copy-text")
        assert "Стороны договорились о мосте через залив." in area.text


async def test_hanging_clipboard_tool_is_timed_out(make_app, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import kzt_tui.system.clipboard as clipboard

    monkeypatch.setattr(clipboard, "TIMEOUT", 0.5)
    hang = tmp_path / "hang-copy"
    hang.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    hang.chmod(0o755)
    app = make_app(clipboard=[[str(hang)]])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("Y")
        await wait_for(pilot, lambda: seen.copy is not None, seconds=8)
        assert seen.copy.problem == "hang-copy timed out after 0.5 s"
        # the UI stayed responsive and OSC 52 still carried the text
        assert app.clipboard == "Стороны договорились о мосте через залив."


async def test_working_clipboard_tool_receives_the_exact_text(make_app, tmp_path: Path) -> None:
    sink = tmp_path / "clip.txt"
    tool = tmp_path / "fake-copy"
    tool.write_text(f"#!{sys.executable}\nimport sys\n"
                    f"open({str(sink)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    tool.chmod(0o755)
    app = make_app(clipboard=[[str(tool)]])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("right_square_bracket", "y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert seen.copy.tool == "fake-copy"
        assert sink.read_text(encoding="utf-8") == app.clipboard
        assert app.clipboard.startswith("«Порт Актау и порт Курык.»\n— ")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_hostile_text_never_reaches_the_terminal(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "j")  # fig-companies cites doc-two, which holds the payloads
        await pilot.press("1", "j")  # the document itself, all of its text on screen
        await pilot.pause()
        source = app.screen.query_one(SourceText)
        assert source.doc_id == "doc-two"
        out = terminal_output(app)
        assert "\x1b]" not in out  # no OSC (clipboard write, title…)
        assert "\x07" not in out
        assert "\x1b[2J" not in out
        assert "\u202e" not in out and "\u202c" not in out
        assert "␛]52;c;SGVsbG8=␇" in out  # shown, made visible
        # markup-like brackets in titles and texts are literal
        assert "[red]notes[/red]" in out or "Заметки о торговле" in out


async def test_markup_brackets_display_literally(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")  # timeline: evt-talks quote contains [bold]…[/]
        await pilot.pause()
        out = terminal_output(app)
        assert "[bold]прошли[/]" in out
