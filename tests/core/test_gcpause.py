"""core/loading/gcpause.gc_paused: the collector is off inside the block and as it was after
(on if it was on, off if it was off), also when the block raises."""

from __future__ import annotations

import gc

import pytest

from kzt_tui.core.loading.gcpause import gc_paused


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(KeyError), gc_paused():
            raise KeyError("x")
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


def test_a_collector_that_was_off_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()
