"""Sorting a list by bucketing its rows under their few distinct keys gives the order a
stable sort of the rows gives: equal keys in list order both ways, empty values last; a
facet counted per distinct cell gives the counts of counting record by record."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.core.columns import values_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Record
from kzt_tui.core.table import FacetRow, TableIndex, sort_keys
from kzt_tui.core.textnorm import fold
from kzt_tui.panes import PANE_BY_NAME, pane_columns, pane_records

PANES = ("agreements", "timeline", "statements", "figures", "documents", "people")


def stable_sort(index: TableIndex, records: tuple[Record, ...], column, descending: bool
                ) -> list[str]:
    """The definition: a stable sort of the rows by their keys, the empty ones after."""
    keys = sort_keys(index.values(records, column))
    present = sorted((i for i, k in enumerate(keys) if k is not None),
                     key=keys.__getitem__, reverse=descending)
    return [records[i].id for i in present + [i for i, k in enumerate(keys) if k is None]]


def same_orders(corpus: Corpus) -> int:
    """Compare every column of PANES both ways; how many columns have repeated keys."""
    repeated = 0
    for name in PANES:
        pane = PANE_BY_NAME[name]
        records = pane_records(corpus, pane)
        for column in pane_columns(pane):
            if column.name == "accounted":  # splits each document into sentences: slow
                continue
            index = TableIndex(corpus)
            keys = sort_keys(index.values(records, column))
            repeated += len(set(keys)) * 4 <= len(keys)
            for descending in (False, True):
                got = [r.id for r in index.sorted(records, column, descending)]
                assert got == stable_sort(index, records, column, descending), (
                    name, column.name, descending)
    return repeated


@pytest.fixture(scope="module")
def corpus_20x(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return Corpus(load(generate(20, tmp_path_factory.mktemp("c20")).data))


def test_many_copies_sort_as_a_stable_sort(corpus_20x: Corpus) -> None:
    # 20 copies: every title 20 times, so the columns take the bucketed way
    assert same_orders(corpus_20x) >= 10


def test_the_shipped_data_sorts_as_a_stable_sort(tmp_path: Path) -> None:
    same_orders(Corpus(load(generate(1, tmp_path / "c1").data)))


def facet_by_record(index: TableIndex, records: tuple[Record, ...], column) -> list[FacetRow]:
    """The definition: each record's values counted one by one (none: "")."""
    counts: Counter[str] = Counter()
    for value in index.values(records, column):
        for item in (value if isinstance(value, tuple) else (value,)) or ((),):
            shown = values_of(item)
            counts[shown[0] if shown else ""] += 1
    return [FacetRow(v, n) for v, n in
            sorted(counts.items(), key=lambda item: (-item[1], item[0] == "", fold(item[0])))]


def test_facets_count_as_record_by_record(corpus_20x: Corpus) -> None:
    multi = 0
    for name in PANES:
        pane = PANE_BY_NAME[name]
        records = pane_records(corpus_20x, pane)
        for column in pane_columns(pane):
            if column.name == "accounted":
                continue
            index = TableIndex(corpus_20x)
            values = index.values(records, column)
            multi += any(isinstance(v, tuple) and len(v) > 1 for v in values)
            assert index.facet(records, column) == facet_by_record(index, records, column), (
                name, column.name)
    assert multi >= 2  # lists (countries, topics, parties): each of their values counts


def test_mark_columns_read_in_bulk_as_record_by_record(tmp_path: Path) -> None:
    # The mark columns read a whole list at once (Column.many): the same values as one
    # record at a time, so sorts, facets and filters on marks are unchanged; and the
    # sort by them is the stable sort (marked rows first, the rest in list order).
    from kzt_tui.core.columns import MARK_COLUMNS
    from kzt_tui.core.marks import Mark, marks_path, refresh_marks, render_marks

    data = generate(2, tmp_path / "c2").data
    corpus = Corpus(load(data))
    records = pane_records(corpus, PANE_BY_NAME["statements"])
    index = TableIndex(corpus)
    for column in MARK_COLUMNS:  # no marks yet: every row "no" / no tags, as they were
        assert index.values(records, column) == [column.value(r, corpus) for r in records]
        assert index.sorted(records, column) == records
    picked = records[3::7]
    marks = {r.id: Mark(marked=i % 2 == 0, tags=("check", "z") if i % 3 else ())
             for i, r in enumerate(picked)}
    marks_path(data).write_text(render_marks(marks), encoding="utf-8")
    refresh_marks(corpus)
    for column in MARK_COLUMNS:
        got = index.values(records, column)
        assert got == [column.value(r, corpus) for r in records], column.name
        assert len(set(got)) == 2, column.name  # both values present: a real sort
        for descending in (False, True):
            assert ([r.id for r in index.sorted(records, column, descending)]
                    == stable_sort(index, records, column, descending)), column.name
