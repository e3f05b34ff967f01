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


def _measured_for(text: str, cap: int = 20, header: str = "Value") -> int:
    """The Value column's width when every cell shows `text` (and its header `header`)."""
    corpus = Corpus(load(FIXTURES / "ui" / "curated.yaml"))
    column = replace(columns_of(("figures",))[0], measure=cap, header=header,
                     show=lambda record, corpus, lang: text)
    return measured((column,), corpus.section("figures"), corpus, "en")[0].width


def test_wide_characters_count_two_cells() -> None:
    assert _measured_for("宽字符宽") == 8  # four characters
    assert _measured_for("ＡＢＣ") == 6  # full-width Latin
    assert _measured_for("📈📈📈") == 6
    assert _measured_for("$5 млрд 宽") == 10


def test_combining_and_format_characters_take_no_cell() -> None:
    assert _measured_for("е\u0301" * 7) == 7  # fourteen characters
    assert _measured_for("abcdef\u200b\u200d") == 6


def test_the_cap_and_the_header_are_in_cells_too() -> None:
    assert _measured_for("宽" * 15) == 20  # 30 cells, capped
    assert _measured_for("宽" * 10, cap=19) == 19
    assert _measured_for("ab", header="宽宽宽宽") == 8
