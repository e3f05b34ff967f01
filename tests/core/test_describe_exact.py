"""Exact values for core/describe.py (mutation testing, issue 19): a golden file of every
record's list row, detail fields (in English and Russian) and filter text, for the export
fixture (every section, a range, a period, a route, a discrepancy …) and the UI fixture;
the small formatters at their edges; the filter index's kept results.

Regenerate the golden file (after a change meant to alter it, then read its diff):
`.venv/bin/python -m tests.core.test_describe_exact`."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import cast

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import (
    UNIT_WORDS,
    FilterIndex,
    citations_for,
    fields,
    filter_text,
    format_value,
    number,
    period_text,
    plural_count,
    row_text,
)
from kzt_tui.core.loading import load
from kzt_tui.core.model import (
    SECTION_PREFIX,
    Discrepancy,
    Figure,
    Record,
    Side,
    Statement,
    Text2,
)
from kzt_tui.core.schema import UNITS
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "golden" / "describe.txt"
DATASETS = [FIXTURES / "export" / "curated.yaml", FIXTURES / "ui" / "curated.yaml"]


def describe(corpus: Corpus, record: Record) -> list[str]:
    """One record described: row, fields in en and ru, filter text, the passages cited."""
    out = [f"## {record.id}"]
    for lang in ("en", "ru"):
        out.append(f"row {lang}: {row_text(record, lang)}")
        out += [f"  {label} = {value}" for label, value in fields(record, lang)]
    out.append("filter: " + filter_text(record).replace("\n", " | "))
    quotes = [c.quote.replace("\n", "⏎") for c in citations_for(corpus, record)]
    out.append("cites: " + " | ".join(quotes))
    return out


def variants(corpus: Corpus) -> list[Record]:
    """Records of the export fixture with what its own records leave out: notes on every
    kind, no route, no country, no countries or topics, no place or date, a side citing two
    documents, a statement in the text's own voice with a Russian summary, one by someone
    unnamed."""
    by_id = corpus.by_id
    note = {"notes": "A note."}
    trade = by_id["dis-trade"]
    assert isinstance(trade, Discrepancy)
    both = trade.sides[0].citations + trade.sides[1].citations + trade.sides[0].citations
    statement = by_id["stm-wheat"]
    return [
        dataclasses.replace(by_id["cor-gas"], nodes=(), countries=(), **note),
        dataclasses.replace(by_id["fig-trade"], **note),
        dataclasses.replace(by_id["per-lee"], **note),
        dataclasses.replace(by_id["org-desk"], country=None, **note),
        dataclasses.replace(by_id["evt-talks"], date=None, date_end=None,
                            place=None, **note),
        dataclasses.replace(trade, sides=(Side("Both", both), *trade.sides[1:])),
        dataclasses.replace(statement, summary=Text2("Wheat to Turkmenistan.",
                                                     "Пшеница в Туркменистан."),
                            voice="author", speaker=None, goods=(), about=(), topics=(),
                            **note),
        dataclasses.replace(statement, voice="unnamed", speaker=None),
    ]


def describe_all() -> str:
    """Every record of DATASETS described, then the export fixture's variants."""
    out: list[str] = []
    for path in DATASETS:
        corpus = Corpus(load(path))
        out.append(f"# {path.relative_to(FIXTURES)}")
        for record in (r for name in SECTION_PREFIX for r in corpus.dataset.section(name)):
            out += describe(corpus, record)
    corpus = Corpus(load(DATASETS[0]))
    out.append("# variants of export/curated.yaml")
    for record in variants(corpus):
        out += describe(corpus, record)
    return "\n".join(out) + "\n"


def test_every_record_described_as_the_golden_file() -> None:
    assert describe_all() == GOLDEN.read_text(encoding="utf-8")


@pytest.mark.parametrize(("value", "text"), [
    (0.0, "0"), (1234.0, "1,234"), (1234.5, "1,234.5"), (0.1, "0.1"),
    (1234567.125, "1,234,567.125"), (-3.0, "-3"), (1 / 3, "0.3333333333"),
    (12345678901.0, "12,345,678,901")])  # whole, past ten digits: not "1.23456789e+10"
def test_number(value: float, text: str) -> None:
    assert number(value) == text


def test_period_text_at_its_edges() -> None:
    from kzt_tui.core.model import Period

    assert period_text(None) == "period not stated"
    assert period_text(Period("2024", "2024", "2024")) == "2024"
    assert period_text(Period("in 2024", "2024", "2024")) == "in 2024 (2024)"
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


def test_fields_speak_english_unless_told() -> None:
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    record = corpus.by_id["doc-one"]
    assert fields(record)[:2] == [("Title", "Talks in Astana"),
                                  ("Title (ru)", "Переговоры в Астане")]


def test_every_unit_has_a_word() -> None:
    assert list(UNIT_WORDS) == list(UNITS)


@dataclasses.dataclass(frozen=True)
class _Unknown:
    """A record of a kind describe does not know (a section added without its case)."""

    id: str = "unk-1"

    def label(self, lang: str = "en") -> str:
        return "Unknown"


@pytest.mark.parametrize("describe_one", [row_text, fields, filter_text])
def test_a_record_of_an_unknown_kind_is_an_error_naming_it(describe_one) -> None:
    with pytest.raises(AssertionError) as raised:
        describe_one(cast(Record, _Unknown()))
    assert str(raised.value) == "Expected code to be unreachable, but got: _Unknown(id='unk-1')"


class _Watched(FilterIndex):
    """A filter index that notes each record whose filter text it looks at."""

    def __init__(self, corpus: Corpus) -> None:
        super().__init__(corpus)
        self.looked: list[str] = []

    def _text(self, record: Record) -> tuple[str, str]:
        self.looked.append(record.id)
        return super()._text(record)

    def filter_ids(self, records: tuple[Record, ...], query: str) -> tuple[list[str], list[str]]:
        """(the ids found, the ids looked at to find them)."""
        self.looked = []
        return [r.id for r in self.filter(records, query)], self.looked


def test_the_filter_index_makes_each_text_once_and_narrows_kept_results(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import kzt_tui.core.describe as describe

    made: list[str] = []

    def counted(record: Record) -> str:
        made.append(record.id)
        return filter_text(record)

    monkeypatch.setattr(describe, "filter_text", counted)
    corpus = Corpus(load(FIXTURES / "ui" / "curated.yaml"))
    records = tuple(corpus.dataset.section("figures")) + tuple(
        corpus.dataset.section("agreements"))
    every = [r.id for r in records]
    index = _Watched(corpus)
    assert index.filter_ids((), "trade") == ([], [])  # no records: nothing kept to narrow
    index.prepare(records)
    assert made == every
    assert index.filter_ids(records, "trad") == (["fig-trade-2024", "agr-plan"], every)
    assert made == every  # prepared: no text made again
    # typing on narrows the kept result; a query asked before is kept
    assert index.filter_ids(records, "trade") == (["fig-trade-2024", "agr-plan"],
                                                  ["fig-trade-2024", "agr-plan"])
    assert index.filter_ids(records, "trad") == (["fig-trade-2024", "agr-plan"], [])
    # a word without a skeleton ("jj": glides only) matches by its letters alone
    assert index.filter_ids(records, "jj") == ([], every)
    for n in range(29):  # 32 kept in all, none of them implied by another
        assert index.filter_ids(records, f"zq{n:02d}") == ([], every)
    assert index.filter_ids(records, "trad") == (["fig-trade-2024", "agr-plan"], [])
    assert index.filter_ids(records, "zq99") == ([], every)  # the 33rd: "trad" goes
    assert index.filter_ids(records, "trad") == (["fig-trade-2024", "agr-plan"], every)


if __name__ == "__main__":
    Path(GOLDEN).write_text(describe_all(), encoding="utf-8")


def _years(value: float, value_max: float | None = None, qualifier: str = "exact",
           scale: str = "one") -> Figure:
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    figure = next(iter(corpus.dataset.section("figures")))
    assert isinstance(figure, Figure)
    return dataclasses.replace(figure, unit="years", scale=scale, value=value,
                               value_max=value_max, qualifier=qualifier)


@pytest.mark.parametrize(("fig", "lang", "count"), [
    # English: 1 only for exactly one, unscaled; the last number said
    ((1.0,), "en", 1), ((1.0, None, "exact", "million"), "en", 2), ((2.0,), "en", 2),
    ((0.5, 1.0), "en", 1), ((1.0, 3.0), "en", 2), ((1.5,), "en", 2),
    # Russian: a scale word reads as 5 ("2 млн лет"), a fraction as 2 ("2,5 года")
    ((1.0, None, "exact", "thousand"), "ru", 5), ((2.5,), "ru", 2), ((1.0, 2.5), "ru", 2),
    # the genitive after a qualifier: 2 for 1, 21, 101 …, 5 for 11, 111, 12 and the rest
    ((1.0, None, "more_than"), "ru", 2), ((21.0, None, "about"), "ru", 2),
    ((101.0, None, "up_to"), "ru", 2), ((11.0, None, "at_least"), "ru", 5),
    ((111.0, None, "less_than"), "ru", 5), ((12.0, None, "more_than"), "ru", 5),
    ((4.0, None, "about"), "ru", 5),
    # no genitive qualifier: the number itself
    ((4.0,), "ru", 4), ((11.0, None, "almost"), "ru", 11), ((2.0, 21.0, "range"), "ru", 21),
])
def test_plural_count_is_the_number_whose_form_the_unit_takes(
        fig: tuple[float, float | None, str, str], lang: str, count: int) -> None:
    assert plural_count(_years(*fig), lang) == count


@pytest.mark.parametrize(("value", "qualifier", "ru"), [
    (21.0, "more_than", "более 21 года"), (11.0, "more_than", "более 11 лет"),
    (111.0, "about", "около 111 лет"), (101.0, "up_to", "до 101 года"),
    (12.0, "less_than", "менее 12 лет"), (31.0, "at_least", "не менее 31 года"),
])
def test_a_genitive_qualifier_takes_the_form_of_the_last_two_digits(
        value: float, qualifier: str, ru: str) -> None:
    assert format_value(_years(value, None, qualifier), "ru") == ru


def test_both_ends_of_a_range_are_worded_in_the_language() -> None:
    fig = dataclasses.replace(_years(1.5, 2500.5), unit="USD", scale="million")
    assert format_value(fig, "ru") == "$1,5–2\u202f500,5 млн"
    assert format_value(fig) == "$1.5–2,500.5m"
    assert number(2500.5, "ru") == "2\u202f500,5"
    assert number(2500.5) == "2,500.5"


def test_fields_name_the_records_they_refer_to_when_given_names() -> None:
    """The detail and the briefing say who speaks and what a statement is about by name (a
    newcomer read "Said by per-tokayev"); without a Namer, and for an id no record has, the
    id stays. A side's texts keep their ids: the detail's citations are headed by them."""
    from kzt_tui.core.describe import names_in

    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    statement = corpus.by_id["stm-wheat"]
    en, ru = dict(fields(statement, "en", names_in(corpus, "en"))), dict(
        fields(statement, "ru", names_in(corpus, "ru")))
    assert (en["Said by"], en["About"]) == ("Ann Lee", "Talks in Astana; Trade")
    assert ru["Кто говорит"] == corpus.by_id["per-lee"].label("ru") != "per-lee"
    assert dict(fields(statement))["Said by"] == "per-lee"  # ids unless told
    assert names_in(corpus, "en")("per-nobody") == "per-nobody"
    sides = dict(fields(corpus.by_id["dis-trade"], "en", names_in(corpus, "en")))
    assert (sides["Side 1"], sides["Side 2"]) == ("$555.7m (doc-one)", "Less (doc-two)")
