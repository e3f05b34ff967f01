"""SQLite: a database that opens as it is in Datasette or sqlite-utils.

Tables: `records` (every exported record: id, section, labels), one table per section with
its fields (its id a foreign key to `records`), `documents` (each source document with its
full text), `citations` (every passage: record, document, quote, translation, place; foreign
keys to both) and full-text indexes `citations_fts` (quotes, translations) and
`documents_fts` (titles, source texts), made as sqlite-utils makes them (FTS5, external
content) so Datasette offers a search box on those tables. Every value goes in as a
parameter; table and column names are the code's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kzt_tui.core.cite import outlet_name, reference
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.as_csl import cited_documents
from kzt_tui.core.export.as_csv import section_columns
from kzt_tui.core.export.common import (
    JSON_VERSION,
    ExportRequest,
    by_section,
    label_ru,
    mark_fields,
)
from kzt_tui.core.model import Citation, Discrepancy, Document, Record

if TYPE_CHECKING:  # imported by sqlite_bytes: `kzt-tui`'s parser lists the formats
    import sqlite3

Value = str | float | int | None

_SCHEMA = """
CREATE TABLE export_info (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE records (
    id TEXT PRIMARY KEY, section TEXT NOT NULL, label_en TEXT, label_ru TEXT, notes TEXT);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, title_ru TEXT, title_en TEXT, date TEXT, date_note TEXT,
    outlet TEXT, outlet_named INTEGER, outlet_evidence TEXT, author TEXT, kind TEXT,
    reliability TEXT, file TEXT, text TEXT);
CREATE TABLE citations (
    id INTEGER PRIMARY KEY, record_id TEXT NOT NULL REFERENCES records(id),
    side INTEGER, doc_id TEXT NOT NULL REFERENCES documents(id), quote TEXT,
    translation TEXT, note TEXT, char_start INTEGER, char_end INTEGER,
    line_start INTEGER, line_end INTEGER, reference TEXT);
CREATE INDEX citations_record ON citations(record_id);
CREATE INDEX citations_doc ON citations(doc_id);
CREATE VIRTUAL TABLE citations_fts USING fts5(
    quote, translation, content=[citations], content_rowid=[id],
    tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title_ru, title_en, text, content=[documents], content_rowid=[rowid],
    tokenize='unicode61 remove_diacritics 2');
"""


#: What the user noted on the records, in an export of marked or tagged records only.
_MARKS = """CREATE TABLE marks (
    record_id TEXT PRIMARY KEY REFERENCES records(id), marked INTEGER, tags TEXT, note TEXT)"""


def _type_of(values: Sequence[Value]) -> str:
    """The column type the values need: INTEGER, REAL or TEXT."""
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) for v in present):
        return "INTEGER"
    if present and all(isinstance(v, int | float) for v in present):
        return "REAL"
    return "TEXT"


def _section_table(db: sqlite3.Connection, name: str, records: Sequence[Record]) -> None:
    rows = [section_columns(r) for r in records]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))  # a section's columns never include the id
    types = {c: _type_of([row.get(c) for row in rows]) for c in columns}
    declared = "".join(f", [{c}] {types[c]}" for c in columns)
    db.execute(f"CREATE TABLE [{name}] (id TEXT PRIMARY KEY REFERENCES records(id){declared})")
    names = ["id", *columns]
    marks = ", ".join("?" for _ in names)
    listed = ", ".join(f"[{c}]" for c in names)
    db.executemany(f"INSERT INTO [{name}] ({listed}) VALUES ({marks})",
                   [[r.id, *(row.get(c) for c in columns)]
                    for r, row in zip(records, rows, strict=True)])


def _citations(record: Record) -> list[tuple[int | None, Citation]]:
    """(side number or None, citation) of each passage of `record`."""
    if isinstance(record, Discrepancy):
        return [(n, c) for n, side in enumerate(record.sides, 1) for c in side.citations]
    return [(None, c) for c in record.citations]


def _document_row(corpus: Corpus, doc: Document) -> list[Value]:
    return [doc.id, doc.title.ru, doc.title.en, doc.date, doc.date_note, outlet_name(doc),
            int(doc.outlet is not None), doc.outlet.evidence if doc.outlet else None,
            doc.author, doc.kind, doc.reliability, doc.file, corpus.text(doc.id)]


def sqlite_bytes(corpus: Corpus, records: Sequence[Record], request: ExportRequest) -> bytes:
    """The records, the documents they cite and their passages as an SQLite database file."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO export_info VALUES (?, ?)", [
            ("format", "kzt-tui-sqlite"), ("version", str(JSON_VERSION)),
            ("title", request.title)])
        docs = cited_documents(corpus, records)
        db.executemany(f"INSERT INTO documents VALUES ({', '.join('?' * 13)})",
                       [_document_row(corpus, d) for d in docs])
        db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?)", [
            (r.id, r.section, r.label("en"), label_ru(r),
             None if isinstance(r, Document) else r.notes) for r in records])
        if request.marks is not None:  # what the user noted (--marked, --tag)
            db.execute(_MARKS)
            db.executemany("INSERT INTO marks VALUES (?, ?, ?, ?)", [
                (r.id, int(marked), "; ".join(tags), note) for r in records
                for marked, tags, note in [mark_fields(request.marks, r.id)]])
        grouped = by_section(records)
        for name in request.sections:
            if name != "documents":  # the documents table holds their fields and texts
                _section_table(db, name, grouped.get(name, []))
        db.executemany(
            "INSERT INTO citations (record_id, side, doc_id, quote, translation, note, "
            "char_start, char_end, line_start, line_end, reference) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, side, c.doc, c.quote, c.translation, c.note,
              c.span.start if c.span else None, c.span.end if c.span else None,
              c.span.line_start if c.span else None, c.span.line_end if c.span else None,
              reference(corpus, c))
             for r in records for side, c in _citations(r)])
        db.execute("INSERT INTO citations_fts (citations_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
        db.commit()
        return db.serialize()
    finally:
        db.close()
