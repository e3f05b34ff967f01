"""What bench runs in a fresh process: `load` timings, or UI latencies; JSON on stdout.

    python -m bench.child load DATA    cold load(), then a cache miss+store and a hit
    python -m bench.child ui DATA      j presses, filter-as-you-type, global search
    python -m bench.child source DATA  load, then 2 → the passage drawn (bench/large_source.py)

Both read and write the cache under $XDG_CACHE_HOME, which bench points at a temp folder.
"""

from __future__ import annotations

import asyncio
import gc
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

#: Realistic global searches: Latin, Cyrillic, transliterated, several words, a number.
SEARCHES = ["galkynysh", "Галкыныш", "railway", "транзит", "kazakhstan turkmenistan",
            "туркменистан казахстан", "turkmenbashi port", "555", "ашхабад", "zz-nothing"]
FILTER_QUERY = "turkmen rail"


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def summary(samples: list[float]) -> dict[str, float]:
    """Median and 95th percentile in ms."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": _ms(statistics.median(ordered)), "p95_ms": _ms(p95),
            "max_ms": _ms(ordered[-1]), "n": len(ordered)}


def run_load(data: Path) -> dict[str, Any]:
    """Seconds for a full load, a cache miss (load + store) and a cache hit."""
    from kzt_tui.core.loading import load, load_cached

    t = time.perf_counter()
    load(data)
    cold = time.perf_counter() - t
    gc.collect()
    t = time.perf_counter()
    load_cached(data)
    miss = time.perf_counter() - t
    gc.collect()
    t = time.perf_counter()
    load_cached(data)
    hit = time.perf_counter() - t
    return {"load_s": round(cold, 3), "miss_store_s": round(miss, 3), "hit_s": round(hit, 3)}


async def _settled(app: Any) -> None:
    """Until the screen has been refreshed after everything pressed so far."""
    done = asyncio.get_running_loop().create_future()
    def settle() -> None:
        if not done.done():
            done.set_result(None)

    app.screen.call_after_refresh(settle)
    await done


class _FrameClock:
    """When a key reached the app, and when the app last wrote a frame to the terminal
    (headless: to nowhere).

    `pilot.press` waits for the app to go idle before and after the key, in steps of at
    least 20 ms, so the wall time of a press says more about the pilot than the app; the
    time from the key to the last frame it caused is what a user sees."""

    def __init__(self, app: Any) -> None:
        from textual import events

        self.key_at = self.last = 0.0
        display, post = app._display, app.post_message

        def timed(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            self.last = time.perf_counter()

        def posted(message: Any) -> bool:
            if isinstance(message, events.Key):
                self.key_at = time.perf_counter()
            return bool(post(message))

        app._display, app.post_message = timed, posted

    def start(self) -> float:
        self.key_at = self.last = now = time.perf_counter()
        return now

    @property
    def latency(self) -> float:
        """From the key to the last frame after it."""
        return max(0.0, self.last - self.key_at)


async def run_ui(data: Path, presses: int) -> dict[str, Any]:
    """Keypress and filter latency in the Agreements list; search latency; peak RSS."""
    from kzt_tui.app import create_app
    from kzt_tui.core.loading import load_cached
    from kzt_tui.core.loading.gcpause import gc_paused

    with gc_paused():  # as the CLI builds it
        app = create_app(load_cached(data), data_path=data, remember=False)
        gc.freeze()
    out: dict[str, Any] = {}
    frames = _FrameClock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # Agreements
        await _settled(app)

        async def press(key: str, wall: list[float], frame: list[float]) -> None:
            t = frames.start()
            await pilot.press(key)
            await _settled(app)
            wall.append(time.perf_counter() - t)
            await pilot.pause(0.03)  # frames still due (Textual paints at most 60 a second)
            frame.append(frames.latency)

        wall: list[float] = []
        frame: list[float] = []
        for i in range(presses):
            await press("j" if (i // 50) % 2 == 0 else "k", wall, frame)  # down, back up
        out["keypress"], out["keypress_frame"] = summary(wall), summary(frame)
        await pilot.press("slash")
        await _settled(app)
        wall, frame = [], []
        for _ in range(2):
            for ch in FILTER_QUERY:
                await press("space" if ch == " " else ch, wall, frame)
            for _ in FILTER_QUERY:
                await press("backspace", wall, frame)
        out["filter"], out["filter_frame"] = summary(wall), summary(frame)
        out["filter_rows"] = len(app.explorer.fact_list.rows)
        t = time.perf_counter()
        index = app.session.build_search_index()
        out["search_build_s"] = round(time.perf_counter() - t, 3)
    from kzt_tui.core.describe import row_text
    from kzt_tui.panes import PANE_BY_NAME, pane_records

    records = pane_records(app.session.corpus, PANE_BY_NAME["agreements"])
    times = []
    for _ in range(3):  # what one keystroke computes: the matching records and their rows
        for end in range(1, len(FILTER_QUERY) + 1):
            t = time.perf_counter()
            [row_text(r) for r in app.session.filter_index.filter(records, FILTER_QUERY[:end])]
            times.append(time.perf_counter() - t)
    out["filter_compute"] = summary(times)
    from bench.tables import measure_tables

    out.update(measure_tables(app.session.corpus, app.session.filter_index))
    out["agreements"] = len(records)
    times = []
    hits = {}
    for _ in range(3):
        for query in SEARCHES:
            t = time.perf_counter()
            hits[query] = len(index.search(query))
            times.append(time.perf_counter() - t)
    out["search"] = summary(times)
    out["search_hits"] = hits
    out["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


async def run_source(data: Path) -> dict[str, Any]:
    """Seconds to load `data`, and from pressing 2 (Agreements: the first one's passage)
    to the frame that draws its passage in the source view."""
    from kzt_tui.app import create_app
    from kzt_tui.core.loading import load
    from kzt_tui.widgets.source_view import SourceText

    out: dict[str, Any] = {}
    t = time.perf_counter()
    dataset = load(data)
    out["load_s"] = round(time.perf_counter() - t, 3)
    app = create_app(dataset, data_path=data, remember=False)
    frames = _FrameClock(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app)
        t = frames.start()
        await pilot.press("2")
        await _settled(app)
        view = app.screen.query_one(SourceText)
        drawn = [view.render_line(y).text for y in range(view.size.height)]
        out["passage_s"] = round(frames.last - t, 3)
        out["passage_drawn"] = any("555,7" in line for line in drawn)
        out["rows"] = view.virtual_size.height
    return out


def main(argv: list[str]) -> int:
    """Entry point: `load DATA`, `ui DATA [PRESSES]` or `source DATA`."""
    what, data = argv[0], Path(argv[1])
    if what == "load":
        result = run_load(data)
    elif what == "source":
        result = asyncio.run(run_source(data))
    else:
        result = asyncio.run(run_ui(data, int(argv[2]) if len(argv) > 2 else 300))
    result["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
