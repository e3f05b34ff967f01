"""The installed `kzt-tui` in a real pseudo-terminal, under environments a user may have:
it draws, answers `q`, and leaves the terminal as it found it."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINI

KZT = str(Path(sys.executable).with_name("kzt-tui"))
#: CSI, charset, keypad and OSC sequences.
CONTROL = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
                     rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
#: Seconds to the first screen and to quitting; a start takes ~1 s.
LIMIT = 30


class Terminal:
    """`kzt-tui` running on a pty of 100×30: what it wrote, and keys typed into it."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.proc = subprocess.Popen([KZT, *args], stdin=slave, stdout=slave, stderr=slave,
                                     env=env, cwd=cwd, start_new_session=True)
        os.close(slave)
        self.output = b""

    @property
    def text(self) -> bytes:
        """What was written, without the control sequences that style and place it."""
        return CONTROL.sub(b"", self.output)

    def read_until(self, want: bytes, limit: float = LIMIT) -> bool:
        end = time.monotonic() + limit
        while want not in self.text and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    self.output += os.read(self.master, 1 << 16)
                except OSError:  # the app has gone and closed the pty
                    break
        return want in self.text

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait(self, limit: float = LIMIT) -> int:
        end = time.monotonic() + limit
        while self.proc.poll() is None and time.monotonic() < end:
            self.read_until(b"\0never", 0.1)
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            pytest.fail(f"kzt-tui did not end within {limit} s")
        self.read_until(b"\0never", 0.2)
        return self.proc.returncode

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "TEXTUAL", "LC_", "LANG", "NO_COLOR", "COLORTERM"))}
    env.update(TERM="xterm-256color", XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path))
    env.update(extra)
    return env


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "ds")
    return tmp_path / "ds"


#: The key bar, drawn last; the corridor pane's record; leaving restores the screen and
#: shows the cursor.
DRAWN = b"palette"
SHOWN = b"A road"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"
SHOW_CURSOR = b"\x1b[?25h"


@pytest.mark.parametrize("extra", [
    {},
    {"TERM": "dumb"},
    {"LANG": "C", "LC_ALL": "C"},
    {"NO_COLOR": "1"},
    {"TERM": "linux", "COLORTERM": ""},
], ids=["xterm", "dumb", "lang-c", "no-color", "linux"])
def test_it_draws_quits_on_q_and_restores_the_terminal(tmp_path: Path, dataset: Path,
                                                      extra: dict[str, str]) -> None:
    term = Terminal(["--data", "curated.yaml"], environment(tmp_path, **extra), dataset)
    try:
        assert term.read_until(DRAWN), term.output[-2000:]
        term.type(b"3")
        assert term.read_until(SHOWN), term.output[-2000:]
        term.type(b"q")
        assert term.wait() == 0
        tail = term.output[-200:]  # the last thing written: the terminal put back
        assert LEAVE_ALT_SCREEN in tail and SHOW_CURSOR in tail
        assert b"Traceback" not in term.output
    finally:
        term.close()


def test_two_instances_at_once_share_state_and_cache(tmp_path: Path, dataset: Path) -> None:
    env = environment(tmp_path)
    first = Terminal(["--data", "curated.yaml"], env, dataset)
    second = Terminal(["--data", "curated.yaml"], env, dataset)
    try:
        for term in (first, second):
            assert term.read_until(DRAWN), term.output[-2000:]
        first.type(b"4")
        second.type(b"3")
        assert second.read_until(SHOWN)
        first.type(b"q")
        second.type(b"q")
        assert (first.wait(), second.wait()) == (0, 0)
    finally:
        first.close()
        second.close()
    state = tmp_path / "state" / "kzt-tui" / "state.json"
    assert state.is_file()  # one of the two, whole: written atomically
    import json

    assert isinstance(json.loads(state.read_text(encoding="utf-8")), dict)
    third = Terminal(["--data", "curated.yaml"], env, dataset)
    try:
        assert third.read_until(DRAWN)
        third.type(b"q")
        assert third.wait() == 0
        assert b"Traceback" not in third.output
    finally:
        third.close()
