"""Columns exactly: who a statement's speaker column names, a document's accounted share
and its "…" until made, Column.text's empty and vocabulary cells, values_of, value_text,
facet_label, find_column and fit at each of its limits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from kzt_tui.core import columns as columns_module
from kzt_tui.core.columns import (
    GAP,
    MARK_COLUMNS,
    NO_VALUE,
    TITLE_MIN,
    UNDATED,
    Column,
    build_tables,
    columns_of,
    facet_label,
    find_column,
    fit,
    measured,
    value_text,
    values_of,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields, period_cell
from kzt_tui.core.loading import load
from kzt_tui.core.model import Figure, Period, Statement, Text2
from kzt_tui.core.paths import shipped_data

SHIPPED = Corpus(load(shipped_data()))
SECTIONS, TIMELINE = build_tables()


def _column(section: str, name: str) -> Column:
    """Made in the test (a mutant of a column factory shows only then)."""
    found = find_column(build_tables()[0][section], name)
    assert found is not None
    return found


def _statement(voice: str, speaker: str | None) -> Statement:
    base = SHIPPED.get("stm-baigaliev-trade-below-potential")
    assert isinstance(base, Statement)
    return replace(base, id=f"stm-test-{voice}-{speaker}", voice=voice, speaker=speaker)


def test_the_speaker_column_names_who_says_it() -> None:
    speaker = _column("statements", "by")
    corpus = Corpus(load(shipped_data()))  # its own: names are kept per corpus
    said = SHIPPED.get("stm-baigaliev-trade-below-potential")
    assert said is not None
    assert speaker.value(said, corpus) == "Azamat Baigaliev"
    assert speaker.value(said, corpus) == "Azamat Baigaliev"  # the kept name
    # the value (what `speaker:` and sort read) stays English; the cell speaks the language
    assert speaker.text(said, corpus, "ru") == "Азамат Байгалиев"
    assert speaker.text(said, corpus, "en") == "Azamat Baigaliev"
    assert speaker.text(_statement("author", None), corpus, "ru") == "сам текст (автор)"
    assert speaker.text(_statement("author", None), corpus, "en") == "the text (author)"
    assert speaker.text(_statement("unnamed", None), corpus, "ru") == "не названный источник"
    assert speaker.text(_statement("speaker", "per-nobody"), corpus, "ru") == "per-nobody"
    assert speaker.value(_statement("author", None), corpus) == "the text (author)"
    assert speaker.value(_statement("author", "per-azamat-baigaliev"), corpus) == (
        "the text (author)")
    assert speaker.value(_statement("unnamed", None), corpus) == "unnamed"
    assert speaker.value(_statement("unnamed", "per-azamat-baigaliev"), corpus) == "unnamed"
    assert speaker.value(_statement("speaker", None), corpus) is None
    assert speaker.value(_statement("speaker", ""), corpus) is None
    assert speaker.value(_statement("speaker", "per-nobody"), corpus) == "per-nobody"
    assert speaker.text(_statement("speaker", None), corpus, "en") == ""
    agreement = SHIPPED.section("agreements")[0]
    assert speaker.value(agreement, corpus) is None


def test_speaker_names_are_kept_per_corpus() -> None:
    speaker = _column("statements", "speaker")
    said = SHIPPED.get("stm-baigaliev-trade-below-potential")
    assert said is not None
    one, other = Corpus(load(shipped_data())), Corpus(load(shipped_data()))
    renamed = replace(said, speaker="per-nobody")
    assert speaker.value(renamed, one) == "per-nobody"
    assert speaker.value(said, other) == "Azamat Baigaliev"


def test_a_documents_accounted_share_shows_dots_until_made(
        write_data: Callable[..., Path]) -> None:
    corpus = Corpus(load(write_data("""\
        schema_version: 1
        documents:
          - id: doc-a
            file: texts/a.txt
            date: "2025-11-25"
            date_note: "Test text."
            title: {en: "Text A", ru: "Текст А"}
            outlet: null
            kind: news_report
            reliability: "Made for tests."
        agreements:
          - id: agr-one
            title: {en: "One agreement", ru: "Одно соглашение"}
            kind: agreement
            level: interstate
            parties: [Kazakhstan, Turkmenistan]
            countries: [KZ, TM]
            date: "2025-11-25"
            status: signed
            topics: [trade]
            citations:
              - doc: doc-a
                quote: "Первая строка [bold]текста[/]."
                translation: "First line of text."
        """)))
    accounted = _column("documents", "accounted")
    doc, agreement = corpus.get("doc-a"), corpus.get("agr-one")
    assert doc is not None and agreement is not None
    assert accounted.ready is not None and not accounted.ready(doc, corpus)
    assert accounted.text(doc, corpus, "en") == "…"
    assert accounted.value(doc, corpus) == 33.3  # one sentence of three, to one decimal
    assert accounted.ready(doc, corpus)
    assert accounted.text(doc, corpus, "en") == "33.3%"
    assert accounted.text(doc, corpus, "ru") == "33,3%"  # the number in the language
    assert accounted.value(agreement, corpus) is None  # not a document
    assert accounted.text(agreement, corpus, "en") == ""
    assert _column("documents", "records").text(doc, corpus, "en") == "1"
    assert _column("agreements", "sources").text(agreement, corpus, "en") == "1"


def test_a_cell_without_a_value_and_a_vocabulary_cell() -> None:
    def column(value: object, **flags: object) -> Column:
        return Column("x", "X", lambda r, c: value, 5, 1, **flags)  # type: ignore[arg-type,return-value]

    record = SHIPPED.section("agreements")[0]
    for empty in (None, "", ()):
        assert column(empty).text(record, SHIPPED, "ru") == ""
        assert column(empty, is_date=True).text(record, SHIPPED, "ru") == "без даты"
        assert column(empty, is_date=True).text(record, SHIPPED, "en") == "undated"
    assert column("news_report", vocab=True).text(record, SHIPPED, "ru") == (
        "новостное сообщение")
    assert column("news_report", vocab=True).text(record, SHIPPED, "en") == "news report"
    assert column("news_report").text(record, SHIPPED, "ru") == "news report"
    assert column(("trade", "water"), vocab=True).text(record, SHIPPED, "ru") == (
        "торговля, вода")
    assert column(2.5, vocab=True).text(record, SHIPPED, "ru") == "2.5"
    assert column(1234.0).text(record, SHIPPED, "en") == "1,234"
    assert column("a_b", ready=lambda r, c: True).text(record, SHIPPED, "en") == "a b"
    assert column("a_b", ready=lambda r, c: False).text(record, SHIPPED, "en") == "…"
    assert column("a_b", show=lambda r, c, lang: lang).text(record, SHIPPED, "ru") == "ru"


def test_values_and_their_text() -> None:
    assert values_of(None) == values_of("") == values_of(()) == ()
    assert values_of(("a_b", "", "c")) == ("a b", "c")
    assert values_of("x_y") == ("x y",)
    assert values_of(3.0) == ("3",)
    assert values_of(0.0) == ("0",)
    assert value_text(None) == ""
    assert value_text(("a_b", "c_d")) == "a b, c d"
    assert value_text(2.25) == "2.25"
    assert value_text("a_b_c") == "a b c"


def test_facet_labels() -> None:
    date, kind = _column("agreements", "date"), _column("agreements", "kind")
    countries = _column("agreements", "countries")
    assert UNDATED == "undated" and NO_VALUE == "(none)"
    assert facet_label(date, "") == "undated"
    assert facet_label(date, "", "ru") == "без даты"
    assert facet_label(kind, "") == "(none)"
    assert facet_label(kind, "", "ru") == "(нет)"
    assert facet_label(kind, "joint statement", "ru") == "совместное заявление"
    assert facet_label(countries, "KZ", "ru") == "KZ"
    assert facet_label(kind, "joint statement") == "joint statement"


def test_columns_are_found_by_name_or_alias_in_any_case() -> None:
    columns = SECTIONS["agreements"]
    assert find_column(columns, "COUNTRY") is columns[4]
    assert find_column(columns, "Countries") is columns[4]
    assert find_column(columns, "name") is columns[0]
    assert find_column(columns, "nope") is None
    assert columns[4].names == ("countries", "country")
    assert columns[4].multi and not columns[3].multi


def _cols(*spec: tuple[int, int], title: int | None = 0) -> list[Column]:
    return [Column(f"c{i}", "C", lambda r, c: None, width, priority, title=i == title)
            for i, (width, priority) in enumerate(spec)]


def test_fit_keeps_the_title_at_its_floor_and_drops_the_least_important_first() -> None:
    assert (GAP, TITLE_MIN) == (1, 22)
    columns = _cols((40, 0), (10, 1), (5, 2))
    # the others take 10 + 1 + 5 + 1 = 17 cells; the title's floor is half the width here
    assert fit(columns, 45) == [28, 10, 5]
    assert fit(columns, 33) == [16, 10, 5]  # 16 left: at the floor (33 // 2)
    assert fit(columns, 32) == [21, 10, 0]  # 15 under 16: priority 2 goes first
    assert fit(columns, 21) == [10, 10, 0]  # 10 left after one: at the floor
    assert fit(columns, 20) == [20, 0, 0]  # 9 under 10: priority 1 goes too
    assert fit(columns, 1) == [1, 0, 0]
    assert fit(columns, 0) == [1, 0, 0]  # the title keeps one cell


def test_the_title_floor_is_never_under_8_nor_over_22_cells() -> None:
    small = _cols((40, 0), (5, 1))  # the other takes 6 cells
    assert fit(small, 14) == [8, 5]  # floor 8, not 14 // 2
    assert fit(small, 13) == [13, 0]
    wide = _cols((40, 0), (37, 1))  # the other takes 38 cells
    assert fit(wide, 60) == [22, 37]  # floor 22, not 60 // 2
    assert fit(wide, 59) == [59, 0]


def test_fit_without_a_title_column_widens_the_last() -> None:
    columns = _cols((10, 1), (10, 2), (6, 0), title=None)
    assert fit(columns, 50) == [10, 10, 28]
    assert fit(columns, 30) == [10, 0, 19]


def test_a_derived_column_of_a_record_of_another_kind_is_empty() -> None:
    person = SHIPPED.section("people")[0]  # no period, sides, value or route
    for section, name in (("discrepancies", "sides"), ("figures", "value"),
                          ("figures", "period"), ("corridors", "route")):
        column = _column(section, name)
        assert column.value(person, SHIPPED) is None, name
        assert column.text(person, SHIPPED, "en") == "", name


def test_a_facet_of_a_column_that_is_no_vocabulary_is_not_translated() -> None:
    measure = _column("figures", "measure")
    assert not measure.vocab
    assert facet_label(measure, "signed", "ru") == "signed"
    assert facet_label(_column("agreements", "status"), "signed", "ru") == "подписано"


def test_a_measured_column_is_as_wide_as_its_widest_cell_or_header_at_most_measure() -> None:
    value = _column("figures", "value")
    assert value.measure == 20
    assert [c.measure for c in SECTIONS["figures"]] == [20, 0, 0, 0, 0, 0]
    short = SHIPPED.get("fig-berdimuhamedov-visits-astana-year")  # "3"
    long = SHIPPED.get("fig-kz-tm-trade-half-billion")  # "more than $0.5bn", 16 cells
    assert short is not None and long is not None
    assert value.text(long, SHIPPED, "en") == "more than $0.5bn"
    assert value.text(long, SHIPPED, "ru") == "более $0,5 млрд"

    def widths(records: list[object], lang: str) -> list[int]:
        got = measured(SECTIONS["figures"], records, SHIPPED, lang)  # type: ignore[arg-type]
        return [c.width for c in got]

    assert widths([short], "en") == [5, 40, 7, 12, 8, 16]  # "Value", the header
    assert widths([short], "ru") == [8, 40, 7, 12, 8, 16]  # "Значение"
    assert widths([short, long], "en") == [16, 40, 7, 12, 8, 16]
    assert widths([long], "ru") == [15, 40, 7, 12, 8, 16]
    assert widths([], "en") == [5, 40, 7, 12, 8, 16]
    headless = Column("x", "", lambda _r, _c: "", 3, 1, measure=20)
    assert measured([headless], [], SHIPPED, "en")[0].width == 0  # no cells, no header
    for cells, width in ((19, 19), (20, 20), (21, 20), (30, 20)):
        wide = Column("x", "X", lambda _r, _c, n=cells: "y" * n, 3, 1, measure=20)
        (got,) = measured([wide], [long], SHIPPED, "en")
        assert got.width == width
    plain = Column("x", "Header", lambda _r, _c: "y" * 30, 3, 1)
    assert measured([plain], [long], SHIPPED, "en") == (plain,)  # not measured: as declared


def test_a_column_one_cell_wide_is_drawn() -> None:
    one = Column("one", "O", lambda _r, _c: "", 1, 1)
    none = Column("none", "N", lambda _r, _c: "", 0, 1)
    title = Column("title", "T", lambda _r, _c: "", 40, 0, title=True)
    assert fit([one, none, title], 80) == [1, 0, 78]


def test_a_period_cell_speaks_the_language() -> None:
    period = _column("figures", "period")
    record = SHIPPED.get("fig-kz-tm-trade-9m-2025")
    assert record is not None
    assert period.text(record, SHIPPED, "en") == "January–September 2025"
    assert period.text(record, SHIPPED, "ru") == "2025-01 – 2025-09"


def test_an_english_period_cell_shows_dates_for_a_label_in_russian_words() -> None:
    """The English list showed '"в прошлом …' for a label quoting the Russian text: it
    shows the resolved dates instead; the detail keeps the label whole."""
    period = _column("figures", "period")
    record = SHIPPED.get("fig-kz-ru-trade-2024")
    assert isinstance(record, Figure) and record.period is not None
    assert "в прошлом году" in record.period.label
    assert period.text(record, SHIPPED, "en") == "2024"
    assert dict(fields(record))["Period"].startswith('"в прошлом году" (last year)')
    assert period_cell(Period("«до 2030 года»", None, "2030"), "en") == "by 2030"
    assert period_cell(Period("Ёлки", None, None), "en") == "not stated"
    assert period_cell(Period("by 2030", None, "2030"), "en") == "by 2030"
    assert period_cell(Period("the year 2024", "2024", "2024"), "en") == "the year 2024"


class _Marked:
    """A corpus as the marks columns read it: its dataset's source (weakly referenced)."""

    def __init__(self, source: Path) -> None:
        self.dataset = SimpleNamespace(source=str(source))


def test_the_marks_columns_of_many_records_with_no_marks_and_with_some(
        tmp_path: Path) -> None:
    marked, tags = (find_column(MARK_COLUMNS, n) for n in ("marked", "tags"))
    assert marked is not None and tags is not None
    assert marked.many is not None and tags.many is not None
    records = [SimpleNamespace(id=i) for i in ("aaa-1", "aaa-2", "aaa-3")]
    bare = _Marked(tmp_path / "curated.yaml")  # no marks.yaml
    assert marked.many(records, bare) == ["no", "no", "no"]  # type: ignore[arg-type]
    assert tags.many(records, bare) == [(), (), ()]  # type: ignore[arg-type]
    assert [marked.text(r, bare, "en") for r in records[:1]] == ["no"]  # type: ignore[arg-type]
    assert marked.text(records[0], bare, "ru") == "нет"  # type: ignore[arg-type]
    (tmp_path / "marks.yaml").write_text(
        "aaa-1: {marked: true}\naaa-2: {tags: [x, y]}\n", encoding="utf-8")
    some = _Marked(tmp_path / "curated.yaml")
    assert marked.many(records, some) == ["yes", "no", "no"]  # type: ignore[arg-type]
    assert tags.many(records, some) == [(), ("x", "y"), ()]  # type: ignore[arg-type]
    assert marked.text(records[0], some, "en") == "yes"  # type: ignore[arg-type]
    assert marked.text(records[0], some, "ru") == "да"  # type: ignore[arg-type]


def test_columns_of_made_the_first_time_then_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(columns_module, "_WITH_MARKS", {})  # as before any list was shown
    figures = columns_of(["figures"])
    assert figures == (*columns_module.SECTION_COLUMNS["figures"], *MARK_COLUMNS)
    assert columns_of(["figures"]) is figures
    assert columns_of(["events", "agreements"]) == (*columns_module.TIMELINE_COLUMNS,
                                                    *MARK_COLUMNS)


@pytest.mark.parametrize(("en", "ru", "in_en", "in_ru"), [
    ("Trade is low", "", "Trade is low", "(en) Trade is low"),
    ("", "Торговля мала", "(ru) Торговля мала", "Торговля мала"),
    ("Trade is low", "Торговля мала", "Trade is low", "Торговля мала"),
    ("", "", "", ""),  # nothing to show: no mark before nothing
])
def test_a_label_in_the_other_language_alone_is_marked_with_it(
        en: str, ru: str, in_en: str, in_ru: str) -> None:
    summary = _column("statements", "title")
    base = SHIPPED.get("stm-baigaliev-trade-below-potential")
    assert isinstance(base, Statement)
    said = replace(base, summary=Text2(en, ru))
    assert (summary.text(said, SHIPPED, "en"), summary.text(said, SHIPPED, "ru")) == (
        in_en, in_ru)

