"""Exact values for core/compare.py (mutation testing, issue 19): a period's bounds and kind
at each edge (month 0 and 13, day 0 and past the month's end, a leap day), the kinds' words
in both languages, why a figure is left out of a chart, and which sides show at once."""

from __future__ import annotations

import dataclasses

import pytest

from kzt_tui.core.compare import (
    FROM,
    UNSTATED,
    UNTIL,
    PeriodKind,
    _bound,
    chart_of,
    comparable,
    period_kind,
    shared_nodes,
    side_window,
    why_not,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Corridor, Discrepancy, Figure, Period
from tests.helpers import FIXTURES


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2024", (2024, 1, None), (2024, 12, None)),
    (" 2024 ", (2024, 1, None), (2024, 12, None)),
    ("2024-01", (2024, 1, None), (2024, 1, None)),
    ("2024-12", (2024, 12, None), (2024, 12, None)),
    ("2024-00", None, None), ("2024-13", None, None),
    ("2024-02-29", (2024, 2, 29), (2024, 2, 29)), ("2023-02-29", None, None),
    ("2024-01-01", (2024, 1, 1), (2024, 1, 1)), ("2024-01-00", None, None),
    ("2024-01-31", (2024, 1, 31), (2024, 1, 31)), ("2024-04-31", None, None),
    ("20245", None, None), ("2024-1", None, None), ("x2024", None, None),
])
def test_a_bound_read_from_the_start_or_the_end(text: str, start: object,
                                                end: object) -> None:
    assert _bound(text, False) == start
    assert _bound(text, True) == end


@pytest.mark.parametrize(("start", "end", "kind"), [
    ("2024-01-01", "2024-01-31", PeriodKind("month", 1)),
    ("2024-01-02", "2024-01-31", PeriodKind("day", 30)),
    ("2024-01-01", "2024-01-30", PeriodKind("day", 30)),
    ("2024-01", "2024-01-15", PeriodKind("day", 15)),
    ("2024-01-01", "2024-01", PeriodKind("month", 1)),
    ("2024-01-05", "2024-01-05", PeriodKind("day", 1)),
    ("2024-01-05", "2024-01-04", UNSTATED),
    ("2024-02", "2024-01", UNSTATED),
    ("2024-01", "2024-01", PeriodKind("month", 1)),
    ("2023-12", "2024-01", PeriodKind("month", 2)),
    ("2024", "2024-02-29", PeriodKind("month", 2)),
    ("2024", "2024-02-28", PeriodKind("day", 59)),
    ("2024-02-10", "2024-02", PeriodKind("day", 20)),  # a month alone ends on its last day
    ("", "2024", UNTIL), ("2024", "", FROM), ("", "", UNSTATED),
    ("", "2024-13", UNSTATED), ("2024-00", "", UNSTATED),
    ("2024", "2024-13", UNSTATED), ("2024-00", "2024", UNSTATED),
])
def test_the_kind_at_its_edges(start: str, end: str, kind: PeriodKind) -> None:
    assert period_kind(Period("label", start, end)) == kind


@pytest.mark.parametrize(("kind", "en", "ru"), [
    (PeriodKind("month", 12), "calendar year", "календарный год"),
    (PeriodKind("month", 24), "2 calendar years", "2 календарных года"),
    (PeriodKind("month", 36), "3 calendar years", "3 календарных года"),
    (PeriodKind("month", 9), "9 months", "9 месяцев"),
    (PeriodKind("month", 1), "1 month", "1 месяц"),
    (PeriodKind("month", 13), "13 months", "13 месяцев"),
    (PeriodKind("day", 1), "1 day", "1 день"),
    (PeriodKind("day", 2), "2 days", "2 дня"),
    (PeriodKind("day", 5), "5 days", "5 дней"),
    (UNSTATED, "period not stated", "период не указан"),
    (UNTIL, "to a date, length not stated", "на дату или к дате, срок не указан"),
    (FROM, "from a date, length not stated", "с даты, срок не указан"),
])
def test_a_kinds_words_in_both_languages(kind: PeriodKind, en: str, ru: str) -> None:
    assert (kind.text, kind.say("en"), kind.say("ru")) == (en, en, ru)


def test_unstated_is_its_own_unit_with_no_count() -> None:
    assert PeriodKind("unstated", 0) == UNSTATED
    assert PeriodKind("month") == PeriodKind("month", 0)


COMPARE = FIXTURES / "compare" / "curated.yaml"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(COMPARE))


def test_a_chart_exactly(corpus: Corpus) -> None:
    figure = corpus.get("fig-trade-2024")
    assert isinstance(figure, Figure)
    chart = chart_of(corpus, figure)
    assert (chart.group, chart.measure, chart.unit, chart.kind) == (
        "kz-tm-trade", "trade_turnover", "USD", PeriodKind("month", 12))
    assert [(b.figure.id, b.absolute, b.current, b.solid) for b in chart.bars] == [
        ("fig-trade-2022-half-billion", 500000000.0, False, False),
        ("fig-trade-2023", 480000000.0, False, True),
        ("fig-trade-2024", 555700000.0, True, True),
        ("fig-trade-2030-target", 1000000000.0, False, False)]
    assert [(f.id, why) for f, why in chart.left_out] == [
        ("fig-trade-9m-2025", "another kind of period (9 months)"),
        ("fig-exports-9m-2025", "another measure (exports)"),
        ("fig-imports-9m-2025", "another measure (imports)")]
    assert comparable(corpus, figure) == list(chart.bars)


def test_why_a_figure_is_left_out_in_both_languages(corpus: Corpus) -> None:
    figure, other = corpus.get("fig-trade-2024"), corpus.get("fig-exports-9m-2025")
    assert isinstance(figure, Figure) and isinstance(other, Figure)
    assert why_not(figure, other, "ru") == "другой показатель (exports)"
    assert why_not(other, figure) == "another measure (trade turnover)"
    tonnes = dataclasses.replace(figure, unit="tonnes")
    assert (why_not(figure, tonnes), why_not(figure, tonnes, "ru")) == (
        "another unit (tonnes)", "другая единица (т)")
    undated = dataclasses.replace(figure, period=None)
    assert (why_not(figure, undated), why_not(figure, undated, "ru")) == (
        "another kind of period (period not stated)", "другой вид периода (период не указан)")
    as_of = dataclasses.replace(figure, period=Period("as of November 2025", None, None))
    assert (why_not(undated, as_of), why_not(undated, as_of, "ru")) == (
        "another period with no dates (as of November 2025)",
        "другой период без дат (as of November 2025)")
    assert why_not(as_of, undated) == "another period with no dates (period not stated)"
    by = dataclasses.replace(figure, period=Period("by 2027", None, "2027"))
    assert why_not(undated, by) == "another kind of period (to a date, length not stated)"


def test_periods_with_no_bounds_share_a_chart_only_in_the_same_words(corpus: Corpus) -> None:
    figure = corpus.get("fig-trade-2024")
    assert isinstance(figure, Figure)
    periods = {"fig-a": None, "fig-b": Period("as of November 2025", None, None),
               "fig-c": None, "fig-d": Period("as of November 2025", None, None),
               "fig-e": Period("by 2025-11", None, "2025-11")}
    extra = tuple(dataclasses.replace(figure, id=i, period=p) for i, p in periods.items())
    both = Corpus(dataclasses.replace(corpus.dataset, figures=extra))
    charts = {i: [b.figure.id for b in chart_of(both, f).bars] for i, f in
              zip(periods, extra, strict=True)}
    assert charts == {"fig-a": ["fig-a", "fig-c"], "fig-b": ["fig-b", "fig-d"],
                      "fig-c": ["fig-a", "fig-c"], "fig-d": ["fig-b", "fig-d"],
                      "fig-e": ["fig-e"]}
    chart = chart_of(both, extra[0])
    assert (chart.kind, [(f.id, why) for f, why in chart.left_out]) == (UNSTATED, [
        ("fig-b", "another period with no dates (as of November 2025)"),
        ("fig-d", "another period with no dates (as of November 2025)"),
        ("fig-e", "another kind of period (to a date, length not stated)")])


def test_undated_figures_come_last_in_file_order(corpus: Corpus) -> None:
    from kzt_tui.core.compare import _period_order

    figure = corpus.get("fig-trade-2024")
    assert isinstance(figure, Figure)
    assert _period_order(figure) == (0, "2024", "2024")
    assert _period_order(dataclasses.replace(figure, period=None)) == (1, "", "")
    no_bounds = dataclasses.replace(figure, period=Period("some time", None, None))
    assert _period_order(no_bounds) == (1, "", "")
    end_only = dataclasses.replace(figure, period=Period("by 2027", None, "2027"))
    assert _period_order(end_only) == (0, "2027", "2027")
    start_only = dataclasses.replace(figure, period=Period("from 2020", "2020", None))
    assert _period_order(start_only) == (0, "2020", "")


@pytest.mark.parametrize(("index", "columns", "shown"), [
    (0, 0, [(1, 1, True)]), (0, 1, [(1, 1, True)]), (0, 2, [(1, 1, True), (2, 1, False)]),
    (0, 3, [(1, 1, True), (2, 1, False), (3, 1, False)]),
    (1, 1, [(2, 1, True)]), (1, 2, [(2, 1, True), (3, 1, False)]),
    (1, 3, [(1, 1, False), (2, 1, True), (3, 1, False)]),
    (2, 0, [(2, 2, True)]), (2, 2, [(2, 2, True), (3, 1, False)]),
    (2, 3, [(1, 1, False), (2, 2, True), (3, 1, False)]),
    (3, 1, [(3, 1, True)]), (3, 2, [(2, 1, False), (3, 1, True)]),
    (3, 4, [(1, 1, False), (2, 1, False), (3, 1, True)]),
    (4, 2, [(2, 1, False), (3, 1, True)]),  # past the last passage: the last side's first
])
def test_the_sides_shown_at_once(corpus: Corpus, index: int, columns: int,
                                 shown: list[tuple[int, int, bool]]) -> None:
    discrepancy = corpus.get("dis-documents")
    assert isinstance(discrepancy, Discrepancy)
    got = side_window(discrepancy, index, columns)
    assert [(s.number, s.cite_number, s.current) for s in got] == shown
    for s in got:
        assert s.side is discrepancy.sides[s.number - 1]
        assert s.cite is s.side.citations[s.cite_number - 1]


def test_a_discrepancy_without_passages_shows_no_side(corpus: Corpus) -> None:
    discrepancy = corpus.get("dis-documents")
    assert isinstance(discrepancy, Discrepancy)
    bare = dataclasses.replace(discrepancy, sides=tuple(
        dataclasses.replace(s, citations=()) for s in discrepancy.sides))
    assert side_window(bare, 0, 3) == []
    one = dataclasses.replace(discrepancy, sides=(bare.sides[0], discrepancy.sides[1]))
    assert [(s.number, s.cite_number) for s in side_window(one, 1, 3)] == [(1, 2)]


def test_corridors_sharing_a_node_by_either_name() -> None:
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    corridor = next(iter(corpus.section("corridors")))
    assert isinstance(corridor, Corridor)
    assert shared_nodes(corpus, corridor) == []
    nodes = corridor.nodes
    twin = dataclasses.replace(corridor, id="cor-twin", nodes=(
        dataclasses.replace(nodes[0], name="Somewhere else"), nodes[-1], nodes[-1]))
    data = dataclasses.replace(corpus.dataset, corridors=(corridor, twin))
    both = Corpus(data)
    assert [(c.id, names) for c, names in shared_nodes(both, corridor)] == [
        ("cor-twin", ["Galkynysh", "China"])]  # the first by its Russian name, once each


def test_a_figure_of_another_group_is_neither_charted_nor_left_out(corpus: Corpus) -> None:
    figure = corpus.get("fig-trade-2024")
    assert isinstance(figure, Figure)
    stranger = dataclasses.replace(figure, id="fig-other-group", group="kz-cn-trade")
    data = dataclasses.replace(corpus.dataset,
                               figures=(*corpus.dataset.figures, stranger))
    chart = chart_of(Corpus(data), figure)
    assert [b.figure.id for b in chart.bars] == [
        "fig-trade-2022-half-billion", "fig-trade-2023", "fig-trade-2024",
        "fig-trade-2030-target"]
    assert [f.id for f, _ in chart.left_out] == [
        "fig-trade-9m-2025", "fig-exports-9m-2025", "fig-imports-9m-2025"]


def test_a_node_matches_with_or_without_spaces_and_a_stranger_matches_none() -> None:
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    corridor = next(iter(corpus.section("corridors")))
    assert isinstance(corridor, Corridor)
    nodes = corridor.nodes
    spaced = dataclasses.replace(corridor, id="cor-spaced", nodes=(
        dataclasses.replace(nodes[0], name="Galky nysh", ru=None),
        dataclasses.replace(nodes[1], name="Nowhere", ru=None)))
    data = dataclasses.replace(corpus.dataset, corridors=(corridor, spaced))
    assert [(c.id, names) for c, names in shared_nodes(Corpus(data), corridor)] == [
        ("cor-spaced", ["Galkynysh"])]
