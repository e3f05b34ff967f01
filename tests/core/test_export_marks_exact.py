"""Exports with what the user noted (export_records(..., marks=…), the CLI's --marked and
--tag) pinned exactly: golden files of JSON, CSV, the briefing and SQLite for records that
are marked with tags and a note, tagged only, marked only, noted only, and not in the marks
at all; and mark_fields, which every format reads them through."""

from __future__ import annotations

import csv
import datetime
import io
import json
import sqlite3

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import export_records
from kzt_tui.core.export.common import mark_fields
from kzt_tui.core.loading import load
from kzt_tui.core.marks import Mark
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "golden"
DAY = datetime.date(2026, 1, 2)

#: Every kind of mark; doc-two is exported but has none (a mark read as nothing noted).
MARKS = {
    "fig-trade": Mark(marked=True, tags=("trade", "to_check"), note="Compare *with* 2023."),
    "agr-gas": Mark(tags=("gas",)),
    "dis-trade": Mark(marked=True),
    "stm-wheat": Mark(note="=1+1 looks like a formula"),
    "per-lee": Mark(marked=True, tags=("never",)),  # not exported: no row, no line
}
IDS = ("fig-trade", "agr-gas", "dis-trade", "stm-wheat", "doc-two")
#: (format, golden file) of the marked export; the sqlite one is a dump.
GOLDENS = [("json", "export-marked.json"), ("csv", "export-marked.csv"),
           ("md", "export-marked.md")]


@pytest.fixture(scope="module")
def rich() -> Corpus:
    return Corpus(load(FIXTURES / "export" / "curated.yaml"))


def _marked(corpus: Corpus, fmt: str) -> str | bytes:
    records = [r for r in (corpus.get(i) for i in IDS) if r is not None]
    assert len(records) == len(IDS)
    return export_records(corpus, fmt, records, "Marked records", exported=DAY, marks=MARKS)


def _db(data: str | bytes) -> sqlite3.Connection:
    assert isinstance(data, bytes)
    db = sqlite3.connect(":memory:")
    db.deserialize(data)
    return db


def _dump(data: str | bytes) -> str:
    db = _db(data)
    try:
        return "\n".join(line for line in db.iterdump() if "_fts_" not in line) + "\n"
    finally:
        db.close()


def _golden(name: str) -> str:
    return (GOLDEN / name).read_bytes().decode("utf-8")


@pytest.mark.parametrize(("fmt", "name"), GOLDENS)
def test_golden_marked_exports(rich: Corpus, fmt: str, name: str) -> None:
    assert _marked(rich, fmt) == _golden(name)


def test_golden_marked_sqlite(rich: Corpus) -> None:
    assert _dump(_marked(rich, "sqlite")) == _golden("export-marked.sql")


def _write_golden() -> None:  # pragma: no cover - run by hand when a format changes
    rich = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    for fmt, name in GOLDENS:
        data = _marked(rich, fmt)
        assert isinstance(data, str)
        (GOLDEN / name).write_bytes(data.encode())
    (GOLDEN / "export-marked.sql").write_bytes(_dump(_marked(rich, "sqlite")).encode())


def test_mark_fields_of_a_mark_and_of_none() -> None:
    assert mark_fields(MARKS, "fig-trade") == (True, ("trade", "to_check"),
                                               "Compare *with* 2023.")
    assert mark_fields(MARKS, "agr-gas") == (False, ("gas",), None)
    assert mark_fields(MARKS, "doc-two") == (False, (), None)
    assert mark_fields({}, "fig-trade") == (False, (), None)


def test_json_marks_follow_each_records_fields(rich: Corpus) -> None:
    got = json.loads(_marked(rich, "json"))
    marks = {r["id"]: r["marks"] for name in ("documents", "agreements", "figures",
                                             "discrepancies", "statements") for r in got[name]}
    assert marks == {
        "doc-two": {"marked": False, "tags": [], "note": None},
        "agr-gas": {"marked": False, "tags": ["gas"], "note": None},
        "fig-trade": {"marked": True, "tags": ["trade", "to_check"],
                      "note": "Compare *with* 2023."},
        "dis-trade": {"marked": True, "tags": [], "note": None},
        "stm-wheat": {"marked": False, "tags": [], "note": "=1+1 looks like a formula"},
    }
    assert list(got["figures"][0])[-1] == "marks"


def test_csv_marks_columns_come_before_the_records_notes(rich: Corpus) -> None:
    text = _marked(rich, "csv")
    assert isinstance(text, str) and text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0])[-8:] == ["marked", "tags", "mark_note", "notes", "citations",
                                  "quotes", "translations", "references"]
    assert {r["id"]: (r["marked"], r["tags"], r["mark_note"]) for r in rows} == {
        "doc-two": ("no", "", ""),
        "agr-gas": ("no", "gas", ""),
        "fig-trade": ("yes", "trade; to_check", "Compare *with* 2023."),
        "dis-trade": ("yes", "", ""),
        "stm-wheat": ("no", "", "'=1+1 looks like a formula"),  # formula-safe as any cell
    }


def test_without_marks_no_format_shows_them(rich: Corpus) -> None:
    records = [r for r in (rich.get(i) for i in IDS) if r is not None]
    text = export_records(rich, "json", records, "Marked records", exported=DAY)
    assert isinstance(text, str) and '"marks"' not in text
    text = export_records(rich, "csv", records, "Marked records", exported=DAY)
    assert isinstance(text, str) and "mark_note" not in text
    text = export_records(rich, "md", records, "Marked records", exported=DAY)
    assert isinstance(text, str) and "**Tags:**" not in text and "**Your note:**" not in text
    db = _db(export_records(rich, "sqlite", records, "Marked records", exported=DAY))
    try:
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'marks'"
                          ).fetchall() == []
    finally:
        db.close()


def test_sqlite_marks_table_rows_and_keys(rich: Corpus) -> None:
    db = _db(_marked(rich, "sqlite"))
    try:
        assert db.execute("SELECT record_id, marked, tags, note FROM marks ORDER BY rowid"
                          ).fetchall() == [
            ("fig-trade", 1, "trade; to_check", "Compare *with* 2023."),
            ("agr-gas", 0, "gas", None),
            ("dis-trade", 1, "", None),
            ("stm-wheat", 0, "", "=1+1 looks like a formula"),
            ("doc-two", 0, "", None),
        ]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def test_briefing_tags_and_note_lines(rich: Corpus) -> None:
    text = _marked(rich, "md")
    assert isinstance(text, str)
    lines = text.splitlines()
    assert lines.count("- **Tags:** trade, to\\_check") == 1
    assert lines.count("- **Your note:** Compare \\*with\\* 2023.") == 1
    assert lines.count("- **Tags:** gas") == 1
    assert lines.count("- **Your note:** \\=1+1 looks like a formula") == 1
    assert sum(line.startswith("- **Tags:**") for line in lines) == 2
    assert sum(line.startswith("- **Your note:**") for line in lines) == 2
