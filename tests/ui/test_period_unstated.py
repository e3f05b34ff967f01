"""A figure that states no period says so in the language of the UI: in the list's Period
cell, in its detail and on its chart (it was English in the Russian detail and chart, and
a blank cell in the list)."""

from __future__ import annotations

import pytest

from kzt_tui.core.columns import columns_of
from kzt_tui.core.compare import chart_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields
from kzt_tui.core.loading import load
from kzt_tui.core.model import Figure
from kzt_tui.widgets.visuals import chart_lines
from tests.helpers import FIXTURES


@pytest.mark.parametrize(("lang", "cell", "detail"), [
    ("en", "not stated", "period not stated"),
    ("ru", "не указано", "период не указан"),
])
def test_a_figure_without_a_period_says_so_in_list_detail_and_chart(
        lang: str, cell: str, detail: str) -> None:
    corpus = Corpus(load(FIXTURES / "ui" / "curated.yaml"))
    figure = corpus.get("fig-companies")
    assert isinstance(figure, Figure) and figure.period is None
    column = next(c for c in columns_of(["figures"]) if c.name == "period")
    assert column.text(figure, corpus, lang) == cell
    assert dict(fields(figure, lang))["Period" if lang == "en" else "Период"] == detail
    lines = [line.plain for line in chart_lines(chart_of(corpus, figure), lang, 60)]
    assert lines[0].startswith(f"▸ {detail} · ")
