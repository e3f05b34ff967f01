"""Plain-text descriptions of records: list rows, detail fields, filter text, citations."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import assert_never

from kzt_tui.core.cite import OUTLET_NOT_NAMED
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import N_, Nn_, tr, trn, vocab
from kzt_tui.core.model import (
    Agreement,
    Citation,
    Corridor,
    Discrepancy,
    Document,
    Event,
    Figure,
    Goods,
    Node,
    Organisation,
    Period,
    Person,
    Record,
    Span,
    Statement,
    Text2,
    all_citations,
)
from kzt_tui.core.textnorm import fold, query_terms, skeleton, skeleton_text

QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "more_than": "more than ",
    "at_least": "at least ",
    "almost": "almost ",
    "less_than": "less than ",
    "up_to": "up to ",
    "range": "",
}
UNIT_WORDS = {
    "USD": "USD",
    "tonnes": "t",
    "percent": "%",
    "times": "×",
    "count": "",
    "km": "km",
    "lanes": "lanes",
    "years": "years",
    "months": "months",
}
SCALE_WORDS = {"one": "", "thousand": "k", "million": "m", "billion": "bn"}


def number(value: float, lang: str = "en") -> str:
    """A number without a needless .0; in Russian with a decimal comma and thousands
    grouped by a narrow no-break space ("7\u202f591", "2,5"), which the filter reads back."""
    text = f"{value:,.0f}" if value == int(value) else f"{value:,.10g}"
    return text.translate(RU_NUMBER) if lang == "ru" else text


#: English number punctuation as Russian writes it.
RU_NUMBER = str.maketrans({",": "\u202f", ".": ","})


#: How a scaled amount reads in the interface ("555.7m" / "555.7 млн"): msgids.
SCALE_FORMATS = {"one": "{amount}", "thousand": N_("{amount}k"),
                 "million": N_("{amount}m"), "billion": N_("{amount}bn")}
#: How a qualified value reads ("more than $26bn" / "более $26 млрд"): msgids.
QUALIFIER_FORMATS = {
    "exact": "{value}",
    "range": "{value}",
    "about": N_("about {value}"),
    "more_than": N_("more than {value}"),
    "at_least": N_("at least {value}"),
    "almost": N_("almost {value}"),
    "less_than": N_("less than {value}"),
    "up_to": N_("up to {value}"),
}
#: How an amount of a unit without a sign of its own reads ("3m t" / "3 млн т"): msgids.
UNIT_FORMATS = {
    "tonnes": N_("{amount} t"),
    "km": N_("{amount} km"),
}
#: How an amount of a countable unit reads, in the form its number takes ("1 lane",
#: "4 полосы", "5 лет"): (singular, plural) msgids.
UNIT_PLURALS = {
    "lanes": Nn_("{amount} lane", "{amount} lanes"),
    "years": Nn_("{amount} year", "{amount} years"),
    "months": Nn_("{amount} month", "{amount} months"),
}
#: Russian qualifiers that put the number in the genitive ("более 1 года", "до 2 полос").
GENITIVE_QUALIFIERS = frozenset({"more_than", "about", "at_least", "less_than", "up_to"})


def plural_count(fig: Figure, lang: str) -> int:
    """The whole number whose plural form the unit of `fig` takes in `lang`: the last
    number said; in Russian a fraction reads as 2 ("2,5 года"), a scale word or a genitive
    qualifier as Russian grammar has it ("2 млн лет", "более 1 года", "до 2 полос")."""
    last = fig.value if fig.value_max is None else fig.value_max
    if lang != "ru":
        return 1 if last == 1 and fig.scale == "one" else 2
    if fig.scale != "one":
        return 5
    if last != int(last):
        return 2
    n = int(last)
    if fig.qualifier in GENITIVE_QUALIFIERS:  # genitive: "года" for 1, 21 …; else "лет"
        return 2 if n % 10 == 1 and n % 100 != 11 else 5
    return n


def format_value(fig: Figure, lang: str = "en") -> str:
    """"more than $120m", "1.5m t", "15–20%", "≈140"; in Russian "более $120 млн",
    "1.5 млн т" (exports, copies and the CLI: English)."""
    amount = number(fig.value, lang)
    if fig.value_max is not None:
        amount += f"–{number(fig.value_max, lang)}"
    scaled = tr(SCALE_FORMATS[fig.scale], lang).format(amount=amount)
    if fig.unit == "USD":
        core = f"${scaled}"
    elif fig.unit == "times":
        core = f"×{amount}"
    elif fig.unit in UNIT_FORMATS:
        core = tr(UNIT_FORMATS[fig.unit], lang).format(amount=scaled)
    elif fig.unit in UNIT_PLURALS:
        core = trn(*UNIT_PLURALS[fig.unit], plural_count(fig, lang), lang).format(amount=scaled)
    else:  # percent ("%") and count (""): every unit of schema.UNITS has a word
        core = scaled + UNIT_WORDS[fig.unit]
    return tr(QUALIFIER_FORMATS[fig.qualifier], lang).format(value=core)


#: What a figure's detail says of a period it does not state (a msgid).
UNSTATED_PERIOD = N_("period not stated")


def period_text(period: Period | None) -> str:
    """"9 months of 2025 (2025-01 – 2025-09)" or "period not stated"."""
    if period is None:
        return UNSTATED_PERIOD
    start, end = period.start, period.end
    bounds = " – ".join(b for b in ((start,) if start == end else (start, end)) if b)
    return f"{period.label} ({bounds})" if bounds and bounds != period.label else period.label


#: A period's dates as a list outside English shows them (its label is English data).
FROM, BY, NOT_STATED = N_("from {start}"), N_("by {end}"), N_("not stated")


#: A letter of the Russian alphabet: a label holding one is not (only) English.
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def period_cell(period: Period, lang: str) -> str:
    """A period in a list: its label (English data); in another language, or where the
    label quotes Russian words ("\"в прошлом году\" (last year) … i.e. 2024"), its dates
    ("2024", "2025-01 – 2025-09", "до 2030") or "not stated" in words of that language.
    The detail shows the label whole."""
    if lang == "en" and not _CYRILLIC.search(period.label):
        return period.label
    start, end = period.start, period.end
    if start and end:
        return start if start == end else f"{start} – {end}"
    if start or end:
        return tr(FROM if start else BY, lang).format(start=start, end=end)
    return tr(NOT_STATED, lang)


def node_text(node: Node) -> str:
    """"Aktau (Актау) [KZ]": a place on a route with its Russian name and country."""
    return node.name + (f" ({node.ru})" if node.ru else "") + (
        f" [{node.country}]" if node.country else "")


def route_text(corridor: Corridor) -> str:
    """The corridor's nodes in order, joined by arrows; "" when it names none."""
    return " → ".join(map(node_text, corridor.nodes))


def row_text(record: Record, lang: str = "en") -> str:
    """The one-line summary a list shows for a record."""
    label = record.label(lang)
    match record:
        case Figure():
            return f"{format_value(record, lang)} — {label}"
        case Agreement() | Corridor():
            return f"{label} [{vocab(record.status, lang)}]"
        case Document() | Event():
            return f"{record.date or tr('undated', lang)} · {label}"
        case Person() | Organisation() | Discrepancy():
            return label
        case Statement():
            return f"{vocab(record.kind, lang)} · {label}"
        case _:
            assert_never(record)


def _join(items: tuple[str, ...] | list[str]) -> str:
    return "; ".join(items) if items else "—"


def _words(values: tuple[str, ...], lang: str) -> str:
    """Values of a vocabulary (modes, topics), each as a word in `lang`."""
    return _join([vocab(v, lang) for v in values])


#: How a field names another record it refers to by id (a speaker, what a statement is
#: about): the id itself, or (names_in) the record's name or title.
Namer = Callable[[str], str]


def _as_id(record_id: str) -> str:
    return record_id


def names_in(corpus: Corpus, lang: str) -> Namer:
    """A Namer that says each record of `corpus` by its label in `lang` ("Kassym-Jomart
    Tokayev" for "per-tokayev"); an id no record has stays as it is."""
    def name(record_id: str) -> str:
        target = corpus.get(record_id)
        return target.label(lang) if target is not None else record_id
    return name


def fields(record: Record, lang: str = "en", name: Namer = _as_id) -> list[tuple[str, str]]:
    """(label, value) rows for the detail view and the Markdown briefing, labels and the
    vocabularies' values in `lang` (the briefing's are English). A record another one
    refers to is said by `name` (default: its id; names_in: its name)."""
    other = "ru" if lang == "en" else "en"
    return [(tr(label, lang).format(other=other), value)
            for label, value in _fields(record, lang, other, name)]


def _fields(record: Record, lang: str, other: str, name: Namer) -> list[tuple[str, str]]:
    """fields() with each label a msgid ("{other}": the other language)."""
    match record:
        case Document():
            return [
                *_bilingual(N_("Title"), N_("Title ({other})"), record.title, lang, other),
                (N_("Date"), record.date or tr("undated", lang)),
                (N_("Date note"), record.date_note),
                (N_("Outlet"),
                 f"{record.outlet.name} — {record.outlet.evidence}" if record.outlet
                 else tr(OUTLET_NOT_NAMED, lang)),
                (N_("Author"), record.author or tr("not named", lang)),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("File"), record.file),
                (N_("Reliability"), record.reliability),
            ]
        case Agreement():
            rows = [
                *_bilingual(N_("Title"), N_("Title ({other})"), record.title, lang, other),
                (N_("Kind"), f"{vocab(record.kind, lang)} · {vocab(record.level, lang)}"),
                (N_("Status"), vocab(record.status, lang)),
                (N_("Date"), record.date or tr("not stated", lang)),
                (N_("Parties"), _join(record.parties)),
                (N_("Countries"), _join(record.countries)),
                (N_("Topics"), _words(record.topics, lang)),
            ]
            if record.period:
                rows.insert(5, (N_("Covers"), period_text(record.period)))
            return rows + _notes(record.notes)
        case Corridor():
            return [
                *_bilingual(N_("Name"), N_("Name ({other})"), record.name, lang, other),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("Modes"), _words(record.modes, lang)),
                (N_("Route"), route_text(record) or "—"),
                (N_("Countries"), _join(record.countries)),
                (N_("Status"), vocab(record.status, lang)),
                *_notes(record.notes),
            ]
        case Figure():
            return [
                (N_("Value"), format_value(record, lang)),
                (N_("As data"), f"value={number(record.value)}"
                 + (f" value_max={number(record.value_max)}"
                    if record.value_max is not None else "")
                 + f" scale={record.scale} unit={record.unit} qualifier={record.qualifier}"),
                *_bilingual(N_("Measures"), N_("Label ({other})"), record.label_text, lang,
                            other),
                (N_("Measure"), tr("{measure} (group {group})", lang).format(
                    measure=record.measure, group=record.group)),
                (N_("Scope"), record.scope),
                (N_("Period"), period_text(record.period) if record.period
                 else tr(UNSTATED_PERIOD, lang)),
                (N_("Status"), vocab(record.status, lang)),
                (N_("Countries"), _join(record.countries)),
                *_notes(record.notes),
            ]
        case Person():
            return [
                *_bilingual(N_("Name"), N_("Name ({other})"), record.name, lang, other),
                (N_("Role"), record.role),
                (N_("Country"), record.country or "—"),
                *_notes(record.notes),
            ]
        case Organisation():
            return [
                *_bilingual(N_("Name"), N_("Name ({other})"), record.name, lang, other),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("Country"), record.country or "—"),
                *_notes(record.notes),
            ]
        case Event():
            when = record.date or tr("undated", lang)
            if record.date_end:
                when += f" – {record.date_end}"
            return [
                *_bilingual(N_("Title"), N_("Title ({other})"), record.title, lang, other),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("Date"), when),
                (N_("Place"), record.place or tr("not stated", lang)),
                *_notes(record.notes),
            ]
        case Discrepancy():
            rows = [
                (N_("Title"), record.title.get(lang)),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("What differs"), record.description),
            ]
            for i, side in enumerate(record.sides, 1):
                # the ids the detail's Citations below are headed by ("[1] doc-001 · …")
                docs = ", ".join(dict.fromkeys(c.doc for c in side.citations))
                rows.append((tr("Side {n}", lang).format(n=i), f"{side.claim} ({docs})"))
            rows.append((N_("Assessment"), record.assessment))
            return rows
        case Statement():
            rows = [
                *_bilingual(N_("Summary"), N_("Summary ({other})"), record.summary, lang,
                            other),
                (N_("Kind"), vocab(record.kind, lang)),
                (N_("Said by"), speaker_text(record, lang, name)),
                (N_("Topics"), _words(record.topics, lang)),
            ]
            if record.goods:
                rows.append((N_("Goods"), _join([goods_text(g) for g in record.goods])))
            if record.about:
                rows.append((N_("About"), _join([name(a) for a in record.about])))
            return rows + _notes(record.notes)
        case _:
            assert_never(record)


def _bilingual(label: str, label_other: str, text: Text2, lang: str, other: str
               ) -> list[tuple[str, str]]:
    """A bilingual field's rows: its text in `lang`, then in `other` ("—" where the record
    has none). A record without the `lang` text (a statement's summary may be English
    only) shows the `other` once, under the label that names its language: Text2.get's
    fallback would show it twice, the first time as if it were in `lang`."""
    own, theirs = getattr(text, lang), getattr(text, other)
    if not own:
        return [(label_other, theirs)]
    return [(label, own), (label_other, theirs or "—")]


def speaker_text(statement: Statement, lang: str = "en", name: Namer = _as_id) -> str:
    """Who says a statement: its speaker (by `name`: its id unless told), "the text's own
    voice", or "unnamed"."""
    if statement.voice == "author":
        return tr("the text's own voice (author)", lang)
    if statement.voice == "unnamed":
        return tr("someone the text does not name", lang)
    return name(statement.speaker) if statement.speaker else "—"


def goods_text(goods: Goods) -> str:
    """"flour (мука) KZ->TM"."""
    return f"{goods.item_en} ({goods.item}) {goods.direction}"


def _notes(notes: str | None) -> list[tuple[str, str]]:
    return [(N_("Notes"), notes)] if notes else []


def filter_text(record: Record) -> str:
    """Everything a list filter should match: titles in both languages, parties, nodes,
    values, ids."""
    parts: list[str] = [record.id, record.label("en"), record.label("ru")]
    match record:
        case Agreement():
            # the country codes too: "/TM" finds the agreements Turkmenistan is party to
            parts += [*record.parties, *record.countries, *record.topics, record.status,
                      record.kind, record.date or ""]
        case Corridor():
            parts += [n.name for n in record.nodes] + [n.ru or "" for n in record.nodes]
            parts += [*record.modes, *record.countries, record.status, record.kind]
        case Figure():
            parts += [format_value(record), number(record.value), record.measure, record.group,
                      record.scope, period_text(record.period), record.unit,
                      *record.countries]
        case Document():
            parts += [record.date or "undated", record.outlet.name if record.outlet else "",
                      record.kind, record.file]
        case Event():
            parts += [record.date or "undated", record.place or "", record.kind]
        case Person():
            parts += [record.country or "", record.role]
        case Organisation():
            parts += [record.country or "", record.kind]
        case Discrepancy():
            pass  # id and titles only
        case Statement():
            parts += [record.kind, record.voice, record.speaker or "", *record.topics,
                      *record.about]
            parts += [w for g in record.goods for w in (g.item, g.item_en, g.direction)]
        case _:
            assert_never(record)
    return "\n".join(p for p in parts if p)


#: A query word joined to the next by a hyphen or dash ("trans-caspian"): one term, not two.
_COMPOUND = re.compile(r"\w+(?:[-\u2010-\u2015]\w+)*")

#: One term of a filter: the folded word (its parts joined by "-" for a compound), the
#: skeleton it may start a word of (" " + skeleton; "" for none), and for a compound the
#: patterns of its parts adjacent in the folded text and in the skeletons (None: a word).
FilterTerm = tuple[str, str, tuple[re.Pattern[str], re.Pattern[str]] | None]


def filter_terms(query: str) -> tuple[FilterTerm, ...]:
    """The terms of a filter's free words. A word matches anywhere in a record's folded
    text, or its skeleton at a word's start; a hyphenated word ("trans-caspian") matches
    where its parts are adjacent, with a hyphen, a space or nothing between ("Trans-Caspian",
    "Trans Caspian", «Транскаспийский»), not each part anywhere ("trans" in "transport" and
    "caspian" elsewhere). A place name of several words is one word (query_terms:
    "alma-ata")."""
    terms: list[FilterTerm] = []
    for found in _COMPOUND.finditer(fold(query)):
        parts = query_terms(found.group())
        if not parts:
            continue
        if len(parts) == 1:
            k = skeleton(parts[0])
            terms.append((parts[0], " " + k if k else "", None))
            continue
        skeletons = [k for k in map(skeleton, parts) if k]
        terms.append(("-".join(parts), "", (
            re.compile(r"[\W_]*".join(map(re.escape, parts))),
            re.compile(" " + " ?".join(map(re.escape, skeletons))))))
    return tuple(terms)


def _holds(folded: str, skel: str, term: FilterTerm) -> bool:
    """Whether a record with this folded text and skeletons holds the compound `term`."""
    adjacent = term[2]
    assert adjacent is not None
    return bool(adjacent[0].search(folded) or adjacent[1].search(skel))


class FilterIndex:
    """Folded and transliterated filter text of each record, made once per record.

    A record's text is made the first time a filter looks at it, not up front: the first
    screen paints without waiting for every record of a large corpus to be folded.
    """

    #: Results kept per list, so typing on narrows the last result instead of every record
    #: and a backspace finds its result ready.
    KEEP = 32

    def __init__(self, corpus: Corpus) -> None:
        self._texts: dict[str, tuple[str, str]] = {}
        self._of: tuple[Record, ...] = ()  # the records the kept results are of
        self._results: dict[tuple[FilterTerm, ...], list[Record]] = {}

    def _text(self, record: Record) -> tuple[str, str]:
        got = self._texts.get(record.id)
        if got is None:
            text = filter_text(record)
            # skeletons match at a word's start: a space before each (textnorm.skeleton_text)
            got = self._texts[record.id] = (fold(text), " " + skeleton_text(text))
        return got

    def prepare(self, records: Sequence[Record]) -> None:
        """Make the filter text of each of `records` that has none yet, ahead of a filter
        (the app does it in small steps while idle)."""
        text = self._text
        for record in records:
            text(record)

    def filter(self, records: tuple[Record, ...], query: str) -> list[Record]:
        """The records (in order) that match every word of `query`."""
        if not query.strip():
            return list(records)
        # matches_all, with the query folded once rather than once per record
        terms = filter_terms(query)
        if records is not self._of:
            self._of, self._results = records, {}
        got = self._results.get(terms)
        if got is None:
            out = []
            base = self._narrowest(terms)
            words = [(t, k) for t, k, adjacent in terms if adjacent is None]
            compounds = [term for term in terms if term[2] is not None]
            for record in records if base is None else base:
                folded, skel = self._text(record)
                # words inline (the common case, once per record per key typed)
                if all(t in folded or (k and k in skel) for t, k in words) and (
                        not compounds or all(_holds(folded, skel, t) for t in compounds)):
                    out.append(record)
            got = self._results[terms] = out
            if len(self._results) > self.KEEP:
                del self._results[next(iter(self._results))]
        return list(got)

    def _narrowest(self, terms: tuple[FilterTerm, ...]) -> list[Record] | None:
        """The smallest kept result that holds every record `terms` can match: one whose
        every term is implied by a word of `terms` (its word and skeleton inside theirs).
        A compound (a hyphenated word) neither implies nor is implied: its skeleton may
        match where no part's does at a word's start («Транскаспийский»)."""
        words = [(t2, k2) for t2, k2, adjacent in terms if adjacent is None]
        best: list[Record] | None = None
        for kept, result in self._results.items():
            if (best is None or len(result) < len(best)) and all(
                adjacent is None
                and any(t in t2 and (not k2 or (k and k2.startswith(k))) for t2, k2 in words)
                for t, k, adjacent in kept
            ):
                best = result
        return best


def citations_for(corpus: Corpus, record: Record) -> list[Citation]:
    """The passages the source view steps through for a record.

    A document steps through every passage any fact cites in it, in text order; any other
    record through its own citations.
    """
    if isinstance(record, Document):
        seen: set[Span | None] = set()
        out: list[Citation] = []
        for fact in corpus.facts_of(record.id):
            key = fact.citation.span
            if key not in seen:
                seen.add(key)
                out.append(fact.citation)
        return out
    return list(all_citations(record))
