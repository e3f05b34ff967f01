"""The fields of a record made from a selected passage, as a form shows them: derived from
the section's spec (core/loading/validate.py), prefilled from the passage (numbers, units,
scales and qualifiers by ruparse, dates by read_dates, periods by read_periods, a free
id), and turned back into the record's fields from what the user typed. Nothing here
writes: core/curate/store does."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.curate.store import CurateError
from kzt_tui.core.i18n import N_
from kzt_tui.core.loading.validate import CITATION, DISMISSAL, SECTIONS, SHAPES, Checker, Spec
from kzt_tui.core.model import SECTION_BY_NAME, SECTION_PREFIX, Dataset
from kzt_tui.core.problems import shorten
from kzt_tui.core.query import plain_number
from kzt_tui.core.ruparse import read_dates, read_periods, read_quantities
from kzt_tui.core.selection import TextSelection, occurrence_of
from kzt_tui.core.textnorm import fold, skeleton

#: Optional fields a form always offers (the others only when the passage fills them):
#: notes, and a statement's voice, without which a statement no person or organisation
#: speaks (the text's own voice, the most common) cannot be made.
ALWAYS = ("notes", "voice")
#: The citation's fields in the form, each under this prefix.
CITE = "citation."
REQUIRED = "required: fill it in"


class FormError(CurateError):
    """What the form holds cannot be written: `path` names the field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class ItemFormat:
    """How one item of a list of mappings is typed on a line of the form: as the detail
    pane shows it ("Aktau (Актау) [KZ]"), read by `pattern`'s named groups (one per key
    of the item; an optional group left out is left out of the item)."""

    pattern: re.Pattern[str]
    #: What the field's placeholder shows: two items, as they are typed.
    hint: str
    #: What the error says an item should look like.
    expected: str


#: The lists of mappings a form takes, by field name: one row per list. Items are separated
#: by ";" (by "," when the text holds no ";"), as every list of the form.
ITEMS: dict[str, ItemFormat] = {
    "nodes": ItemFormat(
        re.compile(r"(?P<name>[^()\[\];]*?[^()\[\];\s])(?:\s*\((?P<ru>\s*[^()\s][^()]*)\))?"
                   r"(?:\s*\[(?P<country>[A-Z]{2})\])?"),
        "Aktau (Актау) [KZ]; Turkmenbashi [TM]",
        "a place: name (Russian name) [country code], the last two if known"),
    "goods": ItemFormat(
        re.compile(r"(?P<item_en>[^()]*?\S)\s*\((?P<item>\s*[^()\s][^()]*)\)\s*"
                   r"(?P<direction>[A-Z]{2}->[A-Z]{2})"),
        "wheat (пшеница) KZ->TM; pasta (макароны) KZ->TM",
        "goods: English name (Russian name) exporter->importer, like wheat (пшеница) KZ->TM"),
}


def list_items(text: str) -> list[str]:
    """The items typed in a list field: separated by ";", or by "," when there is no ";"
    (so an item that holds a comma is typed with ";" between the items)."""
    sep = ";" if ";" in text else ","
    return [item.strip() for item in text.split(sep) if item.strip()]


def item_of(name: str, text: str) -> dict[str, str]:
    """One item of the list of mappings `name`, from its line; ValueError saying what an
    item looks like when it is not one."""
    form = ITEMS[name]
    m = form.pattern.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{shorten(text)!r} is not {form.expected}")
    return {k: v.strip() for k, v in m.groupdict().items() if v is not None}


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the form: its path in the record (`label.en`, `citation.translation`),
    whether it must be filled, what it takes, and the values it may take."""

    path: str
    required: bool
    kind: str  # text | number | integer | list | items (a list of mappings: ITEMS)
    choices: tuple[str, ...] = ()
    nullable: bool = False
    readonly: bool = False
    #: Whether the section's spec requires the field to be there (null or [] may do).
    needed: bool = False
    #: What the form calls it, in plain words (a msgid); "": its path.
    label: str = ""

    @property
    def name(self) -> str:
        """The field as the form and its errors name it (in English)."""
        return self.label or self.path


def _shape(checker: Checker) -> tuple[Any, ...]:
    return SHAPES.get(checker, ("json", {}))


def _scalar(fragment: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    if "enum" in fragment:
        return "text", tuple(fragment["enum"])
    kind = {"number": "number", "integer": "integer"}.get(fragment.get("type", ""), "text")
    return kind, ()


def _fields(spec: Spec, prefix: str, required_only: bool) -> Iterable[FormField]:
    for key, (checker, required) in spec.items():
        if key == "citations" or (required_only and not required and key not in ALWAYS):
            continue
        shape, nullable = _shape(checker), False
        while shape[0] == "nullable":
            shape, nullable = _shape(shape[1]), True
        path = prefix + key
        if shape[0] == "spec":
            for sub in _fields(shape[1], path + ".", False):
                yield FormField(sub.path, required and sub.required and not nullable,
                                sub.kind, sub.choices, nullable or sub.nullable,
                                needed=required)
        elif shape[0] == "list":
            inner = _shape(shape[1])
            if inner[0] != "json":
                if key in ITEMS:  # a list of mappings the form reads an item of per line
                    yield FormField(path, required and shape[2] > 0, "items",
                                    needed=required)
                continue  # one it cannot (a discrepancy's sides): written in the file
            yield FormField(path, required and shape[2] > 0, "list", _scalar(inner[1])[1],
                            needed=required)
        else:
            kind, choices = _scalar(shape[1])
            yield FormField(path, required and not nullable, kind, choices, nullable,
                            needed=required)


def can_make(section: str) -> bool:
    """Whether a record of `section` can be made from one passage: it cites its passages
    in `citations` (a discrepancy needs two sides, a document is the text itself)."""
    spec = SECTIONS[section][1]
    return "citations" in spec and spec["citations"][1]


#: The sections a selection can become a record of, in the table's order.
MAKEABLE: tuple[str, ...] = tuple(name for name in SECTION_PREFIX if can_make(name))


def form_fields(section: str, optional: Iterable[str] = ()) -> list[FormField]:
    """The form of a new `section` record: its required fields (and `notes`, the lists
    of mappings it reads (goods), and the optional ones named in `optional`), then the
    citation's."""
    spec = SECTIONS[section][1]
    wanted = set(optional)
    got = [f for f in _fields(spec, "", False)
           if f.needed or f.kind == "items" or f.path.split(".")[0] in ALWAYS
           or f.path in wanted]
    got.sort(key=lambda f: f.path.split(".")[0] == "notes")  # notes after the data
    return got + citation_fields()


def document_fields() -> list[FormField]:
    """The form of a new source's document record: what the loader needs but its file."""
    return [f for f in _fields(SECTIONS["documents"][1], "", False)
            if (f.needed or f.path == "author") and f.path != "file"]


def _passage_fields(spec: Spec) -> list[FormField]:
    return [FormField(f.path, f.required, f.kind, f.choices, f.nullable,
                      f.path in (CITE + "doc", CITE + "quote"))
            for f in _fields(spec, CITE, False)]


def citation_fields() -> list[FormField]:
    """The form of a citation: doc and quote as selected (not edited), translation,
    occurrence and note."""
    return _passage_fields(CITATION)


#: A dismissal's fields in plain words: no citation is made, so not `citation.reason`.
DISMISSAL_LABELS = {
    CITE + "occurrence": N_("which occurrence"),
    CITE + "reason": N_("why not a fact"),
    CITE + "note": N_("note"),
}


def dismissal_fields() -> list[FormField]:
    """The form of a dismissal: the passage, why (a reason of the vocabulary) and a note."""
    return [FormField(f.path, f.required, f.kind, f.choices, f.nullable, f.readonly, f.needed,
                      DISMISSAL_LABELS.get(f.path, ""))
            for f in _passage_fields(DISMISSAL)]


def field_of(problem_path: str, fields: Iterable[FormField]) -> str | None:
    """The form's field a problem of the load names, as the user sees it:
    `statements[3].speaker` → `speaker`, `figures[0].period.start` → `period.start`,
    `figures[0].citations[0].translation` → `citation.translation`, `dismissals[0].reason`
    → `citation.reason`; None when the form has no such field."""
    rest = re.sub(r"^\w+\[\d+\]\.?", "", problem_path, count=1)
    rest = re.sub(r"^citations\[\d+\]\.", CITE, rest, count=1)
    rest = re.sub(r"\[\d+\]", "", rest)  # countries[1]: the list's field
    paths = [f.path for f in fields if not f.readonly]
    for wanted in (rest, CITE + rest):
        found = [p for p in paths if wanted == p or wanted.startswith(p + ".")]
        if found:
            return max(found, key=len)
    return None


def passage_of(fields: list[FormField], typed: dict[str, str]) -> dict[str, Any]:
    """A citation or dismissal from its form; FormError naming the first problem."""
    out: dict[str, Any] = {}
    for f in fields:
        try:
            value = _value(f, typed.get(f.path, ""))
        except ValueError as exc:
            raise FormError(f.path, f"{f.name}: {exc}") from None
        if value is None:
            if f.required:
                raise FormError(f.path, f"{f.name}: {REQUIRED}")
            continue
        out[f.path.removeprefix(CITE)] = value
    return out


# --- prefill ------------------------------------------------------------------------------


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def _latin(text: str) -> str:
    from kzt_tui.core.textnorm import _CYR_LAT  # one transliteration table for the app

    latin = "".join(_CYR_LAT.get(c, c) for c in fold(text))
    return unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()


def suggest_id(section: str, quote: str, taken: Iterable[str]) -> str:
    """The section's prefix and a slug of the passage's first words, made unique."""
    words = re.findall(r"[a-z0-9]+", _latin(quote))
    slug = "-".join(words[:4])[:40].strip("-") or "new"
    base = f"{SECTION_PREFIX[section]}-{slug}"
    used, n, found = set(taken), 2, base
    while found in used:
        found, n = f"{base}-{n}", n + 1
    return found


def passage_values(sel: TextSelection, text: str) -> dict[str, str]:
    """The citation's doc and quote (verbatim), and its occurrence when the quote is in
    the text more than once."""
    values = {CITE + "doc": sel.doc, CITE + "quote": sel.quote(text)}
    occurrence = occurrence_of(sel, text)
    if occurrence is not None:
        values[CITE + "occurrence"] = str(occurrence)
    return values


def prefill(section: str, sel: TextSelection, text: str, taken: Iterable[str],
            known: Iterable[tuple[str, str]] = (),
            countries: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """What the form shows first for a record of `section` made from `sel`: the passage
    verbatim, which occurrence it is when it is not the only one, a free id, what the
    passage says of numbers and dates, the `known` people and organisations (id, Russian
    name) it names, as a statement's speaker or an event's people, and the `countries`
    (name, code: country_names) it names."""
    quote = sel.quote(text)
    values = {"id": suggest_id(section, quote, taken), **passage_values(sel, text)}
    spec = SECTIONS[section][1]
    periods = read_periods(quote)
    # "за 9 месяцев 2024 года $363,6 млн": the 9 months are the period, not the value
    quantities = [q for q in read_quantities(quote)
                  if not any(p.begin <= q.start < p.stop for p in periods)]
    if quantities and "value" in spec:
        q = quantities[0]
        values.update(value=_number_text(q.value), scale=q.scale, unit=q.unit,
                      qualifier=q.qualifier)
        if q.value_max is not None and math.isfinite(q.value_max):
            values["value_max"] = _number_text(q.value_max)
    dates = [d for d in read_dates(quote) if S.PDATE_RE.fullmatch(d.start)
             and S.PDATE_RE.fullmatch(d.end)]
    if periods and "period" in spec:
        p = periods[0]
        values.update({"period.label": p.label, "period.start": p.start,
                       "period.end": p.end})
    elif dates and "date" in spec:
        d = dates[0]
        values["date"] = d.start
        if d.end != d.start and "date_end" in spec:
            values["date_end"] = d.end
    named = mentioned(quote, known)
    people = [i for i in named if i.startswith("per-")]
    if named and "speaker" in spec:
        values["speaker"] = named[0]
    if people and "people" in spec:
        values["people"] = ", ".join(people)
    codes = countries_named(quote, countries)
    if codes and "countries" in spec:
        values["countries"] = ", ".join(codes)
    return values


def country_names(data: Dataset) -> list[tuple[str, str]]:
    """The dataset's own names of countries, as (name, code): an agreement's party that is
    one word ("Kazakhstan", "Russia (addressee)") where its parties and its countries are
    as many, the country in the same place; not an organisation's name (Rosatom, a party
    with Kazakhstan, is Russia's company, not Russia), nor a name given two codes."""
    firms = {fold(name) for o in data.organisations for name in (o.name.en, o.name.ru)}
    found: dict[str, set[str]] = {}
    for agreement in data.agreements:
        names, codes = agreement.parties, agreement.countries
        if len(names) != len(codes):
            continue
        for name, code in zip(names, codes, strict=True):
            bare = re.sub(r"\s*\([^()]*\)$", "", name.strip())
            if re.fullmatch(r"\w+", bare) and fold(bare) not in firms:
                found.setdefault(bare, set()).add(code)
    return [(name, next(iter(codes))) for name, codes in found.items() if len(codes) == 1]


def countries_named(quote: str, countries: Iterable[tuple[str, str]]) -> list[str]:
    """The codes of the `countries` (name, code) the passage names, in the order it first
    names them, in either language and in any case ending: a word whose skeleton (core/
    textnorm, with its place names' other spellings) starts with the name's names it
    (Туркменистана, Казахстане; России for Russia)."""
    skeletons = [skeleton(w) for w in re.findall(r"\w+", quote)]
    first: dict[str, int] = {}
    for name, code in countries:
        key = skeleton(name)
        if len(key) < 4:  # too short to tell a name from the start of another word
            continue
        at = next((n for n, word in enumerate(skeletons) if word.startswith(key)), None)
        if at is not None:
            first[code] = min(at, first.get(code, at))
    return sorted(first, key=lambda code: first[code])


def _stem(word: str) -> str:
    """A Russian word without the ending its cases change: Токаев, Токаева, Токаеву.

    Not core/wordforms' Snowball stems, which search uses: they fit common words, not the
    names this reads. Snowball stems «Бердымухамедов» to «бердымухамед» but its other
    cases to «бердымухамедов», so is_form missed a name in 11 of the 313 sentences of the
    shipped sources; begins_as found «ОБСЕ» (stem «обс») in «обсудили» and the like in 12
    sentences that do not name it."""
    return word[:max(4, len(word) - 2)] if len(word) > 4 else word


def mentioned(quote: str, known: Iterable[tuple[str, str]]) -> list[str]:
    """The ids of the `known` (id, Russian name) records the passage names, in the order
    of `known`: every word of the name is in the passage, in any case ending."""
    words = re.findall(r"\w+", fold(quote))
    got = []
    for record_id, name in known:
        stems = [_stem(w) for w in re.findall(r"\w+", fold(name)) if len(w) > 2]
        if stems and all(any(w.startswith(st) for w in words) for st in stems):
            got.append(record_id)
    return got


# --- the record from what was typed ------------------------------------------------------


def _number(text: str) -> float:
    """A typed number read as the filter reads it ("12,000" is twelve thousand, "1,5" one
    and a half, core/query.plain_number), with a sign; else as Python reads one ("1e3")."""
    negative = text.startswith("-")
    number = plain_number(text[1:] if text.startswith(("-", "+")) else text)
    if number is None:
        try:
            number = float(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            raise ValueError("expected a number, like 555.7") from None
        negative = False  # float() read the sign
    if not math.isfinite(number):
        raise ValueError("expected a finite number")
    return -number if negative else number


def _value(f: FormField, raw: str) -> Any:
    """The typed text as the field's value; ValueError with a message when it is not."""
    text = raw.strip()
    if f.kind == "list":
        return list_items(text)
    if f.kind == "items":
        return [item_of(f.path, item) for item in list_items(text)]
    if not text:
        return None
    if f.kind == "number":
        return _number(text)
    if f.kind == "integer":
        if not text.isdigit() or int(text) < 1:
            raise ValueError("expected a whole number ≥ 1")
        return int(text)
    if f.choices and text not in f.choices:
        raise ValueError("expected one of " + ", ".join(f.choices))
    return raw if f.path == CITE + "quote" else text


def _null_key(section: str, path: str) -> bool:
    """Whether `path` is a key its mapping must hold that may be null (a period's start
    and end): left empty, it is written as null whenever its mapping is written."""
    head, _, sub = path.partition(".")
    entry = SECTIONS[section][1].get(head)
    if not sub or entry is None:
        return False
    shape = _shape(entry[0])
    while shape[0] == "nullable":
        shape = _shape(shape[1])
    if shape[0] != "spec" or sub not in shape[1]:
        return False
    checker, required = shape[1][sub]
    return bool(required) and _shape(checker)[0] == "nullable"


def build(section: str, fields: list[FormField], typed: dict[str, str]
          ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The record's fields (its citation in `citations`) from the form's values, and the
    problems as (path, message): a required field left empty, a value of the wrong kind."""
    record: dict[str, Any] = {}
    cite: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    groups: dict[str, list[FormField]] = {}
    for f in fields:
        try:
            value = _value(f, typed.get(f.path, ""))
        except ValueError as exc:
            problems.append((f.path, str(exc)))
            continue
        if value is None or value == []:
            if f.required:
                problems.append((f.path, REQUIRED))
                continue
            if value is None and not (f.nullable and f.needed) and not _null_key(section,
                                                                                f.path):
                continue  # an optional field left empty is left out (not null)
        if f.path.startswith(CITE):
            if value is not None:
                cite[f.path[len(CITE):]] = value
            continue
        head, _, sub = f.path.partition(".")
        if sub:
            groups.setdefault(head, []).append(f)
            record.setdefault(head, {})[sub] = value
        else:
            record[head] = value
    for head, members in groups.items():  # a nullable mapping left empty is null
        if all(m.nullable and record[head].get(m.path.partition(".")[2]) is None
               for m in members):
            if members[0].needed:
                record[head] = None
            else:  # an optional one (an agreement's period) is left out
                del record[head]
    for key, (checker, required) in SECTIONS[section][1].items():
        if required and key not in record and _shape(checker)[0] == "list":
            record[key] = []  # a list the form does not read: filled in the file
    if any(f.path.startswith(CITE) for f in fields):
        record["citations"] = [cite]
    return record, problems


def record_of(section: str, fields: list[FormField], typed: dict[str, str]
              ) -> dict[str, Any]:
    """The record build() makes of `typed`; FormError naming the first problem."""
    record, problems = build(section, fields, typed)
    if problems:
        path, message = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FormError(path, f"{path}: {message}{more}")
    return record


def singular(section: str) -> str:
    """What one record of `section` is called."""
    return SECTION_BY_NAME[section].singular
