"""`python -m bench`: kzt-tui in a real terminal (tmux), each figure against its floor in
the same run, interleaved; the ratios judged against the targets.

See bench/README.md. `--quick` for a smoke run; `--headless` adds the old headless profile.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench import headless, report, terminal
from bench.control import Tmux, settle
from bench.corpus import generate
from bench.floors import LIST_MARK, PAINT_MARK
from bench.terminal import FILTER_QUERY, SEARCH_QUERIES, Keys, Variant

#: main when the issue on performance took its figures (bench/RESULTS.md, 2026-12-04): the
#: `check` that must become 2x faster.
CHECK_BASELINE = "160b676"


def _sizes(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The options; --quick replaces the defaults by a smoke run's."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--sizes", default="1,100,1000",
                   help="corpus sizes (copies of the shipped data) for filter and search")
    p.add_argument("--key-sizes", default="1,1000", help="sizes for the cursor key vs floor")
    p.add_argument("--paint-size", type=int, default=1, help="size for first paint")
    p.add_argument("--check-size", type=int, default=1000,
                   help="size for `check` with an empty cache (0: none)")
    p.add_argument("--paint-rounds", type=int, default=12, help="first paints of each variant")
    p.add_argument("--presses", type=int, default=60, help="cursor keys to each app")
    p.add_argument("--filter-rounds", type=int, default=3,
                   help=f"times {FILTER_QUERY!r} is typed and erased")
    p.add_argument("--search-queries", type=int, default=len(SEARCH_QUERIES),
                   help="how many of the search queries to type and erase")
    p.add_argument("--check-rounds", type=int, default=2,
                   help="`check` runs, empty cache (of each version)")
    p.add_argument("--check-baseline", default=CHECK_BASELINE,
                   help="the commit whose `check` the current one is compared with, run "
                   "interleaved in the same run ('' : none; default: where issue 18 was "
                   "measured)")
    p.add_argument("--quiet-ms", type=float, default=150.0,
                   help="a key's output has ended after this long without output")
    p.add_argument("--settle-cpu", action="store_true",
                   help="a key has ended only when the app is also idle (CPU < 30%% of a "
                   "core over 0.1 s): work longer than --quiet-ms with nothing drawn stays "
                   "on its own key")
    p.add_argument("--json", type=Path, help="also write every sample to this file")
    p.add_argument("--quick", action="store_true",
                   help="smoke run: sizes 1,10, 3 rounds, few keys (~2 minutes)")
    p.add_argument("--headless", action="store_true",
                   help="also run the headless profile (bench/headless.py) at --sizes")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.key_sizes, args.check_size = "1,10", "1,10", 10
        args.paint_rounds, args.presses, args.filter_rounds = 3, 10, 1
        args.search_queries, args.check_rounds = 1, 1
    return args


class Run:
    """One benchmark run's folders, corpora and results."""

    def __init__(self, work: Path, args: argparse.Namespace) -> None:
        self.work, self.args = work, args
        self.quiet = args.quiet_ms / 1000
        self.data: dict[int, Path] = {}
        self.out: dict[str, Any] = {}
        #: each row's tmux server (tests give a stand-in)
        self.make_tmux: Callable[[], Tmux] = Tmux

    def env(self, name: str) -> dict[str, str]:
        return terminal.env_for(self.work / "home", self.work / f"cache-{name}")

    def corpus(self, size: int) -> Path:
        if size not in self.data:
            self.data[size] = generate(size, self.work / f"{size}x").data
        return self.data[size]

    def check(self) -> None:
        """`check` with an empty cache at the check size, against the baseline commit's
        `check` on the same corpus, interleaved (A B, B A, …); the last run's cache stays
        for the app. One untimed `check` for every other size fills its cache."""
        size, runs, base_runs = self.args.check_size, [], []
        base = self.baseline() if size else None
        # Both read the same bytes: the baseline's own shipped data, copied `size` times. The
        # current data may hold what the baseline cannot read (the 1000 copies of today's
        # data passed the baseline's 512 MiB limit), and the current code reads the old.
        data = (generate(size, self.work / f"check-{size}x", data=base / "data" /
                         "curated.yaml").data if base else self.corpus(size) if size else None)
        load, t0, failed = [os.getloadavg()[0]], time.perf_counter(), True
        try:  # run_check ends whatever of a check's process tree outlives it
            for r in range(self.args.check_rounds if size else 0):
                order = [("current", runs), ("baseline", base_runs)] if base else [
                    ("current", runs)]
                for name, into in order if r % 2 == 0 else order[::-1]:
                    shutil.rmtree(self.work / f"cache-{size}x", ignore_errors=True)
                    code = base if name == "baseline" and base else terminal.REPO
                    assert data is not None
                    run = terminal.run_check(data, self.env(f"{size}x"), code=code)
                    log(f"check {size}x ({name}), empty cache, round {r + 1}: {run.seconds:.2f}"
                        f" s, exit {run.exit}, tree RSS {run.tree_rss_mb:.0f} MB")
                    into.append(run.__dict__)
            failed = False
        finally:
            if size and self.args.check_rounds:
                load.append(os.getloadavg()[0])
                self.out.setdefault("rows", []).append({
                    "name": f"check {size}x", "load": [round(x, 2) for x in load],
                    "seconds": round(time.perf_counter() - t0, 1), "failed": failed,
                    "left": []})
        if base_runs:  # the current data's cache for the app, not the baseline's data's
            shutil.rmtree(self.work / f"cache-{size}x", ignore_errors=True)
        self.out["check"] = {"size": size, "runs": runs, "baseline_runs": base_runs,
                             "baseline": self.args.check_baseline,
                             "data": "the baseline's shipped data" if base else "current"}
        for s in self.all_sizes():
            if s != size or not runs or base_runs:
                terminal.run_check(self.corpus(s), self.env(f"{s}x"))

    def baseline(self) -> Path | None:
        """The baseline commit's kzt_tui package (with its data and seeds, which the check's
        corpus is made of), exported into the run's folder."""
        rev = self.args.check_baseline
        if not rev:
            return None
        into = self.work / "baseline"
        into.mkdir()
        archive = subprocess.run(["git", "-C", str(terminal.REPO), "archive", rev,
                                  "kzt_tui", "data", "seeds"],
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(into, filter="data")
        terminal.byte_compile(into)  # as the current code is
        return into

    def all_sizes(self) -> list[int]:
        a = self.args
        return sorted({*_sizes(a.sizes), *_sizes(a.key_sizes), a.paint_size})

    @contextlib.contextmanager
    def row(self, name: str) -> Iterator[Tmux]:
        """A measured figure's row (terminal.Row): a tmux server of its own, everything it
        started ended when it ends, failed or not; its load average at start and end kept
        in the JSON's "rows" either way."""
        row = terminal.Row(name, self.make_tmux)
        try:
            with row as tmux:
                yield tmux
        finally:
            self.out.setdefault("rows", []).append(row.record())
            log(f"{name}: load {row.load[0]:.2f} → {row.load[-1]:.2f}"
                + (", FAILED" if row.failed else "")
                + (f", left alive {row.left}" if row.left else ""))

    def first_paint(self) -> None:
        size = self.args.paint_size
        app = terminal.app_argv(self.corpus(size))
        starts: dict[str, list[dict[str, object]]] = {}
        with self.row(f"first paint {size}x") as tmux:  # one program at a time in it
            got = terminal.first_paints(tmux, {
                "floor": Variant(terminal.floor_argv("paint"), self.env("floor"), PAINT_MARK),
                "warm": Variant(app, self.env(f"{size}x"), terminal.APP_MARK),
                "cold": Variant(app, self.env(f"{size}x"), terminal.APP_MARK,
                                cold_cache=self.work / "cache-cold"),
            }, self.args.paint_rounds, starts)
        # per empty-cache sample: whether a worker checked the first view (start report)
        self.out["first_paint"] = {"size": size, **got, "cold_starts": starts.get("cold", [])}
        log("first paint: " + ", ".join(
            f"{k} {sorted(v)[len(v) // 2]:.3f} s"
            + (f" ({terminal.workers_ran(starts[k])})" if k in starts else "")
            for k, v in got.items()))

    def keys(self) -> None:
        """Per key size, a row of its own: kzt-tui at that size and its two floors open,
        the keys interleaved among the three, all three closed before the next size."""
        rows: dict[str, int] = {}
        got = Keys()
        for size in _sizes(self.args.key_sizes):  # --key-sizes '': no cursor keys
            with self.row(f"cursor key {size}x") as tmux:
                app = terminal.open_app(tmux, self.corpus(size), self.env(f"{size}x"))
                count = terminal.agreements_count(tmux.screen(app))
                panes = {f"kzt-tui {size}x": app}
                for floor_name in ("floor", "panes"):  # the target's floor, the secondary one
                    floor, _ = terminal.launch(tmux, terminal.floor_argv(
                        "list" if floor_name == "floor" else "panes", str(count)),
                        self.env("floor"), LIST_MARK)
                    settle(floor.pid)
                    panes[f"{floor_name} {size}x"] = floor
                log(f"cursor key {size}x: {', '.join(panes)} open and idle, nothing else")
                terminal.press_interleaved(tmux, panes, terminal.cursor_keys(
                    self.args.presses, count), self.quiet, got)
            rows[str(size)] = count
        if rows:
            self.out["cursor_key"] = {"rows": rows, **_keys(got)}
            log("cursor key done")

    def typing(self) -> None:
        """Per size, a row of its own: kzt-tui at that size and at 1x (what it is compared
        with; not when 1x is not among --sizes) open, the filter typed interleaved, then the
        search; both closed before the next size."""
        sizes = _sizes(self.args.sizes)
        pairs = [[s] if s == 1 or 1 not in sizes else [1, s] for s in sizes
                 if s != 1 or sizes == [1]]
        filters: dict[str, dict[str, Any]] = {}
        searches: dict[str, dict[str, Any]] = {}
        for pair in pairs:
            size = pair[-1]
            with self.row(f"typing {size}x") as tmux:
                panes = {f"kzt-tui {s}x": terminal.open_app(tmux, self.corpus(s),
                                                            self.env(f"{s}x")) for s in pair}
                log(f"typing {size}x: {', '.join(panes)} open and idle, nothing else")
                for pane in panes.values():
                    terminal.press(tmux, pane, "/", self.quiet)
                    settle(pane.pid)
                got = Keys()
                for _ in range(self.args.filter_rounds):
                    terminal.press_interleaved(tmux, panes, terminal.typing_keys(FILTER_QUERY),
                                               self.quiet, got)
                filters[str(size)] = _keys(got)
                for pane in panes.values():
                    terminal.press(tmux, pane, "Escape", self.quiet)
                    terminal.open_search(tmux, pane, self.quiet)
                got = Keys()
                for query in SEARCH_QUERIES[:self.args.search_queries]:
                    terminal.press_interleaved(tmux, panes, terminal.typing_keys(query),
                                               self.quiet, got)
                searches[str(size)] = _keys(got)
        if pairs:
            self.out["filter"], self.out["search"] = {"rows": filters}, {"rows": searches}
            log("filter and search done")

    def terminal_figures(self) -> None:
        """The rows, one after another: nothing of one row is alive during the next."""
        if self.args.paint_rounds:  # 0: no first paint (keys only)
            self.first_paint()
        self.keys()
        self.typing()


def _keys(got: Keys) -> dict[str, Any]:
    return {"seconds": got.seconds, "first": got.first, "cpu": got.cpu, "silent": got.silent}


def log(text: str) -> None:
    """Progress on stderr, with the time."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print machine, figures and targets."""
    args = parse(argv)
    terminal.SETTLE_CPU = args.settle_cpu
    if shutil.which("tmux") is None:
        print("python -m bench needs tmux", file=sys.stderr)
        return 2
    started, load0 = time.time(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kzt-bench-") as tmp:
        run = Run(Path(tmp), args)
        for size in run.all_sizes() + ([args.check_size] if args.check_size else []):
            run.corpus(size)
        log(f"corpora ready: {sorted(run.data)}")
        terminal.byte_compile()  # as installed: no start compiles its modules from source
        run.check()
        run.terminal_figures()
        run.out["meta"] = {"machine": headless.machine(), "started": started,
                           "seconds": time.time() - started, "load_before": load0,
                           "load_after": os.getloadavg(), "quiet_ms": args.quiet_ms,
                           "settle_cpu": args.settle_cpu,
                           "argv": sys.argv[1:] if argv is None else argv}
        print(report.render(run.out))
        if args.json:
            args.json.write_text(json.dumps(run.out, indent=1, ensure_ascii=False))
    if args.headless:
        headless.main(["--sizes", args.sizes])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
