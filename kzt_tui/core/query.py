"""The filter language of a list's `/` box: free words as before, and `field:value` terms
that match a record's data (its column values), not its rendered text.

    status:signed country:TM date:2025      every term must hold
    -status:proposed                        a term that must not hold
    status:signed,in_force                  either value
    date>=2024 value>1000000 date<2025-06   ordered: numbers as numbers, dates by prefix
    kind:"joint statement"                  a value with spaces
    -rail                                   a free word that must not occur

`date:2025` is a prefix of the ISO date; other values match the start of any word of the
value (`kind:memo` finds "memorandum of understanding"); case-, ё/е- and script-insensitive
as the free words are. An unknown field is not a free word: the query says so (`hint`).
Textual-free.
"""

from __future__ import annotations

import difflib
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kzt_tui.core.columns import Column, find_column
from kzt_tui.core.i18n import tr
from kzt_tui.core.textnorm import fold, skeleton_text

#: The comparison operators besides ":" (longest first, so ">=" is not read as ">").
ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt,
}

_TOKEN = re.compile(
    r'(?P<neg>-)?(?P<field>[^\W\d]\w*)(?P<op>:|>=|<=|>|<)(?P<value>"[^"]*"?|\S*)'
    r'|(?P<word>-?"[^"]*"?|\S+)'
)
_NON_WORD = re.compile(r"[\W_]+")


def norm(text: str) -> str:
    """Folded, with every run of non-word characters (and "_") one space: the form values
    and query values are compared in."""
    return _NON_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True, slots=True)
class Term:
    """One `field:value` term."""

    column: Column
    op: str  # ":" or one of ORDERED
    #: Any of these (normalised) values will do.
    values: tuple[str, ...]
    negate: bool = False
    #: The values as typed (numbers are read from these: "1.5bn", "555.7").
    raw: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed filter: free words for the FilterIndex, terms for the data."""

    #: The free words, as the FilterIndex takes them.
    text: str = ""
    #: Free words that must not occur.
    excluded: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    #: What is wrong with the query (an unknown field), to show instead of an empty list.
    hint: str | None = None


def _field(columns: Sequence[Column], name: str) -> Column | None:
    """The column `name` names: a name or alias, else a unique start of one."""
    found = find_column(columns, name)
    if found is not None:
        return found
    name = name.lower()
    starts = {c.name: c for c in columns for n in c.names if n.startswith(name)}
    return next(iter(starts.values())) if len(starts) == 1 else None


def unknown_field(name: str, columns: Sequence[Column], lang: str = "en") -> str:
    """The hint for a field the list does not have, in `lang` (the field names stay: they
    are what the filter takes)."""
    known = [n for c in columns for n in c.names]
    close = difflib.get_close_matches(name.lower(), known, n=1)
    maybe = " " + tr("(did you mean {name}?)", lang).format(name=close[0]) if close else ""
    return tr("unknown field {name}{maybe} — fields here: {fields}", lang).format(
        name=repr(name), maybe=maybe, fields=", ".join(c.name for c in columns))


def parse(query: str, columns: Sequence[Column], lang: str = "en") -> Query:
    """`query` read against the fields of a list with `columns` (a hint in `lang`)."""
    words: list[str] = []
    excluded: list[str] = []
    terms: list[Term] = []
    for m in _TOKEN.finditer(query):
        if m.group("word") is not None:
            word = m.group("word")
            negate = word.startswith("-") and len(word) > 1
            word = word.lstrip("-").strip('"') if negate else word.strip('"')
            if negate and word.strip():
                excluded.append(word)
            elif word.strip():
                words.append(word)
            continue
        name = m.group("field")
        column = _field(columns, name)
        if column is None:
            return Query(hint=unknown_field(name, columns, lang))
        raw = m.group("value").strip('"')
        parts = [p for p in raw.split(",") if norm(p)]
        if parts:  # "status:" while it is being typed holds nothing yet
            terms.append(Term(column, m.group("op"), tuple(norm(p) for p in parts),
                              bool(m.group("neg")), tuple(parts)))
    return Query(" ".join(words), tuple(excluded), tuple(terms))


# --- matching ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cell:
    """What a term compares for one record in one column: its values normalised, their
    word starts and skeletons, and the number (for ordered terms on numbers)."""

    values: tuple[str, ...]
    spaced: tuple[str, ...]  # " " + value: a query word matches at a word's start
    skeletons: tuple[str, ...]  # " " + the value's skeleton words
    number: float | None


def make_cell(texts: Sequence[str], number: float | None) -> Cell:
    """The Cell of a record whose column holds `texts` (and `number`, for numbers)."""
    values = tuple(norm(t) for t in texts)
    return Cell(values, tuple(" " + v for v in values),
                tuple(" " + skeleton_text(v) for v in values), number)


_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
_AMOUNT = re.compile(r"\$?([0-9][0-9_,]*(?:\.[0-9]+)?)\s*([a-z]*)")


def number_of(text: str) -> float | None:
    """"1.5bn", "$500m", "12,000", "7" as a number; None if it is not one."""
    m = _AMOUNT.fullmatch(text.strip().lower())
    if m is None or m.group(2) not in ("", *_SCALES):
        return None
    return float(m.group(1).replace(",", "").replace("_", "")) * _SCALES.get(m.group(2), 1.0)


def matches(term: Term, cell: Cell) -> bool:
    """Whether `cell` satisfies `term` (before its negation)."""
    if term.op == ":":
        if not cell.values:
            return term.column.is_date and "undated" in term.values
        for q in term.values:
            if term.column.is_date:
                if any(v.startswith(q) for v in cell.values):
                    return True
                continue
            spaced = " " + q
            if any(spaced in v for v in cell.spaced):
                return True
            skel = skeleton_text(q)
            if skel and any(" " + skel in s for s in cell.skeletons):
                return True
        return False
    compare = ORDERED[term.op]
    for q, raw in zip(term.values, term.raw or term.values, strict=True):
        if cell.number is not None:
            n = number_of(raw)
            if n is not None and compare(cell.number, n):
                return True
        elif any(compare(v[: len(q)], q) for v in cell.values):
            return True
    return False
