"""What every export format shares: errors, grouping by section, names of files and
passages."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from kzt_tui.core.corpus import SECTIONS, Corpus
from kzt_tui.core.model import (
    Citation,
    Record,
    Text2,
)

if TYPE_CHECKING:
    from kzt_tui.core.marks import Mark

#: The marker at the top of a JSON export; bump VERSION when its shape changes.
JSON_FORMAT, JSON_VERSION = "kzt-tui-export", 1


class ExportError(ValueError):
    """A request that cannot be exported (unknown format or section); says what is valid."""


def by_section(records: Iterable[Record]) -> dict[str, list[Record]]:
    grouped: dict[str, list[Record]] = {}
    for record in records:
        grouped.setdefault(record.section, []).append(record)
    return {name: grouped[name] for name in SECTIONS if name in grouped}


def dataset_name(corpus: Corpus) -> str:
    """The curated file relative to the dataset root (no machine-specific prefix)."""
    source, root = corpus.dataset.source, corpus.dataset.root
    try:
        rel = os.path.relpath(source, root)
    except ValueError:
        rel = os.path.basename(source)
    return os.path.basename(source) if rel.startswith("..") else rel.replace(os.sep, "/")


def label_ru(record: Record) -> str | None:
    """The record's Russian label, or None when it has none: record.label("ru") falls back
    to the English one (a statement's summary is often English only), which a label_ru
    column must not pass off as Russian."""
    for field in fields(record):
        value = getattr(record, field.name)
        if isinstance(value, Text2):  # each record has one: its title, name, label or summary
            return value.ru or None
    return None  # pragma: no cover - every record type has a Text2


def location(corpus: Corpus, cite: Citation) -> str:
    """"seeds/x.txt:12" or "seeds/x.txt:12-14": the file and lines of a passage."""
    where = corpus.document(cite.doc).file
    if cite.span is None:
        return where
    first, last = cite.span.line_start, cite.span.line_end
    return f"{where}:{first}" if first == last else f"{where}:{first}-{last}"


def mark_fields(marks: Mapping[str, Mark], record_id: str
                ) -> tuple[bool, tuple[str, ...], str | None]:
    """(marked, tags, note): what the user noted on a record; (False, (), None) for nothing."""
    mark = marks.get(record_id)
    return (mark.marked, mark.tags, mark.note) if mark is not None else (False, (), None)


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What is exported and how: the title, the sections to list, and the briefing's
    options. Every format reads what it needs and ignores the rest."""

    title: str
    sections: Sequence[str]
    #: Ids of records and paths of files in the output (the briefing leaves them out).
    with_ids: bool = False
    #: The date of the export the briefing states; fixed by a caller (or SOURCE_DATE_EPOCH)
    #: so an export can be reproduced byte for byte.
    exported: date | None = None
    #: What the exported list was filtered by, as the user typed it; None: not filtered.
    filtered: str | None = None
    #: What the user noted on the records (`--marked`, `--tag`): each format shows a
    #: record's mark, tags and note beside its own notes; None: no marks are shown.
    marks: Mapping[str, Mark] | None = None

    def export_date(self) -> date:
        """`exported`, else the day SOURCE_DATE_EPOCH names, else today (UTC)."""
        if self.exported is not None:
            return self.exported
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        moment = datetime.now(UTC)
        if epoch.isdigit():
            with contextlib.suppress(OverflowError, OSError, ValueError):
                moment = datetime.fromtimestamp(int(epoch), UTC)
        return moment.date()
