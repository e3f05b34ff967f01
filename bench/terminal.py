"""The scenarios, in real terminals (tmux panes through bench/control.py), each interleaved
with what it is compared to.

- first paint: process start (a mark the shell prints just before it execs the program)
  → the first output that completes a text the first frame holds;
- a key: written to tmux → the last output it causes (no output for `quiet` seconds);
- `check`: wall time and peak RSS summed over the process tree (workers included).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.control import (
    Pane,
    Tmux,
    alive,
    children,
    cpu_seconds,
    descendants,
    end_tree,
    settle,
    started_at,
)
from bench.corpus import REPO
from bench.stats import interleave

PY = sys.executable
START_MARK = "BENCH-START"
#: In kzt-tui's key bar (its last line), so in its first full frame.
APP_MARK = "palette"
FILTER_QUERY = "turkmen rail"
#: Global searches typed key by key: Latin, Cyrillic, transliterated, several words.
SEARCH_QUERIES = ("galkynysh", "транзит", "turkmenbashi port", "ашхабад")


def env_for(home: Path, cache: Path) -> dict[str, str]:
    """What a benchmarked process gets on top of ours: its own HOME, XDG_* and cache."""
    return {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(cache),
            "PYTHONPATH": str(REPO)}


def byte_compile(*folders: Path) -> None:
    """Write the .pyc files of `folders` (default: kzt_tui/ and bench/), as `pip install`
    does for an installed package and did for Textual, the floors' code. Otherwise, with
    PYTHONDONTWRITEBYTECODE set or in a checkout never run, every start of kzt-tui compiles
    its ~100 modules from source (~50-100 ms) where a user's installed copy does not."""
    import compileall

    for folder in folders or (REPO / "kzt_tui", REPO / "bench"):
        compileall.compile_dir(str(folder), quiet=1)
    if not folders:  # and the dataclass code a start would otherwise compile (code_cache.py)
        subprocess.run([PY, "-m", "kzt_tui.system.code_cache"], cwd=REPO, check=True,
                       env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL)


def app_argv(data: Path) -> list[str]:
    """kzt-tui as a user starts it (the CLI's entry point)."""
    return [PY, "-m", "kzt_tui", "--data", str(data)]


def floor_argv(*args: str) -> list[str]:
    """A floor app of bench/floors.py."""
    return [PY, "-m", "bench.floors", *args]


class BenchError(RuntimeError):
    """A program did not show what the harness waits for."""


def launch(tmux: Tmux, argv: list[str], env: dict[str, str], mark: str,
           timeout: float = 120.0) -> tuple[Pane, float]:
    """Start argv in a pane; the pane and the seconds from its start to `mark` shown."""
    since = time.perf_counter()
    pane = tmux.start(argv, env, str(REPO), start_mark=START_MARK)
    t0 = tmux.wait_text(pane, START_MARK, since, timeout)
    t1 = tmux.wait_text(pane, mark, t0, timeout) if t0 is not None else None
    if t0 is None or t1 is None:
        screen = tmux.screen(pane)
        tmux.kill(pane)
        raise BenchError(f"{argv[-3:]}: no {mark!r} within {timeout:.0f} s; the screen:\n"
                         f"{screen}")
    return pane, t1 - t0


@dataclass
class Row:
    """One measured figure's lifetime, `with Row(name) as tmux:` — a tmux server of its own
    for the programs it measures, all of them (their process trees: workers too) ended with
    the server when the row ends, however it ends, so that nothing it opened runs during the
    next row; and the machine's 1-minute load average at its start and end (`load`). A row
    whose programs outlived SIGTERM and SIGKILL (`left`) raises BenchError at its end."""

    name: str
    make: Callable[[], Tmux] = Tmux
    load: list[float] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    seconds: float = 0.0
    failed: bool = False
    _tmux: Tmux | None = None
    _t0: float = 0.0

    def __enter__(self) -> Tmux:
        self.load, self._t0 = [os.getloadavg()[0]], time.perf_counter()
        self._tmux = self.make()
        return self._tmux

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        assert self._tmux is not None
        self.left = self._tmux.close()
        self.load.append(os.getloadavg()[0])
        self.seconds, self.failed = time.perf_counter() - self._t0, kind is not None
        if self.left and kind is None:
            raise BenchError(f"{self.name}: processes {self.left} outlived the row")

    def record(self) -> dict[str, object]:
        """The row as the JSON keeps it."""
        return {"name": self.name, "load": [round(x, 2) for x in self.load],
                "seconds": round(self.seconds, 1), "failed": self.failed, "left": self.left}


@dataclass
class Variant:
    """One program whose first paint is timed: how to start it, what its first frame shows,
    and whether each start gets an empty cache."""

    argv: list[str]
    env: dict[str, str]
    mark: str
    cold_cache: Path | None = None


#: The file a kzt-tui start appends its start report to (kzt_tui/cli/explorer.py: whether a
#: worker checked its first view, and how many parts it stored), once its first frame is up.
START_REPORT = "KZT_TUI_START_REPORT"


def first_paints(tmux: Tmux, variants: dict[str, Variant], rounds: int,
                 starts: dict[str, list[dict[str, object]]] | None = None
                 ) -> dict[str, list[float]]:
    """Seconds from process start to first frame of each variant, `rounds` times each,
    interleaved (after one untimed start of each, which also fills the warm caches).
    Into `starts`, per timed sample of each empty-cache variant, kzt-tui's start report
    ({"worker": bool, "stored": int | None}; {} if it wrote none within 5 s)."""
    got: dict[str, list[float]] = {name: [] for name in variants}
    for n, name in enumerate([*variants, *interleave(list(variants), rounds)]):
        v = variants[name]
        env = dict(v.env)
        report = None
        if v.cold_cache is not None:
            shutil.rmtree(v.cold_cache, ignore_errors=True)
            env["XDG_CACHE_HOME"] = str(v.cold_cache)
            report = v.cold_cache.with_name(v.cold_cache.name + "-report")
            report.unlink(missing_ok=True)
            env[START_REPORT] = str(report)  # written after the first frame: costs it nothing
        pane, seconds = launch(tmux, v.argv, env, v.mark)
        said = start_report(report) if report is not None else None
        tmux.kill(pane)
        if n >= len(variants):
            got[name].append(seconds)
            if said is not None and starts is not None:
                starts.setdefault(name, []).append(said)
    return got


def start_report(report: Path, timeout: float = 5.0) -> dict[str, object]:
    """The start report's line (after the first frame, within AFTER_FIRST_FRAME), or {}."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        with contextlib.suppress(OSError, ValueError):
            line = report.read_text(encoding="utf-8").splitlines()[0]
            said: dict[str, object] = json.loads(line)
            return said
        time.sleep(0.02)
    return {}


def workers_ran(starts: list[dict[str, object]]) -> str:
    """'worker 5/7': of the samples, how many starts had a worker."""
    return f"worker {sum(1 for s in starts if s.get('worker'))}/{len(starts)}"


def wait_screen(tmux: Tmux, pane: Pane, pattern: str, timeout: float = 180.0,
                absent: bool = False) -> re.Match[str] | None:
    """Poll the pane's screen until `pattern` is on it (or, `absent`, is not)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        found = re.search(pattern, tmux.screen(pane))
        if bool(found) != absent:
            return found
        time.sleep(0.2)
    raise BenchError(f"pane {pane.id}: {pattern!r} {'still' if absent else 'not'} on screen "
                     f"after {timeout:.0f} s:\n{tmux.screen(pane)}")


#: With it, a key has ended only once its program is also idle (see `press`).
SETTLE_CPU = False


def press(tmux: Tmux, pane: Pane, key: str, quiet: float, literal: bool = False,
          timeout: float = 5.0) -> tuple[float, float] | None:
    """Seconds from sending `key` to the first and to the last output it caused; None if
    there was none. The output has ended after `quiet` seconds without any; with
    SETTLE_CPU, also not before the program has stopped using the CPU (a computation
    longer than `quiet` with nothing drawn would otherwise end the key at its echo)."""
    sent = tmux.keys(pane, key, literal=literal)
    got = tmux.wait_quiet(pane, sent, quiet, timeout)
    if got is not None and SETTLE_CPU:
        settle(pane.pid, window=0.1, busy=0.3, timeout=30.0)
        got = tmux.wait_quiet(pane, sent, quiet, timeout) or got
    return None if got is None else (got[0] - sent, got[1] - sent)


@dataclass
class Keys:
    """Latencies per pane name (to the last output; to the first in `first`), and how
    many keys caused no output at all."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    first: dict[str, list[float]] = field(default_factory=dict)
    #: CPU seconds (all threads, from /proc; 10 ms ticks, so only the sum means much) the
    #: program used from each key's send to the end of its output: work, not waiting.
    cpu: dict[str, float] = field(default_factory=dict)
    silent: dict[str, int] = field(default_factory=dict)


def press_interleaved(tmux: Tmux, panes: dict[str, Pane], keys: Sequence[tuple[str, bool]],
                      quiet: float, into: Keys | None = None) -> Keys:
    """Each key (name, literal) to every pane in turn, the order balanced key by key
    (A B, B A …): the same keystrokes, the same moments of the machine."""
    out = into or Keys()
    names = list(panes)
    order = interleave(names, len(keys))
    for i, (key, literal) in enumerate(keys):
        for name in order[i * len(names):(i + 1) * len(names)]:
            before = cpu_seconds(panes[name].pid)
            got = press(tmux, panes[name], key, quiet, literal)
            out.cpu[name] = out.cpu.get(name, 0.0) + cpu_seconds(panes[name].pid) - before
            if got is None:
                out.silent[name] = out.silent.get(name, 0) + 1
            else:
                out.first.setdefault(name, []).append(got[0])
                out.seconds.setdefault(name, []).append(got[1])
    return out


def cursor_keys(presses: int, rows: int) -> list[tuple[str, bool]]:
    """`presses` keys that each move a cursor that starts on row 0 of `rows` (≥ 2): j down
    a stretch, k back up, again, never against an end of the list."""
    span = max(1, min(rows - 1, 20))
    return [("j" if (i // span) % 2 == 0 else "k", False) for i in range(presses)]


def typing_keys(text: str) -> list[tuple[str, bool]]:
    """Typing `text` key by key, then erasing it with backspace."""
    return [(ch, True) for ch in text] + [("BSpace", False)] * len(text)


def agreements_count(screen: str) -> int:
    """The number in the Agreements tab, e.g. '2 Agr (53,000)' → 53000."""
    found = re.search(r"Agr \(([\d,]+)\+?\)", screen)
    if not found:
        raise BenchError(f"no Agreements count on the screen:\n{screen}")
    return int(found.group(1).replace(",", ""))


def open_app(tmux: Tmux, data: Path, env: dict[str, str]) -> Pane:
    """kzt-tui started on `data`, its whole dataset loaded, on the Agreements list, idle."""
    pane, _ = launch(tmux, app_argv(data), env, APP_MARK)
    wait_screen(tmux, pane, r"loading \d|more files", absent=True)
    settle(pane.pid)
    tmux.keys(pane, "2")
    wait_screen(tmux, pane, r"Agr \(")
    settle(pane.pid, window=1.0)  # the pane's filter texts are folded while it is idle
    return pane


def open_search(tmux: Tmux, pane: Pane, quiet: float) -> None:
    """`s`, then wait for the index to be built (in a thread) and the app to idle."""
    press(tmux, pane, "s", quiet)
    wait_screen(tmux, pane, "Type to search", timeout=300)
    settle(pane.pid)


@dataclass
class CheckRun:
    """One `kzt-tui check`: wall seconds, exit code, peak RSS summed over its process tree
    (sampled every 0.25 s), and the largest peak of any one process in it (VmHWM)."""

    seconds: float
    exit: int
    tree_rss_mb: float
    largest_rss_mb: float


def tree_memory_kb(root: int) -> tuple[int, int]:
    """A process and all its descendants now: the sum of their resident kB (VmRSS), and
    the largest peak (VmHWM) of any one of them so far."""
    kids, total, largest, todo = children(), 0, 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, ()))
        try:
            with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as f:
                fields = dict(line.split(":", 1) for line in f if ":" in line)
            total += int(fields["VmRSS"].split()[0])
            largest = max(largest, int(fields["VmHWM"].split()[0]))
        except (OSError, ValueError, KeyError, IndexError):
            pass
    return total, largest


def run_check(data: Path, env: dict[str, str], every: float = 0.25,
              code: Path = REPO) -> CheckRun:
    """`kzt-tui check --data DATA` as a user runs it, its process tree's RSS sampled; the
    kzt_tui package is the one in `code` (its folder is the current one and first on the
    path, for the check and its workers).
    (Not wait4's ru_maxrss: a child forked from this process keeps this process's peak as
    its own across exec, and the harness holds the generated corpus.)"""
    peak = [0, 0]
    t = time.perf_counter()
    proc = subprocess.Popen([PY, "-m", "kzt_tui", "check", "--data", str(data)],
                            env={**os.environ, **env, "PYTHONPATH": str(code)}, cwd=code,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = threading.Event()
    seen: dict[int, str] = {}  # every process of its tree, with its start time (not a reuse)

    def sample() -> None:  # never waits for the process: wait4 below reaps it
        while not done.is_set():
            total, largest = tree_memory_kb(proc.pid)
            peak[:] = max(peak[0], total), max(peak[1], largest)
            for pid in descendants(proc.pid):
                seen.setdefault(pid, started_at(pid))
            done.wait(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, _ = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    for pid, began in seen.items():  # a worker left running by its check: not into the next
        if began and started_at(pid) == began and alive([pid]):
            end_tree(pid)
    return CheckRun(seconds, proc.returncode, peak[0] / 1024, peak[1] / 1024)
