"""A measured row's lifetime (bench/terminal.py Row, bench/__main__.py Run): each figure runs
with only what it is measured with alive, and nothing a row started — the tmux server, the
programs in its panes, their workers — outlives it, whether the row ends well or fails."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import bench.__main__ as bench_main
from bench import terminal
from bench.control import Pane, alive
from bench.report import render
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


# --- what is alive while each figure is measured (Run, with a stand-in tmux) ---------------

@dataclass
class StandIn:
    """A tmux server: the panes it has open until they are killed or it is closed."""

    made: list[StandIn]
    open: dict[str, Pane] = field(default_factory=dict)
    closed: bool = False

    def __post_init__(self) -> None:
        self.made.append(self)

    def add(self, name: str) -> Pane:
        assert not self.closed
        self.open[name] = Pane(name, 0, name)
        return self.open[name]

    def kill(self, pane: Pane) -> None:
        self.open.pop(pane.id, None)

    def screen(self, pane: Pane) -> str:
        return " 1 Docs  2 Agr (53) 3 Corr"

    def close(self) -> list[int]:
        self.open.clear()
        self.closed = True
        return []


@dataclass
class Harness:
    run: Any  # bench.__main__.Run
    #: each press: the pane, the key, and the names of every program open at that moment
    presses: list[tuple[str, str, frozenset[str]]]
    made: list[StandIn]


@pytest.fixture
def harness(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Harness]:
    """A Run whose rows get stand-in servers, and every press with what was alive then."""
    made: list[StandIn] = []
    presses: list[tuple[str, str, frozenset[str]]] = []

    def alive_now() -> frozenset[str]:
        return frozenset(n for s in made if not s.closed for n in s.open)

    def open_app(tmux: StandIn, data: Path, env: dict[str, str]) -> Pane:
        return tmux.add(f"kzt-tui {data.name}")

    def launch(tmux: StandIn, argv: list[str], env: dict[str, str], mark: str
               ) -> tuple[Pane, float]:
        kind = "floor" if argv[-2] == "list" else "panes"
        size = next(n for n in tmux.open if n.startswith("kzt-tui")).split()[1]
        return tmux.add(f"{kind} {size}"), 0.1

    def press(tmux: StandIn, pane: Pane, key: str, quiet: float, literal: bool = False
              ) -> tuple[float, float]:
        presses.append((pane.id, key, alive_now()))
        return 0.001, 0.002

    monkeypatch.setattr(terminal, "open_app", open_app)
    monkeypatch.setattr(terminal, "launch", launch)
    monkeypatch.setattr(terminal, "press", press)
    monkeypatch.setattr(terminal, "open_search", lambda tmux, pane, quiet: None)
    monkeypatch.setattr(bench_main, "settle", lambda pid, **kw: 0.0)
    loads = iter([(float(n),) * 3 for n in range(1, 100)])
    monkeypatch.setattr(os, "getloadavg", lambda: next(loads))
    args = bench_main.parse(["--presses", "4", "--filter-rounds", "1", "--search-queries", "1",
                             "--sizes", "1,100,1000", "--key-sizes", "1,1000"])
    r = bench_main.Run(tmp_path, args)
    r.make_tmux = lambda: StandIn(made)  # type: ignore[assignment,return-value]
    r.corpus = lambda size: tmp_path / f"{size}x"  # type: ignore[method-assign]
    yield Harness(r, presses, made)


def test_each_key_size_runs_with_only_its_app_and_floors_alive(harness: Harness) -> None:
    r, presses = harness.run, harness.presses
    r.keys()
    by_size: dict[str, set[frozenset[str]]] = {}
    for name, _, alive_then in presses:
        by_size.setdefault(name.split()[1], set()).add(alive_then)
    assert by_size == {
        "1x": {frozenset({"kzt-tui 1x", "floor 1x", "panes 1x"})},
        "1000x": {frozenset({"kzt-tui 1000x", "floor 1000x", "panes 1000x"})},
    }
    seconds = r.out["cursor_key"]["seconds"]
    assert {k: len(v) for k, v in seconds.items()} == {  # --presses to each, as before
        n: 4 for n in ("kzt-tui 1x", "floor 1x", "panes 1x", "kzt-tui 1000x", "floor 1000x",
                       "panes 1000x")}
    # A B C, C B A, …: the order turns every key
    first = [name for name, _, _ in presses[:6]]
    assert first == ["kzt-tui 1x", "floor 1x", "panes 1x", "panes 1x", "floor 1x", "kzt-tui 1x"]
    assert [(row["name"], row["load"]) for row in r.out["rows"]] == [
        ("cursor key 1x", [1.0, 2.0]), ("cursor key 1000x", [3.0, 4.0])]


def test_filter_and_search_run_each_size_beside_1x_and_nothing_else(harness: Harness) -> None:
    r, presses = harness.run, harness.presses
    r.typing()
    assert {alive_then for _, _, alive_then in presses} == {
        frozenset({"kzt-tui 1x", "kzt-tui 100x"}), frozenset({"kzt-tui 1x", "kzt-tui 1000x"})}
    for what, keys in (("filter", 2 * len(terminal.FILTER_QUERY)),
                       ("search", 2 * len(terminal.SEARCH_QUERIES[0]))):
        rows = r.out[what]["rows"]
        assert list(rows) == ["100", "1000"]
        for size, got in rows.items():
            assert {k: len(v) for k, v in got["seconds"].items()} == {
                "kzt-tui 1x": keys, f"kzt-tui {size}x": keys}
    assert [row["name"] for row in r.out["rows"]] == ["typing 100x", "typing 1000x"]


def test_a_row_that_fails_is_recorded_and_leaves_nothing_open(
        harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    r = harness.run

    def press(*a, **kw):  # type: ignore[no-untyped-def]
        raise BenchError("the pane went away")

    monkeypatch.setattr(terminal, "press", press)
    with pytest.raises(BenchError):
        r.keys()
    assert r.out["rows"] == [{"name": "cursor key 1x", "load": [1.0, 2.0], "seconds":
                              r.out["rows"][0]["seconds"], "failed": True, "left": []}]
    with pytest.raises(BenchError):
        r.typing()
    assert r.out["rows"][-1]["failed"] is True
    assert all(s.closed and not s.open for s in harness.made)


def test_every_row_s_server_is_closed_at_its_end(harness: Harness) -> None:
    harness.run.keys()
    harness.run.typing()
    assert len(harness.made) == len(harness.run.out["rows"]) == 4  # one server a row
    assert all(s.closed and not s.open for s in harness.made)


# --- the report says when a row ran on a loaded machine -----------------------------------

def _out(loads: dict[str, list[float]]) -> dict[str, object]:
    return {"meta": {"machine": "m", "started": 0.0, "seconds": 1.0, "load_before": (0.5,),
                     "load_after": (0.5,), "quiet_ms": 150.0},
            "cursor_key": {"rows": {"1": 53, "1000": 53000},
                           "seconds": {n: [0.01] * 3 for n in ("kzt-tui 1x", "floor 1x",
                                                              "kzt-tui 1000x",
                                                              "floor 1000x")}},
            "rows": [{"name": n, "load": v, "seconds": 30.0, "failed": False, "left": []}
                     for n, v in loads.items()]}


def test_the_report_says_which_rows_ran_above_a_load_of_2() -> None:
    text = render(_out({"cursor key 1x": [1.2, 2.0], "cursor key 1000x": [2.4, 1.5]}))
    lines = text.splitlines()
    assert "| cursor key 1x | 1.20 → 2.00 | 30 |  |" in lines
    assert ("| cursor key 1000x | 2.40 → 1.50 | 30 | **ran above a load of 2: its figures are "
            "not a verdict** |") in lines
    assert any(line.startswith("**Loaded machine**: cursor key 1000x ran above")
               for line in lines)
    judged = {line.split(" | ")[0]: line for line in lines if "cursor key at" in line}
    assert "no verdict" in judged["| cursor key at 1000x: median ≤ 1.3× floor"]
    assert "no verdict" not in judged["| cursor key at 1x: median ≤ 1.3× floor"]
    assert "| met |" in judged["| cursor key at 1x: median ≤ 1.3× floor"]


def test_a_run_below_a_load_of_2_says_nothing_of_load() -> None:
    text = render(_out({"cursor key 1x": [0.3, 0.4], "cursor key 1000x": [1.9, 0.4]}))
    assert "Loaded machine" not in text and "no verdict" not in text
