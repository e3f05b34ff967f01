"""core/columns.measured: a measured column is as wide as its widest cell, never narrower
than its header, never wider than its cap."""

from __future__ import annotations

from dataclasses import replace

from kzt_tui.core.columns import columns_of, measured
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from tests.helpers import FIXTURES


def _value_width(cap: int, lang: str = "en") -> int:
    corpus = Corpus(load(FIXTURES / "ui" / "curated.yaml"))
    columns = tuple(replace(c, measure=cap) if c.name == "value" else c
                    for c in columns_of(("figures",)))
    got = measured(columns, corpus.section("figures"), corpus, lang)
    assert [c.width for c in got][1:] == [c.width for c in columns][1:]  # only Value
    return got[0].width


def test_the_widest_cell_within_the_cap() -> None:
    assert _value_width(20) == 9  # "about 140"
    assert _value_width(20, "ru") == 10  # "$555,7 млн"
    assert _value_width(9) == 9
    assert _value_width(8) == 8


def test_never_narrower_than_the_header() -> None:
    assert _value_width(3) == 5  # "Value"
    assert _value_width(3, "ru") == 8  # "Значение"
