"""The columns of each list, as data: one table of columns per section (and one for the
timeline, which lists events and agreements by date).

A column says how to get a record's typed value (what sort, facets and the filter language
work on) and its display text, how wide it would like to be and how soon it gives way on a
narrow screen. Textual-free: the list widget, the explorer and the tests read the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from operator import attrgetter
from weakref import WeakKeyDictionary

from kzt_tui.core.cite import OUTLET_NOT_NAMED
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import NOT_STATED, format_value, number, period_cell, route_text
from kzt_tui.core.i18n import N_, tr, vocab
from kzt_tui.core.model import (
    Corridor,
    Discrepancy,
    Document,
    Figure,
    Period,
    Record,
    Statement,
    Text2,
    section_of,
)
from kzt_tui.core.textnorm import cell_width

#: A record's datum in a column: text, a number, several texts, or nothing (None sorts
#: last in both directions, as does an empty text or tuple).
Value = str | float | tuple[str, ...] | None

#: What a date column shows for a record without a date.
UNDATED = N_("undated")
#: What a facet calls the records with no value in a column that is not a date.
NO_VALUE = N_("(none)")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a list."""

    #: The field name the filter language and the palette use ("date", "status").
    name: str
    #: Its header, a msgid (`tr` shows it in the interface's language).
    header: str
    #: The record's typed value (the corpus is there for what is derived: counts, names).
    value: Callable[[Record, Corpus], Value]
    #: Cells wide when there is room; the title column takes what the others leave.
    width: int
    #: Which columns give way first on a narrow screen: the highest number goes first.
    priority: int
    #: How the value is shown (default: from the value, "_" as spaces, lists joined).
    show: Callable[[Record, Corpus, str], str] | None = None
    #: The column that keeps most room (the record's title or name).
    title: bool = False
    #: Other names the filter language accepts for it ("country" for "countries").
    aliases: tuple[str, ...] = ()
    #: A date: `date:2025` matches by prefix of the ISO date only; empty cells say "undated".
    is_date: bool = False
    #: Numbers and counts: right-aligned.
    right: bool = False
    #: The attribute path that holds the value, when it is one (`attrgetter(attr)(record)`
    #: is `value(record, corpus)`): sort and facets then read a whole list at C speed.
    attr: str | None = None
    #: For a value slow to make (a document's accounted share): whether it is made yet.
    #: Until it is, the cell shows "…"; the explorer makes such values while idle, so
    #: they never hold up a paint (a sort or facet of the column makes them all at once).
    ready: Callable[[Record, Corpus], bool] | None = None
    #: Its values are a vocabulary of the data (kind, status, topics): shown translated.
    vocab: bool = False
    #: Its values change while the corpus stays (the user's marks): never kept by the index.
    volatile: bool = False
    #: The values of many records at once, when reading them one by one is slow (a mark
    #: column looks the marks up per record): `many(records, corpus)` is
    #: `[value(r, corpus) for r in records]`.
    many: Callable[[Sequence[Record], Corpus], list[Value]] | None = None
    #: What its cell and a facet call a record without a value (a msgid; "" for nothing,
    #: or "undated" in a date column): "outlet not named", as the detail and copies say.
    empty: str = ""
    #: Other texts the filter language matches for a record beside its value (the
    #: Russian names of an agreement's corridors): not shown, sorted or counted.
    also: Callable[[Record, Corpus], tuple[str, ...]] | None = None
    #: Its every value, when they are a few words the interface translates (marked: yes,
    #: no): the filter reads a value typed in any interface language ("да") as its own.
    choices: tuple[str, ...] = ()
    #: Measured from the data: as wide as its widest cell (or header), at most this many
    #: cells (0: `width` as declared). See `measured`.
    measure: int = 0
    #: What the palette calls it ("Facet by measure label") when its field word alone
    #: reads like another column's ("measures" beside "measure"); "": its field.
    called: str = ""

    def text(self, record: Record, corpus: Corpus, lang: str) -> str:
        """The cell's text for `record`, in `lang`."""
        if self.ready is not None and not self.ready(record, corpus):
            return "…"
        if self.show is not None:
            return self.show(record, corpus, lang)
        value = self.value(record, corpus)
        if value is None or value == "" or value == ():
            if self.empty:
                return tr(self.empty, lang)
            return tr(UNDATED, lang) if self.is_date else ""
        if self.vocab and lang != "en" and isinstance(value, str | tuple):
            return ", ".join(vocab(v, lang) for v in values_of(value))
        return value_text(value)

    @property
    def multi(self) -> bool:
        """True when a record can hold several values (countries, topics): a facet counts
        each of them."""
        return self.name in MULTI

    @property
    def field(self) -> str:
        """The name the hints and the palette use: the header's word when the filter
        takes it ("measures" for the figures' title column), else the name."""
        word = self.header.lower()
        return word if word in self.aliases else self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the filter language knows the column by."""
        return (self.name, *self.aliases)


#: Columns whose value is a tuple of several values.
MULTI = {"countries", "mode", "topics", "tags", "corridors"}


def value_text(value: Value) -> str:
    """A value as a cell, a facet row or a filter sees it: "_" as spaces, lists with ", "."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(v.replace("_", " ") for v in value)
    if isinstance(value, float):
        return number(value)
    return value.replace("_", " ")


def facet_label(column: Column, value: str, lang: str = "en") -> str:
    """How a facet value is named in `lang`: "undated" or "(none)" for the records with no
    value."""
    if not value:
        return tr(column.empty or (UNDATED if column.is_date else NO_VALUE), lang)
    return vocab(value, lang) if column.vocab else value


def values_of(value: Value) -> tuple[str, ...]:
    """Each single value of a cell (a facet counts each): () when empty."""
    if value is None or value == "" or value == ():
        return ()
    if isinstance(value, tuple):
        return tuple(v.replace("_", " ") for v in value if v)
    return (value_text(value),)


# --- derived values, kept per corpus -----------------------------------------------------

_SOURCES: WeakKeyDictionary[Corpus, dict[str, float]] = WeakKeyDictionary()
_RECORDS: WeakKeyDictionary[Corpus, dict[str, float]] = WeakKeyDictionary()
_ACCOUNTED: WeakKeyDictionary[Corpus, dict[str, float | None]] = WeakKeyDictionary()


def _sources(record: Record, corpus: Corpus) -> float:
    """How many documents state `record`."""
    got = _SOURCES.setdefault(corpus, {})
    n = got.get(record.id)
    if n is None:
        n = got[record.id] = float(len(corpus.documents_of(record)))
    return n


def _records(record: Record, corpus: Corpus) -> float:
    """How many records cite document `record`."""
    got = _RECORDS.setdefault(corpus, {})
    n = got.get(record.id)
    if n is None:
        n = got[record.id] = float(len({f.record.id for f in corpus.facts_of(record.id)}))
    return n


def _accounted(record: Record, corpus: Corpus) -> float | None:
    """The share (%) of a document's sentences cited or dismissed: computed for one
    document when first asked (a row shown, a sort), never for all at first paint."""
    got = _ACCOUNTED.setdefault(corpus, {})
    if record.id not in got:
        from kzt_tui.core.coverage import document_coverage

        cov = document_coverage(corpus, record.id)
        got[record.id] = None if cov is None else round(100 * cov.accounted_share, 1)
    return got[record.id]


def _accounted_ready(record: Record, corpus: Corpus) -> bool:
    return record.id in _ACCOUNTED.get(corpus, {})


_SPEAKERS: WeakKeyDictionary[Corpus, dict[str, str]] = WeakKeyDictionary()

#: Who says a statement that names no speaker (the filter's values, shown translated).
AUTHOR, UNNAMED = N_("the text (author)"), N_("unnamed")


def _speaker(record: Record, corpus: Corpus) -> str | None:
    """Who says a statement, by name (each speaker's name looked up once per corpus)."""
    if not isinstance(record, Statement):
        return None
    if record.voice == "author":
        return AUTHOR
    if record.voice == "unnamed" or not record.speaker:
        return UNNAMED if record.voice == "unnamed" else None
    names = _SPEAKERS.setdefault(corpus, {})
    name = names.get(record.speaker)
    if name is None:
        who = corpus.get(record.speaker)
        name = names[record.speaker] = who.label("en") if who is not None else record.speaker
    return name


def _show_speaker(record: Record, corpus: Corpus, lang: str) -> str:
    """The speaker as the interface says it: a person or organisation by its name in
    `lang`, the text's own voice and an unnamed source in words of `lang`."""
    name = _speaker(record, corpus)
    if name is None:
        return ""
    if name in (AUTHOR, UNNAMED):
        return tr(name, lang)
    assert isinstance(record, Statement) and record.speaker
    who = corpus.get(record.speaker)
    return who.label(lang) if who is not None and lang != "en" else name


def _attr(path: str) -> Callable[[Record, Corpus], Value]:
    get = attrgetter(path)

    def value(record: Record, _corpus: Corpus) -> Value:
        got: Value = get(record)
        return got

    return value


def _plain(name: str, header: str, attr: str, width: int, priority: int,
           aliases: tuple[str, ...] = ()) -> Column:
    """A column that shows one attribute of the record (a vocabulary's value, when its
    name is one of VOCABULARIES)."""
    return Column(name, header, _attr(attr), width, priority, aliases=aliases, attr=attr,
                  vocab=name in VOCABULARIES)


#: The columns whose values are a vocabulary of the data's schema (shown translated).
VOCABULARIES = {"kind", "status", "mode", "unit", "topics"}


def _title(header: str, field: str = "title") -> Column:
    """The title column: the record's label (`field` in English) as its value; the filter
    knows it as "title", "name" and by its header ("measures:", "summary:"). A label the
    record has only in the other language is shown in it, marked "(en) " or "(ru) " (a
    user's statement may have its summary in English only), as the detail marks it."""
    aliases = tuple(dict.fromkeys(n for n in ("name", header.lower()) if n != "title"))
    text_of = attrgetter(field)

    def show(record: Record, _corpus: Corpus, lang: str) -> str:
        label = record.label(lang)
        text = text_of(record)
        if isinstance(text, Text2) and label and not getattr(text, lang):
            return f"({'ru' if lang == 'en' else 'en'}) {label}"
        return label

    return Column("title", header, _attr(f"{field}.en"), 40, 0, show=show,
                  title=True, aliases=aliases, attr=f"{field}.en")


def _date() -> Column:
    return Column("date", N_("Date"), _attr("date"), 10, 1, is_date=True, attr="date")


def _count(name: str, header: str, get: Callable[[Record, Corpus], float | None], width: int,
           priority: int, suffix: str = "") -> Column:
    def show(record: Record, corpus: Corpus, lang: str) -> str:
        value = get(record, corpus)
        return "" if value is None else number(value, lang) + suffix

    return Column(name, header, get, width, priority, show=show, right=True)


def _figure_value(record: Record, _corpus: Corpus) -> float | None:
    return record.absolute if isinstance(record, Figure) else None


def _show_figure_value(record: Record, _corpus: Corpus, lang: str) -> str:
    return format_value(record, lang) if isinstance(record, Figure) else ""


def _period(record: Record, _corpus: Corpus) -> str | None:
    period = getattr(record, "period", None)
    return period.label if period is not None else None


def _show_period(record: Record, _corpus: Corpus, lang: str) -> str:
    period: Period | None = getattr(record, "period", None)
    if period is None:  # a figure that states none says so; another kind has no period
        return tr(NOT_STATED, lang) if isinstance(record, Figure) else ""
    return period_cell(period, lang)


def _route(record: Record, _corpus: Corpus) -> str | None:
    return route_text(record) or None if isinstance(record, Corridor) else None


def _show_what(record: Record, _corpus: Corpus, lang: str) -> str:
    return tr(section_of(record).singular, lang)


def _sides(record: Record, _corpus: Corpus) -> float | None:
    return float(len(record.sides)) if isinstance(record, Discrepancy) else None


def _corridors(record: Record, corpus: Corpus) -> tuple[str, ...]:
    """The corridors an agreement names, by their English names (what `corridor:` reads
    and a facet counts; an id the data does not hold stays as it is)."""
    ids: tuple[str, ...] = getattr(record, "corridors", ())
    return tuple(found.label("en") if (found := corpus.get(i)) is not None else i
                 for i in ids)


def _corridors_ru(record: Record, corpus: Corpus) -> tuple[str, ...]:
    """The Russian names the data gives the corridors an agreement names: `corridor:`
    reads them too (Средний коридор as Middle Corridor)."""
    ids: tuple[str, ...] = getattr(record, "corridors", ())
    return tuple(found.label("ru") for i in ids if (found := corpus.get(i)) is not None)


def _show_corridors(record: Record, corpus: Corpus, lang: str) -> str:
    ids: tuple[str, ...] = getattr(record, "corridors", ())
    return ", ".join(found.label(lang) if (found := corpus.get(i)) is not None else i
                     for i in ids)


def _outlet(record: Record, _corpus: Corpus) -> str | None:
    return record.outlet.name if isinstance(record, Document) and record.outlet else None


def _marked(record: Record, corpus: Corpus) -> str:
    from kzt_tui.core.marks import marks_of

    mark = marks_of(corpus).get(record.id)
    return YES if mark is not None and mark.marked else NO


def _tags(record: Record, corpus: Corpus) -> tuple[str, ...]:
    from kzt_tui.core.marks import marks_of

    mark = marks_of(corpus).get(record.id)
    return mark.tags if mark is not None else ()


def _marked_many(records: Sequence[Record], corpus: Corpus) -> list[Value]:
    from kzt_tui.core.marks import marks_of

    marked = {key for key, mark in marks_of(corpus).items() if mark.marked}
    if not marked:
        return [NO] * len(records)
    return [YES if key in marked else NO for key in map(attrgetter("id"), records)]


def _tags_many(records: Sequence[Record], corpus: Corpus) -> list[Value]:
    from kzt_tui.core.marks import marks_of

    tagged = {key: mark.tags for key, mark in marks_of(corpus).items() if mark.tags}
    if not tagged:
        return [()] * len(records)
    get = tagged.get
    return [get(key, ()) for key in map(attrgetter("id"), records)]


#: What `marked:` takes, and a facet on it shows (translated).
YES, NO = N_("yes"), N_("no")

#: The columns every list has after its own: what the user noted on a record in marks.yaml
#: (core/marks.py). Not drawn (width 0: the ★ shows a mark); the filter language
#: (`marked:yes`, `tag:check`), sort and facets read them, and the palette names them.
MARK_COLUMNS: tuple[Column, ...] = (
    Column("marked", N_("Marked"), _marked, 0, 9, vocab=True, volatile=True,
           many=_marked_many, choices=(YES, NO)),
    Column("tags", N_("Tags"), _tags, 0, 9, aliases=("tag",), volatile=True,
           many=_tags_many),
)

#: The two tables: each section's columns, and the timeline's.
Tables = tuple[dict[str, tuple[Column, ...]], tuple[Column, ...]]


def build_tables() -> Tables:
    """The columns of each section's list, in display order (the one table of columns),
    and the timeline's (events and agreements by date: the date first), made anew. The
    app reads them once, through SECTION_COLUMNS and TIMELINE_COLUMNS (made at first use);
    the tests call this to pin what each factory makes."""
    kind = _plain("kind", N_("Kind"), "kind", 12, 3)
    country = _plain("country", N_("Country"), "country", 7, 2)
    sections = {
        "documents": (
            _date(), _title(N_("Title")),
            Column("outlet", N_("Outlet"), _outlet, 16, 3, empty=OUTLET_NOT_NAMED),
            _plain("kind", N_("Kind"), "kind", 12, 4),
            _count("records", N_("Recs"), _records, 4, 2),
            replace(_count("accounted", N_("Acc%"), _accounted, 5, 5, "%"),
                    ready=_accounted_ready),
        ),
        "agreements": (
            _title(N_("Title")), _date(),
            _plain("kind", N_("Kind"), "kind", 12, 4),
            _plain("status", N_("Status"), "status", 9, 2),
            _plain("countries", N_("Countries"), "countries", 7, 3, aliases=("country",)),
            _count("sources", N_("Src"), _sources, 3, 5),
            # not drawn (width 0: the list has no room), as the CSV export's columns; the
            # filter (`topic:water`, `corridor:middle`), sort and facets read them
            replace(_plain("topics", N_("Topics"), "topics", 16, 6, aliases=("topic",)),
                    width=0),
            Column("corridors", N_("Corridors"), _corridors, 0, 6, show=_show_corridors,
                   aliases=("corridor",), also=_corridors_ru),
        ),
        "corridors": (
            _title(N_("Name"), "name"),
            _plain("mode", N_("Mode"), "modes", 10, 1, aliases=("modes",)),
            _plain("status", N_("Status"), "status", 13, 2),
            Column("route", N_("Route"), _route, 24, 3),
        ),
        "figures": (
            Column("value", N_("Value"), _figure_value, 16, 1, show=_show_figure_value,
                   right=True, measure=20),
            # "Facet by measures" and "Facet by measure" read alike: the label and the code
            replace(_title(N_("Measures"), "label_text"), called="measure label"),
            _plain("unit", N_("Unit"), "unit", 7, 4),
            Column("period", N_("Period"), _period, 12, 2, show=_show_period),
            _plain("status", N_("Status"), "status", 8, 3),
            replace(_plain("measure", N_("Measure"), "measure", 16, 5), called="measure code"),
        ),
        "events": (_date(), _title(N_("Title")), _plain("place", N_("Place"), "place", 12, 2)),
        "people": (_title(N_("Name"), "name"), _plain("role", N_("Role"), "role", 24, 1),
                   country),
        "organisations": (_title(N_("Name"), "name"), kind, country),
        "discrepancies": (
            _title(N_("Title")), _plain("kind", N_("Kind"), "kind", 16, 1),
            _count("sides", N_("Sides"), _sides, 5, 2),
        ),
        "statements": (
            _title(N_("Summary"), "summary"),
            Column("speaker", N_("Speaker"), _speaker, 18, 1, show=_show_speaker,
                   aliases=("by",)),
            _plain("kind", N_("Kind"), "kind", 11, 2),
            _plain("topics", N_("Topics"), "topics", 16, 3, aliases=("topic",)),
        ),
    }
    timeline = (
        _date(), _title(N_("Title")),
        Column("what", N_("What"), _attr("section"), 9, 2, show=_show_what,
               aliases=("section",), attr="section"),
        _plain("kind", N_("Kind"), "kind", 12, 3),
    )
    return sections, timeline


@cache
def _tables() -> Tables:
    """build_tables, once (kept: a column's identity keys the table caches)."""
    return build_tables()


#: SECTION_COLUMNS (each section's columns) and TIMELINE_COLUMNS, made at first use
#: (not at import: mutation testing switches a mutant on after the import).
_LAZY = {"SECTION_COLUMNS": 0, "TIMELINE_COLUMNS": 1}


def __getattr__(name: str) -> dict[str, tuple[Column, ...]] | tuple[Column, ...]:
    if name in _LAZY:
        return _tables()[_LAZY[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_WITH_MARKS: dict[tuple[Column, ...], tuple[Column, ...]] = {}


def columns_of(sections: Sequence[str]) -> tuple[Column, ...]:
    """The columns of a list of `sections`: one section's own, or the timeline's, then
    the MARK_COLUMNS (the same tuple each time)."""
    sections_columns, timeline = _tables()
    own = sections_columns[sections[0]] if len(sections) == 1 else timeline
    got = _WITH_MARKS.get(own)
    if got is None:
        got = _WITH_MARKS[own] = (*own, *MARK_COLUMNS)
    return got


def find_column(columns: Sequence[Column], name: str) -> Column | None:
    """The column `name` (or an alias of it) names, case-insensitively."""
    name = name.lower()
    return next((c for c in columns if name in c.names), None)


# --- layout ------------------------------------------------------------------------------

#: Cells between two columns.
GAP = 1
#: The title column is never squeezed below this many cells while another column can go.
TITLE_MIN = 22


def measured(columns: Sequence[Column], records: Sequence[Record], corpus: Corpus,
             lang: str) -> tuple[Column, ...]:
    """`columns` with each measured one (Column.measure) as wide as the widest of its cells
    for `records` in `lang`, or its header, but at most `measure` cells: a value column
    of short counts gives the title its room, one of "more than $120 million" fits."""
    out = []
    for column in columns:
        if column.measure:
            widest = max((cell_width(column.text(r, corpus, lang)) for r in records), default=0)
            width = max(cell_width(tr(column.header, lang)), min(column.measure, widest))
            column = replace(column, width=width)
        out.append(column)
    return tuple(out)


def fit(columns: Sequence[Column], width: int) -> list[int]:
    """The width of each column in `width` cells (0: the column gives way). The least
    important columns go first; the title column takes the room the others leave."""
    shown = [c.width > 0 for c in columns]  # a column of width 0 is never drawn
    title = next((i for i, c in enumerate(columns) if c.title), len(columns) - 1)
    floor = min(TITLE_MIN, max(8, width // 2))

    def others() -> int:
        used = [c.width for i, c in enumerate(columns) if shown[i] and i != title]
        return sum(used) + GAP * len(used)

    by_priority = sorted((i for i in range(len(columns)) if i != title and shown[i]),
                         key=lambda i: -columns[i].priority)
    for i in by_priority:
        if width - others() >= floor:
            break
        shown[i] = False
    out = [c.width if shown[i] else 0 for i, c in enumerate(columns)]
    out[title] = max(1, width - others())
    return out
