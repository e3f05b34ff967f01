"""Exports of the grounded data: JSON, CSV, a Markdown briefing, CSL-JSON, BibTeX, RIS and
an SQLite database, a module each, and FORMATS, the registry the CLI and the export dialog
read.

`export_text` serves the command line (a whole dataset or one section); `export_records`
serves the app (the records of the current list, or one item). Output is deterministic:
no clock (the briefing's date of export is given, or SOURCE_DATE_EPOCH), no absolute
paths, records in file (or list) order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from kzt_tui.core.corpus import SECTIONS, Corpus
from kzt_tui.core.export.as_bibtex import bibtex_text, ris_text
from kzt_tui.core.export.as_csl import CSL_TYPES, csl_item, csl_json, csl_text
from kzt_tui.core.export.as_csv import FORMULA_START, csv_row, csv_text, safe_cell
from kzt_tui.core.export.as_json import citation_dict, json_text, record_dict
from kzt_tui.core.export.as_markdown import markdown, md_escape
from kzt_tui.core.export.as_sqlite import sqlite_bytes
from kzt_tui.core.export.common import (
    JSON_FORMAT,
    JSON_VERSION,
    ExportError,
    ExportRequest,
    location,
)
from kzt_tui.core.i18n import N_
from kzt_tui.core.model import SECTION_BY_NAME, Record

if TYPE_CHECKING:
    from kzt_tui.core.marks import Mark

__all__ = [
    "CSL_TYPES",
    "FORMATS",
    "FORMAT_BY_NAME",
    "FORMAT_NAMES",
    "FORMULA_START",
    "JSON_FORMAT",
    "JSON_VERSION",
    "ExportError",
    "ExportFormat",
    "ExportRequest",
    "citation_dict",
    "csl_item",
    "csl_json",
    "csl_text",
    "csv_row",
    "csv_text",
    "export_data",
    "export_format",
    "export_records",
    "export_text",
    "format_for_name",
    "json_text",
    "location",
    "markdown",
    "md_escape",
    "or_list",
    "record_dict",
    "safe_cell",
]


def export_data(corpus: Corpus, fmt: str, section: str | None = None, *,
                with_ids: bool = False, exported: date | None = None) -> str | bytes:
    """The whole dataset (or one `section`) in format `fmt` (a name in FORMATS): text, or
    bytes for a binary format (sqlite).

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
    return spec.render(corpus, records, ExportRequest(title, names, with_ids, exported))


def export_text(corpus: Corpus, fmt: str, section: str | None = None, *,
                with_ids: bool = False, exported: date | None = None) -> str:
    """export_data of a text format; ExportError for a binary one (it needs a file)."""
    data = export_data(corpus, fmt, section, with_ids=with_ids, exported=exported)
    if isinstance(data, bytes):
        raise ExportError(f"{fmt} is a binary file: give --out FILE{export_format(fmt).suffix}")
    return data


def export_records(corpus: Corpus, fmt: str, records: Sequence[Record], title: str, *,
                   with_ids: bool = False, exported: date | None = None,
                   filtered: str | None = None,
                   marks: Mapping[str, Mark] | None = None) -> str | bytes:
    """Some records (a filtered list, one item) in format `fmt`, under `title`; `filtered`:
    what the list was filtered by; `marks`: what the user noted on them, shown with each.
    For csl-json: the documents the records cite (or are).
    """
    spec = export_format(fmt)
    names = tuple(s for s in SECTIONS if any(r.section == s for r in records))
    request = ExportRequest(title, names, with_ids, exported, filtered or None, marks)
    return spec.render(corpus, list(records), request)


def export_format(name: str) -> ExportFormat:
    """The format called `name`; ExportError, naming the valid ones, if there is none."""
    spec = FORMAT_BY_NAME.get(name)
    if spec is None:
        raise ExportError(f"unknown format {name!r}; valid formats: {', '.join(FORMAT_NAMES)}")
    return spec


# --- The formats ----------------------------------------------------------------------------

#: (corpus, records, what and how) → the export's text (bytes for a binary format).
Render = Callable[[Corpus, Sequence[Record], ExportRequest], str | bytes]


def _sources(render: Callable[[Corpus, Sequence[Record]], str],
             corpus: Corpus, records: Sequence[Record], request: ExportRequest) -> str:
    """A renderer of the documents the records cite (csl-json, bibtex, ris), which needs
    neither the title nor the sections, as a Render once `render` is bound (partial). Not
    a closure made at import: its body runs on each export."""
    return render(corpus, records)


def _marked(render: Callable[..., str], corpus: Corpus, records: Sequence[Record],
            request: ExportRequest) -> str:
    """A renderer that needs the title, the sections and the records' marks (json, csv),
    as a Render once `render` is bound (partial), as _sources."""
    return render(corpus, records, request.title, request.sections, marks=request.marks)


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
    #: A binary file (render gives bytes): never written to stdout.
    binary: bool = False


_SOURCES = "it always lists the source documents (one bibliography record each)"

#: Every export format, in the order the CLI lists them.
FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("json", ".json", N_("data"), partial(_marked, json_text)),
    ExportFormat("csv", ".csv", N_("sheet"), partial(_marked, csv_text)),
    ExportFormat("md", ".md", N_("briefing"), markdown),
    ExportFormat("csl-json", ".csl.json", N_("sources"), partial(_sources, csl_text),
                 no_section=_SOURCES),
    ExportFormat("bibtex", ".bib", N_("sources"), partial(_sources, bibtex_text),
                 no_section=_SOURCES),
    ExportFormat("ris", ".ris", N_("sources"), partial(_sources, ris_text), no_section=_SOURCES),
    ExportFormat("sqlite", ".sqlite", N_("database"), sqlite_bytes, binary=True),
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
