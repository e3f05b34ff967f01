"""`python -m bench.profile_key [SIZE] [PRESSES] [RAW]`: where a cursor key's time goes in kzt-tui,
sampled by py-spy while the keys go in through a real terminal (tmux).

kzt-tui runs on a SIZE× corpus (default 1) in a tmux pane, loaded and idle on the Agreements
list; py-spy (`pip install py-spy`; not a dependency of the project) records it while
PRESSES j/k keys (default 200) are sent, one after the other's output has ended (RAW: keep
py-spy's collapsed stacks there). Only the main thread's busy samples count (the input and
writer threads and the waits are left out), so what is listed is the event loop's work
for the keys: for each function, the
share of the samples in which it is on the stack (inclusive) or on top (self), and the
milliseconds per key that share stands for.
"""

from __future__ import annotations

import collections
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import terminal
from bench.control import Tmux
from bench.corpus import generate

RATE = 500  # samples a second
#: Leaf functions of a thread that waits (py-spy's own idle test misses some under load).
IDLE = {"select", "wait", "_worker", "sleep"}
#: A frame only the main thread has: the event loop, where Textual does its work.
MAIN = "run_app (kzt_tui/cli/explorer.py)"


def frames(line: str) -> tuple[list[str], int]:
    """One line of py-spy's raw (collapsed) output: the stack's frames, root first, and
    its sample count. A frame is 'function (file:line)'; the line number is dropped."""
    stack, _, count = line.rstrip("\n").rpartition(" ")
    names = []
    for frame in stack.split(";"):
        func, _, where = frame.partition(" (")
        where = where.rstrip(")").rsplit(":", 1)[0]
        for prefix in ("site-packages/", "lib/python3"):
            if prefix in where:
                where = where.split(prefix, 1)[1]
        names.append(f"{func} ({where})")
    return names, int(count)


def tally(lines: list[str]) -> tuple[int, collections.Counter[str], collections.Counter[str]]:
    """Busy samples of the main thread (stacks through MAIN whose leaf is not a wait), and
    samples per function inclusive (once per stack) and self."""
    total, inclusive, own = 0, collections.Counter[str](), collections.Counter[str]()
    for line in lines:
        if not line.strip():
            continue
        names, count = frames(line)
        if MAIN not in names or names[-1].split(" (")[0].rsplit(".", 1)[-1] in IDLE:
            continue
        total += count
        for name in set(names):
            inclusive[name] += count
        own[names[-1]] += count
    return total, inclusive, own


def main(argv: list[str]) -> int:
    """Profile the keys; print the table."""
    size = int(argv[0]) if argv else 1
    presses = int(argv[1]) if len(argv) > 1 else 200
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    with tempfile.TemporaryDirectory(prefix="kzt-profile-") as tmp:
        work = Path(tmp)
        data = generate(size, work / "corpus").data
        env = terminal.env_for(work / "home", work / "cache")
        terminal.run_check(data, env)  # fills the cache
        tmux = Tmux()
        try:
            pane = terminal.open_app(tmux, data, env)
            rows = terminal.agreements_count(tmux.screen(pane))
            out = work / "raw.txt"
            rec = subprocess.Popen([spy, "record", "--pid", str(pane.pid), "--rate", str(RATE),
                                    "--format", "raw", "--output", str(out)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
            t = time.perf_counter()
            got = terminal.press_interleaved(tmux, {"kzt": pane},
                                             terminal.cursor_keys(presses, rows), 0.15)
            wall = time.perf_counter() - t
            rec.send_signal(signal.SIGINT)
            rec.wait(30)
            lines = out.read_text(encoding="utf-8").splitlines()
            if len(argv) > 2:
                shutil.copy(out, argv[2])
            tmux.kill(pane)
        finally:
            tmux.close()
    total, inclusive, own = tally(lines)
    n = len(got.seconds.get("kzt", []))
    per_key = total / RATE * 1000 / max(1, n)
    print(f"kzt-tui {size}x, {rows} rows: {n} keys in {wall:.1f} s; {total} busy samples of "
          f"the main thread at {RATE}/s = {per_key:.1f} ms of its work per key; key to last "
          f"output, median {1000 * sorted(got.seconds['kzt'])[n // 2]:.1f} ms (under py-spy)")
    print("\n| function | inclusive % | ms/key | self % |\n|---|---|---|---|")
    for name, count in inclusive.most_common(40):
        print(f"| {name} | {100 * count / total:.1f} | {per_key * count / total:.1f} | "
              f"{100 * own[name] / total:.1f} |")
    print("\nTop self:")
    for name, count in own.most_common(20):
        print(f"  {100 * count / total:5.1f}%  {per_key * count / total:5.1f} ms/key  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
