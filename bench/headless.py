"""`python -m bench.headless` (or `python -m bench --headless`): the secondary, headless
profile of how kzt-tui's costs grow with the corpus; one table, targets judged.

Each figure comes from a fresh process (the parent notes time.time() just before starting
it), with HOME, XDG_* and the cache pointed at a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import large_source
from bench.corpus import REPO, generate

PY = sys.executable


def _env(home: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(cache),
               PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="")
    for name in ("BENCH_PAINT_PROBE", "BENCH_PAINT_T0", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return env


def _run(cmd: list[str], env: dict[str, str], timeout: float | None = None
         ) -> tuple[float, int, float, str]:
    """Wall seconds, exit code, peak RSS (MB) and output of one process (killed after
    `timeout` seconds, if given: a hostile input must not hang the benchmark)."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        pid = 0
        while timeout is not None and time.perf_counter() - t < timeout:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.05)
        if not pid:
            if timeout is not None:
                proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return wall, proc.returncode, usage.ru_maxrss / 1024, text


def first_paint(cmd: list[str], env: dict[str, str], probe: Path,
                timeout: float | None = None) -> dict[str, Any]:
    """Process start → first list painted (headless), through bench/paint_probe.py."""
    env = dict(env, BENCH_PAINT_PROBE=str(probe))
    probe.unlink(missing_ok=True)
    env["BENCH_PAINT_T0"] = repr(time.time())
    wall, code, rss, out = _run(cmd, env, timeout)
    if code != 0 or not probe.exists():
        return {"error": out.strip().splitlines()[-1:] or [f"exit {code}"], "wall_s": wall,
                "rss_mb": round(rss, 1)}
    got: dict[str, Any] = json.loads(probe.read_text())
    got["rss_mb"] = round(rss, 1)
    return got


def _median_paint(runs: list[dict[str, Any]]) -> dict[str, Any]:
    good = [r for r in runs if "first_paint" in r]
    if not good:
        return runs[-1]
    return {"first_paint": statistics.median(r["first_paint"] for r in good),
            "all_loaded": statistics.median(r.get("all_loaded", 0.0) for r in good),
            "runs": [round(r["first_paint"], 3) for r in good],
            "rss_mb": max(r["rss_mb"] for r in good)}


def measure_size(copies: int, work: Path, presses: int, repeat: int) -> dict[str, Any]:
    """Every figure for one corpus size."""
    res: dict[str, Any] = {"copies": copies}
    folder = work / f"{copies}x"
    t = time.perf_counter()
    gen = generate(copies, folder)
    res["generate_s"] = round(time.perf_counter() - t, 2)
    res["documents"], res["records"] = gen.documents, gen.records
    parts = sorted((gen.data.parent / "parts").glob("*.yaml"))
    res["files"] = 1 + len(parts)
    res["yaml_mb"] = round(sum(f.stat().st_size for f in [gen.data, *parts]) / 2**20, 1)
    home, cache = work / "home", work / f"cache-{copies}x"
    env = _env(home, cache)
    data = str(gen.data)
    print(f"  {copies}x: {gen.documents} documents, {gen.records} records, "
          f"{res['yaml_mb']} MB of YAML in {res['files']} files", file=sys.stderr)

    for name in ("check", "check_again"):  # an empty cache, then the one the first wrote
        wall, code, rss, out = _run([PY, "-m", "kzt_tui", "check", "--data", data], env)
        res[name] = {"s": round(wall, 3), "exit": code, "rss_mb": round(rss, 1),
                     "first_line": (out.strip().splitlines() or [""])[0][:300]}
        print(f"    {name} {wall:.2f} s (exit {code})", file=sys.stderr)
        if code != 0:
            res["refused"] = res[name]["first_line"]
            return res
    shutil.rmtree(cache, ignore_errors=True)

    wall, code, rss, out = _run([PY, "-m", "bench.child", "load", data], env)
    res["load"] = json.loads(out.strip().splitlines()[-1]) if code == 0 else {"error": out}
    shutil.rmtree(cache, ignore_errors=True)

    app = [PY, "-m", "bench.paint", "--data", data]
    probe = work / "probe.json"
    colds = []
    for _ in range(repeat if copies < 100 else 1):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(first_paint(app, env, probe))
    res["paint_cold"] = _median_paint(colds)
    res["paint_warm"] = _median_paint([first_paint(app, env, probe) for _ in range(repeat)])
    print(f"    first paint cold {res['paint_cold'].get('first_paint', 0):.2f} s, warm "
          f"{res['paint_warm'].get('first_paint', 0):.2f} s; all loaded cold "
          f"{res['paint_cold'].get('all_loaded', 0):.2f} s, warm "
          f"{res['paint_warm'].get('all_loaded', 0):.2f} s", file=sys.stderr)

    wall, code, rss, out = _run([PY, "-m", "bench.child", "ui", data, str(presses)], env)
    res["ui"] = json.loads(out.strip().splitlines()[-1]) if code == 0 else {"error": out[-2000:]}
    res["ui"]["wall_s"] = round(wall, 1)
    print(f"    ui done in {wall:.1f} s", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    return res


def measure_large_sources(work: Path, repeat: int, timeout: float) -> list[dict[str, Any]]:
    """Each shape of bench/large_source.py: first paint (process start → first screen,
    which shows the top of the large text) and the passage's time, with peak RSS."""
    out: list[dict[str, Any]] = []
    for n, shape in enumerate(large_source.SHAPES):
        folder = work / f"large-{n}"
        data = large_source.write(folder, shape)
        res: dict[str, Any] = {"shape": shape,
                               "source_mb": round((folder / "texts" / "big.txt").stat().st_size
                                                  / 2**20, 1)}
        home, cache = work / "home", work / f"cache-large-{n}"
        env = _env(home, cache)
        probe = work / "probe.json"
        app = [PY, "-m", "bench.paint", "--data", str(data)]
        runs = []
        for _ in range(repeat):
            shutil.rmtree(cache, ignore_errors=True)
            runs.append(first_paint(app, env, probe, timeout))
        res["paint"] = _median_paint(runs)
        wall, code, rss, text = _run([PY, "-m", "bench.child", "source", str(data)], env,
                                     timeout)
        res["passage"] = (json.loads(text.strip().splitlines()[-1]) if code == 0
                          else {"error": text[-2000:]})
        res["passage"]["rss_mb"] = round(rss, 1)
        res["passage"]["wall_s"] = round(wall, 2)
        print(f"  large source, {shape}: first paint "
              f"{res['paint'].get('first_paint', 0):.2f} s, "
              f"{res['paint'].get('rss_mb', 0):.0f} MB; passage "
              f"{res['passage'].get('passage_s', 0):.3f} s after the key", file=sys.stderr)
        shutil.rmtree(folder, ignore_errors=True)
        out.append(res)
    return out


def large_source_table(results: list[dict[str, Any]]) -> str:
    """The Markdown table of the large-source scenario: one column per shape."""
    def get(r: dict[str, Any], *path: str) -> Any:
        for p in path:
            if not isinstance(r, dict) or p not in r:
                return None
            r = r[p]
        return r

    rows = [
        ("source file (MB)", [_f(r["source_mb"], digits=1) for r in results]),
        ("first paint, process start → first screen (s)",
         [_f(get(r, "paint", "first_paint"), digits=3) if get(r, "paint", "first_paint")
          else f"none in {get(r, 'paint', 'wall_s') or 0:.0f} s" for r in results]),
        ("peak RSS to first paint (MB)", [_f(get(r, "paint", "rss_mb"), digits=0)
                                          for r in results]),
        ("load() (s)", [_f(get(r, "passage", "load_s"), digits=3) for r in results]),
        ("2 pressed → passage drawn (s)",
         [_f(get(r, "passage", "passage_s"), digits=3) for r in results]),
        ("passage on screen", [str(get(r, "passage", "passage_drawn")) for r in results]),
        ("peak RSS, load + passage (MB)",
         [_f(get(r, "passage", "rss_mb"), digits=0) for r in results]),
    ]
    lines = ["| large source | " + " | ".join(r["shape"] for r in results) + " |",
             "|---" * (len(results) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows]
    return "\n".join(lines)


def _f(value: Any, unit: str = "", digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}{unit}" if isinstance(value, float | int) else str(value)


def table(results: list[dict[str, Any]], floor: dict[str, Any]) -> str:
    """The Markdown table: one row per figure, one column per size."""
    def get(r: dict[str, Any], *path: str) -> Any:
        for p in path:
            if not isinstance(r, dict) or p not in r:
                return None
            r = r[p]
        return r

    rows: list[tuple[str, list[str]]] = [
        ("documents / records / YAML MB / files",
         [f"{r['documents']:,} / {r['records']:,} / {r['yaml_mb']} / {r.get('files', 1):,}"
          for r in results]),
        ("generate corpus (s)", [_f(r.get("generate_s")) for r in results]),
        ("`kzt-tui check`, empty cache (s)", [_f(get(r, "check", "s")) for r in results]),
        ("`kzt-tui check` again, cache (s)",
         [_f(get(r, "check_again", "s")) for r in results]),
        ("load(), no cache (s)", [_f(get(r, "load", "load_s"), digits=3) for r in results]),
        ("load via cache: miss + store (s)",
         [_f(get(r, "load", "miss_store_s"), digits=3) for r in results]),
        ("load via cache: hit (s)", [_f(get(r, "load", "hit_s"), digits=3) for r in results]),
        ("first paint, cold cache (s)",
         [_f(get(r, "paint_cold", "first_paint"), digits=3) for r in results]),
        ("first paint, warm cache (s)",
         [_f(get(r, "paint_warm", "first_paint"), digits=3) for r in results]),
        ("whole dataset on screen, cold / warm cache (s)",
         [f"{_f(get(r, 'paint_cold', 'all_loaded'), digits=3)} / "
          f"{_f(get(r, 'paint_warm', 'all_loaded'), digits=3)}" for r in results]),
        ("j press, pilot wall time, median / p95 (ms)",
         [f"{_f(get(r, 'ui', 'keypress', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'keypress', 'p95_ms'), digits=1)}" for r in results]),
        ("j press to its last frame, median / p95 (ms)",
         [f"{_f(get(r, 'ui', 'keypress_frame', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'keypress_frame', 'p95_ms'), digits=1)}" for r in results]),
        ("filter keystroke to its last frame, median / p95 (ms)",
         [f"{_f(get(r, 'ui', 'filter_frame', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'filter_frame', 'p95_ms'), digits=1)}" for r in results]),
        ("filter keystroke, pilot wall time, median / p95 (ms)",
         [f"{_f(get(r, 'ui', 'filter', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'filter', 'p95_ms'), digits=1)}" for r in results]),
        ("filter computation alone, median / max (ms)",
         [f"{_f(get(r, 'ui', 'filter_compute', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'filter_compute', 'max_ms'), digits=1)}" for r in results]),
        ("search index build, first `s` (s)",
         [_f(get(r, "ui", "search_build_s"), digits=3) for r in results]),
        ("search query, median / max (ms)",
         [f"{_f(get(r, 'ui', 'search', 'median_ms'), digits=1)} / "
          f"{_f(get(r, 'ui', 'search', 'max_ms'), digits=1)}" for r in results]),
        ("peak RSS: check / check again / cold start / warm start / UI run (MB)",
         [" / ".join(_f(get(r, *k), digits=0) for k in (
             ("check", "rss_mb"), ("check_again", "rss_mb"), ("paint_cold", "rss_mb"),
             ("paint_warm", "rss_mb"), ("ui", "maxrss_mb"))) for r in results]),
    ]
    head = "| | " + " | ".join(f"{r['copies']}x" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for name, cells in rows:
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for r in results:
        if "refused" in r:
            lines.append(f"\n{r['copies']}x refused by `check`: {r['refused']}")
    lines.append(f"\nFloor: a minimal Textual app's first paint: "
                 f"{floor.get('first_paint', 0):.3f} s (median of {floor.get('runs')}).")
    return "\n".join(lines)


def targets(results: list[dict[str, Any]], floor: dict[str, Any]) -> list[str]:
    """Each target of the issue, met or not, with the figures it compares."""
    by = {r["copies"]: r for r in results}
    out: list[str] = []

    def judge(name: str, value: float | None, limit: float | None, how: str) -> None:
        if value is None or limit is None:
            out.append(f"- {name}: not measured ({how})")
            return
        verdict = "met" if value <= limit else "NOT met"
        out.append(f"- {name}: {verdict} — {value:.3f} vs limit {limit:.3f} ({how})")

    def g(copies: int, *path: str) -> float | None:
        r: Any = by.get(copies)
        for p in path:
            if not isinstance(r, dict) or p not in r:
                return None
            r = r[p]
        return float(r) if isinstance(r, int | float) else None

    fp = floor.get("first_paint")
    one_cold, one_warm = g(1, "paint_cold", "first_paint"), g(1, "paint_warm", "first_paint")
    judge("1x first paint (cold) ≤ 1.5 × minimal app", one_cold, fp and 1.5 * fp, "s")
    judge("1x first paint (warm) ≤ 1.5 × minimal app", one_warm, fp and 1.5 * fp, "s")
    kp1 = g(1, "ui", "keypress", "p95_ms")
    kf1 = g(1, "ui", "keypress_frame", "p95_ms")
    if 100 in by:
        judge("100x first paint (warm) ≤ 2 × 1x", g(100, "paint_warm", "first_paint"),
              one_warm and 2 * one_warm, "s")
        judge("100x first paint (cold) ≤ 2 × 1x", g(100, "paint_cold", "first_paint"),
              one_cold and 2 * one_cold, "s")
        judge("100x keypress p95 ≤ 1.5 × 1x (press to last frame)",
              g(100, "ui", "keypress_frame", "p95_ms"), kf1 and 1.5 * kf1, "ms")
        judge("100x keypress p95 ≤ 1.5 × 1x (pilot wall time)",
              g(100, "ui", "keypress", "p95_ms"), kp1 and 1.5 * kp1, "ms")
        judge("100x search < 50 ms (max query)", g(100, "ui", "search", "max_ms"), 50, "ms")
        judge("100x filter < 50 ms (computation alone: FilterIndex + rows, max)",
              g(100, "ui", "filter_compute", "max_ms"), 50, "ms")
        judge("100x filter < 50 ms (keystroke to its last frame, median)",
              g(100, "ui", "filter_frame", "median_ms"), 50, "ms")
        judge("100x filter < 50 ms (keystroke to its last frame, p95)",
              g(100, "ui", "filter_frame", "p95_ms"), 50, "ms")
    if 1000 in by:
        judge("1000x check within a few seconds (≤ 5 s), files unchanged since the last "
              "check", g(1000, "check_again", "s"), 5, "s")
        judge("1000x check within a few seconds (≤ 5 s), empty cache", g(1000, "check", "s"),
              5, "s")
        judge("1000x cold start within a few seconds (≤ 5 s)",
              g(1000, "paint_cold", "first_paint"), 5, "s")
        judge("1000x warm start ≤ 2 × 1x", g(1000, "paint_warm", "first_paint"),
              one_warm and 2 * one_warm, "s")
        judge("1000x keypress p95 ≤ 2 × 1x (press to last frame)",
              g(1000, "ui", "keypress_frame", "p95_ms"), kf1 and 2 * kf1, "ms")
        judge("1000x keypress p95 ≤ 2 × 1x (pilot wall time)",
              g(1000, "ui", "keypress", "p95_ms"), kp1 and 2 * kp1, "ms")
        judge("1000x search < 200 ms (max query)", g(1000, "ui", "search", "max_ms"), 200, "ms")
        rss = [g(1000, *k) for k in (("paint_warm", "rss_mb"), ("ui", "maxrss_mb"))]
        judge("1000x RSS < 1 GB (app, warm, incl. search index)",
              max((x for x in rss if x is not None), default=None), 1024, "MB")
        judge("1000x RSS < 1 GB (app, cold: every file checked from its text)",
              g(1000, "paint_cold", "rss_mb"), 1024, "MB")
    return out


def machine() -> str:
    """CPU, cores, Python, Textual: the machine the figures belong to."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import textual
    import yaml

    return (f"{os.cpu_count()} cores, {model}; {platform.platform()}; Python "
            f"{platform.python_version()}; Textual {textual.__version__}; PyYAML "
            f"{yaml.__version__} (libyaml: {yaml.__with_libyaml__})")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.headless", description=__doc__)
    parser.add_argument("--sizes", default="1,100,1000",
                        help="corpus sizes as copies of the shipped data (default 1,100,1000)")
    parser.add_argument("--presses", type=int, default=200, help="j presses per size")
    parser.add_argument("--repeat", type=int, default=5, help="first-paint runs to take the "
                        "median of")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--large-timeout", type=float, default=120.0,
                        help="seconds before a large-source run is killed (default 120)")
    parser.add_argument("--large-source", action="store_true",
                        help="also time source texts at the size limit (1M lines, 16 MB of "
                        "newlines, one 15 MB line); --sizes '' for only these")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="kzt-bench-") as tmp:
        work = Path(tmp)
        env = _env(work / "home", work / "cache-minimal")
        floor = _median_paint([
            first_paint([PY, "-m", "bench.minimal_app"], env, work / "probe.json")
            for _ in range(max(3, args.repeat))
        ])
        print(f"minimal Textual app: {floor['first_paint']:.3f} s", file=sys.stderr)
        results = [measure_size(n, work, args.presses, args.repeat) for n in sizes]
        large = (measure_large_sources(work, args.repeat, args.large_timeout)
                 if args.large_source else [])
    print(f"\nMachine: {machine()}")
    print(f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))}; "
          f"took {time.time() - started:.0f} s\n")
    if results:
        print(table(results, floor))
        print("\nTargets:")
        print("\n".join(targets(results, floor)))
    if large:
        print(("\n" if results else "") + large_source_table(large))
    if args.json:
        args.json.write_text(json.dumps({"floor": floor, "results": results,
                                         "large_source": large}, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
