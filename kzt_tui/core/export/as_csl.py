"""CSL-JSON: one bibliography item per source document, for Zotero and Pandoc."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.as_json import json_dumps
from kzt_tui.core.model import (
    Document,
    Record,
)

# --- CSL-JSON -------------------------------------------------------------------------------

#: Document kind → CSL item type. News agency texts and analyses published by an outlet are
#: newspaper articles in CSL's sense; a Telegram or similar post is a "post"; a briefing is
#: a "report".
CSL_TYPES = {
    "news_report": "article-newspaper",
    "analysis": "article-newspaper",
    "briefing": "report",
    "social_post": "post",
}


_ALSO_WRITTEN = re.compile(r"\s*\(([^)]*)\)\s*$")


def split_byline(author: str) -> tuple[str, str | None]:
    """A byline as (name, the name as also written): "Екатерина Николаева (Ekaterina
    Nikolaeva)" → ("Екатерина Николаева", "Ekaterina Nikolaeva"); no brackets → None."""
    match = _ALSO_WRITTEN.search(author)
    name = author[:match.start()].strip() if match else author.strip()
    also = match.group(1).strip() if match else None
    return (name or author, also or None)


def csl_name(author: str) -> dict[str, str]:
    """A byline as a CSL name: "Given Family" split in two, the name as also written
    (split_byline) dropped; any other name whole, as a literal."""
    name, _ = split_byline(author)
    parts = name.split()
    if len(parts) == 2:
        return {"given": parts[0], "family": parts[1]}
    return {"literal": name}


def document_note(doc: Document) -> str:
    """The note of every reference format (CSL-JSON, BibTeX, RIS): the English title and
    the author's name as also written (a transliteration): Zotero, BibTeX, biblatex and RIS
    readers all keep and print a note, and none of them has a standard field for a
    transliterated name. Nothing internal (the file's path): a note is for the reader."""
    note = f"English title: {doc.title.en}"
    also = split_byline(doc.author)[1] if doc.author else None
    return note + (f"; author's name also written: {also}" if also else "")


def _date_parts(date: str) -> list[int]:
    return [int(p) for p in date.split("-")]


def csl_item(doc: Document) -> dict[str, Any]:
    """One source document as a CSL-JSON item."""
    item: dict[str, Any] = {
        "id": doc.id,
        "type": CSL_TYPES.get(doc.kind, "document"),
        "title": doc.title.ru or doc.title.en,
    }
    if doc.author:
        item["author"] = [csl_name(doc.author)]
    if doc.outlet:
        item["container-title"] = doc.outlet.name
    if doc.date:
        item["issued"] = {"date-parts": [_date_parts(doc.date)]}
    item["language"] = "ru"
    item["note"] = document_note(doc)
    return item


def csl_json(documents: Sequence[Record]) -> str:
    """The source documents as a CSL-JSON array (for Zotero, pandoc, citeproc)."""
    items = [csl_item(d) for d in documents if isinstance(d, Document)]
    return json_dumps(items)


def cited_documents(corpus: Corpus, records: Sequence[Record]) -> list[Document]:
    """The documents `records` cite (or are), first seen first. Given every record, that is
    every document in file order: the documents section comes first."""
    doc_ids: dict[str, None] = {}
    for record in records:
        if isinstance(record, Document):
            doc_ids[record.id] = None
        for doc_id in corpus.documents_of(record):
            doc_ids[doc_id] = None
    return [corpus.document(d) for d in doc_ids]


def csl_text(corpus: Corpus, records: Sequence[Record]) -> str:
    """The documents `records` cite (or are) as CSL-JSON (cited_documents)."""
    return csl_json(cited_documents(corpus, records))
