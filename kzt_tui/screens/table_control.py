"""The explorer's list as a table: its columns, the column cursor, sort, facets and the
filter language (the work is in core/table.py; this is the keys and what they show)."""

from __future__ import annotations

import time

from textual.screen import Screen

from kzt_tui.app_protocol import kzt_app, lang_of
from kzt_tui.core.columns import Column, facet_label, find_column
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import row_text
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import Record
from kzt_tui.core.table import Facet, Sort, table_index
from kzt_tui.navigation import Navigation, PaneState
from kzt_tui.panes import pane_records, shown_columns
from kzt_tui.widgets.fact_list import FactList, Rows, TableHead

#: Seconds of one idle step that makes slow column values (a document's accounted share).
FILL_STEP = 0.008


class TableScreen(Screen[None]):
    """The table part of the explorer (a base of ExplorerScreen, which defines the
    navigation, the list and how a record is shown)."""

    nav: Navigation
    _shown: tuple[Record, ...]
    _fill_round: int = 0  # the lists made so far: an idle fill of an older one stops

    # --- what the explorer provides ----------------------------------------------------

    def show_tabs(self) -> None:
        raise NotImplementedError

    def show_record(self, record_id: str | None, cite: int | None = None) -> None:
        raise NotImplementedError

    # --- the table ------------------------------------------------------------------------

    def _corpus(self) -> Corpus:
        return kzt_app(self).session.corpus

    def columns(self) -> tuple[Column, ...]:
        """The columns of the pane shown (a measured one as wide as its values)."""
        return shown_columns(self._corpus(), self.nav.pane, lang_of(self))

    def _list(self) -> FactList:
        return self.query_one("#list", FactList)

    def table_rows(self) -> Rows:
        """The rows of the pane shown, as its sort, filter and facets have them; the list's
        head is set to match."""
        state = self.nav.state
        corpus = self._corpus()
        columns = self.columns()
        got = table_index(corpus).select(
            pane_records(corpus, self.nav.pane), columns, kzt_app(self).session.filter_index,
            state.filter, state.facets, state.sort, lang=lang_of(self))
        records = self._shown = got.records
        self._list().set_head(self._head(state, columns), got.hint)
        self._fill_later(records, columns)
        app = kzt_app(self)  # the language when a row is made: `L` makes them again
        marked = self.marked_ids()

        def cells(i: int) -> tuple[str, ...]:
            got = tuple(c.text(records[i], corpus, app.lang) for c in columns)
            return ("★ " + got[0], *got[1:]) if records[i].id in marked and got else got

        return Rows(len(records), lambda i: records[i].id,
                    lambda i: row_text(records[i], app.lang), cells)

    def marked_ids(self) -> frozenset[str]:
        """The records marked in marks.yaml (screens/marking.py): ★ in their rows."""
        return frozenset()

    def _fill_later(self, records: tuple[Record, ...], columns: tuple[Column, ...]) -> None:
        """Make the values of slow columns (Column.ready) in small steps while idle, the
        rows shown first; the list is repainted as they come."""
        lazy = [c for c in columns if c.ready is not None]
        self._fill_round += 1
        if not lazy:
            return
        corpus, round_ = self._corpus(), self._fill_round
        top = max(0, int(self._list().scroll_offset.y))
        order = [*records[top:], *records[:top]]
        todo = [(c, r) for r in order for c in lazy]

        def step(start: int) -> None:
            if round_ != self._fill_round:
                return  # the list was made again since: its own round goes on
            until = time.perf_counter() + FILL_STEP
            n = start
            while n < len(todo) and time.perf_counter() < until:
                column, record = todo[n]
                column.value(record, corpus)
                n += 1
            fact_list = self._list()
            fact_list.rows.forget()
            fact_list.refresh()
            if n < len(todo):
                self.set_timer(0.01, lambda: step(n))

        self.set_timer(0.05, lambda: step(0))

    def _head(self, state: PaneState, columns: tuple[Column, ...]) -> TableHead:
        current = next((i for i, c in enumerate(columns) if c.name == state.column), 0)
        above = ""
        if state.facets:
            shown = " · ".join(self._facet_text(f) for f in state.facets)
            above = tr("facets: {shown}   (x removes the last)", lang_of(self)).format(
                shown=shown)
        sort = state.sort
        return TableHead(columns, current, sort.column if sort else None,
                         bool(sort and sort.descending), above)

    def _facet_text(self, facet: Facet) -> str:
        column = find_column(self.columns(), facet.column)
        if column is None:
            return f"{facet.column} = {facet.value}"
        lang = lang_of(self)
        return f"{tr(column.header, lang)} = {facet_label(column, facet.value, lang)}"

    def relabel_table(self) -> None:
        """Draw the list's header and rows again in the interface's language, on the same
        rows, cursor and scroll (after `L`)."""
        fact_list = self._list()
        if not fact_list.rows:  # nothing to keep: list again, for the hint's language
            self._relist()
            return
        fact_list.rows.forget()
        fact_list.set_head(self._head(self.nav.state, self.columns()), fact_list.empty_text)

    def _relist(self) -> None:
        """Show the rows again after the sort or the facets changed, on the same record."""
        rows = self.table_rows()
        self._list().set_rows(rows, self.nav.state.selected)
        self.show_tabs()
        if not rows:
            self.show_record(None)
        self.refresh_bindings()  # "x" is offered while there is something to remove

    def _current(self) -> Column:
        columns = self.columns()
        return find_column(columns, self.nav.state.column or "") or columns[0]

    # --- actions ----------------------------------------------------------------------

    def action_column(self, delta: int) -> None:
        """Move the column cursor among the columns on screen."""
        fact_list = self._list()
        columns = self.columns()
        widths = fact_list.widths() if fact_list.head is not None else [1] * len(columns)
        shown = [i for i, w in enumerate(widths) if w]
        here = next((i for i, c in enumerate(columns) if c.name == self.nav.state.column), 0)
        pos = min(range(len(shown)), key=lambda n: abs(shown[n] - here))
        target = shown[max(0, min(len(shown) - 1, pos + delta))]
        self.nav.state.column = columns[target].name
        fact_list.set_head(self._head(self.nav.state, columns), fact_list.empty_text)

    def action_sort(self, descending: bool, column: str = "") -> None:
        """Sort by `column` (the column cursor's when ""); again: back to the pane's order."""
        name = column or self._current().name
        state = self.nav.state
        wanted = Sort(name, descending)
        state.sort = None if state.sort == wanted else wanted
        state.column = name
        self._relist()

    def action_facet(self, column: str = "") -> None:
        """Show the frequency table of `column` (the cursor's when ""); choosing a value
        keeps only the records that hold it."""
        from kzt_tui.dialogs.facet import FacetScreen

        col = find_column(self.columns(), column) if column else self._current()
        if col is None:
            return
        state = self.nav.state
        corpus = self._corpus()
        index = table_index(corpus)
        # The counts follow the filter and the other facets; a single-valued column's own
        # facet is left out (choosing another value replaces it).
        records = index.select(pane_records(corpus, self.nav.pane), self.columns(),
                               kzt_app(self).session.filter_index, state.filter,
                               state.facets, None,
                               skip=None if col.multi else col.name).records
        rows = index.facet(records, col)
        kzt_app(self).push_to_read(FacetScreen(col, rows, len(records)),
                                   lambda value: self._add_facet(col, value))

    def _add_facet(self, column: Column, value: str | None) -> None:
        if value is None:
            return
        state = self.nav.state
        facet = Facet(column.name, value)
        if not column.multi:
            state.facets = [f for f in state.facets if f.column != column.name]
        if facet not in state.facets:
            state.facets.append(facet)
        state.column = column.name
        self._relist()

    def action_unfacet(self) -> None:
        """Remove the last facet; with none, clear the filter."""
        state = self.nav.state
        if state.facets:
            state.facets.pop()
            self._relist()
        elif state.filter:
            self._clear_filter_text()

    def action_remove_facet(self, index: int) -> None:
        """Remove facet `index` (in the order chosen)."""
        state = self.nav.state
        if 0 <= index < len(state.facets):
            del state.facets[index]
            self._relist()

    def action_clear_filters(self) -> None:
        """Remove every facet and the filter text."""
        self.nav.state.facets = []
        if self.nav.state.filter:
            self._clear_filter_text()  # lists again
        else:
            self._relist()

    def _clear_filter_text(self) -> None:
        from textual.widgets import Input

        from kzt_tui.screens.on_demand import existing

        box = existing(self, "#filter", Input)  # there is a filter text: the box was made
        assert box is not None
        box.value = ""  # the explorer watches the box and lists again
        box.display = False
        self.set_focus(self._list())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unfacet":
            return bool(self.nav.state.facets or self.nav.state.filter) or None
        if action == "clear_filters":
            return bool(self.nav.state.facets or self.nav.state.filter) or None
        return True

    def table_commands(self) -> list[tuple[str, str, str]]:
        """The palette's commands for the pane shown: (name, help, action) to sort and
        facet by each column, and to remove each facet."""
        lang = lang_of(self)
        got = []
        for c in self.columns():
            # the field stays English: it is what the filter language's `field:` takes
            say = {"name": c.called or c.field, "header": tr(c.header, lang)}
            got += [
                (tr("Sort by {name}", lang).format(**say),
                 tr("sort the list by {header}, ascending", lang).format(**say),
                 f"sort(False, {c.name!r})"),
                (tr("Sort by {name}, descending", lang).format(**say),
                 tr("sort the list by {header}, descending", lang).format(**say),
                 f"sort(True, {c.name!r})"),
                (tr("Facet by {name}", lang).format(**say),
                 tr("count the values of {header}; choose one to keep only its records",
                    lang).format(**say), f"facet({c.name!r})"),
            ]
        for n, facet in enumerate(self.nav.state.facets):
            got.append((tr("Remove facet {facet}", lang).format(facet=self._facet_text(facet)),
                        tr("show its records again", lang), f"remove_facet({n})"))
        if self.nav.state.facets or self.nav.state.filter:
            got.append((tr("Clear filters", lang),
                        tr("remove every facet and the filter text", lang), "clear_filters"))
        return got
