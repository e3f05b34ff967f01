"""CSV: a row per record, formula-safe, UTF-8 with a BOM for spreadsheets."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, assert_never

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import format_value, period_text, route_text
from kzt_tui.core.export.common import label_ru, location, mark_fields
from kzt_tui.core.model import (
    Agreement,
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

if TYPE_CHECKING:
    from kzt_tui.core.marks import Mark

# --- CSV ------------------------------------------------------------------------------------

#: First characters a spreadsheet may read as the start of a formula (or that hide one;
#: a NUL, as OWASP ASVS 1.2.10 lists it).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


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


def section_columns(record: Record) -> dict[str, str | float | int | None]:
    """The fields of `record`'s own section, flat: lists joined with "; "."""
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


def csv_row(corpus: Corpus, record: Record) -> dict[str, str | float | int | None]:
    """One record as a flat row: identity, its section's fields, then its passages."""
    cites = all_citations(record)
    return {
        "section": record.section,
        "id": record.id,
        "label_en": record.label("en"),
        "label_ru": label_ru(record),
        **section_columns(record),
        "notes": None if isinstance(record, Document) else record.notes,
        "citations": len(cites),
        "quotes": _list(c.quote for c in cites),
        "translations": _list(c.translation for c in cites),
        "references": _list(f"{c.doc} {location(corpus, c)}" for c in cites),
    }


def csv_text(corpus: Corpus, records: Sequence[Record], title: str,
             sections: Sequence[str], marks: Mapping[str, Mark] | None = None) -> str:
    """One CSV: a row per record, a `section` column first, formula-safe, UTF-8 with BOM.

    Without --section every section goes into the same sheet, so an analyst gets one file
    to filter by `section` (or by country, status, date) instead of eight. The columns are
    the union of the sections' columns, in section order; a column a section does not
    have is left empty. Lists are joined with "; "; the i-th quote, translation and
    reference belong together. The byte-order mark makes Excel read the Cyrillic as UTF-8.
    With `marks`, the columns of what the user noted (marked, tags, mark_note) come before
    the record's own notes.
    """
    rows = [csv_row(corpus, r) for r in records]
    tail: tuple[str, ...] = _CITE_COLUMNS
    if marks is not None:
        tail = (*_MARK_COLUMNS, *_CITE_COLUMNS)
        for row in rows:
            marked, tags, note = mark_fields(marks, str(row["id"]))
            row.update(zip(_MARK_COLUMNS, ("yes" if marked else "no", _list(tags), note),
                           strict=True))
    columns: dict[str, None] = dict.fromkeys(("section", "id", "label_en", "label_ru"))
    for row in rows:
        columns.update(dict.fromkeys(k for k in row if k not in tail))
    columns.update(dict.fromkeys(tail))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return "\ufeff" + buffer.getvalue()


_CITE_COLUMNS = ("notes", "citations", "quotes", "translations", "references")
_MARK_COLUMNS = ("marked", "tags", "mark_note")

