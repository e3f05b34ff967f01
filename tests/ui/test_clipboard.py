"""Copying: the system clipboard tool gets the exact text; a tool that is missing or hangs is
timed out and killed with its children, the user told and the text still offered (OSC 52,
the manual-copy dialog); no tool is ever run from a relative PATH entry."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from kzt_tui.widgets.fact_list import FactList

from .conftest import Seen
from .helpers import (
    record_notifications,
    terminal_output,
    visible_text,
    wait_for,
)


async def test_missing_clipboard_tool_falls_back_to_osc52_and_dialog(make_app) -> None:
    app = make_app(clipboard=[["no-such-clipboard-tool-xyz"]])
    seen = Seen()
    async with app.run_test(size=(80, 24), message_hook=seen) as pilot:
        told = record_notifications(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert seen.copy.tool is None
        assert seen.copy.problem == "no clipboard tool found"
        await wait_for(pilot, lambda: bool(told))
        # at 80 columns in short words (its toast is 40 cells wide)
        size = f"{len(app.clipboard):,}"
        assert told[-1]["message"] == (f"Copied quote with reference ({size} characters) "
                                       "via OSC 52 only; ^y shows why.")
        # no dialog: the next keys go on to the app (OSC 52 may well have worked)
        assert app.screen is app.explorer
        await pilot.press("j")
        assert app.explorer.query_one(FactList).current_key == "agr-plan"
        await pilot.press("k", "ctrl+y")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ManualCopyScreen")
        area = app.screen.query_one("#manual-copy-text")
        assert "Стороны договорились о мосте через залив." in area.text
        await pilot.press("escape")
        assert app.screen is app.explorer


async def test_the_last_copy_is_offered_in_the_palette_once_there_is_one(make_app) -> None:
    app = make_app(clipboard=[["no-such-clipboard-tool-xyz"]])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("ctrl+y")  # nothing copied yet: nothing to show
        await pilot.pause()
        assert app.screen is app.explorer
        await pilot.press("ctrl+p", *"by hand")
        await pilot.pause(0.5)
        assert "Show last copy to select by hand" not in visible_text(terminal_output(app))
        await pilot.press("escape", "Y")
        await wait_for(pilot, lambda: seen.copy is not None)
        await pilot.press("ctrl+p", *"by hand")
        await wait_for(pilot, lambda: "Show last copy to select by hand"
                       in visible_text(terminal_output(app)))
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ManualCopyScreen")
        area = app.screen.query_one("#manual-copy-text")
        assert area.text == "Стороны договорились о мосте через залив."


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
                                       "timed out after 0.3 s. ^y shows it to select by "
                                       "hand.")
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ManualCopyScreen",
                       seconds=6)
        await pilot.pause()
        reason = str(app.screen.query_one("Static").render())
        assert "; no system clipboard tool worked (hang-copy timed out after 0.3 s)." in reason
        assert "hang-copy timed out" in visible_text(terminal_output(app))
        await pilot.press("escape")
        # the app is still responsive after the timeout
        await pilot.press("j")
        assert app.explorer.query_one(FactList).current_key == "agr-plan"


def _alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie waiting for its parent to reap it does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
async def test_a_timed_out_clipboard_tool_is_killed_with_its_children(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzt_tui.system.clipboard as clipboard

    monkeypatch.setattr(clipboard, "TIMEOUT", 0.5)
    bin_dir, pids = tmp_path / "bin", tmp_path / "pids"
    bin_dir.mkdir()
    tool = bin_dir / "wl-copy"  # found on PATH, by name, as the real tools are
    tool.write_text("#!/bin/sh\n"
                    f"sleep 1000 & echo $! >> {pids}\n"
                    f"yes > /dev/null & echo $! >> {pids}\n"
                    "wait\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    app = make_app(clipboard=[["wl-copy"]])
    try:
        seen = Seen()
        async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
            await pilot.press("Y")
            await wait_for(pilot, lambda: seen.copy is not None, seconds=10)
            assert seen.copy.problem == "wl-copy timed out after 0.5 s"
        children = [int(pid) for pid in pids.read_text().split()]
        assert len(children) == 2
        deadline = time.monotonic() + 5
        while any(map(_alive, children)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, children))
    finally:  # never leave them running, whatever the outcome
        for pid in (int(p) for p in pids.read_text().split()) if pids.exists() else ():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("path_entries", [["."], [""], ["", "/nonexistent"], ["bin"]])
def test_a_clipboard_tool_is_never_run_from_a_relative_path_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path_entries: list[str]
) -> None:
    """A dataset folder holding a program called wl-copy, kzt-tui started in it, and a PATH
    with "." or an empty entry (the same thing): the program must not run."""
    from kzt_tui.system.clipboard import system_copy

    ran, touch = tmp_path / "ran", shutil.which("touch")
    for folder in (tmp_path, tmp_path / "bin"):
        folder.mkdir(exist_ok=True)
        trap = folder / "wl-copy"
        trap.write_text(f"#!/bin/sh\n{touch} {ran}\n")
        trap.chmod(0o755)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", os.pathsep.join(path_entries))
    for command in (["wl-copy"], ["./wl-copy"], ["bin/wl-copy"]):
        result = system_copy("text", [command], timeout=5)
        assert result.tool is None and result.problem == "no clipboard tool found", command
    assert not ran.exists()


def test_a_clipboard_tool_given_by_absolute_path_must_be_an_executable_file(
    tmp_path: Path
) -> None:
    from kzt_tui.system.clipboard import system_copy

    assert system_copy("text", [[str(tmp_path)]]).problem == "no clipboard tool found"
    plain = tmp_path / "plain"
    plain.write_text("#!/bin/sh\n")
    assert system_copy("text", [[str(plain)]]).problem == "no clipboard tool found"


@pytest.mark.parametrize("width", [80, 99, 100, 120])
async def test_a_copys_toast_is_short_where_the_terminal_is_narrow(
        make_app, tmp_path: Path, width: int) -> None:
    """The toast of a copy that worked: "Copied quote (41 characters)." at 80 columns (its
    long words took ~40% of the source's height), the tool and OSC 52 where there is room."""
    tool = tmp_path / "fine-copy"
    tool.write_text(f"#!{sys.executable}\nimport sys\nsys.stdin.read()\n")
    tool.chmod(0o755)
    app = make_app(clipboard=[[str(tool)]])
    async with app.run_test(size=(width, 40)) as pilot:
        told = record_notifications(app)
        await pilot.press("Y")
        await wait_for(pilot, lambda: bool(told), seconds=6)
        await pilot.pause()
        message = told[-1]["message"]
        if width < 100:
            assert message == "Copied quote (41 characters)."
        else:
            assert message == ("Copied quote (41 characters) to the system clipboard via "
                               "fine-copy and OSC 52.")
