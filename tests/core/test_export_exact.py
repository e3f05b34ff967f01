"""Exports pinned exactly (core/export/): golden files of every format for a fixture that has
every section (tests/fixtures/export: a passage over two lines, a range, a period, a route
with a node that has no Russian name or country, a statement whose summary is English only,
a discrepancy, a month-only date, a two-word and a three-word byline), the mini dataset's
JSON and CSV, one section's exports, and the small rules each format keeps."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import os
import shutil
import sqlite3
import time
from pathlib import Path

import jsonschema
import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import (
    FORMAT_NAMES,
    ExportError,
    ExportRequest,
    export_data,
    export_format,
    export_records,
    export_text,
    format_for_name,
    or_list,
)
from kzt_tui.core.export.as_bibtex import bibtex_entry, bibtex_key, ris_record
from kzt_tui.core.export.as_csl import csl_item
from kzt_tui.core.export.as_csv import safe_cell
from kzt_tui.core.export.as_json import citation_dict, json_dumps
from kzt_tui.core.export.common import dataset_name, label_ru
from kzt_tui.core.loading import load
from tests.helpers import FIXTURES, MINI

GOLDEN = FIXTURES / "golden"
EXPORT = FIXTURES / "export"
CSL_SCHEMA = Path("/work/shared/schemas/csl-data.json")
DAY = datetime.date(2026, 1, 2)

#: (format, with ids, golden file) of the export fixture; the sqlite one is a dump.
TEXT_GOLDENS = [
    ("json", False, "export.json"), ("csv", False, "export.csv"), ("md", False, "export.md"),
    ("md", True, "export-with-ids.md"), ("csl-json", False, "export.csl.json"),
    ("bibtex", False, "export.bib"), ("ris", False, "export.ris"),
]
#: One section's exports (the title is the section's), and the mini dataset's JSON and CSV.
SECTION_GOLDENS = [("json", "figures", "export-figures.json"),
                   ("csv", "figures", "export-figures.csv"),
                   ("md", "figures", "export-figures.md"),
                   ("md", "documents", "export-documents.md")]
MINI_GOLDENS = [("json", "mini.json"), ("csv", "mini.csv")]


@pytest.fixture(scope="module")
def rich() -> Corpus:
    return Corpus(load(EXPORT / "curated.yaml"))


@pytest.fixture(scope="module")
def mini() -> Corpus:
    return Corpus(load(MINI / "curated.yaml"))


def _golden(name: str) -> str:
    # bytes, decoded: RIS has CRLF line ends, which read_text would fold
    return (GOLDEN / name).read_bytes().decode("utf-8")


def _dump(data: str | bytes) -> str:
    assert isinstance(data, bytes)
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return "\n".join(line for line in db.iterdump() if "_fts_" not in line) + "\n"


# --- Golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "with_ids", "name"), TEXT_GOLDENS)
def test_golden_exports_of_every_section(rich: Corpus, fmt: str, with_ids: bool,
                                         name: str) -> None:
    assert export_text(rich, fmt, exported=DAY, with_ids=with_ids) == _golden(name)


def test_export_data_leaves_ids_out_unless_asked(rich: Corpus) -> None:
    assert export_data(rich, "md", exported=DAY) == _golden("export.md")


def test_golden_sqlite_of_every_section(rich: Corpus) -> None:
    assert _dump(export_data(rich, "sqlite")) == _golden("export.sql")


@pytest.mark.parametrize(("fmt", "section", "name"), SECTION_GOLDENS)
def test_golden_exports_of_one_section(rich: Corpus, fmt: str, section: str,
                                       name: str) -> None:
    assert export_text(rich, fmt, section, exported=DAY) == _golden(name)


@pytest.mark.parametrize(("fmt", "name"), MINI_GOLDENS)
def test_golden_json_and_csv_of_the_mini_dataset(mini: Corpus, fmt: str, name: str) -> None:
    assert export_text(mini, fmt, exported=DAY) == _golden(name)


def _write_golden() -> None:  # pragma: no cover - run by hand when a format changes
    rich = Corpus(load(EXPORT / "curated.yaml"))
    for fmt, with_ids, name in TEXT_GOLDENS:
        (GOLDEN / name).write_bytes(
            export_text(rich, fmt, exported=DAY, with_ids=with_ids).encode())
    (GOLDEN / "export.sql").write_bytes(_dump(export_data(rich, "sqlite")).encode())
    for fmt, section, name in SECTION_GOLDENS:
        (GOLDEN / name).write_bytes(export_text(rich, fmt, section, exported=DAY).encode())
    mini = Corpus(load(MINI / "curated.yaml"))
    for fmt, name in MINI_GOLDENS:
        (GOLDEN / name).write_bytes(export_text(mini, fmt, exported=DAY).encode())


# --- CSV ------------------------------------------------------------------------------------

#: The header of a whole-dataset CSV: identity, every section's columns in section order,
#: then the passages. Renaming or reordering a column breaks analysts' sheets.
CSV_HEADER = (
    "section,id,label_en,label_ru,file,date,date_note,outlet,outlet_evidence,author,kind,"
    "reliability,level,status,period,parties,countries,topics,event,corridors,figures,modes,"
    "route,value_text,value,value_max,scale,unit,absolute_value,qualifier,measure,group,"
    "scope,period_start,period_end,role,country,date_end,place,people,agreements,"
    "description,sides,assessment,facts,speaker,voice,about,goods,notes,citations,quotes,"
    "translations,references")


def _csv_rows(text: str) -> dict[str, dict[str, str]]:
    assert text.startswith("\ufeff")
    return {row["id"]: row for row in csv.DictReader(io.StringIO(text[1:]))}


def test_csv_header_is_pinned(rich: Corpus) -> None:
    text = export_text(rich, "csv")
    assert text[1:].split("\r\n", 1)[0] == CSV_HEADER


def test_csv_label_ru_is_russian_or_empty_never_the_english(rich: Corpus) -> None:
    rows = _csv_rows(export_text(rich, "csv"))
    assert rows["stm-wheat"]["label_en"] == "Kazakhstan will supply wheat to Turkmenistan."
    assert rows["stm-wheat"]["label_ru"] == ""
    assert rows["fig-trade"]["label_ru"] == "Товарооборот"
    assert rows["doc-two"]["label_ru"] == "Заметка"
    statement = rich.get("stm-wheat")
    assert statement is not None and label_ru(statement) is None


def test_csv_multi_line_passage_names_both_lines(rich: Corpus) -> None:
    rows = _csv_rows(export_text(rich, "csv"))
    assert rows["agr-gas"]["references"] == "doc-one texts/one.txt:2-3"
    assert rows["cor-gas"]["references"] == "doc-one texts/one.txt:3"
    assert rows["agr-gas"]["quotes"] == ("Стороны подписали соглашение\n"
                                         "о транзите газа через Казахстан.")


def test_csv_period_route_and_rounded_numbers(rich: Corpus) -> None:
    rows = _csv_rows(export_text(rich, "csv"))
    trade, flights = rows["fig-trade"], rows["fig-flights"]
    assert trade["period"] == "9 months of 2025 (2025-01 – 2025-09)"
    assert (trade["period_start"], trade["period_end"]) == ("2025-01", "2025-09")
    assert trade["absolute_value"] == "555700000"  # 555.7 × 1e6 is 555700000.0000001
    assert (flights["period"], flights["period_start"], flights["period_end"]) == ("", "", "")
    assert (flights["value"], flights["value_max"], flights["absolute_value"]) == (
        "10.0", "20.0", "10")
    assert rows["agr-gas"]["period"] == "2026–2030 (2026 – 2030)"
    ratio = rows["fig-ratio"]  # rounded to six places, not to a whole number
    assert (ratio["value"], ratio["absolute_value"]) == ("1.2345678", "1.234568")
    assert (ratio["period"], ratio["period_start"], ratio["period_end"]) == ("2025", "2025", "")
    assert rows["cor-gas"]["route"] == ("Galkynysh (Галкыныш) [TM] → Beyneu [KZ] → China")
    assert rows["agr-gas"]["notes"] == "'=1+1 is a note that looks like a formula."
    assert rows["org-desk"]["quotes"] == "Заметка: =HYPERLINK(\"x\") и `код` с www.example.com."


def test_csv_documents_have_no_notes_column_value(rich: Corpus) -> None:
    rows = _csv_rows(export_text(rich, "csv"))
    assert rows["doc-one"]["notes"] == "" and rows["doc-one"]["citations"] == "0"
    assert rows["doc-two"]["outlet"] == "" and rows["doc-two"]["outlet_evidence"] == ""
    assert rows["doc-one"]["outlet_evidence"] == "named in the byline"


@pytest.mark.parametrize(("value", "cell"), [
    (None, ""), (-3, -3), (-2.5, -2.5), ("-x", "'-x"), ("\u00a0=1", "'\u00a0=1"),
    ("a=1", "a=1"), ("\t", "'\t"), ("", ""),
    ("X=1", "X=1"),  # only spaces are looked past, no other letter
])
def test_safe_cell_exact(value: str | float | None, cell: str | float) -> None:
    assert safe_cell(value) == cell


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_dataset_name_falls_back_from_a_code_span(tmp_path: Path) -> None:
    """A file name with a backtick cannot be a code span (it would end it and let the rest
    be Markdown): it is escaped text instead."""
    shutil.copytree(MINI / "texts", tmp_path / "texts")
    shutil.copy(MINI / "curated.yaml", tmp_path / "a`b*c.yaml")
    corpus = Corpus(load(tmp_path / "a`b*c.yaml"))
    md = export_text(corpus, "md", exported=DAY, with_ids=True)
    assert "\nDataset: a\\`b\\*c.yaml\n" in md
    shutil.copy(MINI / "curated.yaml", tmp_path / "a\nb.yaml")  # a line break ends a span too
    corpus = Corpus(load(tmp_path / "a\nb.yaml"))
    md = export_text(corpus, "md", exported=DAY, with_ids=True)
    assert "\nDataset: a b.yaml\n" in md
    plain = Corpus(load(MINI / "curated.yaml"))
    assert "\nDataset: `curated.yaml`\n" in export_text(plain, "md", exported=DAY,
                                                       with_ids=True)


def test_markdown_of_one_section_has_its_title_and_only_its_summary(rich: Corpus) -> None:
    md = export_text(rich, "md", "figures", exported=DAY)
    assert md.startswith("# Kazakhstan–Turkmenistan relations: Figures\n")
    assert "\n- figures: 3.\n- 3 passages quoted verbatim from 1 source text," in md
    assert "## Agreements" not in md and "between sources" not in md


def test_markdown_related_line_with_and_without_ids(rich: Corpus) -> None:
    related = "- **Related:** corridor Gas route; figure Trade; signed at Talks in Astana\n"
    assert related in export_text(rich, "md", exported=DAY)
    with_ids = export_text(rich, "md", exported=DAY, with_ids=True)
    assert ("- **Related:** corridor Gas route (`cor-gas`); figure Trade (`fig-trade`); "
            "signed at Talks in Astana (`evt-talks`)\n") in with_ids


def test_markdown_summary_counts_one_and_many(rich: Corpus, mini: Corpus) -> None:
    md = export_text(rich, "md", exported=DAY)
    assert ("\n- 13 passages quoted verbatim from 2 source texts, each with an English "
            "translation.\n- 2 discrepancies between sources or statements, every side kept; "
            "none is resolved here.\n") in md
    assert "between sources" not in export_text(mini, "md", exported=DAY)
    one = export_records(rich, "md", rich.section("discrepancies")[:1], "x", exported=DAY,
                         filtered="trade")
    assert ("\nFiltered: only the records matching “trade”.\n\n## Summary\n\n"
            "- discrepancies: 1.\n- 2 passages quoted verbatim from 2 source texts, each "
            "with an English translation.\n- 1 discrepancy between sources") in str(one)


# --- The registry and the requests ----------------------------------------------------------


def test_format_names_and_suffixes() -> None:
    assert FORMAT_NAMES == ("json", "csv", "md", "csl-json", "bibtex", "ris", "sqlite")
    assert [(f, export_format(f).suffix, export_format(f).binary) for f in FORMAT_NAMES] == [
        ("json", ".json", False), ("csv", ".csv", False), ("md", ".md", False),
        ("csl-json", ".csl.json", False), ("bibtex", ".bib", False), ("ris", ".ris", False),
        ("sqlite", ".sqlite", True)]


@pytest.mark.parametrize(("file_name", "fmt"), [
    ("a.csl.json", "csl-json"), ("A.CSL.JSON", "csl-json"), ("a.json", "json"),
    ("x.BIB", "bibtex"), ("a.sqlite", "sqlite"), ("a.txt", None), ("json", None),
])
def test_format_for_name_takes_the_longest_suffix(file_name: str, fmt: str | None) -> None:
    found = format_for_name(file_name)
    assert (found.name if found else None) == fmt


@pytest.mark.parametrize(("items", "text"), [
    ([], ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c"),
])
def test_or_list(items: list[str], text: str) -> None:
    assert or_list(items) == text


def test_errors_name_what_is_valid(rich: Corpus) -> None:
    with pytest.raises(ExportError) as error:
        export_text(rich, "xml")
    assert str(error.value) == ("unknown format 'xml'; valid formats: json, csv, md, "
                                "csl-json, bibtex, ris, sqlite")
    with pytest.raises(ExportError) as error:
        export_text(rich, "json", "nope")
    assert str(error.value) == (
        "unknown section 'nope'; valid sections: documents, agreements, corridors, figures, "
        "people, organisations, events, discrepancies, statements")
    with pytest.raises(ExportError) as error:
        export_text(rich, "bibtex", "figures")
    assert str(error.value) == (
        "--section does not apply to bibtex: it always lists the source documents (one "
        "bibliography record each); leave --section out")
    with pytest.raises(ExportError) as error:
        export_text(rich, "sqlite")
    assert str(error.value) == "sqlite is a binary file: give --out FILE.sqlite"


def test_export_records_lists_only_the_sections_it_holds(rich: Corpus) -> None:
    figure, statement = rich.get("fig-flights"), rich.get("stm-wheat")
    assert figure is not None and statement is not None
    data = json.loads(str(export_records(rich, "json", [statement, figure], "Two")))
    assert [k for k in data if k not in {"format", "version", "generator", "dataset"}] == [
        "title", "figures", "statements"]
    assert data["title"] == "Two"
    assert "dismissals" not in data  # only the whole dataset lists what was dismissed
    md = str(export_records(rich, "md", [figure], "One", exported=DAY, filtered=""))
    assert "Filtered:" not in md


def test_json_of_the_whole_dataset_lists_its_dismissals(rich: Corpus) -> None:
    data = json.loads(export_text(rich, "json"))
    assert data["title"] == "All sections" and data["dataset"] == "curated.yaml"
    assert data["dismissals"] == [{
        "reason": "other", "doc": "doc-two", "file": "texts/two.txt",
        "quote": "Эксперты считают", "translation": "", "occurrence": None, "note": None,
        "span": {"start": 52, "end": 68, "line_start": 2, "line_end": 2}}]


def test_export_date_from_the_request_the_epoch_or_today(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A zone far from UTC: a day read in local time would be the next one.
    monkeypatch.setenv("TZ", "Asia/Almaty")
    time.tzset()
    today = datetime.datetime.now(datetime.UTC).date()
    request = ExportRequest("t", ())
    assert ExportRequest("t", (), exported=DAY).export_date() == DAY
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86399")  # the last second of 1 January 1970
    assert request.export_date() == datetime.date(1970, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert request.export_date() == datetime.date(1970, 1, 2)
    # not digits, or past any date (ValueError, OSError, OverflowError): today
    for bad in ("-86400", "1e9", "", "253402300800", "1" + "0" * 17, "9" * 30):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", bad)
        assert request.export_date() == today
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert request.export_date() == today
    # Today is UTC's: in one of these zones the local date differs from it at any hour.
    for zone in ("Etc/GMT-14", "Etc/GMT+12"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert request.export_date() == datetime.datetime.now(datetime.UTC).date()
    monkeypatch.undo()
    time.tzset()


def test_dataset_name_is_relative_to_the_root_or_the_bare_name(
        rich: Corpus, tmp_path: Path) -> None:
    assert dataset_name(rich) == "curated.yaml"
    nested = dataclasses.replace(rich.dataset, source=str(Path(rich.dataset.root, "sub", "c.yaml")))
    assert dataset_name(Corpus(nested)) == "sub/c.yaml"
    outside = dataclasses.replace(rich.dataset, source=str(tmp_path / "elsewhere.yaml"))
    assert dataset_name(Corpus(outside)) == "elsewhere.yaml"


def test_dataset_name_where_no_relative_path_exists(
        rich: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows a file on another drive has no path relative to the root."""
    def other_drive(path: str, start: str) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    nested = dataclasses.replace(rich.dataset, source=str(Path(rich.dataset.root, "sub", "c.yaml")))
    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert dataset_name(Corpus(nested)) == "c.yaml"


# --- JSON ------------------------------------------------------------------------------------


def test_json_dumps_escapes_what_a_terminal_would_obey() -> None:
    assert json_dumps({"a": "\x9b2J\u202eб\x7f\ufeff", "б": [1]}) == (
        '{\n  "a": "\\u009b2J\\u202eб\\u007f\\ufeff",\n  "б": [\n    1\n  ]\n}\n')


def test_citation_dict_of_an_unplaced_citation(rich: Corpus) -> None:
    figure = rich.get("fig-flights")
    assert figure is not None
    cite = figure.citations[0]
    assert citation_dict(rich, cite)["span"] == {
        "start": 202, "end": 222, "line_start": 6, "line_end": 6}
    assert citation_dict(rich, dataclasses.replace(cite, span=None))["span"] is None


# --- CSL-JSON, BibTeX -----------------------------------------------------------------------


def test_csl_json_of_every_kind_of_document_is_valid(rich: Corpus) -> None:
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(export_text(rich, "csl-json")), schema)


def test_csl_item_title_names_and_types(rich: Corpus) -> None:
    doc = rich.document("doc-one")
    item = csl_item(doc)
    assert item["title"] == "Переговоры в Астане" and item["type"] == "article-newspaper"
    assert item["author"] == [{"given": "Ann", "family": "Lee"}]
    english = dataclasses.replace(doc, title=dataclasses.replace(doc.title, ru=""))
    assert csl_item(english)["title"] == "Talks in Astana"
    odd = dataclasses.replace(doc, kind="leaflet", author="(Энн)")
    assert csl_item(odd)["type"] == "document"
    assert csl_item(odd)["author"] == [{"literal": "(Энн)"}]
    assert csl_item(rich.document("doc-two"))["author"] == [{"literal": "Staff of the desk"}]
    assert csl_item(rich.document("doc-two"))["issued"] == {"date-parts": [[2025, 11]]}


@pytest.mark.parametrize(("doc_id", "key"), [
    ("doc-one", "doc-one"), ("a b{c}", "a-b-c-"), ("x_1:2.3", "x_1:2.3"), ("", "doc"),
    ("Doc-A", "Doc-A"), ("ид", "--"),
])
def test_bibtex_key(doc_id: str, key: str) -> None:
    assert bibtex_key(doc_id) == key


def test_a_kind_without_a_type_is_misc_in_bibtex_and_gen_in_ris(rich: Corpus) -> None:
    doc = dataclasses.replace(rich.document("doc-three"), kind="leaflet")
    assert bibtex_entry(doc).startswith("@misc{doc-three,\n  title = {Брифинг},\n"
                                        "  publisher = {Ministry \\& Co},\n")
    assert ris_record(doc).startswith("TY  - GEN\r\nID  - doc-three\r\n")


def test_sqlite_of_a_citation_without_a_span(rich: Corpus) -> None:
    figure = rich.get("fig-flights")
    assert figure is not None
    unplaced = dataclasses.replace(
        figure, citations=(dataclasses.replace(figure.citations[0], span=None),))
    db = sqlite3.connect(":memory:")
    db.deserialize(export_records(rich, "sqlite", [unplaced], "x"))  # type: ignore[arg-type]
    assert db.execute("SELECT record_id, char_start, char_end, line_start, line_end, quote "
                      "FROM citations").fetchall() == [
        ("fig-flights", None, None, None, None, "от 10 до 20 в неделю")]
    assert db.execute("SELECT id, value, value_max FROM figures").fetchall() == [
        ("fig-flights", 10.0, 20.0)]
