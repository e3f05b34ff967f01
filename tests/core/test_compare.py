"""Which figures may share a chart: like with like only (core/compare.py)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kzt_tui.core.compare import (
    FROM,
    UNSTATED,
    UNTIL,
    PeriodKind,
    chart_of,
    comparable,
    period_kind,
    side_window,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Figure, Period

from ..helpers import FIXTURES, REPO

COMPARE = FIXTURES / "compare" / "curated.yaml"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(load(COMPARE))


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return Corpus(load(REPO / "data" / "curated.yaml"))


def fig(corpus: Corpus, figure_id: str) -> Figure:
    record = corpus.get(figure_id)
    assert isinstance(record, Figure)
    return record


@pytest.mark.parametrize(("start", "end", "kind"), [
    ("2024", "2024", PeriodKind("month", 12)),
    ("2024-01", "2024-12", PeriodKind("month", 12)),
    ("2024-01-01", "2024-12-31", PeriodKind("month", 12)),
    ("2025-01", "2025-09", PeriodKind("month", 9)),
    ("2025-01", "2025-10", PeriodKind("month", 10)),
    ("2023", "2024", PeriodKind("month", 24)),
    ("2025-11-24", "2025-11-25", PeriodKind("day", 2)),
    ("2024-02-01", "2024-02-29", PeriodKind("month", 1)),
    ("2025-01-15", "2025-02-14", PeriodKind("day", 31)),
    (None, "2027", UNTIL),
    ("2025", None, FROM),
    (None, None, UNSTATED),
    (None, "soon", UNSTATED),
    ("soon", None, UNSTATED),
    ("2025", "2024", UNSTATED),
    ("2025-13", "2025-14", UNSTATED),
    ("soon", "later", UNSTATED),
    # year 0000 is no date (there is no year 0, and Python's dates start at 1): once a crash
    ("0000-01-05", "2024-03-07", UNSTATED),
    ("0000", None, UNSTATED),
    (None, "0000-12", UNSTATED),
    ("0001-01-05", "0001-01-06", PeriodKind("day", 2)),
])
def test_the_kind_of_a_period_comes_from_its_bounds(start, end, kind) -> None:
    assert period_kind(Period("whatever the label says", start, end)) == kind


def test_no_period_is_unstated() -> None:
    assert period_kind(None) == UNSTATED


@pytest.mark.parametrize(("kind", "text"), [
    (PeriodKind("month", 12), "calendar year"), (PeriodKind("month", 24), "2 calendar years"),
    (PeriodKind("month", 9), "9 months"), (PeriodKind("month", 1), "1 month"),
    (PeriodKind("day", 2), "2 days"), (UNSTATED, "period not stated"),
])
def test_a_period_kind_reads_in_plain_words(kind, text) -> None:
    assert kind.text == text


def test_full_years_are_charted_together_in_period_order_targets_included(corpus) -> None:
    chart = chart_of(corpus, fig(corpus, "fig-trade-2024"))
    assert [b.figure.id for b in chart.bars] == [
        "fig-trade-2022-half-billion", "fig-trade-2023", "fig-trade-2024",
        "fig-trade-2030-target"]
    assert [b.current for b in chart.bars] == [False, False, True, False]
    assert [b.solid for b in chart.bars] == [False, True, True, False]
    assert chart.kind == PeriodKind("month", 12)
    assert (chart.measure, chart.unit) == ("trade_turnover", "USD")


def test_nine_months_are_not_charted_with_a_year_nor_exports_with_imports(corpus) -> None:
    chart = chart_of(corpus, fig(corpus, "fig-trade-9m-2025"))
    assert [b.figure.id for b in chart.bars] == ["fig-trade-9m-2025"]
    assert dict((f.id, why) for f, why in chart.left_out) == {
        "fig-trade-2024": "another kind of period (calendar year)",
        "fig-exports-9m-2025": "another measure (exports)",
        "fig-imports-9m-2025": "another measure (imports)",
        "fig-trade-2030-target": "another kind of period (calendar year)",
        "fig-trade-2023": "another kind of period (calendar year)",
        "fig-trade-2022-half-billion": "another kind of period (calendar year)",
    }
    assert [b.figure.id for b in comparable(corpus, fig(corpus, "fig-exports-9m-2025"))] == [
        "fig-exports-9m-2025"]


def test_in_the_shipped_data_the_2024_year_is_not_charted_with_nine_months(shipped) -> None:
    ids = [b.figure.id for b in comparable(shipped, fig(shipped, "fig-kz-tm-trade-2024"))]
    assert "fig-kz-tm-trade-9m-2025" not in ids
    assert "fig-kz-exports-to-tm-9m-2025" not in ids
    assert "fig-kz-tm-trade-half-billion" not in ids  # its period is not stated
    assert ids == ["fig-kz-tm-trade-2024"]


def test_in_the_shipped_data_every_chart_is_like_with_like(shipped) -> None:
    for figure in shipped.section("figures"):
        assert isinstance(figure, Figure)
        bars = comparable(shipped, figure)
        assert sum(b.current for b in bars) == 1
        kinds = {(b.figure.group, b.figure.measure, b.figure.unit,
                  period_kind(b.figure.period)) for b in bars}
        assert len(kinds) == 1, (figure.id, kinds)
        if period_kind(figure.period) == UNSTATED:  # the same words, or no period at all
            assert {b.figure.period for b in bars} == {figure.period}, figure.id


def test_in_the_shipped_data_a_figure_with_no_period_is_not_charted_beside_an_as_of(
        shipped) -> None:
    """The newcomer's chart: "about 140 as of November 2025" beside 40 with no period,
    titled "period not stated (2 figures)"; neither states bounds, but one gives a date."""
    for figure_id in ("fig-tm-capital-companies-in-kz-140", "fig-tm-companies-in-kz-40"):
        chart = chart_of(shipped, fig(shipped, figure_id))
        assert [b.figure.id for b in chart.bars] == [figure_id]
    chart = chart_of(shipped, fig(shipped, "fig-kz-rail-corridors"))  # none states one
    assert [b.figure.id for b in chart.bars] == [
        "fig-kz-intl-corridors", "fig-kz-rail-corridors", "fig-kz-road-corridors"]
    assert chart.kind == UNSTATED


_bound = st.one_of(
    st.none(),
    st.integers(2000, 2030).map(str),
    st.tuples(st.integers(2000, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
)


@given(st.lists(st.tuples(_bound, _bound), min_size=1, max_size=8))
def test_a_nine_month_figure_never_shares_a_chart_with_a_full_year(periods) -> None:
    base = Corpus(load(COMPARE))
    template = fig(base, "fig-trade-9m-2025")
    extra = tuple(dataclasses.replace(template, id=f"fig-gen-{n}", period=Period("x", s, e))
                  for n, (s, e) in enumerate(periods))
    figures = (*base.dataset.section("figures"), *extra)
    corpus = Corpus(dataclasses.replace(base.dataset, figures=figures))
    nine = PeriodKind("month", 9)
    for figure in figures:
        assert isinstance(figure, Figure)
        kinds = {period_kind(b.figure.period) for b in comparable(corpus, figure)}
        assert not (nine in kinds and PeriodKind("month", 12) in kinds)
        assert len(kinds) == 1


def _window(corpus: Corpus, index: int, columns: int) -> list[tuple[int, str, int, bool]]:
    record = corpus.get("dis-documents")
    assert record is not None and record.section == "discrepancies"
    from kzt_tui.core.model import Discrepancy

    assert isinstance(record, Discrepancy)
    return [(s.number, s.cite.quote, s.cite_number, s.current)
            for s in side_window(record, index, columns)]


def test_every_side_of_a_discrepancy_shows_at_once_when_there_is_room(corpus) -> None:
    assert _window(corpus, 2, 3) == [
        (1, "Подписано 15 документов.", 1, False),
        (2, "Список включает шестнадцать соглашений.", 2, True),
        (3, "Ещё один источник называет 14 документов.", 1, False),
    ]


@pytest.mark.parametrize(("index", "numbers", "current"), [
    (0, [1, 2], 1), (1, [2, 3], 2), (2, [2, 3], 2), (3, [2, 3], 3), (99, [2, 3], 3),
])
def test_two_columns_page_through_three_sides_with_the_passage(corpus, index, numbers,
                                                                current) -> None:
    shown = _window(corpus, index, 2)
    assert [n for n, *_ in shown] == numbers
    assert [n for n, _, _, cur in shown if cur] == [current]
