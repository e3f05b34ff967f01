"""Benchmark probe: note when an app's first screen is painted, then close it.

bench/ starts `python -m bench.paint` (kzt-tui) or `python -m bench.minimal_app` (the floor)
with BENCH_PAINT_PROBE=FILE and BENCH_PAINT_T0 (a time.time() stamp the parent took just
before starting the process). `run` runs the app headless; once `ready()` holds and the
screen has been refreshed after it, the probe writes the seconds since the stamp and the
peak RSS to FILE, then exits the app. The product knows nothing of it: the probe comes in
through Textual's auto_pilot hook.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot

ENV, T0_ENV = "BENCH_PAINT_PROBE", "BENCH_PAINT_T0"


def install(app: App[Any], ready: Callable[[], bool], loaded: Callable[[], bool]) -> None:
    """Note the first refresh that follows `ready()` becoming true (first paint), then the
    first after `loaded()` does (the whole dataset on screen); report both and exit."""
    t0 = float(os.environ.get(T0_ENV) or time.time())
    report: dict[str, float] = {}

    def painted(name: str) -> None:
        report[name] = time.time() - t0
        if name == "first_paint":
            app.call_after_refresh(check)
            return
        report["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with open(os.environ[ENV], "w", encoding="utf-8") as out:
            json.dump(report, out)
        app.exit()

    def check() -> None:
        if "first_paint" not in report and ready():
            app.call_after_refresh(painted, "first_paint")
        elif "first_paint" in report and loaded():
            app.call_after_refresh(painted, "all_loaded")
        else:
            app.set_timer(0.005, check)  # not call_after_refresh: an idle app never refreshes

    app.call_after_refresh(check)


def run(app: App[Any], ready: Callable[[], bool], loaded: Callable[[], bool]) -> None:
    """Run `app` headless with the probe installed as soon as the app is running."""

    async def autopilot(_pilot: Pilot[Any]) -> None:
        install(app, ready, loaded)

    app.run(headless=True, auto_pilot=autopilot)
