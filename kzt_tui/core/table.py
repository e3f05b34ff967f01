"""A list as a table: its records sorted by a column, narrowed by the filter language and by
facets, and the frequency table of a column (a facet). Textual-free.

The order is: sort the pane's records (kept per column and direction, so the FilterIndex
keeps narrowing the same tuple as the user types), then the free words, the field terms and
the facets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from weakref import WeakKeyDictionary

from kzt_tui.core.columns import Column, Value, find_column, values_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.model import Record
from kzt_tui.core.query import Cell, Query, make_cell, matches, parse
from kzt_tui.core.textnorm import fold


@dataclass(frozen=True, slots=True)
class Sort:
    """A list's order: by `column`, descending or not."""

    column: str
    descending: bool = False


@dataclass(frozen=True, slots=True)
class Facet:
    """A chosen facet value: only records whose `column` holds `value` ("" = no value)."""

    column: str
    value: str


@dataclass(frozen=True, slots=True)
class FacetRow:
    """One row of a facet's frequency table."""

    value: str  # "" for the records with no value
    count: int


@dataclass(frozen=True, slots=True)
class Selected:
    """What a list shows: the records, and a hint when the query cannot be read."""

    records: tuple[Record, ...]
    hint: str | None = None


def sort_key(value: Value) -> str | float | None:
    """What a value sorts by (None: empty, sorted last in both directions)."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, tuple):
        return fold("; ".join(value))
    if isinstance(value, str):
        return fold(value)
    return value


class TableIndex:
    """Sorted orders and field values of one corpus's records, made when first asked."""

    #: Sorted orders kept (pane × column × direction).
    KEEP = 16

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._sorted: dict[tuple[int, str, bool], tuple[tuple[Record, ...], tuple[Record, ...]]]
        self._sorted = {}
        self._cells: dict[int, dict[str, Cell]] = {}  # id(column) → record id → cell

    def sorted(self, records: tuple[Record, ...], column: Column | None,
               descending: bool = False) -> tuple[Record, ...]:
        """`records` ordered by `column` (None: as they are); empty values last, in both
        directions; equal values keep their order. The same tuple is given back for the
        same records, column and direction."""
        if column is None:
            return records
        key = (id(records), column.name, descending)
        kept = self._sorted.get(key)
        if kept is not None and kept[0] is records:
            return kept[1]
        corpus, get = self.corpus, column.value
        present: list[tuple[str | float, Record]] = []
        missing: list[Record] = []
        for record in records:
            k = sort_key(get(record, corpus))
            if k is None:
                missing.append(record)
            else:
                present.append((k, record))
        present.sort(key=itemgetter(0), reverse=descending)
        got = tuple(r for _, r in present) + tuple(missing)
        self._sorted[key] = (records, got)
        if len(self._sorted) > self.KEEP:
            del self._sorted[next(iter(self._sorted))]
        return got

    def cell(self, column: Column, record: Record) -> Cell:
        """What the filter language compares for `record` in `column`."""
        cells = self._cells.setdefault(id(column), {})
        got = cells.get(record.id)
        if got is None:
            value = column.value(record, self.corpus)
            if column.title:
                texts: tuple[str, ...] = (record.label("en"), record.label("ru"))
            elif isinstance(value, float):
                texts = (column.text(record, self.corpus, "en"), *values_of(value))
            else:
                texts = values_of(value)
            got = cells[record.id] = make_cell(
                texts, value if isinstance(value, float) else None)
        return got

    def has(self, column: Column, record: Record, value: str) -> bool:
        """Whether `record` holds `value` in `column` ("": holds none)."""
        values = values_of(column.value(record, self.corpus))
        return value in values if value else not values

    def facet(self, records: Sequence[Record], column: Column) -> list[FacetRow]:
        """How many of `records` hold each value of `column`, most first (each value of a
        multi-valued column counts; "" counts the records with none)."""
        counts: Counter[str] = Counter()
        corpus, get = self.corpus, column.value
        for record in records:
            values = values_of(get(record, corpus))
            if values:
                counts.update(set(values))
            else:
                counts[""] += 1
        return [FacetRow(v, n) for v, n in
                sorted(counts.items(), key=lambda item: (-item[1], item[0] == "",
                                                         fold(item[0])))]

    def select(self, records: tuple[Record, ...], columns: Sequence[Column],
               filter_index: FilterIndex, query: str, facets: Sequence[Facet] = (),
               sort: Sort | None = None, skip: str | None = None) -> Selected:
        """The records a list shows: sorted, then kept by `query` and every facet (but
        those on column `skip`: a facet's own counts leave it out)."""
        column = find_column(columns, sort.column) if sort else None
        base = self.sorted(records, column, bool(sort and sort.descending))
        parsed = parse(query, columns) if query.strip() else Query()
        if parsed.hint:
            return Selected((), parsed.hint)
        kept: Sequence[Record] = (filter_index.filter(base, parsed.text) if parsed.text
                                  else base)
        for word in parsed.excluded:
            drop = {r.id for r in filter_index.filter(base, word)}
            kept = [r for r in kept if r.id not in drop]
        for term in parsed.terms:
            cell = self.cell
            kept = [r for r in kept if matches(term, cell(term.column, r)) != term.negate]
        for facet in facets:
            col = find_column(columns, facet.column)
            if col is None or facet.column == skip:
                continue
            kept = [r for r in kept if self.has(col, r, facet.value)]
        return Selected(kept if isinstance(kept, tuple) else tuple(kept))


_INDEXES: WeakKeyDictionary[Corpus, TableIndex] = WeakKeyDictionary()


def table_index(corpus: Corpus) -> TableIndex:
    """The table index of `corpus` (one per corpus: a reload makes a new one)."""
    got = _INDEXES.get(corpus)
    if got is None:
        got = _INDEXES[corpus] = TableIndex(corpus)
    return got
