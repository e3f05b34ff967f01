"""Exports of the grounded data: JSON, CSV, a Markdown briefing and CSL-JSON.

`export_text` serves the command line (a whole dataset or one section); `export_records`
serves the app (the records of the current list, or one item). Output is deterministic:
no clock, no absolute paths, records in file (or list) order.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, assert_never

from kzt_tui import __version__
from kzt_tui.core.corpus import SECTIONS, Corpus
from kzt_tui.core.describe import fields as describe_fields
from kzt_tui.core.describe import format_value, period_text, route_text
from kzt_tui.core.model import (
    SECTION_BY_NAME,
    Agreement,
    Citation,
    Corridor,
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
from kzt_tui.core.textnorm import inert

#: The marker at the top of a JSON export; bump VERSION when its shape changes.
JSON_FORMAT, JSON_VERSION = "kzt-tui-export", 1


class ExportError(ValueError):
    """A request that cannot be exported (unknown format or section); says what is valid."""


def export_text(corpus: Corpus, fmt: str, section: str | None = None) -> str:
    """The whole dataset (or one `section`) in format `fmt` (a name in FORMATS).

    A format that always lists the whole of what it covers (csl-json: the source
    documents) refuses a `section` rather than silently ignoring it.
    """
    spec = export_format(fmt)
    if section is not None and spec.no_section is not None:
        raise ExportError(
            f"--section does not apply to {spec.name}: {spec.no_section}; leave --section out"
        )
    if section is not None and section not in SECTIONS:
        raise ExportError(f"unknown section {section!r}; valid sections: {', '.join(SECTIONS)}")
    names = (section,) if section else SECTIONS
    records = [r for name in names for r in corpus.section(name)]
    title = SECTION_BY_NAME[section].title if section else "All sections"
    return spec.render(corpus, records, title, names)


def export_records(corpus: Corpus, fmt: str, records: Sequence[Record], title: str) -> str:
    """Some records (a filtered list, one item) in format `fmt`, under `title`.

    For csl-json: the documents the records cite (or are).
    """
    spec = export_format(fmt)
    names = tuple(s for s in SECTIONS if any(r.section == s for r in records))
    return spec.render(corpus, list(records), title, names)


def export_format(name: str) -> ExportFormat:
    """The format called `name`; ExportError, naming the valid ones, if there is none."""
    spec = FORMAT_BY_NAME.get(name)
    if spec is None:
        raise ExportError(f"unknown format {name!r}; valid formats: {', '.join(FORMAT_NAMES)}")
    return spec


def _by_section(records: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for record in records:
        grouped.setdefault(record.section, []).append(record)
    return {name: grouped[name] for name in SECTIONS if name in grouped}


def _dataset_name(corpus: Corpus) -> str:
    """The curated file relative to the dataset root (no machine-specific prefix)."""
    source, root = corpus.dataset.source, corpus.dataset.root
    try:
        rel = os.path.relpath(source, root)
    except ValueError:
        rel = os.path.basename(source)
    return os.path.basename(source) if rel.startswith("..") else rel.replace(os.sep, "/")


# --- JSON -----------------------------------------------------------------------------------

#: Model attribute → the field name of docs/DATA.md, where they differ.
_FIELD_NAMES = {"label_text": "label"}


def citation_dict(corpus: Corpus, cite: Citation) -> dict[str, Any]:
    """A citation as JSON: the curated fields, the document's file and the resolved span."""
    span = cite.span
    return {
        "doc": cite.doc,
        "file": corpus.document(cite.doc).file,
        "quote": cite.quote,
        "translation": cite.translation,
        "occurrence": cite.occurrence,
        "note": cite.note,
        "span": None if span is None else {
            "start": span.start,
            "end": span.end,
            "line_start": span.line_start,
            "line_end": span.line_end,
        },
    }


def _jsonable(corpus: Corpus, value: Any) -> Any:
    if isinstance(value, Citation):
        return citation_dict(corpus, value)
    if is_dataclass(value) and not isinstance(value, type):
        return {
            _FIELD_NAMES.get(f.name, f.name): _jsonable(corpus, getattr(value, f.name))
            for f in fields(value)
            if f.name not in {"path", "span"}  # path: where in the YAML; spans sit on citations
        }
    if isinstance(value, tuple | list):
        return [_jsonable(corpus, v) for v in value]
    return value


def record_dict(corpus: Corpus, record: Record) -> dict[str, Any]:
    """One record as JSON, with the field names of docs/DATA.md; `id` first."""
    data: dict[str, Any] = _jsonable(corpus, record)
    if isinstance(record, Discrepancy):
        del data["citations"]  # always empty: a discrepancy's passages sit on its sides
    return {"id": data.pop("id"), **data}


def json_text(corpus: Corpus, records: Sequence[Record], title: str,
              sections: Sequence[str]) -> str:
    """The model as one JSON object: a format marker, then a list per section."""
    grouped = _by_section(records)
    out: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "generator": f"kzt-tui {__version__}",
        "dataset": _dataset_name(corpus),
        "title": title,
    }
    for name in sections:
        out[name] = [record_dict(corpus, r) for r in grouped.get(name, [])]
    return _json(out)


# JSON escapes C0 controls itself; these it would write raw, and a terminal obeys the C1
# ones (0x9B is CSI) and reorders text at the bidi ones.
_JSON_RAW_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _json(value: Any) -> str:
    """Indented JSON, Cyrillic as is, every control or bidi character as a \\u escape."""
    # The escapes are JSON's own, so a reader gets the exact strings back, while `cat` of
    # the file cannot drive a terminal. Such characters only occur inside strings.
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return _JSON_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --- CSV ------------------------------------------------------------------------------------

#: First characters a spreadsheet may read as the start of a formula (or that hide one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str | float | int | None) -> str | float | int:
    """A CSV cell that a spreadsheet shows as text, never evaluates.

    Excel, LibreOffice and Google Sheets run a cell that starts with = + - or @ as a
    formula (`=HYPERLINK(...)`, `=cmd|...`, DDE), and a leading tab or carriage return can
    hide such a start. Every text cell from the data (titles, notes, quotes) is untrusted,
    so one that starts with any of these gets a leading apostrophe, which spreadsheets
    treat as "this is text" and do not display. Numbers we format ourselves are left as
    numbers: a negative number is not a formula.
    """
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    # Spaces first do not make it text: some spreadsheets trim them before reading it.
    return "'" + value if value.lstrip(" \u00a0").startswith(FORMULA_START) else value


def _list(items: Iterable[str]) -> str:
    return "; ".join(items)


def _plain_number(value: float) -> float | int:
    """555700000.0000001 → 555700000: the scaled value without float noise."""
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def _section_columns(record: Record) -> dict[str, str | float | int | None]:
    match record:
        case Document():
            return {
                "file": record.file,
                "date": record.date,
                "date_note": record.date_note,
                "outlet": record.outlet.name if record.outlet else None,
                "outlet_evidence": record.outlet.evidence if record.outlet else None,
                "author": record.author,
                "kind": record.kind,
                "reliability": record.reliability,
            }
        case Agreement():
            return {
                "kind": record.kind,
                "level": record.level,
                "status": record.status,
                "date": record.date,
                "period": period_text(record.period) if record.period else None,
                "parties": _list(record.parties),
                "countries": _list(record.countries),
                "topics": _list(record.topics),
                "event": record.event,
                "corridors": _list(record.corridors),
                "figures": _list(record.figures),
            }
        case Corridor():
            return {
                "kind": record.kind,
                "status": record.status,
                "modes": _list(record.modes),
                "route": route_text(record),
                "countries": _list(record.countries),
                "figures": _list(record.figures),
            }
        case Figure():
            return {
                "value_text": format_value(record),
                "value": record.value,
                "value_max": record.value_max,
                "scale": record.scale,
                "unit": record.unit,
                "absolute_value": _plain_number(record.absolute),
                "qualifier": record.qualifier,
                "status": record.status,
                "measure": record.measure,
                "group": record.group,
                "scope": record.scope,
                "countries": _list(record.countries),
                "period": period_text(record.period) if record.period else None,
                "period_start": record.period.start if record.period else None,
                "period_end": record.period.end if record.period else None,
            }
        case Person():
            return {"role": record.role, "country": record.country}
        case Organisation():
            return {"kind": record.kind, "country": record.country}
        case Event():
            return {
                "kind": record.kind,
                "date": record.date,
                "date_end": record.date_end,
                "place": record.place,
                "people": _list(record.people),
                "agreements": _list(record.agreements),
            }
        case Discrepancy():
            return {
                "kind": record.kind,
                "description": record.description,
                "sides": _list(side.claim for side in record.sides),
                "assessment": record.assessment,
                "facts": _list(record.facts),
            }
        case Statement():
            return {
                "kind": record.kind,
                "speaker": record.speaker,
                "voice": record.voice,
                "topics": _list(record.topics),
                "about": _list(record.about),
                "goods": _list(f"{g.item_en} ({g.item}) {g.direction}" for g in record.goods),
            }
        case _:
            assert_never(record)


def location(corpus: Corpus, cite: Citation) -> str:
    """"seeds/x.txt:12" or "seeds/x.txt:12-14": the file and lines of a passage."""
    where = corpus.document(cite.doc).file
    if cite.span is None:
        return where
    first, last = cite.span.line_start, cite.span.line_end
    return f"{where}:{first}" if first == last else f"{where}:{first}-{last}"


def csv_row(corpus: Corpus, record: Record) -> dict[str, str | float | int | None]:
    """One record as a flat row: identity, its section's fields, then its passages."""
    cites = all_citations(record)
    return {
        "section": record.section,
        "id": record.id,
        "label_en": record.label("en"),
        "label_ru": record.label("ru"),
        **_section_columns(record),
        "notes": None if isinstance(record, Document) else record.notes,
        "citations": len(cites),
        "quotes": _list(c.quote for c in cites),
        "translations": _list(c.translation for c in cites),
        "references": _list(f"{c.doc} {location(corpus, c)}" for c in cites),
    }


def csv_text(corpus: Corpus, records: Sequence[Record], title: str,
             sections: Sequence[str]) -> str:
    """One CSV: a row per record, a `section` column first, formula-safe, UTF-8 with BOM.

    Without --section every section goes into the same sheet, so an analyst gets one file
    to filter by `section` (or by country, status, date) instead of eight. The columns are
    the union of the sections' columns, in section order; a column a section does not
    have is left empty. Lists are joined with "; "; the i-th quote, translation and
    reference belong together. The byte-order mark makes Excel read the Cyrillic as UTF-8.
    """
    rows = [csv_row(corpus, r) for r in records]
    columns: dict[str, None] = dict.fromkeys(("section", "id", "label_en", "label_ru"))
    for row in rows:
        columns.update(dict.fromkeys(k for k in row if k not in _CITE_COLUMNS))
    columns.update(dict.fromkeys(_CITE_COLUMNS))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()


_CITE_COLUMNS = ("notes", "citations", "quotes", "translations", "references")


# --- Markdown -------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|&])")
#: What GitHub-flavoured Markdown turns into a link without brackets (its autolink
#: extension): a scheme's "://", "www." and an e-mail's "@". Escaping the one character
#: splits the text where the extension looks for it.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)|(?<=\w)(@)(?=\w)", re.I)
_MD_LINE_START = re.compile(r"^(\s*|\s*\d+(?=[.)]))([#+\-=>]|[.)])")


def md_escape(text: str) -> str:
    """Untrusted text as literal Markdown: no links (autolinks included), images, HTML,
    code or emphasis.

    Backslash-escapes the characters that open inline syntax (`[ ] < > ` * _ ~ | &` and
    the backslash itself), and a line start that would make a heading, list, quote or
    setext underline. Whitespace runs (YAML line folds) become one space.
    """
    text = " ".join(text.split())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_code(text: str) -> str:
    """`text` as a code span when it can be one, else escaped text."""
    return f"`{text}`" if "`" not in text and "\n" not in text else md_escape(text)


def _md_block_quote(text: str) -> str:
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return "\n".join(f"> {line}" for line in lines) or ">"


def _md_reference(corpus: Corpus, cite: Citation) -> str:
    parts = corpus.reference_parts(cite, md_escape)
    return ", ".join([*parts, _md_code(location(corpus, cite))])


def _md_passage(corpus: Corpus, cite: Citation) -> list[str]:
    out = [_md_block_quote(cite.quote), ">", f"> *English:* {md_escape(cite.translation)}", ""]
    if cite.note:
        out += [f"Why: {md_escape(cite.note)}  "]
    out += [f"Source: {_md_reference(corpus, cite)}", ""]
    return out


def _md_record(corpus: Corpus, record: Record) -> list[str]:
    out = [f"### {md_escape(record.label('en'))}", "", f"`{record.id}`", ""]
    heading = record.label("en")
    out += [
        f"- **{label}:** {md_escape(value)}"
        for label, value in describe_fields(record)
        # the heading already says it; a discrepancy's sides follow with their passages
        if not (label in {"Title", "Name"} and value == heading)
        and not (isinstance(record, Discrepancy) and label.startswith("Side "))
    ]
    links = corpus.links(record.id)
    if links:
        related = "; ".join(
            f"{link.relation} {md_escape(target.label('en'))} (`{target.id}`)"
            for link in links
            if (target := corpus.get(link.target)) is not None
        )
        out.append(f"- **Related:** {related}")
    out.append("")
    if isinstance(record, Discrepancy):
        for i, side in enumerate(record.sides, 1):
            out += [f"**Side {i}:** {md_escape(side.claim)}", ""]
            for cite in side.citations:
                out += _md_passage(corpus, cite)
    else:
        for cite in record.citations:
            out += _md_passage(corpus, cite)
    return out


def markdown(corpus: Corpus, records: Sequence[Record], title: str,
             sections: Sequence[str]) -> str:
    """A briefing that reads on its own: a heading per section, each fact in plain words,
    its passages quoted with translation and reference."""
    grouped = _by_section(records)
    out = [
        f"# Kazakhstan–Turkmenistan relations: {md_escape(title)}",
        "",
        f"Source-grounded facts from {_md_code(_dataset_name(corpus))}, exported by kzt-tui "
        f"{__version__}. Every quote is verbatim from its source text; the line numbers "
        "point into that file.",
        "",
    ]
    for name in sections:
        items = grouped.get(name, [])
        out += [f"## {SECTION_BY_NAME[name].title} ({len(items)})", ""]
        if not items:
            out += ["*None.*", ""]
        for record in items:
            out += _md_record(corpus, record)
    # A briefing is for reading, and Markdown has no escape for a control character: show
    # them (␛, ⍰) rather than pass them to a terminal or a renderer that reorders bidi text.
    return inert("\n".join(out).rstrip("\n") + "\n")


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


def csl_json(corpus: Corpus, documents: Sequence[Record]) -> str:
    """The source documents as a CSL-JSON array (for Zotero, pandoc, citeproc)."""
    items = [csl_item(d) for d in documents if isinstance(d, Document)]
    return _json(items)


def csl_text(corpus: Corpus, records: Sequence[Record], title: str,
             sections: Sequence[str]) -> str:
    """The documents `records` cite (or are), first seen first, as CSL-JSON. Given every
    record, that is every document in file order: the documents section comes first."""
    doc_ids: dict[str, None] = {}
    for record in records:
        if isinstance(record, Document):
            doc_ids[record.id] = None
        for doc_id in corpus.documents_of(record):
            doc_ids[doc_id] = None
    return csl_json(corpus, [corpus.document(d) for d in doc_ids])


# --- The formats ----------------------------------------------------------------------------

#: (corpus, records, title, the section names to list) → the export's text.
Render = Callable[[Corpus, Sequence[Record], str, Sequence[str]], str]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: the CLI's --format choices and the export dialog's file endings
    come from these entries."""

    #: The --format value.
    name: str
    #: The file-name ending that picks the format in the export dialog.
    suffix: str
    #: What a file of the format is, in the dialog's hint (".md briefing").
    blurb: str
    render: Render
    #: None when --section picks one section; otherwise why it does not apply.
    no_section: str | None = None


#: Every export format, in the order the CLI lists them.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", ".json", "data", json_text),
    ExportFormat("csv", ".csv", "sheet", csv_text),
    ExportFormat("md", ".md", "briefing", markdown),
    ExportFormat("csl-json", ".csl.json", "sources", csl_text,
                 no_section="it always lists the source documents (one bibliography record "
                 "each)"),
)
FORMAT_NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
FORMAT_BY_NAME: dict[str, ExportFormat] = {f.name: f for f in FORMATS}


def format_for_name(file_name: str) -> ExportFormat | None:
    """The format whose suffix `file_name` ends with (case-insensitive), the longest suffix
    winning (a.csl.json is csl-json, not json), or None."""
    name = file_name.lower()
    matches = [f for f in FORMATS if name.endswith(f.suffix)]
    return max(matches, key=lambda f: len(f.suffix), default=None)


def or_list(items: Sequence[str]) -> str:
    """"a, b or c"."""
    return " or ".join(filter(None, (", ".join(items[:-1]), *items[-1:])))
