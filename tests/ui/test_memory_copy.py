"""What the Keeper compares and saves is a copy of the navigation's pane states, made
without copy.deepcopy (keys6: ~1.7 ms a tick for the nine panes, while keys move): later
changes to the navigation, its facets list included, leave a snapshot as it was taken."""

from __future__ import annotations

import copy
from dataclasses import fields

from kzt_tui.core.table import Facet, Sort
from kzt_tui.navigation import PaneState
from kzt_tui.screens.memory import copy_states, snapshot

from .helpers import pane_open


def test_a_copy_of_the_states_equals_a_deep_copy_and_shares_no_list() -> None:
    states = {"a": PaneState("rail", "r1", 2, 7, Sort("date", True), [Facet("kind", "x")],
                             "title"),
              "b": PaneState()}
    copied = copy_states(states)
    assert copied == copy.deepcopy(states)
    for name, state in states.items():
        assert copied[name] is not state and copied[name].facets is not state.facets
    assert {f.name for f in fields(PaneState)} == {
        "filter", "selected", "cite", "top", "sort", "facets", "column"}  # all immutable
    # but the facets list: a new field that is mutable needs its own copy in copy_states


async def test_a_snapshot_is_not_changed_by_later_moves() -> None:
    async with pane_open(size=(120, 40)) as (_pilot, ex):
        state = ex.nav.state
        state.facets.append(Facet("kind", "treaty"))
        taken = snapshot(ex, "en")
        assert taken.panes == ex.nav.states
        state.facets.append(Facet("kind", "law"))
        state.filter, state.sort, state.cite = "rail", Sort("date"), 3
        pane = ex.nav.pane.name
        assert taken.panes[pane].facets == [Facet("kind", "treaty")]
        assert (taken.panes[pane].filter, taken.panes[pane].sort) == ("", None)
        assert taken.panes != ex.nav.states
