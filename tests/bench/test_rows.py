"""A measured row's lifetime (bench/terminal.py Row): nothing a row started — the tmux server,
the programs in its panes, their workers — outlives it, whether the row ends well or fails."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import terminal
from bench.control import Pane, alive
from bench.terminal import BenchError, Row

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

#: A program as hard to end as kzt-tui: it outlives the SIGHUP of its window's closing, and
#: starts a worker in a session of its own, which no signal to the pane's session reaches.
STUBBORN = textwrap.dedent("""
    import os, signal, subprocess, sys, time
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                              start_new_session=True)
    with open(sys.argv[1], "w") as out:
        out.write(f"{os.getpid()} {worker.pid}")
    print("stubborn ready", flush=True)
    time.sleep(600)
""")


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A folder for the stubborn program; whatever of it a failing test leaves running is
    killed after the test."""
    yield tmp_path
    pids = tmp_path / "pids"
    for pid in alive(int(p) for p in pids.read_text().split()) if pids.exists() else []:
        os.kill(pid, signal.SIGKILL)


def _stubborn(tmux, folder: Path) -> tuple[list[int], Pane]:  # type: ignore[no-untyped-def]
    script, pids = folder / "stubborn.py", folder / "pids"
    script.write_text(STUBBORN)
    pane, _ = terminal.launch(tmux, [sys.executable, str(script), str(pids)], {},
                              "stubborn ready", timeout=30)
    return [int(p) for p in pids.read_text().split()], pane


def _server_runs(socket: str) -> bool:
    return subprocess.run(["tmux", "-L", socket, "has-session"], capture_output=True,
                          check=False).returncode == 0


@needs_tmux
@pytest.mark.slow
def test_a_row_ends_its_programs_their_workers_and_its_tmux_server(folder: Path) -> None:
    row = Row("stubborn")
    with row as tmux:
        pids, _ = _stubborn(tmux, folder)
        socket, server = tmux.socket, tmux.server
        assert alive([*pids, server]) == [*pids, server]  # all up while the row runs
    assert alive([*pids, server]) == []
    assert not _server_runs(socket)
    assert row.left == [] and not row.failed
    assert len(row.load) == 2 and row.record()["load"] == [round(x, 2) for x in row.load]


@needs_tmux
@pytest.mark.slow
def test_a_failed_row_ends_everything_too_and_says_it_failed(folder: Path) -> None:
    row = Row("fails")
    with pytest.raises(RuntimeError, match="mid-row"), row as tmux:
        pids, _ = _stubborn(tmux, folder)
        socket = tmux.socket
        raise RuntimeError("mid-row")
    assert alive(pids) == []
    assert not _server_runs(socket)
    assert row.failed and row.record()["failed"] is True and len(row.load) == 2


@needs_tmux
@pytest.mark.slow
def test_killing_a_pane_ends_its_worker(folder: Path) -> None:
    with Row("kill") as tmux:
        pids, pane = _stubborn(tmux, folder)
        tmux.kill(pane)
        assert alive(pids) == []  # the worker too, before the row ends


def test_a_row_whose_programs_outlive_it_raises() -> None:
    class Unkillable:
        def close(self) -> list[int]:
            return [4242]

    row = Row("left", make=Unkillable)  # type: ignore[arg-type]
    with pytest.raises(BenchError, match=r"\[4242\] outlived"), row:
        pass
    assert row.left == [4242]
