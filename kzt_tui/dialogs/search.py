"""Global search: type, see ranked hits with the matching words in their context, enter
jumps to the place; up/down in the box go through earlier queries."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.search import Hits, Lazy, SearchHit, SearchIndex
from kzt_tui.navigation import SearchHistory
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.hit_list import HitLine, HitList
from kzt_tui.widgets.safe_input import SafeInput

#: What the list of hits says with nothing found, and with nothing typed yet (msgids).
NO_MATCHES = N_("No matches.")
NO_QUERY = N_("Earlier searches: up and down in the box.")


class SearchScreen(ModalScreen[SearchHit | None]):
    """A query box over a list of hits; dismisses with the chosen hit."""

    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical { width: 95%; height: 90%; margin-top: 1;
        border: round $accent; background: $surface; }
    SearchScreen #search-status { height: 1; color: $text-muted; padding: 0 1; }
    SearchScreen #search-results { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        Binding("down", "to_results", N_("Results"), show=False),
    ]

    def __init__(self, index: SearchIndex | None, lang: str, query: str | None = None,
                 history: SearchHistory | None = None) -> None:
        """`index` None: the index is being built; set_index brings it. The box starts
        with `query`, or else the last query of `history` (where this one is added when
        the dialog closes)."""
        super().__init__()
        self.index = index
        self.lang = lang
        self.hits: Sequence[SearchHit] = Hits.none()
        self.history = history if history is not None else SearchHistory()
        self.initial = query if query is not None else self.history.last
        #: Which query of the history the box shows; len(history): the one being typed,
        #: kept in `_draft` while an earlier one is shown.
        self._at = len(self.history.queries)
        self._draft = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield SafeInput(value=self.initial, id="search-input", on_leave=self._leave,
                        placeholder=tr("search facts and sources (Latin finds Cyrillic: "
                                       "aktau)", self.lang))
            yield Static(id="search-status", markup=False)
            yield HitList(id="search-results", empty_text=NO_QUERY)

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self._run(self.initial)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._run(event.value)

    def set_index(self, index: SearchIndex) -> None:
        """The index is ready: search for what has been typed meanwhile."""
        self.index = index
        if self.is_mounted:
            self._run(self.query_one("#search-input", Input).value)

    def _run(self, query: str) -> None:
        if self.index is None:
            corpus = kzt_app(self).session.corpus
            self.query_one("#search-status", Static).update(
                tr("Indexing {facts} facts and the text of {sources} sources… type away; "
                   "results follow.", self.lang).format(
                       facts=f"{len(corpus.by_id):,}",
                       sources=f"{len(corpus.section('documents')):,}"))
            return
        index = self.index
        hits = index.search(query) if query.strip() else Hits.none()
        self.hits = hits
        results = self.query_one(HitList)
        # "No matches." only for a query: under an empty box it read as a failed search
        results.empty_text = NO_MATCHES if query.strip() else NO_QUERY
        # rows made as they are drawn: a screenful of snippets, not all 200
        results.set_hits(Lazy(len(hits), lambda i: HitLine(
            *index.place(hits[i], self.lang), hits[i].context)))
        # one line high whatever it says: a layout here redrew every scrollbar of the
        # dialog in a frame of its own, ~30 ms after the one showing the hits (#18)
        status = self.query_one("#search-status", Static)
        if query.strip():
            facts = hits.facts
            loading = kzt_app(self).session.loading
            partial = (" " + tr("(so far: the data is still loading)", self.lang)
                       if loading else "")
            status.update(self._bounded() + tr(
                "{hits} hits{partial}: {facts} facts, {passages} source passages · enter "
                "jumps · esc closes", self.lang).format(
                    hits=len(self.hits), partial=partial, facts=facts,
                    passages=len(self.hits) - facts), layout=False)
        else:
            status.update(self._bounded() + tr(
                "Type to search every fact and the full text of every source.", self.lang),
                layout=False)

    def _bounded(self) -> str:
        """First on the line (which is cut at the screen's width): the index is partial."""
        partial = self.index.partial if self.index is not None else None
        if not partial:
            return ""
        return tr("Partial index: {why}", self.lang).format(why=partial) + " · "

    def _leave(self, key: str) -> bool:
        """Enter jumps to the hit, Escape closes, Down goes to the hits: at once."""
        if key == "enter":
            if self.hits:
                self.dismiss(self.hits[self.query_one(FactList).cursor])
            return True
        if key == "escape":
            self.action_close()
            return True
        if key == "up":
            self._recall(-1)
            return True
        if key == "down":
            if self._at < len(self.history.queries):
                self._recall(1)
            else:
                self.action_to_results()
            return True
        return False

    def _recall(self, step: int) -> None:
        """Show the query `step` places older (-1) or newer (+1) in the history: going
        back skips a query equal to the one shown, going forward past the newest shows the
        one that was being typed."""
        box = self.query_one("#search-input", Input)
        queries = self.history.queries
        at = self._at
        if at == len(queries):
            self._draft = box.value
        at += step
        while step < 0 and 0 <= at < len(queries) and queries[at] == box.value:
            at += step
        if not 0 <= at <= len(queries):
            return
        self._at = at
        box.value = queries[at] if at < len(queries) else self._draft
        box.cursor_position = len(box.value)

    @on(FactList.Chosen, "#search-results")
    def _chosen(self, message: FactList.Chosen) -> None:
        self.dismiss(self.hits[int(message.key)])

    def dismiss(self, result: SearchHit | None = None) -> AwaitComplete:
        """Close with `result`, the query remembered in the history."""
        self.history.add(self.query_one("#search-input", Input).value)
        return super().dismiss(result)

    def action_to_results(self) -> None:
        self.set_focus(self.query_one(HitList))

    def action_close(self) -> None:
        self.dismiss(None)
