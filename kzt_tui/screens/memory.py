"""The explorer's place between runs: what is saved of it, how it is put back, and the
saving itself, shortly after anything changes (not only on quit: a closed terminal or a
killed app keeps it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from textual.css.query import NoMatches

from kzt_tui.navigation import DEFAULT_PANE
from kzt_tui.panes import PANE_BY_NAME
from kzt_tui.system.state import SavedState, save_state

if TYPE_CHECKING:
    from textual.app import App

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.navigation import Navigation, PaneState
    from kzt_tui.widgets.fact_list import FactList


class ExplorerScreen(Protocol):
    """What this module needs of the explorer (which imports it)."""

    nav: Navigation

    @property
    def fact_list(self) -> FactList: ...
    @property
    def corpus(self) -> Corpus: ...
    @property
    def is_mounted(self) -> bool: ...
    def show_pane(self, name: str, select: str | None = None) -> None: ...
    def show_record(self, record_id: str | None, cite: int | None = None) -> None: ...
    def call_after_refresh(self, callback: Callable[[], object]) -> bool: ...

#: How often the place is compared with the one last saved; it is written once it has
#: stayed the same for one such tick (so a burst of keys is one write, within ~1 s).
SAVE_TICK = 0.5


def snapshot(explorer: ExplorerScreen, lang: str) -> SavedState:
    """Where the user is now, as it would be saved (a copy: later moves do not change it)."""
    nav = explorer.nav
    if explorer.fact_list.size.height:  # laid out: the list's scroll place is real
        nav.state.top = int(explorer.fact_list.scroll_offset.y)
    sel = nav.selection
    return SavedState(nav.pane.name, sel.record.id if sel.record else None, sel.index, lang,
                      panes=copy_states(nav.states), searches=list(nav.searches.queries))


def copy_states(states: dict[str, PaneState]) -> dict[str, PaneState]:
    """A copy of `states` that later changes to them leave as it is: a new PaneState each,
    with its own list of facets (a Sort and a Facet are frozen). `copy.deepcopy` did the same
    through its memo and reduce protocol, on every tick of the Keeper while keys move
    (py-spy: ~4 % of the main thread's work in a run of list keys; issue 18, keys6)."""
    return {name: replace(state, facets=list(state.facets)) for name, state in states.items()}


def note_top(explorer: ExplorerScreen) -> None:
    """Let the pane shown remember its scroll place (before another is shown)."""
    if explorer.fact_list.size.height:
        explorer.nav.state.top = int(explorer.fact_list.scroll_offset.y)


def scroll_back(explorer: ExplorerScreen) -> None:
    """Once laid out, scroll the list back to where its pane was, if the cursor stays in
    view there."""
    top = explorer.nav.state.top

    def scroll() -> None:
        try:
            flist = explorer.fact_list
        except NoMatches:  # closed meanwhile
            return
        if top and top <= flist.cursor < top + flist.size.height:
            flist.scroll_to(y=top, animate=False, immediate=True)

    explorer.call_after_refresh(scroll)


def restore(explorer: ExplorerScreen, start: SavedState) -> None:
    """Go back to where the last session ended, as far as that place still exists."""
    corpus = explorer.corpus
    states = copy_states(start.panes)  # the navigation's own: `start` stays as saved
    for state in states.values():
        if state.selected is not None and corpus.get(state.selected) is None:
            state.selected = None
    explorer.nav.restore(states, start.searches)
    pane = start.pane if start.pane in PANE_BY_NAME else DEFAULT_PANE
    record = start.record if start.record and corpus.get(start.record) else None
    if record is not None:  # the list's cursor shows it at the saved passage: built once
        explorer.nav.states[pane].cite = start.cite
    explorer.show_pane(pane, select=record)
    shown = explorer.nav.selection.record
    if record is not None and (shown is None or shown.id != record):
        explorer.show_record(record, start.cite)


class Keeper:
    """Saves the explorer's place SAVE_TICK after it stops changing."""

    def __init__(self, app: App[None], explorer: ExplorerScreen, lang: Callable[[], str],
                 saved: SavedState) -> None:
        """`lang`: the labels' language now; `saved`: the state as the file holds it."""
        self.explorer = explorer
        self.lang = lang
        self.saved = saved
        self._seen: SavedState | None = None
        app.set_interval(SAVE_TICK, self.tick)

    def tick(self) -> None:
        """Save the place if it changed and has stayed so since the last tick."""
        if not self.explorer.is_mounted:
            return
        try:
            now = snapshot(self.explorer, self.lang())
        except NoMatches:  # the app is closing: its widgets are being removed
            return
        if now != self.saved and now == self._seen and self.save(now) is not None:
            self.saved = now  # unwritable (a read-only home): not tried again every tick
        self._seen = now

    def save(self, state: SavedState | None = None) -> str | None:
        """Write `state` (or the place now); a problem in words, or None."""
        if state is None:
            try:
                state = snapshot(self.explorer, self.lang())
            except NoMatches:  # closing already: what was saved last stays
                return None
        problem = save_state(state)
        if problem is None:
            self.saved = state
        return problem
