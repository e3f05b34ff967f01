"""The explorer's idle work: a pane's filter texts made ahead, a few ms at a time."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.model import Record

#: Filter texts are made ahead in steps of this many seconds, once the app has been idle
#: for FOLD_AFTER after showing a pane; keys are read between the steps.
FOLD_STEP = 0.004
FOLD_AFTER = 0.25


class FoldAhead:
    """Prepares the filter texts of the records shown while the app is idle, so the filter's
    first keystroke need not make them all (~0.1 s at 100x, ~1 s at 1000x)."""

    def __init__(self, owner: MessagePump, current: Callable[[], FilterIndex]) -> None:
        self._owner = owner  # whose timers run the steps (they stop when it closes)
        self._current = current  # the filter index of the data shown now
        self._timer: Timer | None = None

    def start(self, records: tuple[Record, ...]) -> None:
        """Begin (again) with `records`, after FOLD_AFTER of idleness."""
        if self._timer is not None:
            self._timer.stop()
        index = self._current()
        self._timer = self._owner.set_timer(FOLD_AFTER, lambda: self._step(index, records, 0))

    def _step(self, index: FilterIndex, records: tuple[Record, ...], start: int) -> None:
        if index is not self._current():
            return  # the data was reloaded: its pane starts again
        until = time.perf_counter() + FOLD_STEP
        n = start
        while n < len(records) and time.perf_counter() < until:
            index.prepare(records[n:n + 32])
            n += 32
        if n < len(records):
            self._timer = self._owner.set_timer(0.001, lambda: self._step(index, records, n))
        else:
            self._timer = None
