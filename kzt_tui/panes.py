"""The explorer's panes: which records each lists, in what order, under which key."""

from __future__ import annotations

from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import Record


@dataclass(frozen=True, slots=True)
class Pane:
    """One tab of the explorer."""

    name: str
    key: str
    title: str
    short: str
    sections: tuple[str, ...]


PANES: tuple[Pane, ...] = (
    Pane("documents", "1", "Documents", "Docs", ("documents",)),
    Pane("agreements", "2", "Agreements", "Agr", ("agreements",)),
    Pane("corridors", "3", "Corridors", "Corr", ("corridors",)),
    Pane("figures", "4", "Figures", "Fig", ("figures",)),
    Pane("discrepancies", "5", "Discrepancies", "Disc", ("discrepancies",)),
    Pane("timeline", "6", "Timeline", "Time", ("events", "agreements")),
    Pane("people", "7", "People", "People", ("people",)),
    Pane("organisations", "8", "Organisations", "Orgs", ("organisations",)),
)
PANE_BY_NAME = {p.name: p for p in PANES}

#: The pane a record of each section opens in.
HOME_PANE = {
    "documents": "documents",
    "agreements": "agreements",
    "corridors": "corridors",
    "figures": "figures",
    "discrepancies": "discrepancies",
    "events": "timeline",
    "people": "people",
    "organisations": "organisations",
}


def _date_key(record: Record) -> tuple[int, str, str]:
    date = getattr(record, "date", None)
    return (0, date, record.id) if date else (1, "", record.id)


def pane_records(corpus: Corpus, pane: Pane) -> tuple[Record, ...]:
    """The records a pane lists: file order, or date order (undated last) on the timeline."""
    if pane.name == "timeline":
        records = [r for s in pane.sections for r in corpus.section(s)]
        return tuple(sorted(records, key=_date_key))
    return corpus.section(pane.sections[0])
