"""Benchmark probe: with KZT_TUI_PAINT_PROBE=FILE, note when the first screen is painted.

bench/ runs the app headless with this set: once `ready()` holds and the screen has been
refreshed after it, the probe writes the seconds since KZT_TUI_PAINT_T0 (a time.time()
stamp the parent took just before starting the process) and the peak RSS to FILE, then
exits the app. Unset, it does nothing.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Callable
from typing import Any

from textual.app import App

ENV, T0_ENV = "KZT_TUI_PAINT_PROBE", "KZT_TUI_PAINT_T0"


def armed() -> bool:
    """True when a benchmark asked for the probe."""
    return bool(os.environ.get(ENV))


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
