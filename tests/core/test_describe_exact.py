"""Exact values for core/describe.py (mutation testing, issue 19): a golden file of every
record's list row, detail fields (in English and Russian) and filter text, for the export
fixture (every section, a range, a period, a route, a discrepancy …) and the UI fixture;
the small formatters at their edges; the filter index's kept results.

Regenerate the golden file (after a change meant to alter it, then read its diff):
`.venv/bin/python -m tests.core.test_describe_exact`."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import (
    FilterIndex,
    citations_for,
    fields,
    filter_text,
    format_value,
    number,
    period_text,
    row_text,
)
from kzt_tui.core.loading import load
from kzt_tui.core.model import SECTION_PREFIX, Statement
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "golden" / "describe.txt"
DATASETS = [FIXTURES / "export" / "curated.yaml", FIXTURES / "ui" / "curated.yaml"]


def describe_all() -> str:
    """Every record of DATASETS described: row, fields in en and ru, filter text."""
    out: list[str] = []
    for path in DATASETS:
        corpus = Corpus(load(path))
        out.append(f"# {path.relative_to(FIXTURES)}")
        for record in (r for name in SECTION_PREFIX for r in corpus.dataset.section(name)):
            out.append(f"## {record.id}")
            for lang in ("en", "ru"):
                out.append(f"row {lang}: {row_text(record, lang)}")
                out += [f"  {label} = {value}" for label, value in fields(record, lang)]
            out.append("filter: " + filter_text(record).replace("\n", " | "))
            quotes = [c.quote.replace("\n", "⏎") for c in citations_for(corpus, record)]
            out.append("cites: " + " | ".join(quotes))
    return "\n".join(out) + "\n"


def test_every_record_described_as_the_golden_file() -> None:
    assert describe_all() == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "text"), [
    (0.0, "0"), (1234.0, "1,234"), (1234.5, "1,234.5"), (0.1, "0.1"),
    (1234567.125, "1,234,567.125"), (-3.0, "-3"), (1 / 3, "0.3333333333")])
def test_number(value: float, text: str) -> None:
    assert number(value) == text


def test_period_text_at_its_edges() -> None:
    from kzt_tui.core.model import Period

    assert period_text(None) == "period not stated"
    assert period_text(Period("2024", "2024", "2024")) == "2024 (2024 – 2024)"
    assert period_text(Period("2024", None, None)) == "2024"
    assert period_text(Period("from 2024", "2024", None)) == "from 2024 (2024)"
    assert period_text(Period("to 2025", None, "2025")) == "to 2025 (2025)"
    assert period_text(Period("2025", "", "2025")) == "2025"


def test_format_value_for_every_unit_scale_and_qualifier() -> None:
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    figure = next(iter(corpus.dataset.section("figures")))
    got = []
    for unit in ("USD", "tonnes", "percent", "times", "count", "km", "lanes", "years",
                 "months"):
        for scale in ("one", "thousand", "million", "billion"):
            fig = dataclasses.replace(figure, unit=unit, scale=scale, value=1.5,
                                      value_max=None, qualifier="exact")
            got.append(format_value(fig))
    assert got == [
        "$1.5", "$1.5k", "$1.5m", "$1.5bn", "1.5 t", "1.5k t", "1.5m t", "1.5bn t",
        "1.5%", "1.5k%", "1.5m%", "1.5bn%", "×1.5", "×1.5", "×1.5", "×1.5",
        "1.5", "1.5k", "1.5m", "1.5bn", "1.5 km", "1.5k km", "1.5m km", "1.5bn km",
        "1.5 lanes", "1.5k lanes", "1.5m lanes", "1.5bn lanes", "1.5 years", "1.5k years",
        "1.5m years", "1.5bn years", "1.5 months", "1.5k months", "1.5m months",
        "1.5bn months"]
    words = [format_value(dataclasses.replace(figure, unit="USD", scale="million", value=2.0,
                                              value_max=3.0, qualifier=q))
             for q in ("exact", "about", "more_than", "at_least", "almost", "less_than",
                       "up_to", "range")]
    assert words == ["$2–3m", "about $2–3m", "more than $2–3m", "at least $2–3m",
                     "almost $2–3m", "less than $2–3m", "up to $2–3m", "$2–3m"]


def test_the_filter_index_matches_every_word_and_keeps_its_results() -> None:
    corpus = Corpus(load(FIXTURES / "ui" / "curated.yaml"))
    records = tuple(corpus.dataset.section("figures")) + tuple(
        corpus.dataset.section("agreements"))
    index = FilterIndex(corpus)
    ids = [r.id for r in index.filter(records, "trade")]
    assert ids == ["fig-trade-2024", "agr-plan"]
    assert [r.id for r in index.filter(records, "trade 2024")] == ["fig-trade-2024"]
    assert [r.id for r in index.filter(records, "trad")] == ids  # a kept result narrowed
    assert [r.id for r in index.filter(records, "  ")] == [r.id for r in records]
    assert [r.id for r in index.filter(records, "tovarooborot")] == ["fig-trade-2024",
                                                                     "agr-plan"]
    assert index.filter(records, "xyzzy") == []
    assert FilterIndex.KEEP == 32
    for n in range(40):  # more queries than are kept: each still right
        assert [r.id for r in index.filter(records, f"trade{n}")] == []
    assert [r.id for r in index.filter(records, "trade")] == ids


if __name__ == "__main__":
    Path(GOLDEN).write_text(describe_all(), encoding="utf-8")


def test_who_says_a_statement() -> None:
    from kzt_tui.core.describe import speaker_text

    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    statement = corpus.by_id["stm-wheat"]
    assert isinstance(statement, Statement)
    said = [speaker_text(dataclasses.replace(statement, voice=v, speaker=s), lang)
            for v, s in (("author", None), ("unnamed", None), ("speaker", None),
                         ("speaker", "per-lee")) for lang in ("en", "ru")]
    assert said == ["the text's own voice (author)", "голос самого текста (автор)",
                    "someone the text does not name", "кто-то, кого текст не называет",
                    "—", "—", "per-lee", "per-lee"]
