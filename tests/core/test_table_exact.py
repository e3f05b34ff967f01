"""TableIndex exactly: sort keys, sorted orders kept per tuple (and no more than KEEP),
cells per column, facet counts with empty values, and select's facets, skip and order,
on the shipped agreements and columns made for the test."""

from __future__ import annotations

from kzt_tui.core.columns import SECTION_COLUMNS, Column
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.loading import load
from kzt_tui.core.model import Record
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.table import Facet, FacetRow, Sort, TableIndex, sort_keys, table_index

CORPUS = Corpus(load(shipped_data()))
AGREEMENTS = CORPUS.section("agreements")
COLUMNS = SECTION_COLUMNS["agreements"]
TITLE, DATE, KIND, STATUS, COUNTRIES, SOURCES, TOPICS, CORRIDORS = COLUMNS
FIRST = AGREEMENTS[0]  # agr-joint-statement-2025


def _computed(name: str, value) -> Column:  # type: ignore[no-untyped-def]
    return Column(name, name, value, 8, 1)


def test_sort_keys_fold_join_and_leave_empties_out() -> None:
    assert sort_keys(["Ёлка", "ЕЛЬ", ("b", "A"), 2.5, "", (), None, "Ёлка"]) == [
        "елка", "ель", "b; a", 2.5, None, None, None, "елка"]
    assert sort_keys(["x" * 60]) == ["x" * 48]


def test_a_computed_column_is_read_through_its_function() -> None:
    upper = _computed("upper", lambda r, c: r.id.upper() if c is CORPUS else None)
    assert TableIndex(CORPUS).values(AGREEMENTS[:2], upper) == [
        r.id.upper() for r in AGREEMENTS[:2]]


def test_sorted_orders_are_kept_per_tuple_column_and_direction() -> None:
    index = TableIndex(CORPUS)
    a, b = AGREEMENTS[:20], AGREEMENTS[20:]
    first = index.sorted(a, STATUS)
    assert first == index.sorted(a, STATUS, False) and first is index.sorted(a, STATUS)
    assert [r.status for r in first] == sorted(r.status for r in a)
    index.sorted(b, STATUS)
    assert index.sorted(a, STATUS) is first  # b's order did not take a's place
    assert index.sorted(a, STATUS, True) is not first
    assert index.sorted(a, None) is a


def test_no_more_than_keep_orders_are_kept() -> None:
    index = TableIndex(CORPUS)
    slices = [AGREEMENTS[n:] for n in range(TableIndex.KEEP + 1)]
    first = index.sorted(slices[0], KIND)
    for part in slices[1:TableIndex.KEEP]:
        index.sorted(part, KIND)
    assert index.sorted(slices[0], KIND) is first  # KEEP kept: the first still is
    index.sorted(slices[TableIndex.KEEP], KIND)  # one more: the oldest (the first) goes
    again = index.sorted(slices[0], KIND)
    assert again is not first and again == first
    for part in slices:  # more (records, column) pairs than KEEP: still sorts
        assert index.sorted(part, STATUS) == tuple(sorted(part, key=lambda r: r.status))


def test_each_column_has_its_own_cells() -> None:
    index = TableIndex(CORPUS)
    got = index.select(AGREEMENTS, COLUMNS, FilterIndex(CORPUS), "status:signed kind:treaty")
    assert {r.id for r in got.records} == {
        r.id for r in AGREEMENTS if r.status == "signed" and r.kind == "treaty"}
    by_id = _computed("ident", lambda r, c: r.id)
    word = _computed("word", lambda r, c: "zeta" if r is FIRST else "alpha")
    assert index.matching(AGREEMENTS, index_term(by_id, "ident:agr-joint")) == [FIRST]
    assert index.matching(AGREEMENTS, index_term(word, "word:zeta")) == [FIRST]
    # a text is ordered as text, by the prefix's length, never as a number
    assert index.matching(AGREEMENTS, index_term(word, "word>=z")) == [FIRST]


def index_term(column: Column, query: str):  # type: ignore[no-untyped-def]
    from kzt_tui.core.query import parse
    return parse(query, (column,)).terms[0]


def test_a_title_matches_in_either_language() -> None:
    index = TableIndex(CORPUS)
    en = [r for r in index.matching(AGREEMENTS, index_term(TITLE, "title:presidents"))]
    ru = [r for r in index.matching(AGREEMENTS, index_term(TITLE, "title:совместное"))]
    assert FIRST in en and FIRST in ru


def test_a_number_cell_holds_its_number() -> None:
    index = TableIndex(CORPUS)
    size = _computed("size", lambda r, c: 5.0 if r is FIRST else 1.0)
    assert index.matching(AGREEMENTS, index_term(size, "size>2")) == [FIRST]
    assert index.matching(AGREEMENTS, index_term(size, "size:5")) == [FIRST]
    stored = Column("size", "size", lambda r, c: 5.0 if r is FIRST else 1.0, 8, 1,
                    attr="id")  # read by attribute: judged per distinct value
    assert index.value_cell(stored, 5.0).number == 5.0
    shown = Column("shown", "shown", lambda r, c: 5.0 if r is FIRST else 1.0, 8, 1,
                   show=lambda r, c, lang: "five" if (r is FIRST and c is CORPUS
                                                      and lang == "en") else "other")
    assert index.matching(AGREEMENTS, index_term(shown, "shown:five")) == [FIRST]
    assert index.matching(AGREEMENTS, index_term(shown, "shown:5")) == [FIRST]
    assert index.value_cell(stored, 5.0) is index.value_cell(stored, 5.0)
    assert index.value_cell(KIND, 5.0) is not index.value_cell(stored, 5.0)


def test_facet_counts_each_value_and_the_empty_ones_last_among_equals() -> None:
    index = TableIndex(CORPUS)
    tags = _computed("tags", lambda r, c: ("a", "b") if r is FIRST else
                     ("a",) if r is AGREEMENTS[1] else ("b",) if r is AGREEMENTS[2] else ())
    got = index.facet(AGREEMENTS[:5], tags)
    assert got == [FacetRow("a", 2), FacetRow("b", 2), FacetRow("", 2)]
    one = _computed("one", lambda r, c: "x" if r is FIRST else "")
    assert index.facet(AGREEMENTS[:4], one) == [FacetRow("", 3), FacetRow("x", 1)]
    assert index.holding(AGREEMENTS[:4], one, "") == list(AGREEMENTS[1:4])
    # "" and () are both no value; "a_b" and "a b" are one value, shown "a b"
    mixed = _computed("mixed", lambda r, c: {FIRST.id: "a_b", AGREEMENTS[1].id: "a b",
                                             AGREEMENTS[2].id: ""}.get(r.id, ()))
    assert index.facet(AGREEMENTS[:4], mixed) == [FacetRow("a b", 2), FacetRow("", 2)]
    assert index.holding(AGREEMENTS[:4], tags, "b") == [FIRST, AGREEMENTS[2]]


def test_select_sorts_then_applies_facets_but_the_skipped_and_the_unknown() -> None:
    index = TableIndex(CORPUS)
    fi = FilterIndex(CORPUS)
    down = index.select(AGREEMENTS, COLUMNS, fi, "", (), Sort("status", True))
    assert down.records is index.sorted(AGREEMENTS, STATUS, True)
    assert [r.status for r in down.records] == sorted((r.status for r in AGREEMENTS),
                                                      reverse=True)
    signed = tuple(r for r in AGREEMENTS if r.status == "signed")
    facets = (Facet("nope", "x"), Facet("status", "signed"))
    assert index.select(AGREEMENTS, COLUMNS, fi, "", facets).records == signed
    assert index.select(AGREEMENTS, COLUMNS, fi, "", facets, skip="status").records \
        == AGREEMENTS
    narrowed = index.select(AGREEMENTS, COLUMNS, fi, "status:signed")
    assert narrowed.records == signed and isinstance(narrowed.records, tuple)


def test_one_table_index_per_corpus() -> None:
    assert table_index(CORPUS) is table_index(CORPUS)
    assert table_index(CORPUS).corpus is CORPUS
    other = Corpus(load(shipped_data()))
    assert table_index(other) is not table_index(CORPUS)
    assert table_index(other).corpus is other


def _ids(records: tuple[Record, ...] | list[Record]) -> list[str]:
    return [r.id for r in records]


def _by(values: list) -> Column:  # type: ignore[type-arg]
    """A column giving the i-th of AGREEMENTS values[i]."""
    of = {r.id: v for r, v in zip(AGREEMENTS, values, strict=False)}
    return _computed("v", lambda r, c: of[r.id])


def _order(values: list, descending: bool = False) -> list[int]:  # type: ignore[type-arg]
    """Where each sorted row came from: its index in AGREEMENTS."""
    records = AGREEMENTS[:len(values)]
    got = TableIndex(CORPUS).sorted(records, _by(values), descending)
    return [records.index(r) for r in got]


def test_mostly_distinct_values_sort_row_by_row_stably_with_empties_last() -> None:
    # 3 distinct keys in 4 rows (3 × 4 > 4): the rows are sorted by their keys
    assert _order(["b", "", "c", "a"]) == [3, 0, 2, 1]
    assert _order(["b", "", "c", "a"], True) == [2, 0, 3, 1]
    assert _order(["a", "A", "b"]) == [0, 1, 2]  # equal keys keep their order both ways
    assert _order(["a", "A", "b"], True) == [2, 0, 1]
    assert _order([2.0, (), 10.0, 1.5]) == [3, 0, 2, 1]  # numbers as numbers, not texts


def test_few_distinct_values_sort_by_buckets_stably_with_empties_last() -> None:
    # 2 distinct keys in 8 rows (2 × 4 = 8, not more): each row put in its key's bucket
    values = ["b", "a", "", "b", "a", "b", "a", "A"]
    assert _order(values) == [1, 4, 6, 7, 0, 3, 5, 2]
    assert _order(values, True) == [0, 3, 5, 1, 4, 6, 7, 2]
    # one key and some empty: still sorted (the empty ones after), both ways
    assert _order(["", "a", (), "a"]) == [1, 3, 0, 2]
    assert _order(["", "a", (), "a"], True) == [1, 3, 0, 2]


def test_one_key_or_none_for_every_row_keeps_the_order() -> None:
    assert _order(["a", "A", "a", "a"]) == [0, 1, 2, 3]
    assert _order(["a", "A", "a", "a"], True) == [0, 1, 2, 3]
    assert _order(["", (), "", ""], True) == [0, 1, 2, 3]


def _counted() -> tuple[Column, list[str]]:
    calls: list[str] = []
    return _computed("n", lambda r, c: calls.append(r.id) or r.id[::-1]), calls


def test_a_columns_values_are_read_once_for_both_directions_of_a_tuple() -> None:
    index = TableIndex(CORPUS)
    column, calls = _counted()
    a, b = AGREEMENTS[:3], AGREEMENTS[3:5]
    up = index.sorted(a, column)
    assert [r.id for r in up] == sorted((r.id for r in a), key=lambda i: i[::-1])
    assert index.sorted(a, column, True) == up[::-1]
    assert calls == [r.id for r in a]  # the values of `a`, read once
    assert [r.id for r in index.sorted(b, column, True)] == sorted(
        (r.id for r in b), key=lambda i: i[::-1], reverse=True)
    assert calls == [r.id for r in a + b]  # another tuple: its own values


def test_a_cell_is_made_once_per_column_and_record_but_a_volatile_ones_each_time() -> None:
    index = TableIndex(CORPUS)
    column, calls = _counted()
    first = index.cell(column, FIRST)
    assert index.cell(column, FIRST) is first and calls == [FIRST.id]
    assert first.values == ("5202 tnemetats tnioj rga",) and first.number is None
    index.cell(column, AGREEMENTS[1])
    assert calls == [FIRST.id, AGREEMENTS[1].id]
    volatile, seen = _counted()
    volatile = Column("m", "m", volatile.value, 8, 1, volatile=True)
    index.cell(volatile, FIRST)
    index.cell(volatile, FIRST)
    assert seen == [FIRST.id, FIRST.id]


def test_only_a_number_gives_a_cell_its_number() -> None:
    index = TableIndex(CORPUS)
    assert index.cell(KIND, FIRST).number is None
    assert index.cell(TITLE, FIRST).number is None
    assert index.value_cell(KIND, "treaty").number is None
    assert index.value_cell(KIND, ("treaty",)).number is None
    size = _computed("size", lambda r, c: 5.0)
    assert index.cell(size, FIRST).number == 5.0


def test_facet_counts_empty_cells_and_a_value_alone_and_in_a_list_alike() -> None:
    index = TableIndex(CORPUS)
    # the empty list first seen, then lists with values: the empty ones are all counted
    tags = _by([(), ("a",), (), ("a", "b")])
    assert index.facet(AGREEMENTS[:4], tags) == [
        FacetRow("a", 2), FacetRow("", 2), FacetRow("b", 1)]
    # "a" in a list and "a" alone are one value
    mixed = _by([("a",), "a", "a", ("b",)])
    assert index.facet(AGREEMENTS[:4], mixed) == [FacetRow("a", 3), FacetRow("b", 1)]


def test_a_query_that_cannot_be_read_is_hinted_in_the_language_asked() -> None:
    index = TableIndex(CORPUS)
    fi = FilterIndex(CORPUS)
    fields = "title, date, kind, status, countries, sources, topics, corridors"
    assert index.select(AGREEMENTS, COLUMNS, fi, "nope:x", lang="ru").hint == (
        f"неизвестное поле 'nope' — поля этого списка: {fields}")
    got = index.select(AGREEMENTS, COLUMNS, fi, "nope:x")
    assert got.hint == f"unknown field 'nope' — fields here: {fields}" and got.records == ()


def test_the_values_of_no_more_than_keep_tuples_are_kept() -> None:
    index = TableIndex(CORPUS)
    column, calls = _counted()
    slices = [AGREEMENTS[n:n + 2] for n in range(TableIndex.KEEP + 1)]
    for part in slices[:TableIndex.KEEP]:
        index.sorted(part, column)
    assert len(calls) == 2 * TableIndex.KEEP
    index.sorted(slices[0], column, True)  # KEEP kept: the first's values still are
    assert len(calls) == 2 * TableIndex.KEEP
    index.sorted(slices[TableIndex.KEEP], column)  # one more: the oldest (the first) goes
    assert len(calls) == 2 * TableIndex.KEEP + 2
    index.sorted(slices[1], column, True)  # the second is kept still
    assert len(calls) == 2 * TableIndex.KEEP + 2
    del calls[:]
    index.sorted(slices[0], column, True)  # its descending order is kept
    assert calls == []
    index.sorted(slices[0], column)  # its ascending order and its values went: read again
    assert calls == [r.id for r in slices[0]]
