"""Lists as tables, in the core: columns, the filter language, sort and facets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.columns import (
    MARK_COLUMNS,
    SECTION_COLUMNS,
    TIMELINE_COLUMNS,
    columns_of,
    find_column,
    fit,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.loading import load
from kzt_tui.core.marks import Marks, marks_path
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.query import number_of, parse
from kzt_tui.core.table import Facet, FacetRow, Sort, TableIndex

CORPUS = Corpus(load(shipped_data()))
AGREEMENTS = CORPUS.section("agreements")
COLUMNS = SECTION_COLUMNS["agreements"]


def ids(query: str, section: str = "agreements", facets: tuple[Facet, ...] = (),
        sort: Sort | None = None) -> list[str]:
    got = TableIndex(CORPUS).select(CORPUS.section(section), SECTION_COLUMNS[section],
                                    FilterIndex(CORPUS), query, facets, sort)
    assert got.hint is None
    return [r.id for r in got.records]


def where(section: str, test) -> list[str]:
    return [r.id for r in CORPUS.section(section) if test(r)]


def test_every_section_has_its_columns_and_the_timeline_leads_with_the_date() -> None:
    assert [c.name for c in COLUMNS] == ["title", "date", "kind", "status", "countries",
                                         "sources", "topics", "corridors"]
    assert [c.name for c in TIMELINE_COLUMNS][:2] == ["date", "title"]
    timeline = columns_of(("events", "agreements"))
    assert timeline == (*TIMELINE_COLUMNS, *MARK_COLUMNS)
    assert columns_of(("events", "agreements")) is timeline  # made once
    assert columns_of(("figures",)) == (*SECTION_COLUMNS["figures"], *MARK_COLUMNS)
    for section, columns in SECTION_COLUMNS.items():
        assert sum(c.title for c in columns) == 1, section
        record = CORPUS.section(section)[0]
        for column in columns:
            assert isinstance(column.text(record, CORPUS, "en"), str)


def test_cells_of_an_agreement() -> None:
    record = CORPUS.get("agr-joint-statement-2025")
    assert record is not None
    assert [c.text(record, CORPUS, "en") for c in COLUMNS] == [
        record.label("en"), "2025-11-25", "joint statement", "signed", "KZ, TM", "1",
        "diplomacy", ""]


def test_the_least_important_columns_give_way_and_the_title_keeps_most_room() -> None:
    wide = fit(COLUMNS, 118)
    assert all(wide[:6]) and wide[0] == 118 - sum(wide[1:]) - 5 and wide[6:] == [0, 0]
    narrow = fit(COLUMNS, 51)  # sources (5), kind (4) go; countries (3) stays
    assert narrow == [22, 10, 0, 9, 7, 0, 0, 0]  # topics and corridors are never drawn
    assert fit(COLUMNS, 30)[0] >= 15 and fit(COLUMNS, 30)[2:] == [0] * 6


# --- the filter language -------------------------------------------------------------------

def test_field_terms_match_the_data() -> None:
    assert ids("status:signed") == where("agreements", lambda r: r.status == "signed")
    assert ids("-status:proposed") == where("agreements", lambda r: r.status != "proposed")
    assert ids("country:TM") == where("agreements", lambda r: "TM" in r.countries)
    assert ids("countries:tm") == ids("country:TM")  # a name or an alias, any case
    assert ids("date:2025") == where("agreements", lambda r: (r.date or "").startswith("2025"))
    assert ids("date:2025-11-24") == where("agreements", lambda r: r.date == "2025-11-24")
    assert ids("status:signed,proposed") == where(
        "agreements", lambda r: r.status in ("signed", "proposed"))
    assert ids('status:"in force"') == where("agreements", lambda r: r.status == "in_force")
    assert ids("status:in_force") == ids('status:"in force"')


def test_a_date_is_a_prefix_of_the_iso_date_not_any_word_of_it() -> None:
    assert ids("date:11") == []
    assert ids("date:undated") == where("agreements", lambda r: r.date is None)


def test_ordered_terms() -> None:
    assert ids("date>=2025") == where("agreements", lambda r: (r.date or "") >= "2025")
    assert ids("date<2025") == where("agreements", lambda r: r.date and r.date < "2025")
    assert ids("date>2024") == ids("date>=2025")  # 2024-12 is not after 2024
    assert ids("date<=2024") == ids("date<2025")
    big = where("figures", lambda r: r.absolute > 1e9)
    assert big and ids("value>1bn", "figures") == big
    assert ids("value<=1000", "figures") == where("figures", lambda r: r.absolute <= 1000)
    assert number_of("$1.5bn") == 1.5e9 and number_of("12,000") == 12000
    assert number_of("many") is None


def test_values_match_a_word_start_in_any_script() -> None:
    memo = where("agreements", lambda r: "memorandum" in r.kind)
    assert memo and ids("kind:memo") == memo
    assert ids("kind:randum") == []  # not inside a word
    tokayev = ids("speaker:tokayev", "statements")
    assert tokayev and ids("speaker:токаев", "statements") == tokayev
    assert ids("title:мост", "agreements") == ids("мост", "agreements")  # both languages


def test_free_words_mix_with_terms_and_can_be_excluded() -> None:
    signed = set(ids("status:signed"))
    culture = ids("cultural status:signed")
    assert culture and set(culture) <= signed
    assert set(ids("-cultural")) == {r.id for r in AGREEMENTS} - set(ids("cultural"))


def test_agreements_filter_by_topic_and_corridor_as_the_data_holds_them() -> None:
    """Both are columns of an agreement's data (and of its CSV export): `topic:` and
    `corridor:` were refused as unknown fields."""
    assert ids("topic:transport") == where("agreements", lambda r: "transport" in r.topics)
    assert ids("topics:transport,water") == where(
        "agreements", lambda r: {"transport", "water"} & set(r.topics))
    assert ids("-topic:transport") == where("agreements", lambda r: "transport" not in r.topics)
    assert len(ids("topic:transport")) > 1  # the data has them: the test can fail
    # a corridor by (a word of) its name, as a facet counts it
    aktau = CORPUS.get("cor-port-aktau")
    assert aktau is not None and aktau.label("en").split()[-1] == "Aktau"
    assert ids("corridor:aktau") == where("agreements",
                                          lambda r: "cor-port-aktau" in r.corridors)
    assert "agr-caspian-ports-understanding" in ids("corridors:aktau")
    assert ids("corridor:nowhere") == []
    counts = {row.value: row.count for row in TableIndex(CORPUS).facet(
        AGREEMENTS, find_column(COLUMNS, "corridor"))}  # type: ignore[arg-type]
    assert counts[aktau.label("en")] == len(ids("corridor:aktau"))
    assert counts[""] == len(where("agreements", lambda r: not r.corridors))


@pytest.mark.parametrize(("typed", "corridor"), [
    ("север", "cor-north-south"), ("СЕВЕР", "cor-north-south"),
    ("Железная дорога", "cor-kz-tm-ir-railway"), ("зерновой", "cor-tm-af-grain-terminal"),
    ("ЗЕЛЕНЫЙ КОРИДОР", "cor-kz-tm-produce-green-corridor"),
])
def test_corridor_reads_the_russian_names_the_data_gives_too(typed: str,
                                                            corridor: str) -> None:
    """`corridor:` read the English names only: the Russian name the data holds for a
    corridor finds the same agreements, in any case, as its English name does."""
    record = CORPUS.get(corridor)
    assert record is not None and typed.split()[0].lower() in record.label("ru").lower()
    holding = where("agreements", lambda r: corridor in r.corridors)
    assert holding  # the data has them: the test can fail
    term = typed if " " not in typed else f'"{typed}"'
    assert set(holding) <= set(ids(f"corridor:{term}"))
    assert set(ids(f"corridor:{term}")) <= set(where(
        "agreements", lambda r: any(typed.split()[0].lower() in c.label("ru").lower()
                                    for i in r.corridors if (c := CORPUS.get(i)))))
    english = record.label("en").split()[0].lower()
    assert set(holding) <= set(ids(f"corridor:{english}"))


def test_a_hyphenated_word_excluded_drops_the_records_holding_its_parts_adjacent() -> None:
    assert ids("-trans-caspian") == ids("")  # none holds them adjacent (1 did, apart)
    assert ids("-caspian-ports") == where(
        "agreements", lambda r: r.id != "agr-caspian-ports-understanding")


def test_an_unknown_field_gives_a_hint_not_an_empty_list() -> None:
    got = TableIndex(CORPUS).select(AGREEMENTS, COLUMNS, FilterIndex(CORPUS), "stauts:signed")
    assert got.records == ()
    assert got.hint == ("unknown field 'stauts' (did you mean status?) — fields here: "
                        "title, date, kind, status, countries, sources, topics, corridors")
    assert parse("stat:signed", COLUMNS).terms[0].column.name == "status"  # a unique start
    assert parse("s:x", COLUMNS).hint is not None  # status or sources: which?
    assert parse("status:", COLUMNS).terms == ()  # still being typed


# --- sort and facets -----------------------------------------------------------------------

@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_date_puts_the_undated_last_both_ways(descending: bool) -> None:
    got = TableIndex(CORPUS).sorted(AGREEMENTS, COLUMNS[1], descending)
    dates = [r.date for r in got]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=descending)
    assert dates[len(dated):] == [None] * (len(dates) - len(dated)) and len(dated) < len(dates)
    undated = [r.id for r in AGREEMENTS if r.date is None]
    assert [r.id for r in got][len(dated):] == undated  # in their own order


def test_sort_is_stable_and_kept() -> None:
    index = TableIndex(CORPUS)
    got = index.sorted(AGREEMENTS, COLUMNS[3])
    assert index.sorted(AGREEMENTS, COLUMNS[3]) is got
    for status in {r.status for r in AGREEMENTS}:
        assert [r.id for r in got if r.status == status] == [
            r.id for r in AGREEMENTS if r.status == status]


def test_facet_counts_each_value_and_follows_the_filter() -> None:
    index = TableIndex(CORPUS)
    statuses = index.facet(AGREEMENTS, COLUMNS[3])
    assert sum(row.count for row in statuses) == len(AGREEMENTS)
    assert statuses[0] == FacetRow("signed", sum(r.status == "signed" for r in AGREEMENTS))
    countries = {row.value: row.count for row in index.facet(AGREEMENTS, COLUMNS[4])}
    assert countries["TM"] == sum("TM" in r.countries for r in AGREEMENTS)
    assert countries["KZ"] == sum("KZ" in r.countries for r in AGREEMENTS)
    dates = {row.value: row.count for row in index.facet(AGREEMENTS, COLUMNS[1])}
    assert dates[""] == sum(r.date is None for r in AGREEMENTS)


def test_facets_combine() -> None:
    both = ids("", facets=(Facet("status", "signed"), Facet("countries", "TM")))
    assert both == where("agreements", lambda r: r.status == "signed" and "TM" in r.countries)
    undated = ids("", facets=(Facet("date", ""),))
    assert undated == where("agreements", lambda r: r.date is None)


def test_a_country_code_as_a_free_word_finds_the_agreements_of_that_country() -> None:
    """"/TM" kept 3 of 53 agreements: the free text held no country codes."""
    assert ids("TM") == ids("country:TM") == where("agreements", lambda r: "TM" in r.countries)


# --- the user's marks: marked:yes|no, tag:NAME, a facet on tags -------------------------------

def _marked_corpus(tmp_path: Path) -> tuple[Corpus, Marks]:
    """The shipped data as if its curated file were in tmp_path (where marks.yaml goes)."""
    from dataclasses import replace

    corpus = Corpus(replace(load(shipped_data()), source=str(tmp_path / "curated.yaml")))
    return corpus, Marks(marks_path(Path(corpus.dataset.source)))


def test_marks_and_tags_are_fields_of_every_list_and_follow_the_file(tmp_path: Path) -> None:
    corpus, marks = _marked_corpus(tmp_path)
    agreements = corpus.section("agreements")
    first, second, third = (r.id for r in agreements[:3])
    marks.mark(first)
    marks.tag(first, "check")
    marks.tag(second, "check")
    marks.tag(second, "trade")
    index, columns = TableIndex(corpus), columns_of(("agreements",))
    fi = FilterIndex(corpus)

    def ids(query: str, facets: tuple[Facet, ...] = (), sort: Sort | None = None) -> list[str]:
        got = index.select(agreements, columns, fi, query, facets, sort)
        assert got.hint is None, got.hint
        return [r.id for r in got.records]

    everyone = [r.id for r in agreements]
    assert ids("marked:yes") == [first]
    assert ids("marked:no") == ids("-marked:yes") == everyone[1:]
    assert ids("tag:check") == ids("tags:check") == [first, second]
    assert ids("tag:trade -marked:yes") == [second]
    assert ids("tag:check,trade") == [first, second]  # either, as every list field
    assert ids("", (Facet("tags", "trade"),)) == [second]
    assert index.facet(agreements, find_column(columns, "tags")) == [
        FacetRow("", len(everyone) - 2), FacetRow("check", 2), FacetRow("trade", 1)]
    assert index.facet(agreements, find_column(columns, "marked")) == [
        FacetRow("no", len(everyone) - 1), FacetRow("yes", 1)]
    assert ids("", sort=Sort("marked", True))[0] == first
    # the file changes (another `m`, `kzt-tui mark`): the next list reads it, nothing kept
    marks.unmark(first)
    marks.mark(third)
    marks.untag(first, "check")
    assert ids("marked:yes") == [third]
    assert ids("tag:check") == [second]
    assert ids("", sort=Sort("marked", True))[0] == third
    assert ids("", (Facet("tags", "check"),)) == [second]


def test_columns_of_marks_are_never_drawn_and_a_list_without_a_marks_file_has_none(
        tmp_path: Path) -> None:
    columns = columns_of(("agreements",))
    widths = fit(columns, 118)
    assert widths[len(COLUMNS):] == [0, 0]
    assert widths[:len(COLUMNS)] == fit(COLUMNS, 118)  # the others keep their room
    assert fit(columns, 51)[:len(COLUMNS)] == fit(COLUMNS, 51)
    corpus, _ = _marked_corpus(tmp_path)
    index = TableIndex(corpus)
    records = corpus.section("agreements")
    assert index.select(records, columns, FilterIndex(corpus), "marked:yes").records == ()
    assert len(index.select(records, columns, FilterIndex(corpus), "marked:no").records) == len(
        records)
