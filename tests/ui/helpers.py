"""Helpers shared by the UI test modules: building the app, waiting on it, reading what it
wrote to the terminal and what it told the user.

Fixtures (pytest's) live in conftest.py; plain functions and constants live here, so that no
test module imports another.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.dialogs.record_form import RecordForm
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.system.state import state_path

UI_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "ui" / "curated.yaml"

#: What the app itself may write: colours/attributes (SGR) and cursor positioning.
OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def make(path: Path = UI_DATA, clipboard: list[list[str]] | None = None) -> KztApp:
    """The app over the dataset at `path`, with only the `clipboard` tools given (none)."""
    return create_app(load(path), data_path=path, clipboard_commands=clipboard or [])


def shipped_app(path: Path | None = None) -> KztApp:
    """The app over the shipped dataset (or the one at `path`), as the user starts it but
    remembering nothing and with no clipboard tool."""
    return create_app(load(path or shipped_data()), clipboard_commands=[], remember=False)


@asynccontextmanager
async def pane_open(*keys: str, size: tuple[int, int], path: Path | None = None
                    ) -> AsyncIterator[tuple[Pilot[Any], ExplorerScreen]]:
    """`shipped_app(path)` running at `size`, `keys` pressed (a pane's number, say) and the
    app settled: its pilot and its explorer screen."""
    app = shipped_app(path)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        yield pilot, screen


async def wait_for(pilot: Pilot[Any], condition: Callable[[], bool],
                   seconds: float = 5.0) -> None:
    """Let the app run until `condition()` holds; fail after `seconds`."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition never became true")


def terminal_output(app: KztApp) -> str:
    """Exactly what the app would write to the terminal for a full repaint."""
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(app.console)


def assert_inert(out: str) -> None:
    """Nothing but the app's own SGR and cursor moves, printable text and newlines."""
    rest = OWN_SEQUENCES.sub("", out)
    assert "\x1b" not in rest, repr(rest[max(0, rest.find("\x1b") - 40) : rest.find("\x1b") + 20])
    found = sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(rest)})
    assert not found, found


def visible_text(out: str) -> str:
    """The characters on screen, with the app's own sequences removed."""
    return OWN_SEQUENCES.sub("", out)


def toasts(app: KztApp) -> list[str]:
    """The plain text of every notification on screen, as drawn."""
    from textual.widgets._toast import Toast

    return [str(toast.render()) for toast in app.screen.query(Toast)]


def record_notifications(app: KztApp) -> list[dict[str, Any]]:
    """Every notify() call from now on, as keyword dicts (message, title, severity)."""
    calls: list[dict[str, Any]] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        calls.append({"message": message, **kwargs})
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return calls


def state_file(content: bytes) -> Path:
    """Write `content` where the app keeps its saved state; returns that path."""
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


#: Seconds a test that could hang gets before it fails instead.
HANG = 20.0
RESTORE = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l", b"\x1b[?1006l")


class Terminal:
    """`kzt-tui` running on a pseudo-terminal of 100×30, as a user would start it."""

    def __init__(self, home: Path, *args: str, patch: str = "") -> None:
        """`patch`: Python run before the CLI's main, in the same process."""
        self.args = ["--data", str(UI_DATA), *args]
        self.start = ["-c", f"{patch}\nfrom kzt_tui.cli import main\nraise SystemExit(main())"
                      ] if patch else ["-m", "kzt_tui"]
        self.env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.cwd = home
        self.output = b""

    def __enter__(self) -> Terminal:
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


# --- curating (tests/ui/test_curating*.py) ------------------------------------------------


def curate_app(top: Path) -> KztApp:
    """The app over the dataset whose curated file is `top`, as the CLI opens it."""
    return create_app(load(top), data_path=top, clipboard_commands=[], remember=False)


def files_of(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def explorer_of(app: KztApp) -> ExplorerScreen:
    screen = app.get_screen("explorer")
    assert isinstance(screen, ExplorerScreen)
    return screen


def source_header(app: KztApp) -> str:
    return str(explorer_of(app).query_one("#source-header", Static).render())


def notifications(app: KztApp) -> list[str]:
    return [n.message for n in app._notifications]


async def palette_rows(pilot: Pilot[Any], app: KztApp, query: str) -> list[tuple[str, str]]:
    """(name, the line under it) of each entry the palette lists for `query`, typed into a
    palette it opens (and leaves open)."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.5)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    rows = []
    for option in palette.query_one("CommandList").options:
        name, _, below = str(option.prompt).partition("\n")
        rows.append((name, below))
    return rows


async def palette_entries(pilot: Pilot[Any], app: KztApp, query: str) -> list[str]:
    return [name for name, _ in await palette_rows(pilot, app, query)]


async def run_command(pilot: Pilot[Any], app: KztApp, name: str,
                      query: str | None = None) -> None:
    """Run the palette entry called `name`, found by typing `query` (its name in lower
    case unless given): the first hit must be it."""
    names = await palette_entries(pilot, app, name.lower() if query is None else query)
    assert names and names[0] == name, names
    await pilot.press("enter")
    await pilot.pause(0.3)


def record_form(app: KztApp) -> RecordForm[Any]:
    form = app.screen
    assert isinstance(form, RecordForm), type(form)
    return form


async def type_fields(pilot: Pilot[Any], app: KztApp, values: dict[str, str]) -> None:
    """Type each value into its field, as the user does: focus it, clear it, type."""
    form = record_form(app)
    for path, text in values.items():
        box = form._input(path)
        assert box is not None, path
        box.focus()
        await pilot.pause()
        box.value = ""
        await pilot.press(*text)
    await pilot.pause()


def form_values(app: KztApp) -> dict[str, str]:
    """What the form shows: each field's label and its value."""
    form = record_form(app)
    labels = [str(s.render()).rstrip(" *") for s in form.query(".form-label")]
    return dict(zip(labels, (i.value for i in form.query(Input)), strict=True))


async def select_sentences(pilot: Pilot[Any], app: KztApp, sentences: int) -> None:
    """Documents pane, doc-a, then "Select sentence" `sentences` times (the next each time)."""
    await pilot.press("1")
    await pilot.pause()
    await pilot.press(*["V"] * sentences)
    await pilot.pause()


# --- what a scrolled view shows (public widget API only) ---------------------------------


def lines_in_view(view: Any) -> range:
    """The numbers (from 1) of the lines (blocks) of a LineView at least partly in view,
    from its public `blocks` and `block_lines` and the scroll offset and size."""
    top = int(view.scroll_offset.y)
    bottom = top + view.size.height
    shown = []
    for index in range(len(view.blocks)):
        start, count = view.block_lines(index)
        if start >= bottom:
            break
        if count and start + count > top:
            shown.append(index)
    return range(min(shown) + 1, max(shown) + 2) if shown else range(0)


def every_line_drawn(view: Any) -> list[Any]:
    """Every line of a scrolled view as it draws it (its public render_lines, a page at a
    time from the top), the scroll put back after."""
    from textual.geometry import Region

    before = view.scroll_offset
    page = max(1, view.size.height)
    drawn: dict[int, Any] = {}
    for top in range(0, max(1, view.virtual_size.height), page):
        view.scroll_to(y=top, animate=False, immediate=True)
        first = int(view.scroll_offset.y)
        for n, strip in enumerate(view.render_lines(Region(0, 0, view.size.width, page))):
            drawn.setdefault(first + n, strip)
    view.scroll_to(x=before.x, y=before.y, animate=False, immediate=True)
    return [drawn[y] for y in sorted(drawn) if y < view.virtual_size.height]
