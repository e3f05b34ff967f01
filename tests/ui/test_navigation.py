"""Navigation, the explorer's model of where the user is, without a terminal."""

from __future__ import annotations

import pytest

from kzt_tui.core.loading import load
from kzt_tui.navigation import DEFAULT_PANE, HISTORY_LIMIT, Navigation, Place
from kzt_tui.session import Session

from .helpers import UI_DATA


@pytest.fixture(scope="module")
def session() -> Session:
    return Session(load(UI_DATA))


def test_it_starts_on_the_default_pane_with_nothing_selected() -> None:
    nav = Navigation()
    assert nav.pane.name == DEFAULT_PANE
    assert nav.selection.record is None and nav.selection.citation is None
    assert nav.here() == Place(DEFAULT_PANE, None, 0)
    assert nav.pop() is None


def test_each_pane_remembers_its_own_filter_and_selection() -> None:
    nav = Navigation()
    nav.switch("agreements", select="agr-plan").filter = "plan"
    nav.switch("documents", select="doc-two")
    assert (nav.state.selected, nav.state.filter) == ("doc-two", "")
    state = nav.switch("agreements")
    assert (state.selected, state.filter) == ("agr-plan", "plan")


def test_select_clamps_the_passage_and_remembers_it(session: Session) -> None:
    nav = Navigation()
    bridge = session.corpus.get("agr-bridge")
    sel = nav.select(session.corpus, bridge, 9)
    assert sel.record is bridge and len(sel.cites) == 2 and sel.index == 1
    nav.note_cite()
    nav.select(session.corpus, session.corpus.get("agr-plan"))
    assert nav.selection.index == 0  # another record: its first passage
    nav.select(session.corpus, bridge)
    assert nav.selection.index == 0  # the pane's selection moved on, so did its passage
    nav.select(session.corpus, bridge, 1)
    nav.note_cite()
    assert nav.select(session.corpus, bridge).index == 1  # the same record: as it was


def test_set_cite_clamps_and_needs_passages(session: Session) -> None:
    nav = Navigation()
    assert not nav.set_cite(1)
    nav.select(session.corpus, session.corpus.get("doc-one"))
    assert nav.set_cite(99) and nav.selection.index == 5
    assert nav.set_cite(-3) and nav.selection.index == 0
    nav.select(session.corpus, None)
    assert nav.selection.record is None and not nav.set_cite(0)


def test_target_opens_a_record_in_its_home_pane_at_a_passage(session: Session) -> None:
    nav = Navigation()
    pane = nav.target(session.corpus.get("doc-two"), 3)
    assert pane == "documents"
    assert (nav.states[pane].selected, nav.states[pane].cite) == ("doc-two", 3)
    assert nav.pane.name == DEFAULT_PANE  # not switched yet: the screen does that
    assert nav.target(session.corpus.get("evt-talks")) == "timeline"


def test_history_goes_back_without_repeats_and_is_bounded(session: Session) -> None:
    nav = Navigation()
    nav.select(session.corpus, session.corpus.get("agr-bridge"), 1)
    nav.push()
    nav.push()  # the same place twice is remembered once
    nav.switch("documents")
    nav.select(session.corpus, session.corpus.get("doc-one"))
    nav.push()
    assert nav.pop() == Place("documents", "doc-one", 0)
    assert nav.pop() == Place("agreements", "agr-bridge", 1)
    assert nav.pop() is None
    for n in range(HISTORY_LIMIT + 50):
        nav.selection.index = n
        nav.push()
    assert len(nav.history) == HISTORY_LIMIT
    assert nav.history[0].cite == 50
