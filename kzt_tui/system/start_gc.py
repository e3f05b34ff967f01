"""The cyclic garbage collector during the program's start: paused from the first import to
the explorer's first frame (or to the command's run), then on again.

Importing the modules and building the first screen make many objects that all live as long
as the program; the collections that rescanned them were ~40 ms of a start (issue 18). Only
the program's entry (kzt_tui/__main__.py) pauses it: an app built in tests collects as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from kzt_tui.system import idle_gc

_paused = False


def pause() -> None:
    """Pause the collector until resume()."""
    global _paused
    _paused = True
    gc.disable()


def resume(every: Callable[[float, Callable[[], object]], object] | None = None) -> None:
    """If pause() paused the collector: freeze what the start built (it is never garbage,
    so no collection rescans it again) and turn the collector on; with `every` (a timer
    setter, the explorer's set_interval), hold its full collections for the pauses between
    keys (idle_gc)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
        if every is not None:
            idle_gc.hold()
            every(idle_gc.TICK, idle_gc.tick)
