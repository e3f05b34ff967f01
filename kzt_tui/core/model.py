"""Frozen, typed records of the curated dataset (see docs/DATA.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from typing import Literal

from kzt_tui.core.i18n import N_

Section = Literal[
    "documents",
    "agreements",
    "corridors",
    "figures",
    "people",
    "organisations",
    "events",
    "discrepancies",
    "statements",
]

#: The metadata key of a record field whose name in the data differs from its attribute.
DATA_NAME = "data_name"


def data_names(cls: type) -> dict[str, str]:
    """Attribute → field name in the data, for the fields of `cls` where they differ."""
    return {f.name: f.metadata[DATA_NAME] for f in fields(cls) if DATA_NAME in f.metadata}


SCALE_FACTOR: dict[str, float] = {
    "one": 1.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}


@dataclass(frozen=True, slots=True)
class Text2:
    """A label in English and Russian."""

    en: str
    ru: str

    def get(self, lang: str) -> str:
        """The label in `lang` ("en" or "ru"), falling back to the other."""
        return (self.ru or self.en) if lang == "ru" else (self.en or self.ru)


@dataclass(frozen=True, slots=True)
class Period:
    """The span a number or plan covers."""

    label: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Span:
    """Where a quote sits in its source: character offsets and 1-based lines."""

    start: int
    end: int
    line_start: int
    line_end: int


@dataclass(frozen=True, slots=True)
class Citation:
    """A verbatim passage of a document that supports a fact."""

    doc: str
    quote: str
    translation: str
    occurrence: int | None = None
    note: str | None = None
    span: Span | None = None
    path: str = ""

    def with_span(self, span: Span) -> Citation:
        """A copy of this citation resolved to `span`."""
        return Citation(
            self.doc, self.quote, self.translation, self.occurrence, self.note, span, self.path
        )


@dataclass(frozen=True, slots=True)
class Outlet:
    """The publisher as the text names it, with the evidence for it."""

    name: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Document:
    """One source text."""

    id: str
    file: str
    date: str | None
    date_note: str
    title: Text2
    outlet: Outlet | None
    kind: str
    reliability: str
    author: str | None = None
    citations: tuple[Citation, ...] = ()
    path: str = ""

    section = "documents"

    def label(self, lang: str) -> str:
        """Title in `lang`."""
        return self.title.get(lang)


@dataclass(frozen=True, slots=True)
class Node:
    """A place on a route."""

    name: str
    ru: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Fact:
    """Fields every fact shares: identity, notes and the passages that state it."""

    id: str
    citations: tuple[Citation, ...]
    notes: str | None
    path: str


@dataclass(frozen=True, slots=True)
class Agreement(Fact):
    """An agreement, treaty, memorandum, plan or statement a source mentions."""

    title: Text2
    kind: str
    level: str
    parties: tuple[str, ...]
    countries: tuple[str, ...]
    date: str | None
    status: str
    topics: tuple[str, ...]
    period: Period | None = None
    event: str | None = None
    corridors: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()

    section = "agreements"

    def label(self, lang: str) -> str:
        """Title in `lang`."""
        return self.title.get(lang)


@dataclass(frozen=True, slots=True)
class Corridor(Fact):
    """A route, corridor, facility or link."""

    name: Text2
    kind: str
    modes: tuple[str, ...]
    nodes: tuple[Node, ...]
    countries: tuple[str, ...]
    status: str
    figures: tuple[str, ...] = ()

    section = "corridors"

    def label(self, lang: str) -> str:
        """Name in `lang`."""
        return self.name.get(lang)


@dataclass(frozen=True, slots=True)
class Figure(Fact):
    """A quantitative statement, as data."""

    #: `label` in the data (docs/DATA.md); named label_text here because every record has
    #: a label() method. DATA_NAME is read by the loader and the JSON export alike.
    label_text: Text2 = field(metadata={DATA_NAME: "label"})
    measure: str
    group: str
    scope: str
    countries: tuple[str, ...]
    value: float
    scale: str
    unit: str
    qualifier: str
    status: str
    period: Period | None
    value_max: float | None = None

    section = "figures"

    def label(self, lang: str) -> str:
        """Label in `lang`."""
        return self.label_text.get(lang)

    @property
    def absolute(self) -> float:
        """The value times its scale (555.7 million → 555_700_000)."""
        return self.value * SCALE_FACTOR[self.scale]


@dataclass(frozen=True, slots=True)
class Person(Fact):
    """A person a source names."""

    name: Text2
    role: str
    country: str | None

    section = "people"

    def label(self, lang: str) -> str:
        """Name in `lang`."""
        return self.name.get(lang)


@dataclass(frozen=True, slots=True)
class Organisation(Fact):
    """An organisation a source names."""

    name: Text2
    kind: str
    country: str | None

    section = "organisations"

    def label(self, lang: str) -> str:
        """Name in `lang`."""
        return self.name.get(lang)


@dataclass(frozen=True, slots=True)
class Event(Fact):
    """A dated (or explicitly undated) event."""

    title: Text2
    kind: str
    date: str | None
    place: str | None
    date_end: str | None = None
    people: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()

    section = "events"

    def label(self, lang: str) -> str:
        """Title in `lang`."""
        return self.title.get(lang)


@dataclass(frozen=True, slots=True)
class Side:
    """One position in a discrepancy."""

    claim: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Discrepancy(Fact):
    """Where sources or statements disagree; every side kept."""

    title: Text2
    kind: str
    description: str
    sides: tuple[Side, ...]
    assessment: str
    facts: tuple[str, ...] = ()

    section = "discrepancies"

    def label(self, lang: str) -> str:
        """Title in `lang`."""
        return self.title.get(lang)


@dataclass(frozen=True, slots=True)
class Goods:
    """One good a statement says is traded, and which way: `item` as the text names it."""

    item: str
    item_en: str
    #: "KZ->TM": from the first country to the second.
    direction: str


@dataclass(frozen=True, slots=True)
class Statement(Fact):
    """What a source says rather than counts: a claim, assessment, position or proposal,
    by a person, an organisation, or the text's own voice."""

    summary: Text2
    kind: str
    #: The person (per-) or organisation (org-) who says it; None when `voice` is not
    #: "speaker".
    speaker: str | None
    #: "speaker" (the speaker says it), "author" (the text's own voice), or "unnamed"
    #: (someone the text does not name: "эксперты отмечают").
    voice: str
    topics: tuple[str, ...]
    about: tuple[str, ...] = ()
    goods: tuple[Goods, ...] = ()

    section = "statements"

    def label(self, lang: str) -> str:
        """Summary in `lang`."""
        return self.summary.get(lang)


Record = (Document | Agreement | Corridor | Figure | Person | Organisation | Event
          | Discrepancy | Statement)


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A passage read and judged to say nothing to record (a headline, a photo credit, a
    repetition), grounded like a citation: `citation.note` says why in words."""

    citation: Citation
    reason: str


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """One section of the dataset: everything the loader, describe, export, the palette and
    the panes need to know about it. Add a section here (and its record class and Dataset
    field); mypy then names each `match` over the record kinds that lacks it."""

    name: Section
    #: The id prefix of the section's records ("agr" → "agr-2025-…").
    prefix: str
    #: What one record is called ("discrepancy", not "discrepancie"); singular and title
    #: are msgids, shown in the interface through `tr`, in exports as they are.
    singular: str
    #: The section's heading in exports ("Discrepancies (10)").
    title: str
    #: The label the detail view puts above a record.
    heading: str
    record_type: type[Record]
    #: The explorer pane (panes.PANES) a record of the section opens in.
    pane: str


#: Every section, in display (and file) order: the one table of sections.
SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("documents", "doc", N_("document"), N_("Documents"), "DOCUMENT", Document,
                "documents"),
    SectionInfo("agreements", "agr", N_("agreement"), N_("Agreements"), "AGREEMENT", Agreement,
                "agreements"),
    SectionInfo("corridors", "cor", N_("corridor"), N_("Corridors"), "CORRIDOR", Corridor,
                "corridors"),
    SectionInfo("figures", "fig", N_("figure"), N_("Figures"), "FIGURE", Figure, "figures"),
    SectionInfo("people", "per", N_("person"), N_("People"), "PERSON", Person, "people"),
    SectionInfo("organisations", "org", N_("organisation"), N_("Organisations"), "ORGANISATION",
                Organisation, "organisations"),
    SectionInfo("events", "evt", N_("event"), N_("Events"), "EVENT", Event, "timeline"),
    SectionInfo("discrepancies", "dis", N_("discrepancy"), N_("Discrepancies"), "DISCREPANCY",
                Discrepancy, "discrepancies"),
    SectionInfo("statements", "stm", N_("statement"), N_("Statements"), "STATEMENT", Statement,
                "statements"),
)
SECTION_NAMES: tuple[str, ...] = tuple(s.name for s in SECTIONS)
SECTION_BY_NAME: dict[str, SectionInfo] = {s.name: s for s in SECTIONS}
SECTION_BY_PREFIX: dict[str, SectionInfo] = {s.prefix: s for s in SECTIONS}
SECTION_BY_TYPE: dict[type[Record], SectionInfo] = {s.record_type: s for s in SECTIONS}

# Views of the table under the names the loader, parts and cache read.
#: The id prefix of each section's records, in display order.
SECTION_PREFIX: dict[str, str] = {s.name: s.prefix for s in SECTIONS}
PREFIX_SECTION: dict[str, str] = {s.prefix: s.name for s in SECTIONS}
#: What one record of each section is called.
SECTION_SINGULAR: dict[str, str] = {s.name: s.singular for s in SECTIONS}


def section_of(record: Record) -> SectionInfo:
    """The section `record` belongs to."""
    return SECTION_BY_TYPE[type(record)]


def all_citations(record: Record) -> tuple[Citation, ...]:
    """Every citation of a record, discrepancy sides included, in order."""
    if isinstance(record, Discrepancy):
        return tuple(c for side in record.sides for c in side.citations)
    return record.citations


def replace_citations(record: Record, fix: Callable[[Citation], Citation]) -> Record:
    """`record` with `fix` applied to each of its citations, discrepancy sides included."""
    if isinstance(record, Discrepancy):
        sides = tuple(replace(s, citations=tuple(map(fix, s.citations))) for s in record.sides)
        return replace(record, sides=sides)
    return replace(record, citations=tuple(map(fix, record.citations)))


@dataclass(frozen=True, slots=True)
class Dataset:
    """All records of one curated file, grounded, in file order."""

    source: str
    root: str
    documents: tuple[Document, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    corridors: tuple[Corridor, ...] = ()
    figures: tuple[Figure, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    events: tuple[Event, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    statements: tuple[Statement, ...] = ()
    #: Passages dismissed as saying nothing to record (not a section: they have no ids).
    dismissals: tuple[Dismissal, ...] = ()
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    #: The curated file and every file it includes, in the order their records come.
    files: tuple[str, ...] = ()

    def section(self, name: str) -> tuple[Record, ...]:
        """The records of section `name`."""
        records: tuple[Record, ...] = getattr(self, name)
        return records
