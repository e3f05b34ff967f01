"""More faults: a 20x8 terminal and resize storms, the data file deleted and restored while
the app runs, a session that must not touch the data folder, unwritable or corrupt state."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from kzt_tui.system.state import state_path
from kzt_tui.widgets.detail_view import DetailView
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.source_view import SourceText

from .conftest import Seen
from .helpers import (
    assert_inert,
    make,
    record_notifications,
    terminal_output,
    visible_text,
    wait_for,
)

# --- tiny terminals ------------------------------------------------------------------------


async def test_20x8_shows_only_the_too_small_notice(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(20, 8)) as pilot:
        await pilot.pause()
        out = terminal_output(app)
        assert_inert(out)
        screen_text = visible_text(out)
        for word in ("Terminal", "too", "small:", "20×8.", "60×16."):
            assert word in screen_text, word
        # the explorer itself is hidden, not squeezed
        assert "Bridge agreement" not in screen_text
        assert app.explorer.query_one("#body").display is False
        await pilot.press("q")  # the notice says q quits
        await pilot.pause()
    assert app.return_code == 0


async def test_resize_storm_ends_in_a_working_explorer(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j")  # fig-companies
        sizes = [(20, 8), (200, 60), (1, 1), (59, 15), (60, 16), (21, 9), (99, 30), (100, 30),
                 (12, 3), (80, 24)]
        for _ in range(3):
            for width, height in sizes:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                small = width < 60 or height < 16
                assert app.explorer.has_class("-too-small") is small, (width, height)
                assert_inert(terminal_output(app))
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        screen = app.explorer
        assert not screen.has_class("-too-small") and not screen.has_class("-narrow")
        assert screen.query_one(FactList).current_key == "fig-companies"
        assert screen.query_one(SourceText).doc_id == "doc-two"
        shown = visible_text(terminal_output(app))
        assert "Companies with Turkmen capital" in shown
        assert "Около 140 компаний работают в Казахстане." in shown
        assert app.focused is screen.query_one(FactList)  # hiding the body took it away
        await pilot.press("k")  # keys still work after the storm
        assert screen.query_one(FactList).current_key == "fig-trade-2024"


async def test_focus_comes_back_where_it_was_after_too_small(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        detail = app.explorer.query_one(DetailView)
        assert app.focused is detail
        await pilot.resize_terminal(20, 8)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.focused is detail


# --- the data file deleted, restored, and touched by nobody but its owner ------------------


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


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every entry under `folder`: contents, mtime and mode."""
    out: dict[str, tuple[bytes, int, int]] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() else b""
        out[str(path.relative_to(folder))] = (data, st.st_mtime_ns, st.st_mode)
    return out


async def test_a_full_session_never_writes_to_the_data_folder(
    ui_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path(os.environ["HOME"])
    before_home = {p for p in home.rglob("*")}
    folder = ui_copy.parent
    before = snapshot(folder)
    sink = tmp_path / "clip.txt"
    tool = tmp_path / "fake-copy"
    tool.write_text(f"#!{sys.executable}\nimport sys\n"
                    f"open({str(sink)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    tool.chmod(0o755)
    app = make(ui_copy, clipboard=[[str(tool)]])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("j", "y")  # copy with reference
        await wait_for(pilot, lambda: seen.copy is not None, seconds=6)
        await pilot.press("Y", "right_square_bracket", "o")  # quote only, next, open doc
        for key in "12345678":
            await pilot.press(key, "j", "enter", "tab", "j")
        await pilot.press("2", "slash", *"trade", "enter", "escape")
        await pilot.press("s", *"aktau")
        await pilot.pause()
        await pilot.press("enter", "L", "backspace", "question_mark", "escape")
        app.reload_data()  # as if the files had changed
        await pilot.pause(0.3)
        await pilot.press("q")
    assert sink.read_text(encoding="utf-8")  # the session really copied something
    assert snapshot(folder) == before
    # what it saved went under XDG_STATE_HOME, atomically (no temporary files left)
    created = {p for p in home.rglob("*")} - before_home
    files = sorted(str(p.relative_to(home)) for p in created if p.is_file())
    state_home = Path(os.environ["XDG_STATE_HOME"])
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    assert str(state_path().relative_to(home)) in files
    for name in files:
        path = home / name
        assert path.is_relative_to(state_home) or path.is_relative_to(cache_home), name
        assert not name.endswith(".tmp"), name
    assert json.loads(state_path().read_text(encoding="utf-8"))["pane"]


# --- state that cannot be written or read ------------------------------------------------


async def test_unwritable_state_home_does_not_stop_the_app(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    # a file where the state folder should be: refused even for root, unlike chmod 0500
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker / "state"))
    monkeypatch.setenv("HOME", str(blocker))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j")
        assert app.explorer.query_one(FactList).current_key == "fig-companies"
        await pilot.press("q")
    assert app.return_code == 0
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
async def test_read_only_home_does_not_stop_the_app(
    make_app, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    home = Path(os.environ["HOME"])
    monkeypatch.delenv("XDG_STATE_HOME")
    home.chmod(0o500)
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4", "j", "q")
        assert app.return_code == 0
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o700)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",  # not UTF-8
        b'{"pane": "figures", "cite": 1e400}',  # a number int() cannot take
        b'{"pane": "figures", "cite": "' + b"1" * 5000 + b'"}',
        b"[1, 2]",
        b"",
    ],
)
async def test_corrupt_state_of_any_kind_is_set_aside(make_app, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        await pilot.press("4")
        assert app.explorer.pane.name == "figures"
    aside = list(path.parent.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content


async def test_state_pointing_at_things_that_no_longer_exist(make_app) -> None:  # type: ignore[no-untyped-def]
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pane": "nope", "record": "agr-gone", "cite": -7, "lang": "xx"}),
                    encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        assert app.explorer.query_one(FactList).current_key == "agr-bridge"
        assert app.lang == "en"
    assert not list(path.parent.glob("state.json.corrupt-*"))


# --- clipboard tools that hang or are missing: the user is told, the text still offered ----


async def test_hanging_clipboard_tool_is_killed_and_the_user_told(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    import kzt_tui.system.clipboard as clipboard

    monkeypatch.setattr(clipboard, "TIMEOUT", 0.3)
    hang = tmp_path / "hang-copy"
    hang.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(30)\n")
    hang.chmod(0o755)
    app = make_app(clipboard=[[str(hang)], ["no-such-clipboard-tool-xyz"]])
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notifications(app)
        await pilot.press("Y")
        await wait_for(pilot, lambda: bool(told), seconds=6)
        assert told[-1]["title"] == "Copied"
        assert told[-1]["severity"] == "warning"
        assert told[-1]["message"] == ("Copied quote (41 characters) via OSC 52 only: hang-copy "
                                       "timed out after 0.3 s.")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ManualCopyScreen",
                       seconds=6)
        await pilot.pause()
        reason = str(app.screen.query_one("Static").render())
        assert "but no system clipboard tool worked (hang-copy timed out after 0.3 s)." in reason
        assert "hang-copy timed out" in visible_text(terminal_output(app))
        await pilot.press("escape")
        # the app is still responsive after the timeout
        await pilot.press("j")
        assert app.explorer.query_one(FactList).current_key == "agr-plan"
