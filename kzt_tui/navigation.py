"""Where the user is: the pane shown, what each pane remembers, the selection, the way back.

Textual-free (tests/ui/test_navigation.py runs it without a terminal): the explorer keeps one
Navigation and draws what it says; every pane and every jump goes through the same methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import citations_for
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import Citation, Record
from kzt_tui.core.table import Facet, Sort
from kzt_tui.panes import PANE_BY_NAME, PANES, Pane, home_pane

#: How many places `back` can return to.
HISTORY_LIMIT = 200
#: The pane shown when no other is asked for (or the remembered one no longer exists).
DEFAULT_PANE = "agreements"
#: How many search queries are remembered, and how long one may be.
SEARCH_HISTORY_LIMIT = 50
QUERY_LIMIT = 200


@dataclass
class SearchHistory:
    """The queries searched for, oldest first, each once."""

    queries: list[str] = field(default_factory=list)

    @property
    def last(self) -> str:
        """The latest query, or ""."""
        return self.queries[-1] if self.queries else ""

    def add(self, query: str) -> None:
        """Remember `query` as the latest (an earlier copy of it is dropped); a blank one
        is not remembered, a long one is cut."""
        query = query.strip()[:QUERY_LIMIT]
        if not query:
            return
        if query in self.queries:
            self.queries.remove(query)
        self.queries.append(query)
        del self.queries[:-SEARCH_HISTORY_LIMIT]


@dataclass
class PaneState:
    """What a pane remembers while another one is shown."""

    filter: str = ""
    selected: str | None = None
    cite: int = 0
    #: The list's first row on screen (its scroll place).
    top: int = 0
    #: The list's order (None: the pane's own) and its chosen facets, in the order chosen.
    sort: Sort | None = None
    facets: list[Facet] = field(default_factory=list)
    #: The column the column cursor is on (None: the first).
    column: str | None = None


@dataclass(frozen=True)
class Place:
    """A spot to go back to."""

    pane: str
    record: str | None
    cite: int


@dataclass
class Selection:
    """The record on screen and its passages."""

    record: Record | None = None
    cites: list[Citation] = field(default_factory=list)
    index: int = 0

    @property
    def citation(self) -> Citation | None:
        """The current passage."""
        return self.cites[self.index] if 0 <= self.index < len(self.cites) else None


class Navigation:
    """The pane shown, each pane's state, the selection and the history of jumps."""

    def __init__(self) -> None:
        self.pane: Pane = PANE_BY_NAME[DEFAULT_PANE]
        self.states = {p.name: PaneState() for p in PANES}
        self.selection = Selection()
        self.history: list[Place] = []
        self.searches = SearchHistory()

    def restore(self, states: dict[str, PaneState], searches: list[str]) -> None:
        """Take what the panes showed and the queries searched for, from a saved state."""
        for name, state in states.items():
            if name in self.states:
                state.cite, state.top = max(0, state.cite), max(0, state.top)
                self.states[name] = state
        self.searches = SearchHistory(list(searches))

    @property
    def state(self) -> PaneState:
        """What the pane shown remembers."""
        return self.states[self.pane.name]

    def here(self) -> Place:
        """The pane, record and passage shown."""
        sel = self.selection
        return Place(self.pane.name, sel.record.id if sel.record else None, sel.index)

    def push(self) -> None:
        """Remember where we are, to come back with `pop` (a place once, the last few)."""
        place = self.here()
        if not self.history or self.history[-1] != place:
            self.history.append(place)
        del self.history[:-HISTORY_LIMIT]

    def pop(self) -> Place | None:
        """The last place remembered, forgotten; None when there is none."""
        return self.history.pop() if self.history else None

    def describe(self, corpus: Corpus, place: Place, lang: str) -> str:
        """A place in words: `Figures › Trade turnover in 2024`."""
        pane = PANE_BY_NAME.get(place.pane)
        title = tr(pane.title, lang) if pane is not None else place.pane
        record = corpus.get(place.record) if place.record else None
        return f"{title} › {title_text(record, corpus, lang)}" if record is not None else title

    def trail(self, corpus: Corpus, lang: str) -> tuple[str, str | None]:
        """Where the user is and where `back` leads (None: nowhere), in words."""
        back = self.describe(corpus, self.history[-1], lang) if self.history else None
        return self.describe(corpus, self.here(), lang), back

    def switch(self, name: str, select: str | None = None) -> PaneState:
        """Make pane `name` the one shown (selecting `select`, if given); its state."""
        self.pane = PANE_BY_NAME[name]
        if select is not None:
            self.state.selected = select
        return self.state

    def select(self, corpus: Corpus, record: Record | None, cite: int | None = None
               ) -> Selection:
        """Make `record` the selection at passage `cite` (None: the one its pane remembers,
        if it was that pane's selection, else the first)."""
        state = self.state
        if record is not None and cite is None:
            cite = state.cite if state.selected == record.id else 0
        state.selected = record.id if record else None
        cites = citations_for(corpus, record) if record else []
        self.selection = Selection(record, cites, min(cite or 0, max(0, len(cites) - 1)))
        return self.selection

    def set_cite(self, index: int) -> bool:
        """Make passage `index` (clamped) the current one; False if there are no passages."""
        cites = self.selection.cites
        if not cites:
            return False
        self.selection.index = max(0, min(index, len(cites) - 1))
        return True

    def note_cite(self) -> None:
        """Let the pane remember the current passage."""
        self.state.cite = self.selection.index

    def target(self, record: Record, cite: int = 0) -> str:
        """Prepare a jump to `record` at passage `cite`: the pane it opens in, which will
        select it there."""
        pane = home_pane(record).name
        self.states[pane].selected = record.id
        self.states[pane].cite = cite
        return pane


def title_text(record: Record, corpus: Corpus, lang: str) -> str:
    """The record's title as its list's title column shows it (core/columns): one only in
    the other language marked "(en) " / "(ru) ", as the list and the detail mark it (the
    breadcrumb showed a user's English-only summary under a Russian interface unmarked)."""
    from kzt_tui.core.columns import columns_of
    from kzt_tui.core.model import section_of

    column = next(c for c in columns_of([section_of(record).name]) if c.title)
    return column.text(record, corpus, lang)
