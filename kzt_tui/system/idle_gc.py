"""The collector's full collections held back while keys come, and run in a pause (issue 18).

Every line the views keep as drawn (a Strip holds a list and five caches of its own) is an
object the cyclic collector tracks: once the line caches had filled, a full collection
scanned ~200,000 of them and took 100-400 ms, and fell on whichever key happened to
allocate the object that set it off (a gc callback during `bench.profile_key 1 100`: three
such keys in a hundred, and gen2 growing with every record shown). The explorer started
from the command line holds them (`hold`: the third threshold out of reach) and runs the
one that is due once no key has come for QUIET seconds (`tick`, from a timer), or at once
when MAX_HELD are due, so that memory stays bounded while keys never pause. The young
generations are collected as before. An app built in tests collects as usual.
"""

from __future__ import annotations

import gc
import time

#: Seconds without a key after which a held full collection runs.
QUIET = 2.0
#: How often the explorer's timer calls tick().
TICK = 0.5
#: Collections of the middle generation after which a full one runs even while keys come
#: (the collector's own default runs one after 10).
MAX_HELD = 1000
_OUT_OF_REACH = 1 << 30

_due: int | None = None  # the third threshold as it was, while held
_last_key = 0.0


def hold() -> None:
    """From now on, full collections run only from tick()."""
    global _due
    if _due is None:
        young, middle, _due = gc.get_threshold()
        gc.set_threshold(young, middle, _OUT_OF_REACH)


def release() -> None:
    """Full collections run as the collector decides again."""
    global _due
    if _due is not None:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _due)
        _due = None


def note_key(now: float | None = None) -> None:
    """A key came (at `now`, time.monotonic())."""
    global _last_key
    _last_key = time.monotonic() if now is None else now


def quiet_for(now: float | None = None) -> float:
    """Seconds from the last key to `now` (time.monotonic())."""
    return (time.monotonic() if now is None else now) - _last_key


def tick(now: float | None = None) -> bool:
    """While held: run the full collection that is due if no key came for QUIET seconds, or
    if MAX_HELD are due; True if it ran."""
    if _due is None:
        return False
    held = gc.get_count()[2]
    if held >= MAX_HELD or (held > _due and quiet_for(now) >= QUIET):
        gc.collect()
        return True
    return False
