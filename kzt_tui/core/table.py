"""A list as a table: its records sorted by a column, narrowed by the filter language and by
facets, and the frequency table of a column (a facet). Textual-free.

The order is: sort the pane's records (kept per column and direction, so the FilterIndex
keeps narrowing the same tuple as the user types), then the free words, the field terms and
the facets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from kzt_tui.core.columns import Column, Value, find_column, values_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.marks import refresh_marks
from kzt_tui.core.model import Record
from kzt_tui.core.textnorm import fold

if TYPE_CHECKING:  # the filter language is imported once a filter is typed (core/query.py)
    from kzt_tui.core.query import Cell, Term


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


#: How many characters of a text its sort key holds.
SORT_CHARS = 48


def _sort_key(value: Value) -> str | float | None:
    """What `value` sorts by: text folded (lists joined), numbers as they are; None for an
    empty value, which sorts last in both directions."""
    if isinstance(value, float):
        return value
    if not value:
        return None
    # Texts by their first SORT_CHARS characters: folding whole summaries took most of a
    # sort's time, and two titles alike that far keep their own order.
    text = value if isinstance(value, str) else "; ".join(value)
    return text[:SORT_CHARS].lower().replace("ё", "е")  # fold, inline


def sort_keys(values: Sequence[Value]) -> list[str | float | None]:
    """What each value sorts by (`_sort_key`), each distinct value folded once."""
    keys = {value: _sort_key(value) for value in set(values)}
    return list(map(keys.__getitem__, values))


def _sorted_indexes(values: Sequence[Value], descending: bool) -> list[int]:
    """The indexes of `values` in the order of their sort keys, equal keys in their order
    (both ways), empty values last. A list holds few distinct values (1000x: 144,000
    statements, ~150 titles), so each distinct value is ranked once and the rows put in
    their rank's bucket: comparing strings row against row took ~0.4 s, and a pass over
    the rows costs ~5-15 ms at 1000x, so this makes three (the set, the ranks, the
    buckets)."""
    key_of = {value: _sort_key(value) for value in set(values)}
    distinct: list[Any] = sorted({k for k in key_of.values() if k is not None},
                                 reverse=descending)
    if len(distinct) * 4 > len(values):  # mostly distinct: sorting the rows is as cheap
        keys = list(map(key_of.__getitem__, values))
        present = [i for i, k in enumerate(keys) if k is not None]
        present.sort(key=cast(Callable[[int], Any], keys.__getitem__), reverse=descending)
        return present + [i for i, k in enumerate(keys) if k is None]
    if len(distinct) + (None in key_of.values()) <= 1:
        return list(range(len(values)))  # one key (or none) for every row: as it is
    rank_of: dict[Any, int] = {k: i for i, k in enumerate(distinct)}
    rank_of[None] = len(distinct)
    rank = {value: rank_of[key] for value, key in key_of.items()}
    buckets: list[list[int]] = [[] for _ in range(len(distinct) + 1)]  # the last: None
    for index, at in enumerate(map(rank.__getitem__, values)):
        buckets[at].append(index)
    return list(chain.from_iterable(buckets))


class TableIndex:
    """Sorted orders and field values of one corpus's records, made when first asked."""

    #: Sorted orders kept (pane × column × direction).
    KEEP = 16

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._sorted: dict[tuple[int, str, bool], tuple[tuple[Record, ...], tuple[Record, ...]]]
        self._sorted = {}
        self._values: dict[tuple[int, str], tuple[tuple[Record, ...], list[Value]]] = {}
        self._cells: dict[int, dict[str, Cell]] = {}  # id(column) → record id → cell
        self._value_cells: dict[tuple[int, Value], Cell] = {}

    def values(self, records: Sequence[Record], column: Column) -> list[Value]:
        """The value of each of `records` in `column` (an attribute is read at C speed)."""
        if column.attr is not None:
            return list(map(attrgetter(column.attr), records))
        if column.many is not None:
            return column.many(records, self.corpus)
        get, corpus = column.value, self.corpus
        return [get(r, corpus) for r in records]

    def sorted(self, records: tuple[Record, ...], column: Column | None,
               descending: bool = False) -> tuple[Record, ...]:
        """`records` ordered by `column` (None: as they are); empty values last, in both
        directions; equal values keep their order. The same tuple is given back for the
        same records, column and direction."""
        if column is None:
            return records
        if column.volatile:  # the user's marks: sorted as they are now, never kept
            return self._order(records, self.values(records, column), descending)
        key = (id(records), column.name, descending)
        kept = self._sorted.get(key)
        if kept is not None and kept[0] is records:
            return kept[1]
        known = self._values.get(key[:2])
        if known is None or known[0] is not records:
            known = self._values[key[:2]] = (records, self.values(records, column))
            if len(self._values) > self.KEEP:
                del self._values[next(iter(self._values))]
        got = self._order(records, known[1], descending)
        self._sorted[key] = (records, got)
        if len(self._sorted) > self.KEEP:
            del self._sorted[next(iter(self._sorted))]
        return got

    @staticmethod
    def _order(records: tuple[Record, ...], values: list[Value],
               descending: bool) -> tuple[Record, ...]:
        return tuple(map(records.__getitem__, _sorted_indexes(values, descending)))

    def cell(self, column: Column, record: Record) -> Cell:
        """What the filter language compares for `record` in `column`."""
        cells = {} if column.volatile else self._cells.setdefault(id(column), {})
        got = cells.get(record.id)
        if got is None:
            value = column.value(record, self.corpus)
            if column.title:
                texts: tuple[str, ...] = (record.label("en"), record.label("ru"))
            elif isinstance(value, float):
                texts = (column.text(record, self.corpus, "en"), *values_of(value))
            else:
                texts = values_of(value)
            if column.also is not None:
                texts = (*texts, *column.also(record, self.corpus))
            from kzt_tui.core.query import make_cell  # a term was parsed: query is imported

            got = cells[record.id] = make_cell(
                texts, value if isinstance(value, float) else None)
        return got

    def matching(self, records: Sequence[Record], term: Term) -> list[Record]:
        """Those of `records` that satisfy `term` (its negation applied). A term is judged
        once per distinct value (a status column has a handful), not once per record;
        titles and numbers, whose cells say more than the value, once per record."""
        from kzt_tui.core.query import matches

        column = term.column
        if column.title or column.attr is None or column.also is not None:
            cell = self.cell
            return [r for r in records if matches(term, cell(column, r)) != term.negate]
        values = self.values(records, column)
        verdict = {v: matches(term, self.value_cell(column, v)) != term.negate
                   for v in set(values)}
        return [r for r, v in zip(records, values, strict=True) if verdict[v]]

    def value_cell(self, column: Column, value: Value) -> Cell:
        """What the filter language compares for a record whose `column` holds `value`."""
        key = (id(column), value)
        got = self._value_cells.get(key)
        if got is None:
            from kzt_tui.core.query import make_cell

            got = self._value_cells[key] = make_cell(
                values_of(value), value if isinstance(value, float) else None)
        return got

    def holding(self, records: Sequence[Record], column: Column, value: str
                ) -> list[Record]:
        """Those of `records` that hold `value` in `column` ("": that hold none)."""
        return [r for r, v in zip(records, self.values(records, column), strict=True)
                if (value in values_of(v) if value else not values_of(v))]

    def facet(self, records: Sequence[Record], column: Column) -> list[FacetRow]:
        """How many of `records` hold each value of `column`, most first (each value of a
        multi-valued column counts; "" counts the records with none)."""
        # Each distinct cell counted at C speed first (a multi-valued cell is a tuple),
        # then the few distinct cells split into their values, not every record's.
        raw: Counter[Value] = Counter()
        empty = 0
        for value, n in Counter(self.values(records, column)).items():
            if isinstance(value, tuple):
                empty += 0 if value else n
                for item in value:
                    raw[item] += n
            else:
                raw[value] += n
        counts: Counter[str] = Counter()
        for value, n in raw.items():
            shown = values_of(value)
            counts[shown[0] if shown else ""] += n
        if empty:
            counts[""] += empty
        return [FacetRow(v, n) for v, n in
                sorted(counts.items(), key=lambda item: (-item[1], item[0] == "",
                                                         fold(item[0])))]

    def select(self, records: tuple[Record, ...], columns: Sequence[Column],
               filter_index: FilterIndex, query: str, facets: Sequence[Facet] = (),
               sort: Sort | None = None, skip: str | None = None,
               lang: str = "en") -> Selected:
        """The records a list shows: sorted, then kept by `query` and every facet (but
        those on column `skip`: a facet's own counts leave it out); a hint in `lang`."""
        refresh_marks(self.corpus)  # once per list: the columns of marks read what it read
        column = find_column(columns, sort.column) if sort else None
        base = self.sorted(records, column, bool(sort and sort.descending))
        kept: Sequence[Record] = base
        if query.strip():  # the filter language is imported with the first filter typed
            from kzt_tui.core.query import parse

            parsed = parse(query, columns, lang)
            if parsed.hint:
                return Selected((), parsed.hint)
            if parsed.text:
                kept = filter_index.filter(base, parsed.text)
            for word in parsed.excluded:
                drop = {r.id for r in filter_index.filter(base, word)}
                kept = [r for r in kept if r.id not in drop]
            for term in parsed.terms:
                kept = self.matching(kept, term)
        for facet in facets:
            col = find_column(columns, facet.column)
            if col is None or facet.column == skip:
                continue
            kept = self.holding(kept, col, facet.value)
        return Selected(kept if isinstance(kept, tuple) else tuple(kept))


_INDEXES: WeakKeyDictionary[Corpus, TableIndex] = WeakKeyDictionary()


def table_index(corpus: Corpus) -> TableIndex:
    """The table index of `corpus` (one per corpus: a reload makes a new one)."""
    got = _INDEXES.get(corpus)
    if got is None:
        got = _INDEXES[corpus] = TableIndex(corpus)
    return got
