"""Full collections held for the pauses between keys (system/idle_gc.py): held only for the
explorer started through the entry point, run by tick() after QUIET seconds without a key
or once MAX_HELD are due. Each case runs in a fresh interpreter: holding them would change
the test process's own collector."""

from __future__ import annotations

from pathlib import Path

from .test_start_gc import _run


def test_resume_with_a_timer_holds_full_collections_and_ticks_every_half_second(
        tmp_path: Path) -> None:
    assert _run("""
import gc
from kzt_tui.system import idle_gc, start_gc
young, middle, full = gc.get_threshold()
timers = []
start_gc.pause()
start_gc.resume(lambda every, call: timers.append((every, call)))
print(gc.get_threshold() == (young, middle, 1 << 30), timers == [(0.5, idle_gc.tick)])
idle_gc.release()
print(gc.get_threshold() == (young, middle, full))
""", tmp_path) == ["True", "True", "True"]


def test_resume_without_a_pause_holds_nothing_and_sets_no_timer(tmp_path: Path) -> None:
    assert _run("""
import gc
from kzt_tui.system import idle_gc, start_gc
before = gc.get_threshold()
timers = []
start_gc.resume(lambda every, call: timers.append(every))
print(gc.get_threshold() == before, timers, idle_gc.tick(1e9))
""", tmp_path) == ["True", "[]", "False"]


def test_a_held_collection_runs_after_two_quiet_seconds_once_one_is_due(
        tmp_path: Path) -> None:
    # gc.collect(1) counts one more middle collection towards a full one, as the collector does
    assert _run("""
import gc
from kzt_tui.system import idle_gc
gc.set_threshold(700, 10, 10)
idle_gc.hold()
for _ in range(10):
    gc.collect(1)
idle_gc.note_key(100.0)
print(gc.get_count()[2], idle_gc.tick(200.0))   # 10 are not more than 10: not due yet
gc.collect(1)
print(idle_gc.tick(101.99), gc.get_count()[2])  # due, but a key came 1.99 s ago
print(idle_gc.tick(102.0), gc.get_count()[2])   # 2 s without a key: it runs
print(idle_gc.tick(500.0))                      # nothing due any more
idle_gc.release()
print(gc.get_threshold())
""", tmp_path) == ["10", "False", "False", "11", "True", "0", "False", "(700,", "10,", "10)"]


def test_keys_that_never_pause_still_get_a_full_collection_at_max_held(tmp_path: Path) -> None:
    assert _run("""
import gc
from kzt_tui.system import idle_gc
idle_gc.hold()
for _ in range(idle_gc.MAX_HELD - 1):
    gc.collect(1)
idle_gc.note_key(100.0)
print(idle_gc.MAX_HELD, idle_gc.tick(100.0))
gc.collect(1)
print(idle_gc.tick(100.0), gc.get_count()[2])
""", tmp_path) == ["1000", "False", "True", "0"]
