"""The loaded, cross-linked whole: lookups by id, the facts of a document, related items."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import assert_never

from kzt_tui.core.i18n import N_
from kzt_tui.core.loading.files import SourceError, read_source, resolve_source
from kzt_tui.core.model import (
    SECTION_NAMES,
    Agreement,
    Citation,
    Corridor,
    Dataset,
    Discrepancy,
    Document,
    Event,
    Figure,
    Organisation,
    Person,
    Record,
    Statement,
    all_citations,
)
from kzt_tui.core.paragraphs import Paragraphs

#: Section names in display order (the names of model.SECTIONS).
SECTIONS: tuple[str, ...] = SECTION_NAMES


@dataclass(frozen=True, slots=True)
class Link:
    """A related record and how it relates ("corridor", "signed at", "mentioned by" …)."""

    relation: str
    target: str


@dataclass(frozen=True, slots=True)
class CitedFact:
    """A record and one of its citations: what a passage of a document supports."""

    record: Record
    citation: Citation


class Corpus:
    """Index over a Dataset: records by id, links both ways, citations by document."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.by_id: dict[str, Record] = {}
        for name in SECTIONS:
            for record in dataset.section(name):
                self.by_id[record.id] = record
        self._texts: dict[str, str] = dict(dataset.texts)
        self._paragraphs: dict[str, Paragraphs] = {}
        self._links: dict[str, list[Link]] = defaultdict(list)
        self._by_doc: dict[str, list[CitedFact]] = defaultdict(list)
        self._discrepancies_of: dict[str, list[str]] = defaultdict(list)
        for record in self.by_id.values():
            for cite in all_citations(record):
                self._by_doc[cite.doc].append(CitedFact(record, cite))
            for relation, target in _forward_links(record):
                self._link(record.id, relation, target)
        for facts in self._by_doc.values():
            facts.sort(key=lambda f: (f.citation.span.start if f.citation.span else 0))

    def _link(self, source: str, relation: str, target: str) -> None:
        if target not in self.by_id:
            return
        self._links[source].append(Link(relation, target))
        back = _INVERSE[relation]  # a msgid: shown through tr; every relation has one
        self._links[target].append(Link(back, source))
        if relation == "involves":
            self._discrepancies_of[target].append(source)

    # --- lookups --------------------------------------------------------------------------

    def section(self, name: str) -> tuple[Record, ...]:
        """Records of section `name`, in file order."""
        return self.dataset.section(name)

    def get(self, record_id: str) -> Record | None:
        """The record with `record_id`, if any."""
        return self.by_id.get(record_id)

    def document(self, doc_id: str) -> Document:
        """The document `doc_id` (KeyError if unknown)."""
        record = self.by_id[doc_id]
        assert isinstance(record, Document)
        return record

    def links(self, record_id: str) -> list[Link]:
        """Related records, both directions, each target once, in a stable order."""
        seen: set[str] = set()
        out = []
        for link in self._links.get(record_id, []):
            if link.target not in seen:
                seen.add(link.target)
                out.append(link)
        return out

    def discrepancies_of(self, record_id: str) -> list[str]:
        """Ids of the discrepancies that involve `record_id`."""
        return list(dict.fromkeys(self._discrepancies_of.get(record_id, [])))

    def facts_of(self, doc_id: str) -> list[CitedFact]:
        """Every (record, citation) citing document `doc_id`, in text order."""
        return self._by_doc.get(doc_id, [])

    def documents_of(self, record: Record) -> list[str]:
        """Ids of the documents that state `record`, in citation order."""
        return list(dict.fromkeys(c.doc for c in all_citations(record)))

    def text(self, doc_id: str, keep: bool = True) -> str:
        """The full text of `doc_id`, read on first use and kept unless `keep` is False (a
        pass over every text, such as indexing, need not hold them all)."""
        got = self._texts.get(doc_id)
        if got is None:
            doc = self.document(doc_id)
            try:
                path = resolve_source(Path(self.dataset.root), doc.file)
                got = read_source(path, doc.file)
            except SourceError as exc:
                got = f"[source unavailable: {exc.message}]"
            if keep:
                self._texts[doc_id] = got
        return got

    def paragraphs(self, doc_id: str) -> Paragraphs:
        """The paragraph numbering of `doc_id`'s text, made on first use and kept."""
        got = self._paragraphs.get(doc_id)
        if got is None:
            got = self._paragraphs[doc_id] = Paragraphs(self.text(doc_id))
        return got


_INVERSE = {
    "corridor": N_("agreement"),
    "figure": N_("measured in"),
    "signed at": N_("agreement signed"),
    "proposed at": N_("agreement proposed"),
    "discussed at": N_("agreement discussed"),
    "agreed at": N_("agreement agreed"),
    "planned at": N_("agreement planned"),
    "participant": N_("took part in"),
    "involves": N_("discrepancy"),
    "agreement": N_("event"),
    "speaker": N_("speaks in"),
    "about": N_("statement"),
}


#: An agreement's link to its event, by the agreement's status.
_AT_EVENT = {"signed": N_("signed at"), "in_force": N_("signed at"),
             "proposed": N_("proposed at"), "discussed": N_("discussed at"),
             "agreed": N_("agreed at"), "planned": N_("planned at")}


def _forward_links(record: Record) -> list[tuple[str, str]]:
    """(relation, target id) of each reference `record` makes to another record."""
    match record:
        case Agreement():
            out = [(N_("corridor"), c) for c in record.corridors]
            out += [(N_("figure"), f) for f in record.figures]
            if record.event:  # what happened to it there, as its status says (a proposal
                out.append((_AT_EVENT.get(record.status, N_("signed at")), record.event))
            return out  # was once "agreement signed" in its event's links)
        case Corridor():
            return [(N_("figure"), f) for f in record.figures]
        case Event():
            return [(N_("participant"), p) for p in record.people] + [
                (N_("agreement"), a) for a in record.agreements
            ]
        case Discrepancy():
            return [(N_("involves"), f) for f in record.facts]
        case Statement():
            out = [(N_("speaker"), record.speaker)] if record.speaker else []
            return out + [(N_("about"), a) for a in record.about]
        case Document() | Figure() | Person() | Organisation():
            return []  # these refer to no other record
        case _:
            assert_never(record)
