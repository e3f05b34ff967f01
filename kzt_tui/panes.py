"""The explorer's panes: which records each lists, in what order, under which key."""

from __future__ import annotations

from dataclasses import dataclass
from weakref import WeakKeyDictionary

from kzt_tui.core.columns import Column, columns_of, measured
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import N_
from kzt_tui.core.model import Record, section_of


@dataclass(frozen=True, slots=True)
class Pane:
    """One tab of the explorer (title, short title and blurb are msgids: `tr` shows them)."""

    name: str
    key: str
    title: str
    short: str
    sections: tuple[str, ...]
    blurb: str


PANES: tuple[Pane, ...] = (
    Pane("documents", "1", N_("Documents"), N_("Docs"), ("documents",),
         N_("the source texts, each with every passage any fact cites")),
    Pane("agreements", "2", N_("Agreements"), N_("Agr"), ("agreements",),
         N_("treaties, memoranda, plans and statements, signed or proposed")),
    Pane("corridors", "3", N_("Corridors"), N_("Corr"), ("corridors",),
         N_("railways, roads, ports, pipelines, crossings and links, with their routes")),
    Pane("figures", "4", N_("Figures"), N_("Fig"), ("figures",),
         N_("every number with unit and period, charted against comparable ones")),
    Pane("discrepancies", "5", N_("Discrepancies"), N_("Disc"), ("discrepancies",),
         N_("where sources disagree, both sides with their passages")),
    Pane("timeline", "6", N_("Timeline"), N_("Time"), ("events", "agreements"),
         N_("events and agreements by date; undated ones last")),
    Pane("people", "7", N_("People"), N_("People"), ("people",),
         N_("who is named, in which role")),
    Pane("organisations", "8", N_("Organisations"), N_("Orgs"), ("organisations",),
         N_("states, ministries, companies and bodies named")),
    Pane("statements", "9", N_("Statements"), N_("Stm"), ("statements",),
         N_("what the texts say: assessments, positions, proposals, with who says them")),
)
PANE_BY_NAME = {p.name: p for p in PANES}


def home_pane(record: Record) -> Pane:
    """The pane a record opens in (its section's `pane` in model.SECTIONS)."""
    return PANE_BY_NAME[section_of(record).pane]


def pane_columns(pane: Pane) -> tuple[Column, ...]:
    """The columns of a pane's list (core/columns.py: its section's, or the timeline's)."""
    return columns_of(pane.sections)


#: The measured columns of each pane, by corpus, pane and language (measured once: a
#: value column reads every figure of the pane).
_MEASURED: WeakKeyDictionary[Corpus, dict[tuple[str, str], tuple[Column, ...]]] = (
    WeakKeyDictionary())


def shown_columns(corpus: Corpus, pane: Pane, lang: str) -> tuple[Column, ...]:
    """The columns a pane's list shows: pane_columns, each measured one as wide as the
    widest of its cells over all the pane's records (not only those a filter leaves, so
    the columns stay put while the user types)."""
    columns = pane_columns(pane)
    if not any(c.measure for c in columns):
        return columns
    got = _MEASURED.setdefault(corpus, {})
    key = (pane.name, lang)
    if key not in got:
        got[key] = measured(columns, pane_records(corpus, pane), corpus, lang)
    return got[key]


def _date_key(record: Record) -> tuple[int, str, str]:
    date = getattr(record, "date", None)
    return (0, date, record.id) if date else (1, "", record.id)


#: The records of each pane that lists several sections, joined once (as the timeline).
_JOINED: WeakKeyDictionary[Corpus, dict[str, tuple[Record, ...]]] = WeakKeyDictionary()

#: The timeline of each corpus, sorted once: the explorer asks for a pane's records on every
#: pane switch and filter keystroke, and the filter keeps its results only while it is
#: given the same tuple (75,000 records to sort at 1000x).
_TIMELINES: WeakKeyDictionary[Corpus, tuple[Record, ...]] = WeakKeyDictionary()


def pane_records(corpus: Corpus, pane: Pane) -> tuple[Record, ...]:
    """The records a pane lists: file order, section after section, or date order
    (undated last) on the timeline."""
    if pane.name == "timeline":
        got = _TIMELINES.get(corpus)
        if got is None:
            records = [r for s in pane.sections for r in corpus.section(s)]
            got = _TIMELINES[corpus] = tuple(sorted(records, key=_date_key))
        return got
    if len(pane.sections) == 1:
        return corpus.section(pane.sections[0])
    joined = _JOINED.setdefault(corpus, {})
    got = joined.get(pane.name)
    if got is None:
        got = joined[pane.name] = tuple(r for s in pane.sections for r in corpus.section(s))
    return got
