"""A hostile state file, signal, terminal size, file name or clipboard tool, and a crash:
the app neither hangs nor runs anything, leaves the terminal as it found it, loses no file,
and says what happened in one line with an exit code scripts can tell apart."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.system.state import SavedState, load_state, state_path
from kzt_tui.widgets.fact_list import FactList

from ..conftest import FIXTURES
from .conftest import Seen
from .helpers import assert_inert, state_file, terminal_output, toasts, visible_text, wait_for

#: Seconds a test that could hang gets before it fails instead.
HANG = 20.0
UI_DATA = FIXTURES / "ui" / "curated.yaml"
RESTORE = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")


class _Terminal:
    """`kzt-tui` running on a pseudo-terminal of 100×30, as a user would start it."""

    def __init__(self, home: Path, *args: str, patch: str = "") -> None:
        """`patch`: Python run before the CLI's main, in the same process."""
        self.args = ["--data", str(UI_DATA), *args]
        self.start = ["-c", f"{patch}\nfrom kzt_tui.cli import main\nraise SystemExit(main())"
                      ] if patch else ["-m", "kzt_tui"]
        self.env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.cwd = home
        self.output = b""

    def __enter__(self) -> _Terminal:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.proc = subprocess.Popen(
            [sys.executable, *self.start, *self.args], stdin=slave, stdout=slave,
            stderr=slave, env=self.env, cwd=self.cwd, start_new_session=True, close_fds=True)
        os.close(slave)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)

    def _read(self, until: float) -> bool:
        """Read what is there by `until`; False once the other end is closed."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, until - time.monotonic()))
        if ready:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: every process on the terminal has closed it
                return False
            if not chunk:
                return False
            self.output += chunk
        return True

    def read_until(self, wanted: bytes, seconds: float = HANG) -> None:
        """Read the app's output until it has written `wanted`."""
        until = time.monotonic() + seconds
        while wanted not in self.output and time.monotonic() < until:
            if not self._read(until):
                break
        assert wanted in self.output, f"never wrote {wanted!r}: {self.output[-400:]!r}"

    def write(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait(self, seconds: float = HANG) -> int:
        """The exit status, once the app has exited and all its output is read."""
        until = time.monotonic() + seconds
        while time.monotonic() < until and self._read(until):
            if self.proc.poll() is not None and not select.select([self.master], [], [], 0.2)[0]:
                break
        try:
            return self.proc.wait(max(0.0, until - time.monotonic()))
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after {seconds} s: {self.output[-400:]!r}")


# --- 1. the state file --------------------------------------------------------------------


@pytest.mark.parametrize("depth", [100_000, 5_000])
async def test_deeply_nested_state_is_set_aside_with_a_warning(make_app, depth: int) -> None:
    path = state_file(b"[" * depth)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        assert any("saved state was unreadable" in n.message for n in app._notifications)
    aside = list(path.parent.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"[" * depth
    assert not path.exists()


def test_a_fifo_state_file_is_not_waited_on(tmp_path: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with _Terminal(tmp_path) as term:
        term.read_until(b"palette")  # drawn: the start did not wait for a writer
        term.write(b"q")
        assert term.wait() == 0


def test_a_fifo_state_file_read_from_a_thread_does_not_block(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    got: list[tuple[SavedState, str | None]] = []
    reader = threading.Thread(target=lambda: got.append(load_state(fifo)), daemon=True)
    reader.start()
    reader.join(HANG)
    if reader.is_alive():  # unblock the thread, so the test process can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("load_state blocked on a FIFO")
    state, warning = got[0]
    assert state == SavedState() and warning is not None and "not a regular file" in warning
    assert fifo.exists()  # not the app's to move: a later save replaces it atomically


def test_an_oversized_state_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    big = b'{"pane": "figures", "pad": "' + b"x" * 2_000_000 + b'"}'
    path.write_bytes(big)
    state, warning = load_state(path)
    assert state == SavedState() and warning is not None and "too large" in warning
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == big


def test_a_second_corrupt_state_does_not_replace_the_first_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for text in (b"{first", b"{second"):  # within the same second
        path.write_bytes(text)
        assert load_state(path)[1] is not None
    aside = sorted(p.read_bytes() for p in tmp_path.glob("state.json.corrupt-*"))
    assert aside == [b"{first", b"{second"]


async def test_a_negative_saved_passage_opens_the_first_one(make_app) -> None:
    state_file(b'{"pane": "agreements", "record": "agr-plan", "cite": -1}')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sel = app.explorer.selection
        assert sel.record is not None and sel.record.id == "agr-plan"
        assert sel.index == 0 and sel.citation is not None  # so y, ] and o work


def test_a_relative_xdg_state_home_is_ignored(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """The XDG spec says so; else the state would be read from and written to whatever
    folder kzt-tui was started in, such as a dataset's."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", ".")
    path = state_path()
    assert path.is_absolute()
    assert path == Path(os.path.expanduser("~")) / ".local" / "state" / "kzt-tui" / "state.json"



# --- 2. signals ---------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_closes_the_app_and_restores_the_terminal(tmp_path: Path, sig: int) -> None:
    with _Terminal(tmp_path) as term:
        term.read_until(b"palette")
        time.sleep(0.3)
        start = time.monotonic()
        term.proc.send_signal(sig)
        status = term.wait()
        assert time.monotonic() - start < 5
    assert status == 128 + sig
    assert state_path().exists()  # closed as q closes it: the place is remembered
    tail = term.output[term.output.rindex(b"palette"):]
    for sequence in RESTORE:
        assert sequence in tail, sequence


# --- 3. a terminal too small at the start -------------------------------------------------


@pytest.mark.parametrize("size", [(20, 5), (59, 15)])
async def test_a_terminal_too_small_at_the_start_focuses_the_list_once_enlarged(
    make_app, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        screen = app.explorer
        assert isinstance(app.focused, FactList)
        await pilot.press("4")
        await pilot.pause()
        assert screen.pane.name == "figures"
        assert screen.query_one("#filter").value == ""
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_a_filter_box_closed_while_too_small_does_not_get_the_focus_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.resize_terminal(20, 5)
        await pilot.pause()
        await pilot.press("escape")  # closes the box while the body is hidden
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert isinstance(app.focused, FactList)
        await pilot.press("4")
        await pilot.pause()
        assert app.explorer.pane.name == "figures"


# --- 4. markup in names -------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["ds[b]x", "ds[@click=app.quit]x", "a[/b]"])
async def test_the_data_file_name_in_the_reload_note_is_text_not_markup(
    tmp_path: Path, folder: str
) -> None:
    data = tmp_path / folder / "curated.yaml"
    shutil.copytree(FIXTURES / "ui", data.parent)
    app = create_app(load(data), data_path=data, clipboard_commands=[])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("Trade plan", "Trade plan (edited)"), encoding="utf-8")
        await wait_for(pilot, lambda: any("Reloaded" in t for t in toasts(app)), seconds=10)
        assert any(f"Reloaded {data}" in t for t in toasts(app))
        assert app.is_running


async def test_a_missing_record_named_with_markup_is_reported_as_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.explorer.jump_to("[b]no-such[/i]")
        await pilot.pause()
        assert any("No record '[b]no-such[/i]'" in t for t in toasts(app))


# --- 5. clipboard tools -------------------------------------------------------------------


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


# --- 6. a crash ---------------------------------------------------------------------------

#: A bug planted in the app: the search key raises.
BUG = ("import kzt_tui.screens.explorer as explorer\n"
       "def broken(self):\n"
       "    raise LookupError('planted bug')\n"
       "explorer.ExplorerScreen.action_search = broken")


def test_a_crash_exits_70_with_one_line_and_the_terminal_restored(tmp_path: Path) -> None:
    with _Terminal(tmp_path, patch=BUG) as term:
        term.read_until(b"palette")
        term.write(b"s")
        status = term.wait()
    assert status == 70
    after = term.output[term.output.rindex(b"\x1b[?1049l"):]
    for sequence in RESTORE:
        assert sequence in term.output[term.output.rindex(b"palette"):], sequence
    printed = re.sub(r"\x1b\[[?>0-9;$]*[a-zA-Z]", "", after.decode()).strip()
    assert printed == ("kzt-tui: internal error: LookupError: planted bug "
                       "(run again with --debug for the traceback)")
    assert b"Traceback" not in after and b"locals" not in after


def test_a_crash_with_debug_shows_the_traceback(tmp_path: Path) -> None:
    with _Terminal(tmp_path, "--debug", patch=BUG) as term:
        term.read_until(b"palette")
        term.write(b"s")
        status = term.wait()
    assert status == 70
    after = term.output[term.output.rindex(b"\x1b[?1049l"):].decode()
    assert "Traceback (most recent call last)" in after
    assert "in broken" in after and "LookupError: planted bug" in after


async def test_a_crash_in_a_worker_thread_is_reported_as_what_it_was(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzt_tui.system.clipboard as clipboard

    def broken(*_args: object, **_kwargs: object) -> None:
        raise LookupError("planted bug")

    monkeypatch.setattr(clipboard, "system_copy", broken)
    app = make_app()
    with pytest.raises(Exception):  # noqa: B017 - run_test re-raises what Textual saw
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("Y")
            await wait_for(pilot, lambda: not app.is_running, seconds=10)
    assert isinstance(app.crashed, LookupError)


# --- what reaches the terminal ------------------------------------------------------------

#: A folder name that writes the clipboard (OSC 52), rings, clears the screen, reverses text.
HOSTILE_NAME = "ds\x1b]52;c;WUFNTA==\x07\x1b[2J\u202ex\x9b31m"


async def test_a_hostile_data_path_in_the_reload_note_reaches_the_terminal_inert(
    tmp_path: Path
) -> None:
    data = tmp_path / HOSTILE_NAME / "curated.yaml"
    shutil.copytree(FIXTURES / "ui", data.parent)
    app = create_app(load(data), data_path=data, clipboard_commands=[])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        text = data.read_text(encoding="utf-8")
        data.write_text(text.replace("Trade plan", "Trade plan (edited)"), encoding="utf-8")
        await wait_for(pilot, lambda: any("Reloaded" in t for t in toasts(app)), seconds=10)
        await pilot.pause(0.2)
        out = terminal_output(app)
        assert_inert(out)
        assert "ds␛]52;c;WUFNTA==␇" in visible_text(out)


async def test_a_hostile_state_path_in_the_start_warning_reaches_the_terminal_inert(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / HOSTILE_NAME))
    state_file(b"{broken")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.2)
        assert any("saved state was unreadable" in t for t in toasts(app))
        assert_inert(terminal_output(app))
