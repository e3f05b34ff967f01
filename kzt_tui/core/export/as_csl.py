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


def _csl_name(author: str) -> dict[str, str]:
    """A byline as a CSL name: "Given Family", with a transliteration in brackets dropped."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", author).strip()
    parts = name.split()
    if len(parts) == 2:
        return {"given": parts[0], "family": parts[1]}
    return {"literal": name or author}


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
        item["author"] = [_csl_name(doc.author)]
    if doc.outlet:
        item["container-title"] = doc.outlet.name
    if doc.date:
        item["issued"] = {"date-parts": [_date_parts(doc.date)]}
    item["language"] = "ru"
    item["note"] = f"English title: {doc.title.en}\nfile: {doc.file}"
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
