"""The exports for analysts' tools and reference managers, each read back by a real reader:
SQLite (sqlite3: FTS5, foreign keys), BibTeX (bibtexparser), RIS (rispy), CSL-JSON (the CSL
schema), the briefing's bibliography (citeproc-py); golden files pin the exact output for the
mini dataset, and hostile text must come back exactly as it went in."""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser import middlewares
from pylatexenc import latex2text
from pylatexenc.latex2text import LatexNodes2Text

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import ExportError, export_data, export_records, export_text
from kzt_tui.core.export.as_bibtex import bibtex_escape
from kzt_tui.core.export.bibliography import bibliography, sort_key
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from tests.helpers import FIXTURES, MINI

GOLDEN = FIXTURES / "golden"
CSL_SCHEMA = Path("/work/shared/schemas/csl-data.json")
DAY = datetime.date(2026, 1, 2)

#: A title and quote that try every format's syntax: BibTeX braces and commands, a RIS tag
#: on a new line, Markdown, SQL.
HOSTILE_TITLE = "Об{рыв} \\end{document} } 100% $x$ #1 a_b ^~ &\nER  - \nTY  - JOUR"
HOSTILE_QUOTE = "'); DROP TABLE citations; -- «Цитата» {\\x}"


@pytest.fixture(scope="module")
def mini() -> Corpus:
    return Corpus(load(MINI / "curated.yaml"))


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return Corpus(load(shipped_data()))


@pytest.fixture
def hostile(tmp_path: Path) -> Corpus:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "h.txt").write_text(f"Начало. {HOSTILE_QUOTE} Конец.\n",
                                              encoding="utf-8")
    data = {
        "schema_version": 1,
        "documents": [{
            "id": "doc-h", "file": "texts/h.txt", "date": "2025-11-26", "date_note": "t",
            "title": {"en": "Hostile", "ru": HOSTILE_TITLE},
            "outlet": {"name": "Wire {\\bf}", "evidence": "t"}, "author": "Ann O'Neil",
            "kind": "news_report", "reliability": "t"}],
        "people": [{
            "id": "per-h", "name": {"en": "H", "ru": "Х"}, "role": "r", "country": None,
            "citations": [{"doc": "doc-h", "quote": HOSTILE_QUOTE,
                           "translation": "'); DELETE FROM records; --"}]}],
    }
    (tmp_path / "curated.yaml").write_text(json.dumps(data, ensure_ascii=False),
                                           encoding="utf-8")
    return Corpus(load(tmp_path / "curated.yaml"))


def _open(data: str | bytes, tmp_path: Path) -> sqlite3.Connection:
    assert isinstance(data, bytes)
    path = tmp_path / "export.sqlite"
    path.write_bytes(data)
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


# --- SQLite ---------------------------------------------------------------------------------


def test_sqlite_opens_with_foreign_keys_intact_and_full_text_search(
        shipped: Corpus, tmp_path: Path) -> None:
    db = _open(export_data(shipped, "sqlite"), tmp_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"records", "documents", "citations", "citations_fts", "documents_fts",
            "agreements", "corridors", "figures", "people", "organisations", "events",
            "discrepancies", "statements"} <= tables
    for name in ("agreements", "figures", "statements"):
        count = db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0]
        assert count == len(shipped.section(name))
    total = sum(len(r.citations) if hasattr(r, "citations") else 0
                for r in shipped.by_id.values() if r.section != "discrepancies")
    total += sum(len(c.citations) for r in shipped.section("discrepancies")
                 for c in r.sides)  # type: ignore[attr-defined]
    assert db.execute("SELECT count(*) FROM citations").fetchone()[0] == total
    # FTS over quotes (Russian, case-folded), translations and the source texts
    hits = db.execute("SELECT c.record_id FROM citations_fts JOIN citations c "
                      "ON c.id = citations_fts.rowid WHERE citations_fts MATCH ?",
                      ["каспийских"]).fetchall()
    assert ("agr-caspian-ports-understanding",) in hits
    english = db.execute("SELECT count(*) FROM citations_fts WHERE translation MATCH ?",
                         ["billion"]).fetchone()[0]
    assert english > 0
    docs = db.execute("SELECT d.id FROM documents_fts JOIN documents d "
                      "ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?",
                      ["ашхабадского"]).fetchall()
    assert docs
    figure = db.execute("SELECT value, unit, absolute_value FROM figures WHERE id = ?",
                        ["fig-kz-tm-trade-2024"]).fetchone()
    assert figure == (555.7, "USD", 555700000)


def test_sqlite_of_a_filtered_list_holds_what_it_cites(shipped: Corpus, tmp_path: Path
                                                      ) -> None:
    record = shipped.get("fig-kz-tm-trade-2024")
    assert record is not None
    db = _open(export_records(shipped, "sqlite", [record], "one"), tmp_path)
    assert db.execute("SELECT id FROM records").fetchall() == [("fig-kz-tm-trade-2024",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == len(
        shipped.documents_of(record))


def test_sqlite_keeps_hostile_text_exactly(hostile: Corpus, tmp_path: Path) -> None:
    db = _open(export_data(hostile, "sqlite"), tmp_path)
    assert db.execute("SELECT quote, translation FROM citations").fetchall() == [
        (HOSTILE_QUOTE, "'); DELETE FROM records; --")]
    assert db.execute("SELECT title_ru FROM documents").fetchone() == (HOSTILE_TITLE,)
    assert db.execute("SELECT count(*) FROM records").fetchone() == (2,)


def test_sqlite_is_never_text(mini: Corpus) -> None:
    with pytest.raises(ExportError, match="binary"):
        export_text(mini, "sqlite")


def test_sqlite_golden_dump(mini: Corpus, tmp_path: Path) -> None:
    db = _open(export_data(mini, "sqlite"), tmp_path)
    dump = "\n".join(line for line in db.iterdump() if "_fts_" not in line) + "\n"
    assert dump == (GOLDEN / "mini.sql").read_text(encoding="utf-8")


# --- BibTeX and RIS -------------------------------------------------------------------------


def _latex_reader() -> LatexNodes2Text:
    """pylatexenc's reader, knowing the LaTeX kernel's \\textbraceleft and \\textbraceright
    (it drops commands it does not know)."""
    context = latex2text.get_default_latex_context_db()
    context.add_context_category("braces", prepend=True, macros=[
        latex2text.MacroTextSpec("textbraceleft", "{"),
        latex2text.MacroTextSpec("textbraceright", "}")])
    return LatexNodes2Text(latex_context=context)


def _bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(
        text, append_middleware=[middlewares.LatexDecodingMiddleware(decoder=_latex_reader())])
    assert library.failed_blocks == []
    return library


def test_bibtex_is_read_by_bibtexparser(shipped: Corpus) -> None:
    library = _bibtex(export_text(shipped, "bibtex"))
    docs = shipped.section("documents")
    assert [e.key for e in library.entries] == [d.id for d in docs]
    entry = library.entries[2].fields_dict
    assert entry["title"].value == docs[2].title.ru  # type: ignore[union-attr]
    by_key = {e.key: e for e in library.entries}
    target = by_key["doc-002-trade-target"]
    assert target.entry_type == "article"
    assert target.fields_dict["journal"].value == "KAZAKHSTAN TODAY"
    assert target.fields_dict["date"].value == "2025-11-26"
    assert by_key["doc-004-telegram-post"].entry_type == "misc"


def test_bibtex_escapes_hostile_titles(hostile: Corpus) -> None:
    text = export_text(hostile, "bibtex")
    (entry,) = _bibtex(text).entries
    # pylatexenc reads \textasciicircum as the modifier letter ˆ, as LaTeX prints it
    title = entry.fields_dict["title"].value.replace("ˆ", "^")
    assert title == " ".join(HOSTILE_TITLE.split())
    assert entry.fields_dict["journal"].value == "Wire {\\bf}"
    assert text.count("@") == 1  # no entry smuggled in
    assert bibtex_escape("{a}\\b") == r"\textbraceleft{}a\textbraceright{}\textbackslash{}b"


def test_bibtex_and_ris_names_are_family_given_with_the_other_script_in_the_note(
        shipped: Corpus) -> None:
    """BibTeX read "Екатерина Николаева (Ekaterina Nikolaeva)" as given "Екатерина
    Николаева (Ekaterina", family "Nikolaeva)"; a name of more than two words is one
    name (braced), not split at its last word."""
    library = bibtexparser.parse_string(
        export_text(shipped, "bibtex"),
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    entry = {e.key: e for e in library.entries}["doc-003-dushanbe-summit"].fields_dict
    (name,) = entry["author"].value
    assert (name.first, name.last, name.von, name.jr) == (["Екатерина"], ["Николаева"], [], [])
    assert entry["note"].value.endswith("; author's name also written: Ekaterina Nikolaeva")
    desk = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    library = bibtexparser.parse_string(
        export_text(desk, "bibtex"),
        append_middleware=[middlewares.SeparateCoAuthors(), middlewares.SplitNameParts()])
    (staff,) = {e.key: e for e in library.entries}["doc-two"].fields_dict["author"].value
    assert (staff.first, staff.last) == ([], ["{Staff of the desk}"])
    record = {r["id"]: r for r in rispy.loads(export_text(shipped, "ris"))}[
        "doc-003-dushanbe-summit"]
    assert record["authors"] == ["Николаева, Екатерина"]
    assert record["notes"] == [
        "English title: Strengthening regional partnership: Tokayev's visit to Dushanbe and "
        "the results of the Central Asia – Russia summit; author's name also written: "
        "Ekaterina Nikolaeva"]


def test_ris_is_read_by_rispy(shipped: Corpus) -> None:
    records = rispy.loads(export_text(shipped, "ris"))
    docs = shipped.section("documents")
    assert [r["id"] for r in records] == [d.id for d in docs]
    by_id = {r["id"]: r for r in records}
    target = by_id["doc-002-trade-target"]
    assert target["type_of_reference"] == "NEWS"
    assert target["secondary_title"] == "KAZAKHSTAN TODAY"
    assert target["date"] == "2025/11/26/"
    assert by_id["doc-004-telegram-post"]["type_of_reference"] == "BLOG"


def test_ris_keeps_a_hostile_title_on_one_line(hostile: Corpus) -> None:
    (record,) = rispy.loads(export_text(hostile, "ris"))
    assert record["title"] == " ".join(HOSTILE_TITLE.split())
    assert record["type_of_reference"] == "NEWS"  # the injected "TY  - JOUR" stayed text


# --- CSL-JSON and the briefing's bibliography -----------------------------------------------


def test_csl_json_is_valid_against_the_csl_schema(shipped: Corpus, hostile: Corpus) -> None:
    schema = json.loads(CSL_SCHEMA.read_text(encoding="utf-8"))
    for corpus in (shipped, hostile):
        jsonschema.validate(json.loads(export_text(corpus, "csl-json")), schema)


def test_csl_json_notes_are_for_the_reader_not_internal_paths(shipped: Corpus) -> None:
    items = {i["id"]: i for i in json.loads(export_text(shipped, "csl-json"))}
    docs = shipped.section("documents")
    assert [i["note"] for i in items.values()] == [
        f"English title: {d.title.en}" + ("; author's name also written: Ekaterina Nikolaeva"
                                          if d.id == "doc-003-dushanbe-summit" else "")
        for d in docs]  # type: ignore[attr-defined]
    assert items["doc-003-dushanbe-summit"]["author"] == [
        {"given": "Екатерина", "family": "Николаева"}]


def _bibliography(md: str) -> list[str]:
    return md.split("\n## Bibliography\n\n", 1)[1].split("\n## Notes\n", 1)[0].strip().split(
        "\n\n")


def test_the_briefing_bibliography_is_formatted_by_citeproc(shipped: Corpus) -> None:
    entries = _bibliography(export_text(shipped, "md", exported=DAY))
    assert ("KAZAKHSTAN TODAY (2025) “Довести товарооборот до $1 млрд намерены Казахстан и "
            "Туркменистан”, 26 November.") in entries
    assert len(entries) == len(shipped.section("documents"))


def _bylines(tmp_path: Path) -> Corpus:
    """Four documents, one of each byline: author and outlet, outlet only, neither (dated),
    neither and undated (a post)."""
    (tmp_path / "t.txt").write_text("Текст.\n", encoding="utf-8")
    base = {"file": "t.txt", "date_note": "t", "kind": "news_report", "reliability": "t"}
    docs = [
        {"id": "doc-a", "date": "2025-10-11", "title": {"en": "A", "ru": "Альфа"},
         "author": "Екатерина Николаева (Ekaterina Nikolaeva)",
         "outlet": {"name": "Vlast", "evidence": "t"}},
        {"id": "doc-b", "date": "2025-11-24", "title": {"en": "B", "ru": "Бета"},
         "outlet": {"name": "Kazinform", "evidence": "t"}},
        {"id": "doc-c", "date": "2025-11-26", "title": {"en": "C", "ru": "Гамма"}, "outlet": None},
        {"id": "doc-d", "date": None, "title": {"en": "D", "ru": "Дельта"},
         "outlet": None, "kind": "social_post"},
    ]
    data = {"schema_version": 1, "documents": [{**base, **d} for d in docs],
            "people": [{"id": f"per-{d['id']}", "name": {"en": "P", "ru": "П"}, "role": "r",
                        "country": None, "citations": [
                            {"doc": d["id"], "quote": "Текст.", "translation": "Text."}]}
                       for d in docs]}
    (tmp_path / "curated.yaml").write_text(json.dumps(data, ensure_ascii=False),
                                           encoding="utf-8")
    return Corpus(load(tmp_path / "curated.yaml"))


def test_each_bibliography_entry_names_its_source_once_title_first_without_a_byline(
        tmp_path: Path) -> None:
    """CSL: the first of author, outlet (of an article), title leads the entry and is not
    repeated; an entry without author or outlet starts with its title, then its date."""
    entries = _bibliography(export_text(_bylines(tmp_path), "md", exported=DAY))
    assert entries == [
        "Kazinform (2025) “Бета”, 24 November.",
        "“Гамма” (2025), 26 November.",  # by Г, not by its quote mark
        "“Дельта” (no date).",
        "Николаева, Е. (2025) “Альфа”, Vlast, 11 October.",
    ]


@pytest.mark.parametrize(("entry", "key"), [
    ("“Гамма” (2025)", "гамма” (2025)"), ("«Дельта»", "дельта»"), ("(1) “x”", "1) “x”"),
    ("Kazinform (2025)", "kazinform (2025)"), ("“…”", ""),
])
def test_a_bibliography_entry_sorts_from_its_first_letter_or_digit(entry: str,
                                                                   key: str) -> None:
    assert sort_key(entry) == key


def test_an_entry_without_an_author_sorts_by_its_title_s_first_letter(
        tmp_path: Path) -> None:
    """Entries without an author came after every other, under their opening quote mark
    (“ and « sort after every letter): by the title's first letter they fall among the
    authors' and outlets' names, in both quote styles the titles have."""
    corpus = _bylines(tmp_path)
    got = [doc for doc, _ in bibliography(corpus, ["doc-d", "doc-a", "doc-c", "doc-b"])]
    assert got == ["doc-b", "doc-c", "doc-d", "doc-a"]  # Kazinform, Гамма, Дельта, Николаева


# --- The briefing ---------------------------------------------------------------------------


def test_the_briefing_reads_as_a_document(shipped: Corpus) -> None:
    figure = shipped.get("fig-kz-tm-trade-2024")
    assert figure is not None
    md = export_records(shipped, "md", [figure], "Figures matching “555”", exported=DAY,
                        filtered="555")
    assert isinstance(md, str)
    assert md.startswith("# Kazakhstan–Turkmenistan relations: Figures matching “555”\n\n"
                         "Briefing exported on 2 January 2026 by kzt-tui ")
    assert "\nFiltered: only the records matching “555”.\n" in md
    assert "\n## Summary\n\n- figures: 1.\n- 1 passage quoted verbatim from 1 source text" in md
    assert "fig-kz-tm-trade-2024" not in md and "seeds/" not in md and ".yaml" not in md
    assert "\n[^1]: «Стратегическое партнерство» (Strategic partnership), Kazinform, " in md
    with_ids = export_records(shipped, "md", [figure], "x", exported=DAY, with_ids=True)
    assert "`fig-kz-tm-trade-2024`" in with_ids and "seeds/001" in with_ids


def test_the_briefing_date_comes_from_source_date_epoch(
        mini: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")  # 2026-01-02 00:00 UTC
    assert "exported on 2 January 2026 by" in export_text(mini, "md")


# --- Golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "name"), [
    ("md", "mini.md"), ("bibtex", "mini.bib"), ("ris", "mini.ris"),
    ("csl-json", "mini.csl.json"),
])
def test_golden_exports_of_the_mini_dataset(mini: Corpus, fmt: str, name: str) -> None:
    got = export_text(mini, fmt, exported=DAY)
    assert got == (GOLDEN / name).read_bytes().decode("utf-8")


def test_briefing_with_ids_golden(mini: Corpus) -> None:
    got = export_text(mini, "md", exported=DAY, with_ids=True)
    assert got == (GOLDEN / "mini-with-ids.md").read_text(encoding="utf-8")


def _write_golden() -> None:  # pragma: no cover - run by hand when the format changes
    corpus = Corpus(load(MINI / "curated.yaml"))
    GOLDEN.mkdir(exist_ok=True)
    for fmt, name in (("md", "mini.md"), ("bibtex", "mini.bib"), ("ris", "mini.ris"),
                      ("csl-json", "mini.csl.json")):
        (GOLDEN / name).write_bytes(export_text(corpus, fmt, exported=DAY).encode())
    (GOLDEN / "mini-with-ids.md").write_text(
        export_text(corpus, "md", exported=DAY, with_ids=True), encoding="utf-8")
    db = sqlite3.connect(":memory:")
    db.deserialize(export_data(corpus, "sqlite"))  # type: ignore[arg-type]
    (GOLDEN / "mini.sql").write_text(
        "\n".join(line for line in db.iterdump() if "_fts_" not in line) + "\n",
        encoding="utf-8")



def test_the_briefing_escapes_hostile_titles_filters_and_quotes(hostile: Corpus) -> None:
    from markdown_it import MarkdownIt

    record = hostile.get("per-h")
    assert record is not None
    md = export_records(hostile, "md", [record], "x", exported=DAY,
                        filtered="[click](javascript:alert(1)) <b>")
    assert isinstance(md, str)
    html = MarkdownIt("commonmark").render(md)
    assert "<a " not in html and "<b>" not in html
    assert "Filtered: only the records matching “[click](javascript:alert(1)) &lt;b&gt;”." in html
    note = next(line for line in md.splitlines() if line.startswith("[^1]: "))
    assert note == ("[^1]: «Об{рыв} \\\\end{document} } 100% $x$ #1 a\\_b ^\\~ \\& "
                    "ER - TY - JOUR» (Hostile), Ann O'Neil, Wire {\\\\bf}, 26 November 2025, "
                    "paragraph 1 (line 1).")


def _as_bibtex_counts(value: str) -> None:
    """A braced field value as BibTeX (bibtex.web, biber's btparse) reads it: braces are
    counted whatever precedes them, so `\\}` closes a group as `}` does."""
    depth = 0
    for i, char in enumerate(value):
        depth += (char == "{") - (char == "}")
        assert depth > 0 or i == len(value) - 1, f"the field ends at {i}: {value!r}"
    assert depth == 0, value


def test_bibtex_fields_keep_balanced_braces_as_bibtex_counts_them(hostile: Corpus) -> None:
    """A title with one more "}" than "{" was written "\\}": BibTeX counts that brace, so
    the field ended early and the rest of the title was read as the entry's next fields."""
    text = export_text(hostile, "bibtex")
    values = [line.split(" = ", 1)[1].removesuffix(",")
              for line in text.splitlines() if " = " in line]
    assert len(values) >= 4
    for value in values:
        _as_bibtex_counts(value)
    for hostile_text in ("}", "{", "} , author = {Mallory", "\\}"):
        _as_bibtex_counts("{" + bibtex_escape(hostile_text) + "}")


def test_the_style_fix_refuses_a_bundled_style_it_does_not_know(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A citeproc-py release that rewrote the style fails loudly, not with wrong entries."""
    from kzt_tui.core.export import bibliography

    assert "<else><text macro=\"title\"/></else>" in bibliography.style_text()
    (old, new, count), rest = bibliography.STYLE_FIXES[0], bibliography.STYLE_FIXES[1:]
    monkeypatch.setattr(bibliography, "STYLE_FIXES", ((old, new, count + 1), *rest))
    with pytest.raises(ValueError, match=r"cannot fix it for entries without an author$"):
        bibliography.style_text()
