"""The filter language of a list's `/` box: free words as before, and `field:value` terms
that match a record's data (its column values), not its rendered text.

    status:signed country:TM date:2025      every term must hold
    -status:proposed                        a term that must not hold
    status:signed,in_force                  either value
    date>=2024 value>1000000 date<2025-06   ordered: numbers as numbers, dates by prefix
    value<12,000 value>=1.5bn sources=2     a comparison takes one value: "," is no list
    kind:"joint statement"                  a value with spaces
    -rail                                   a free word that must not occur

`date:2025` is a prefix of the ISO date; other values match the start of any word of the
value (`kind:memo` finds "memorandum of understanding"); case-, ё/е- and script-insensitive
as the free words are. An unknown field is not a free word: the query says so (`hint`).

A number is read as the table shows it and as it is typed: "12,000", "12000", "12 000",
"1.5", "1,5" (a decimal comma, as Russian writes it), "$1.5bn", "500m", "3 млн", and with
a sign as the table shows a fall ("-3", "$-5m"); a scale word apart is the number's ("3 млн",
"1,5 bn"). A comma
followed by groups of three digits groups thousands; a lone comma before other digits is a
decimal comma. In a comparison (<, <=, >, >=, =) the operand is one value, so its commas
are the number's; `:` on a numeric column takes one value too (the number, or the start
of its text as shown). A comparison on a numeric column whose operand is not a number is
the query's `hint`, never an error. Textual-free.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kzt_tui.core.columns import Column, find_column
from kzt_tui.core.describe import SCALE_WORDS
from kzt_tui.core.i18n import LANGUAGES, tr, vocab
from kzt_tui.core.model import SCALE_FACTOR
from kzt_tui.core.scales import RU_SCALES
from kzt_tui.core.textnorm import fold, skeleton_text

#: The comparison operators besides ":" (longest first, so ">=" is not read as ">").
ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "=": operator.eq,
}

#: The spaces that group a number's thousands: a space, no-break, narrow no-break, thin and
#: figure spaces (typeset Russian text groups "12 000" with any of them).
GROUP_SPACES = " \u00a0\u202f\u2009\u2007"

#: The scale words a number may end in: those the table shows ("k", "m", "bn"), two more
#: English ones, and the Russian abbreviations of the number reader's table.
_SCALES = {**{word: SCALE_FACTOR[scale] for scale, word in SCALE_WORDS.items() if word},
           "mn": 1e6, "b": 1e9,
           **{abbr: SCALE_FACTOR[scale] for abbr, _stem, scale in RU_SCALES}}
#: A number as typed: with a sign, a "$", thousands grouped by spaces or not.
_NUMBER = (rf"[-+\u2212]?\$?[-+\u2212]?"
           rf"(?:\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?!\d)|\d[\d.,_]*)")
_SCALE_WORD = "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))

_TOKEN = re.compile(
    r'(?P<neg>-)?(?P<field>[^\W\d]\w*)(?P<op>:|>=|<=|>|<|=)'
    r'(?P<value>"[^"]*"?'
    # a number and a scale word apart ("3 млн", "1,5 bn") are one value
    rf'|{_NUMBER}[{GROUP_SPACES}]+(?i:{_SCALE_WORD})\.?(?!\w)'
    # a number grouped by spaces ("12 000", as Russian writes it) is one value
    rf'|[-+\u2212]?\$?[-+\u2212]?\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}})+(?![\d])\S*|\S*)'
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
    #: The one value read as a number, on a numeric column (None: not a number).
    number: float | None = None


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
        name=repr(name), maybe=maybe, fields=", ".join(c.field for c in columns))


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
        raw, op = m.group("value").strip('"'), m.group("op")
        # A comparison, and anything on a number, takes one value: "12,000" is a number.
        one = op != ":" or column.right
        parts = [p for p in ([raw] if one else raw.split(",")) if norm(p)]
        if not parts:  # "status:" while it is being typed holds nothing yet
            continue
        value = number_of(parts[0]) if column.right else None
        if value is None and column.right and op != ":":
            return Query(hint=not_a_number(parts[0], lang))
        if column.choices:
            parts = [_choice(column, p) for p in parts]
        terms.append(Term(column, op, tuple(norm(p) for p in parts),
                          bool(m.group("neg")), tuple(parts), value))
    return Query(" ".join(words), tuple(excluded), tuple(terms))


def _choice(column: Column, typed: str) -> str:
    """`typed` as the value of `column` it names in any interface language (marked:да is
    marked:yes); itself when it names none."""
    said = norm(typed)
    return next((value for value in column.choices for lang in LANGUAGES
                 if norm(vocab(value, lang)) == said), typed)


def not_a_number(text: str, lang: str = "en") -> str:
    """The hint for a comparison with something that is not a number, in `lang`."""
    return tr("not a number: {text} — write 12000, 12,000, 12 000, 1.5 or 1.5bn",
              lang).format(text=repr(text))


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


#: A sign may stand before or after the "$" ("-$5m", "$-5m" as the table writes a fall).
_AMOUNT = re.compile(r"(?P<sign>[-+\u2212])?[$≈~]?(?P<late>(?(sign)|[-+\u2212]))?"
                     r"\s*(?P<digits>[0-9][0-9_,.\s]*?)\s*(?P<scale>[^\W\d_]*)\.?\s*%?")
#: Thousands grouped by one separator: "12,000", "1.500.000", "12 000".
_GROUPED = {sep: re.compile(rf"[0-9]{{1,3}}(?:{re.escape(sep)}[0-9]{{3}})+")
            for sep in (",", ".", " ")}


def plain_number(digits: str) -> float | None:
    """"12,000", "12 000,5", "1.5", "1,5", "1,500.25" as a number (no sign, no scale);
    None if malformed. The one reading of a typed number: the filter's, the form's.
    With both "," and "." the last is the decimal point; a lone "," is one unless it
    groups thousands ("12,000"); a lone "." always is (the table writes "1.5")."""
    digits = re.sub(r"[\s_]+", " ", digits).strip().rstrip(",.").rstrip()  # "12," as typed
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        point = max(digits.rfind(","), digits.rfind("."))
    elif commas == 1 and _GROUPED[","].fullmatch(digits) is None:
        point = digits.rfind(",")
    elif dots == 1:
        point = digits.rfind(".")
    else:
        point = -1
    whole, frac = (digits[:point], digits[point + 1:]) if point >= 0 else (digits, "")
    if point >= 0 and not frac.isdigit():
        return None
    # Any one separator of the whole must group its thousands (two kinds never do).
    seps = {c for c in whole if not c.isdigit()}
    if seps:
        sep = seps.pop()
        if sep not in _GROUPED or _GROUPED[sep].fullmatch(whole) is None:
            return None
        whole = whole.replace(sep, "")
    if not whole.isdigit():
        return None
    return float(f"{whole}.{frac}")  # "12." (no fraction) reads as 12


def number_of(text: str) -> float | None:
    """"1.5bn", "$500m", "12,000", "12 000", "1,5 млн", "7", "-3" as a number; None if it is not
    one, or not a finite one (400 digits are no number a figure holds)."""
    m = _AMOUNT.fullmatch(text.strip().lower())  # _AMOUNT's \s takes every GROUP_SPACES
    if m is None or m["scale"] not in ("", *_SCALES):
        return None
    value = plain_number(m["digits"])
    if value is None:
        return None
    if (m["sign"] or m["late"]) in ("-", "\u2212"):
        value = -value
    value *= _SCALES.get(m["scale"], 1.0)
    return value if math.isfinite(value) else None


def matches(term: Term, cell: Cell) -> bool:
    """Whether `cell` satisfies `term` (before its negation)."""
    if term.op == ":":
        if term.number is not None and cell.number == term.number:
            return True
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
    if term.column.right:
        return (cell.number is not None and term.number is not None
                and compare(cell.number, term.number))
    return any(compare(v[: len(q)], q) for q in term.values for v in cell.values)
