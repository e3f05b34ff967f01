"""The field checkers and the schema of each section: a YAML value → a record's value, or
a problem named by its field path."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from functools import cache
from itertools import repeat
from operator import is_
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.loading.context import BAD, Ctx, quote_span
from kzt_tui.core.loading.values import blank, close_match, describe_value
from kzt_tui.core.loading.yamlsafe import PList, PMap, Pos
from kzt_tui.core.model import (
    SECTION_PREFIX,
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
    Outlet,
    Period,
    Person,
    Side,
    Statement,
    Text2,
)
from kzt_tui.core.problems import shorten

#: Ids, codes, enum values and strings up to this length are interned: one object for every
#: "KZ", "signed" or "doc-…" of a file, which its cache entry then stores once (ids, enum
#: values and short names are most of a record's strings: ~15% of the memory at 1000x).
_SHARED = 32

#: The largest whole number that converts to a float (float() raises OverflowError past it).
_MAX_INT = int(sys.float_info.max)
TOO_LARGE = "beyond the largest number kzt-tui can compute with"
TOO_LARGE_HINT = "check the value and its scale"

Checker = Callable[[Ctx, Any, str, Pos | None], Any]

#: What each checker accepts, as core/jsonschema.py reads it to write the JSON
#: Schema: ("json", fragment), ("spec", Spec), ("nullable", inner), ("list", inner, min).
SHAPES: dict[Checker, tuple[Any, ...]] = {}


def shaped(checker: Checker, *shape: Any) -> Checker:
    """`checker`, with its shape noted in SHAPES."""
    SHAPES[checker] = shape
    return checker


# --- scalar checkers -------------------------------------------------------------------


def string(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A non-blank string."""
    if isinstance(v, str) and not blank(v):
        return sys.intern(v) if len(v) <= _SHARED else v
    return ctx.err(path, pos, f"expected a non-empty string, got {describe_value(v)}")


shaped(string, "json", {"type": "string", "pattern": r"\S"})


def integer(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A whole number ≥ 1."""
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    return ctx.err(path, pos, f"expected a whole number ≥ 1, got {describe_value(v)}")


shaped(integer, "json", {"type": "integer", "minimum": 1})


def number(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A finite number."""
    if isinstance(v, int) and not isinstance(v, bool) and not -_MAX_INT <= v <= _MAX_INT:
        return ctx.err(path, pos, f"expected a number, got a whole number of "
                       f"{len(str(abs(v))):,} digits, {TOO_LARGE}", TOO_LARGE_HINT)
    if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
        return float(v)
    hint = None
    if isinstance(v, str) and shorten(v).strip().lstrip("+-").replace(".", "", 1).isdigit():
        hint = "numbers are written without quotes, leading zeros or thousands separators"
    elif isinstance(v, str) and "," in v:
        hint = "use a decimal point: 555.7, not 555,7"
    return ctx.err(path, pos, f"expected a number, got {describe_value(v)}", hint)


shaped(number, "json", {"type": "number"})


def enum(*allowed: str) -> Checker:
    """One of `allowed`."""

    def check(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if isinstance(v, str) and v in allowed:
            return sys.intern(v)
        close = close_match(ctx, v, allowed) if isinstance(v, str) else None
        return ctx.err(
            path,
            pos,
            f"expected one of {', '.join(allowed)}; got {describe_value(v)}",
            f"did you mean {close!r}?" if close else None,
        )

    return shaped(check, "json", {"enum": list(allowed)})


def pattern(regex: Any, what: str, example: str,
            exists: Callable[[str], bool] | None = None) -> Checker:
    """A string matching `regex` (and, if given, that `exists` accepts)."""

    def check(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if isinstance(v, str) and regex.fullmatch(v):
            if exists is None or exists(v):
                return sys.intern(v)
            return ctx.err(path, pos, f"expected {what}, got {describe_value(v)}: no such "
                           "day in that month")
        hint = f"write it like {example}"
        if not isinstance(v, str):
            hint += " (in quotes)"
        return ctx.err(path, pos, f"expected {what}, got {describe_value(v)}", hint)

    return shaped(check, "json", {"type": "string", "pattern": S.ecma_pattern(regex)})


pdate = pattern(S.PDATE_RE, "a date string (YYYY, YYYY-MM or YYYY-MM-DD)", '"2025-11-25"',
                S.day_exists)
country = pattern(S.COUNTRY_RE, "an ISO country code", '"KZ"')
slug = pattern(S.SLUG_RE, "a lower-case slug", '"trade_turnover"')


def nullable(inner: Checker) -> Checker:
    """`inner`, or null."""

    def check(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        return None if v is None else inner(ctx, v, path, pos)

    return shaped(check, "nullable", inner)


def list_of(inner: Checker, min_items: int = 0) -> Checker:
    """A list whose items pass `inner`, as a tuple."""

    def check(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if not isinstance(v, list):
            return ctx.err(path, pos, f"expected a list, got {describe_value(v)}")
        if len(v) < min_items:
            return ctx.err(path, pos, f"expected at least {min_items} item(s), got {len(v)}")
        item_pos = v.item_pos if isinstance(v, PList) else [pos] * len(v)
        out = [inner(ctx, item, f"{path}[{i}]", item_pos[i]) for i, item in enumerate(v)]
        return BAD if any(map(is_, out, repeat(BAD))) else tuple(out)  # `in` calls __eq__

    return shaped(check, "list", inner, min_items)


def ref(*prefixes: str) -> Checker:
    """An id of a record in one of the sections with `prefixes`, checked once all are known."""

    def check(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if not isinstance(v, str) or not S.ID_RE.fullmatch(v):
            return ctx.err(path, pos, f"expected an id, got {describe_value(v)}")
        v = sys.intern(v)
        ctx.refs.append((path, pos, v, prefixes))
        return v

    return shaped(check, "json", {"type": "string", "pattern": S.id_pattern(prefixes)})


# --- mappings ----------------------------------------------------------------------------

Spec = dict[str, tuple[Checker, bool]]


def mapping(ctx: Ctx, v: Any, path: str, pos: Pos | None, spec: Spec) -> Any:
    """Check a mapping against `spec` (field → (checker, required)); a dict or BAD."""
    if not isinstance(v, dict):
        return ctx.err(path, pos, f"expected a mapping with fields {', '.join(spec)}, got "
                       f"{describe_value(v)}")
    key_pos = v.key_pos if isinstance(v, PMap) else {}
    own = v.pos if isinstance(v, PMap) else pos
    out: dict[str, Any] = {}
    bad = False
    for key in v if not v.keys() <= spec.keys() else ():  # a set test first: no loop
        if key not in spec:
            close = close_match(ctx, key, list(spec))
            ctx.err(
                f"{path}.{shorten(key)}",
                key_pos.get(key, own),
                f"unknown field {shorten(key)!r}",
                f"did you mean {close!r}?" if close else f"allowed: {', '.join(spec)}",
            )
            bad = True
    for name, (checker, required) in spec.items():
        if name not in v:
            if required:
                ctx.err(f"{path}.{name}", own, "required field is missing")
                bad = True
            continue
        value = checker(ctx, v[name], f"{path}.{name}", key_pos.get(name, own))
        bad |= value is BAD
        out[name] = value
    return BAD if bad else out


TEXT2: Spec = {"en": (string, True), "ru": (string, True)}
PERIOD: Spec = {"label": (string, True), "start": (nullable(pdate), True),
                "end": (nullable(pdate), True)}
CITATION: Spec = {
    "doc": (ref("doc"), True),
    "quote": (string, True),
    "translation": (string, True),
    "occurrence": (integer, False),
    "note": (string, False),
}
NODE: Spec = {"name": (string, True), "ru": (nullable(string), False),
              "country": (nullable(country), False)}
OUTLET: Spec = {"name": (string, True), "evidence": (string, True)}
SUMMARY: Spec = {"en": (string, True), "ru": (string, False)}
GOODS: Spec = {
    "item": (string, True), "item_en": (string, True),
    "direction": (pattern(S.DIRECTION_RE, "a direction of trade", '"KZ->TM"'), True),
}
DISMISSAL: Spec = {
    "doc": (ref("doc"), True),
    "quote": (string, True),
    "occurrence": (integer, False),
    "reason": (enum(*S.DISMISSAL_REASONS), True),
    "note": (string, False),
}


def _text2(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, TEXT2)
    return BAD if got is BAD else Text2(got["en"], got["ru"])


def _period(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, PERIOD)
    if got is BAD:
        return BAD
    if got["start"] and got["end"] and got["start"][:4] > got["end"][:4]:
        return ctx.err(path, pos, "period starts after it ends")
    return Period(got["label"], got["start"], got["end"])


def _citation(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, CITATION)
    if got is BAD:
        return BAD
    doc, quote, occurrence = got["doc"], got["quote"], got.get("occurrence")
    quote_pos = v.key_pos.get("quote", pos) if isinstance(v, PMap) else pos
    span = None
    if doc not in ctx.shared.doc_files:  # a later file may define it
        ctx.deferred.append((ctx.section, ctx.index, path, quote_pos))
    else:  # grounded before the citation is made: made once, with its span
        span = quote_span(ctx.shared, ctx.file, doc, quote, occurrence, path, quote_pos)
        if span is BAD:
            return BAD
    return Citation(doc, quote, got["translation"], occurrence, got.get("note"), span, path)


citations = list_of(_citation, min_items=1)
strings = list_of(string)


def _node(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, NODE)
    return BAD if got is BAD else Node(got["name"], got.get("ru"), got.get("country"))


def _outlet(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, OUTLET)
    return BAD if got is BAD else Outlet(got["name"], got["evidence"])


def _side(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, SIDE)
    return BAD if got is BAD else Side(got["claim"], got["citations"])


SIDE: Spec = {"claim": (string, True), "citations": (citations, True)}


def _summary(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, SUMMARY)
    return BAD if got is BAD else Text2(got["en"], got.get("ru", ""))


def _goods(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, GOODS)
    return BAD if got is BAD else Goods(got["item"], got["item_en"], got["direction"])


for _checker, _spec in ((_text2, TEXT2), (_period, PERIOD), (_citation, CITATION),
                        (_node, NODE), (_outlet, OUTLET), (_side, SIDE),
                        (_summary, SUMMARY), (_goods, GOODS)):
    shaped(_checker, "spec", _spec)


def _common(prefix: str) -> Spec:
    return {"id": (ref(prefix), True), "notes": (string, False)}


#: Each section's record type and spec.
Sections = dict[str, tuple[type, Spec]]


def build_sections() -> Sections:
    """Each section's record type and spec (the one table of fields), made anew. The loader,
    the forms and the JSON Schema read it once, through SECTIONS (made at first use, not at
    import: mutation testing switches a mutant on after the import); the tests call this to
    pin what each checker factory makes."""
    return {
        "documents": (
            Document,
            {
                "id": (ref("doc"), True),
                "file": (string, True),
                "date": (nullable(pdate), True),
                "date_note": (string, True),
                "title": (_text2, True),
                "outlet": (nullable(_outlet), True),
                "author": (nullable(string), False),
                "kind": (enum(*S.DOCUMENT_KINDS), True),
                "reliability": (string, True),
                "citations": (list_of(_citation), False),
            },
        ),
        "agreements": (
            Agreement,
            {
                **_common("agr"),
                "title": (_text2, True),
                "kind": (enum(*S.AGREEMENT_KINDS), True),
                "level": (enum(*S.AGREEMENT_LEVELS), True),
                "parties": (list_of(string, 1), True),
                "countries": (list_of(country), True),
                "date": (nullable(pdate), True),
                "period": (nullable(_period), False),
                "status": (enum(*S.AGREEMENT_STATUSES), True),
                "topics": (list_of(enum(*S.TOPICS)), True),
                "event": (nullable(ref("evt")), False),
                "corridors": (list_of(ref("cor")), False),
                "figures": (list_of(ref("fig")), False),
                "citations": (citations, True),
            },
        ),
        "corridors": (
            Corridor,
            {
                **_common("cor"),
                "name": (_text2, True),
                "kind": (enum(*S.CORRIDOR_KINDS), True),
                "modes": (list_of(enum(*S.MODES), 1), True),
                "nodes": (list_of(_node), True),
                "countries": (list_of(country), True),
                "status": (enum(*S.CORRIDOR_STATUSES), True),
                "figures": (list_of(ref("fig")), False),
                "citations": (citations, True),
            },
        ),
        "figures": (
            Figure,
            {
                **_common("fig"),
                "label": (_text2, True),
                "measure": (slug, True),
                "group": (slug, True),
                "scope": (string, True),
                "countries": (list_of(country), True),
                "value": (number, True),
                "value_max": (nullable(number), False),
                "scale": (enum(*S.SCALES), True),
                "unit": (enum(*S.UNITS), True),
                "qualifier": (enum(*S.QUALIFIERS), True),
                "status": (enum(*S.FIGURE_STATUSES), True),
                "period": (nullable(_period), True),
                "citations": (citations, True),
            },
        ),
        "people": (
            Person,
            {
                **_common("per"),
                "name": (_text2, True),
                "role": (string, True),
                "country": (nullable(country), True),
                "citations": (citations, True),
            },
        ),
        "organisations": (
            Organisation,
            {
                **_common("org"),
                "name": (_text2, True),
                "kind": (enum(*S.ORG_KINDS), True),
                "country": (nullable(country), True),
                "citations": (citations, True),
            },
        ),
        "events": (
            Event,
            {
                **_common("evt"),
                "title": (_text2, True),
                "kind": (enum(*S.EVENT_KINDS), True),
                "date": (nullable(pdate), True),
                "date_end": (nullable(pdate), False),
                "place": (nullable(string), True),
                "people": (list_of(ref("per")), False),
                "agreements": (list_of(ref("agr")), False),
                "citations": (citations, True),
            },
        ),
        "discrepancies": (
            Discrepancy,
            {
                **_common("dis"),
                "title": (_text2, True),
                "kind": (enum(*S.DISCREPANCY_KINDS), True),
                "description": (string, True),
                "facts": (list_of(ref(*SECTION_PREFIX.values())), False),
                "sides": (list_of(_side, 2), True),
                "assessment": (string, True),
            },
        ),
        "statements": (
            Statement,
            {
                **_common("stm"),
                "summary": (_summary, True),
                "kind": (enum(*S.STATEMENT_KINDS), True),
                "speaker": (nullable(ref("per", "org")), True),
                "voice": (enum(*S.VOICES), False),
                "topics": (list_of(enum(*S.TOPICS)), True),
                "about": (list_of(ref(*SECTION_PREFIX.values())), False),
                "goods": (list_of(_goods), False),
                "citations": (citations, True),
            },
        ),
    }


@cache
def _sections() -> Sections:
    """build_sections, once: one set of checkers, each noted once in SHAPES."""
    return build_sections()


def __getattr__(name: str) -> Sections:
    if name == "SECTIONS":
        return _sections()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
