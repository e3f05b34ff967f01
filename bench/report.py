"""The Markdown report of a run of `python -m bench`: figures, ratios, targets."""

from __future__ import annotations

import re
import time
from typing import Any

from bench.stats import Summary, ratio, summarize, verdict

#: `kzt-tui check`, 1000x, empty cache, from bench/RESULTS.md of 2026-12-02 (headless
#: harness, one run; RSS of the main process only): what the 1000x check is compared with.
CHECK_BASELINE_S = 23.53
CHECK_BASELINE_RSS_MB = 443.0
#: A row that ran above this 1-minute load average (the machine has 2 cores) is not a verdict.
LOADED = 2.0


def _ms(s: Summary) -> str:
    return f"{s.median * 1000:.1f} / {s.p95 * 1000:.1f} / {s.low * 1000:.1f}–{s.high * 1000:.1f}"


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _size(name: str) -> int:
    found = re.search(r"(\d+)x$", name)
    return int(found.group(1)) if found else 0


def _sums(samples: dict[str, list[float]]) -> dict[str, Summary]:
    return {k: summarize(v) for k, v in samples.items() if v}


def render(out: dict[str, Any]) -> str:
    """Machine, figures (median / p95 / min–max) with their ratios, then the targets."""
    meta = out["meta"]
    lines = [f"Machine: {meta['machine']}",
             f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(meta['started']))}; "
             f"took {meta['seconds']:.0f} s; load average before "
             f"{meta['load_before'][0]:.2f}, after {meta['load_after'][0]:.2f} (1 min); a key's "
             f"output has ended after {meta['quiet_ms']:.0f} ms without output"
             + (" and the app idle" if meta.get("settle_cpu") else ""), ""]
    targets: list[tuple[str, str, str]] = []

    loads = {r["name"]: max(r["load"]) for r in out.get("rows", [])}

    def target(name: str, value: float | None, limit: float, shown: str, row: str) -> None:
        judged = verdict(value, limit)
        if loads.get(row, 0.0) > LOADED:
            judged += f" — but its row ran at load {loads[row]:.1f} > {LOADED:g}: no verdict"
        targets.append((name, judged, shown))

    lines += ["| figure | median / p95 / min–max | ratio median | ratio p95 | n |",
              "|---|---|---|---|---|"]
    fp = out.get("first_paint")
    if fp:
        s = _sums({k: fp[k] for k in ("floor", "warm", "cold")})
        for name, label in (("floor", "floor: one Static"), ("warm", "kzt-tui, warm cache"),
                            ("cold", "kzt-tui, empty cache")):
            rm = ratio(s[name].median, s["floor"].median)
            rp = ratio(s[name].p95, s["floor"].p95)
            lines.append(f"| first paint {fp['size']}x (ms), {label} | {_ms(s[name])} | "
                         f"{_x(rm)} | {_x(rp)} | {s[name].n} |")
            if name != "floor":
                limit = 1.3 if name == "warm" else 1.5
                target(f"first paint {label} ≤ {limit}× floor (median)", rm, limit,
                       f"{_x(rm)} (p95 {_x(rp)})", f"first paint {fp['size']}x")
    ck = out.get("cursor_key")
    if ck:
        s = _sums(ck["seconds"])
        order = ("kzt-tui", "floor", "panes")
        for name in sorted(s, key=lambda n: (_size(n), order.index(n.split()[0]))):
            floor = s.get(f"floor {_size(name)}x")
            rm = ratio(s[name].median, floor.median if floor else None)
            rp = ratio(s[name].p95, floor.p95 if floor else None)
            rows = ck["rows"].get(str(_size(name)), "?")
            lines.append(f"| cursor key j/k, {name}, {rows} rows (ms) | {_ms(s[name])} | "
                         f"{_x(rm)} | {_x(rp)} | {s[name].n} |")
            same = s.get(f"panes {_size(name)}x")
            if name.startswith("kzt-tui") and same:  # secondary: the same redraw, plain Textual
                lines.append(f"| cursor key, {name} / panes floor (secondary, no target) | | "
                             f"{_x(ratio(s[name].median, same.median))} | "
                             f"{_x(ratio(s[name].p95, same.p95))} | {s[name].n} |")
            cpu = {k: v / max(1, s[k].n) for k, v in ck.get("cpu", {}).items() if k in s}
            if name in cpu:
                fc = cpu.get(f"floor {_size(name)}x")
                lines.append(f"| CPU per cursor key, {name} (ms; 10 ms ticks summed) | "
                             f"{cpu[name] * 1000:.1f} | {_x(ratio(cpu[name], fc))} | | "
                             f"{s[name].n} |")
            if name.startswith("kzt-tui"):
                row = f"cursor key {_size(name)}x"
                target(f"cursor key at {_size(name)}x: median ≤ 1.3× floor", rm, 1.3,
                       f"{_x(rm)}", row)
                target(f"cursor key at {_size(name)}x: p95 ≤ 1.5× floor", rp, 1.5, f"{_x(rp)}",
                       row)
    for what, label in (("filter", "filter keystroke"), ("search", "search keystroke")):
        got_rows = out.get(what, {})
        # one row per size, with 1x beside it (older runs: all sizes in one flat row)
        for size_row, got in (got_rows["rows"].items() if "rows" in got_rows
                              else [("", got_rows)] if got_rows else []):
            s = _sums(got["seconds"])
            one = s.get("kzt-tui 1x")
            beside = f" (beside {size_row}x)" if size_row and size_row != "1" else ""
            for name in sorted(s, key=_size):
                rm = ratio(s[name].median, one.median if one else None)
                rp = ratio(s[name].p95, one.p95 if one else None)
                shown = name + (beside if _size(name) == 1 else "")
                lines.append(f"| {label}, {shown} (ms; ratio to 1x) | {_ms(s[name])} | "
                             f"{_x(rm)} | {_x(rp)} | {s[name].n} |")
                if name in got.get("cpu", {}):
                    cpu = got["cpu"][name] / s[name].n
                    cpu1 = got["cpu"].get("kzt-tui 1x", 0.0) / one.n if one else None
                    lines.append(f"| CPU per {label}, {shown} (ms; 10 ms ticks summed) | "
                                 f"{cpu * 1000:.1f} | {_x(ratio(cpu, cpu1))} | | {s[name].n} |")
                if what == "filter" and _size(name) == 100:
                    target("filter keystroke p95 < 50 ms at 100x", s[name].p95 * 1000, 50,
                           f"{s[name].p95 * 1000:.1f} ms", "typing 100x")
                if what == "search" and _size(name) == 1000:
                    target("search keystroke < 100 ms at 1000x (p95)", s[name].p95 * 1000, 100,
                           f"{s[name].p95 * 1000:.1f} ms (median {s[name].median * 1000:.1f})",
                           "typing 1000x")
            for name, n in got.get("silent", {}).items():
                lines.append(f"\n{label}: {n} key(s) to {name}{beside} caused no output at all")
    ch = out.get("check")
    if ch and ch["runs"]:
        secs = summarize([r["seconds"] for r in ch["runs"]])
        tree = summarize([r["tree_rss_mb"] for r in ch["runs"]])
        largest = max(r["largest_rss_mb"] for r in ch["runs"])
        base_runs = ch.get("baseline_runs") or []
        if base_runs:  # the baseline commit, interleaved in this run
            base = summarize([r["seconds"] for r in base_runs])
            speedup = ratio(base.median, secs.median)
            lines.append(f"| `check` {ch['size']}x, empty cache, baseline {ch['baseline']} (s)"
                         f" | {base.median:.2f} / {base.p95:.2f} / {base.low:.2f}–"
                         f"{base.high:.2f} | | | {base.n} |")
            compared = f"{_x(speedup)} faster than {ch['baseline']} in this run"
        else:
            speedup = ratio(CHECK_BASELINE_S, secs.median)
            compared = f"{_x(speedup)} faster than the baseline {CHECK_BASELINE_S} s"
        lines.append(f"| `check` {ch['size']}x, empty cache (s) | {secs.median:.2f} / "
                     f"{secs.p95:.2f} / {secs.low:.2f}–{secs.high:.2f} | {compared} | | "
                     f"{secs.n} |")
        lines.append(f"| `check` {ch['size']}x peak RSS, process tree (MB) | "
                     f"{tree.median:.0f} / {tree.p95:.0f} / {tree.low:.0f}–{tree.high:.0f} | "
                     f"largest one process {largest:.0f} | | {tree.n} |")
        if ch["size"] == 1000 and speedup is not None:
            exits = [r["exit"] for r in ch["runs"] + base_runs]
            judged = "met" if speedup >= 2.0 else "NOT met"
            if loads.get("check 1000x", 0.0) > LOADED:
                judged += (f" — but its row ran at load {loads['check 1000x']:.1f} > "
                           f"{LOADED:g} (its own workers count): no verdict")
            targets.append(("`check` 1000x, empty cache, at least 2x faster (medians)",
                            judged, f"{compared}; exit codes {exits}"))
    rows = out.get("rows", [])
    if rows:
        lines += ["", "| row (run alone: nothing else of the bench alive) | load average, 1 min,"
                  " start → end | seconds | |", "|---|---|---|---|"]
        for r in rows:
            note = (f"**ran above a load of {LOADED:g}: its figures are not a verdict**"
                    if max(r["load"]) > LOADED else "")
            if r.get("failed"):
                note = "**failed** " + note
            if r.get("left"):
                note += f" processes left alive: {r['left']}"
            lines.append(f"| {r['name']} | {r['load'][0]:.2f} → {r['load'][-1]:.2f} | "
                         f"{r['seconds']:.0f} | {note.strip()} |")
        loaded = [r["name"] for r in rows if max(r["load"]) > LOADED]
        if loaded:
            lines += ["", f"**Loaded machine**: {', '.join(loaded)} ran above a load average of"
                      f" {LOADED:g} (2 cores): other work shared the CPU with what was measured;"
                      " read those rows' figures and verdicts as noise, not as a verdict."]
    lines += ["", "| target | verdict | figure |", "|---|---|---|"]
    lines += [f"| {name} | {v} | {shown} |" for name, v, shown in targets]
    return "\n".join(lines)
