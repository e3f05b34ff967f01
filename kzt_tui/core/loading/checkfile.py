"""YAML → grounded records, with every problem named by file:line:col and field path."""

from __future__ import annotations

import difflib
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.grounding import Grounded, LineIndex, ground
from kzt_tui.core.model import (
    SCALE_FACTOR,
    SECTION_PREFIX,
    Agreement,
    Citation,
    Corridor,
    Dataset,
    Discrepancy,
    Document,
    Event,
    Figure,
    Node,
    Organisation,
    Outlet,
    Period,
    Person,
    Record,
    Side,
    Text2,
    all_citations,
    replace_citations,
)
from kzt_tui.core.parts import Part
from kzt_tui.core.problems import MAX_PROBLEMS, Problem
from kzt_tui.core.problems import DataError as DataError  # re-exported: load's errors
from kzt_tui.core.sources import MAX_DATA_BYTES as MAX_DATA_BYTES  # re-exported
from kzt_tui.core.sources import SourceError, read_source_digest, resolve_source
from kzt_tui.core.yamlsafe import PList, PMap, Pos, YamlError, parse

#: Ids, codes, enum values and strings up to this length are interned: one object for every
#: "KZ", "signed" or "doc-…" of a file, which its cache entry then stores once (ids, enum
#: values and short names are most of a record's strings: ~15% of the memory at 1000x).
_SHARED = 32
#: Source texts a load keeps in memory at once (see Shared.texts).
KEEP_TEXTS = 256

#: The largest whole number that converts to a float (float() raises OverflowError past it).
_MAX_INT = int(sys.float_info.max)
TOO_LARGE = "beyond the largest number kzt-tui can compute with"
TOO_LARGE_HINT = "check the value and its scale"

_BAD: Any = object()
Checker = Callable[["_Ctx", Any, str, Pos | None], Any]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Shared:
    """What the files of one load share: the document table, source texts, problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.unlisted = 0
        self.doc_files: dict[str, str] = {}  # document id → its source file
        self.doc_pos: dict[str, tuple[str, str, Pos | None]] = {}  # → data file, path, pos
        #: The texts read last (at most KEEP_TEXTS: 1,000 parts cite 5,000 texts, and
        #: each part mostly its own); an older one is read again if a citation needs it.
        self.texts: dict[str, str] = {}
        self.failed: set[str] = set()  # documents whose source could not be used (told)
        self.digests: dict[str, str] = {}  # document id → SHA-256 of its source's bytes
        self.lines: dict[str, LineIndex] = {}

    def err(self, file: str, path: str, pos: Pos | None, message: str,
            hint: str | None = None) -> Any:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return _BAD
        self.problems.append(
            Problem(file, pos.line if pos else None, pos.col if pos else None, path, message,
                    hint)
        )
        return _BAD

    def text_of(self, doc: str) -> str | None:
        """The text of document `doc`, read once; None (error already told) if unusable."""
        text = self.texts.get(doc)
        if text is None and doc not in self.failed:
            data_file, path, pos = self.doc_pos[doc]
            file = self.doc_files[doc]
            try:
                text, self.digests[doc] = read_source_digest(resolve_source(self.root, file),
                                                             file)
            except SourceError as exc:
                self.err(data_file, path, pos, exc.message, exc.hint)
                self.failed.add(doc)
                return None
            self.texts[doc] = text
            if len(self.texts) > KEEP_TEXTS:
                oldest = next(iter(self.texts))
                del self.texts[oldest]
                self.lines.pop(oldest, None)
        return text


@dataclass
class _Ctx:
    """One data file being checked: its problems go to `shared`, its ids and references
    are kept for the checks across files."""

    file: str
    shared: Shared
    ids: list[tuple[str, str, Pos | None]] = field(default_factory=list)
    refs: list[tuple[str, Pos | None, str, tuple[str, ...]]] = field(default_factory=list)
    #: Citations of documents not known yet (defined in a later file): grounded at the end.
    deferred: list[tuple[str, int, str, Pos | None]] = field(default_factory=list)
    section: str = ""
    index: int = 0  # of the record being built in `section`

    def err(self, path: str, pos: Pos | None, message: str, hint: str | None = None) -> Any:
        return self.shared.err(self.file, path, pos, message, hint)


# --- scalar checkers -------------------------------------------------------------------


def string(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A non-blank string."""
    if isinstance(v, str) and v.strip():
        return sys.intern(v) if len(v) <= _SHARED else v
    return ctx.err(path, pos, f"expected a non-empty string, got {_describe(v)}")


def integer(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A whole number ≥ 1."""
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    return ctx.err(path, pos, f"expected a whole number ≥ 1, got {_describe(v)}")


def number(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A finite number."""
    if isinstance(v, int) and not isinstance(v, bool) and not -_MAX_INT <= v <= _MAX_INT:
        return ctx.err(path, pos, f"expected a number, got a whole number of "
                       f"{len(str(abs(v))):,} digits, {TOO_LARGE}", TOO_LARGE_HINT)
    if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
        return float(v)
    hint = None
    if isinstance(v, str) and v.strip().lstrip("+-").replace(".", "", 1).isdigit():
        hint = "numbers are written without quotes, leading zeros or thousands separators"
    elif isinstance(v, str) and "," in v:
        hint = "use a decimal point: 555.7, not 555,7"
    return ctx.err(path, pos, f"expected a number, got {_describe(v)}", hint)


def enum(*allowed: str) -> Checker:
    """One of `allowed`."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if isinstance(v, str) and v in allowed:
            return sys.intern(v)
        close = difflib.get_close_matches(str(v), allowed, n=1)
        return ctx.err(
            path,
            pos,
            f"expected one of {', '.join(allowed)}; got {_describe(v)}",
            f"did you mean {close[0]!r}?" if close else None,
        )

    return check


def pattern(regex: Any, what: str, example: str) -> Checker:
    """A string matching `regex`."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if isinstance(v, str) and regex.match(v):
            return sys.intern(v)
        hint = f"write it like {example}"
        if not isinstance(v, str):
            hint += " (in quotes)"
        return ctx.err(path, pos, f"expected {what}, got {_describe(v)}", hint)

    return check


pdate = pattern(S.PDATE_RE, "a date string (YYYY, YYYY-MM or YYYY-MM-DD)", '"2025-11-25"')
country = pattern(S.COUNTRY_RE, "an ISO country code", '"KZ"')
slug = pattern(S.SLUG_RE, "a lower-case slug", '"trade_turnover"')


def nullable(inner: Checker) -> Checker:
    """`inner`, or null."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        return None if v is None else inner(ctx, v, path, pos)

    return check


def list_of(inner: Checker, min_items: int = 0) -> Checker:
    """A list whose items pass `inner`, as a tuple."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if not isinstance(v, list):
            return ctx.err(path, pos, f"expected a list, got {_describe(v)}")
        if len(v) < min_items:
            return ctx.err(path, pos, f"expected at least {min_items} item(s), got {len(v)}")
        item_pos = v.item_pos if isinstance(v, PList) else [pos] * len(v)
        out = [inner(ctx, item, f"{path}[{i}]", item_pos[i]) for i, item in enumerate(v)]
        return _BAD if any(o is _BAD for o in out) else tuple(out)

    return check


def ref(*prefixes: str) -> Checker:
    """An id of a record in one of the sections with `prefixes`, checked once all are known."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        if not isinstance(v, str) or not S.ID_RE.match(v):
            return ctx.err(path, pos, f"expected an id, got {_describe(v)}")
        v = sys.intern(v)
        ctx.refs.append((path, pos, v, prefixes))
        return v

    return check


# --- mappings ----------------------------------------------------------------------------

Spec = dict[str, tuple[Checker, bool]]


def mapping(ctx: _Ctx, v: Any, path: str, pos: Pos | None, spec: Spec) -> Any:
    """Check a mapping against `spec` (field → (checker, required)); a dict or _BAD."""
    if not isinstance(v, dict):
        return ctx.err(path, pos, f"expected a mapping with fields {', '.join(spec)}, got "
                       f"{_describe(v)}")
    key_pos = v.key_pos if isinstance(v, PMap) else {}
    own = v.pos if isinstance(v, PMap) else pos
    out: dict[str, Any] = {}
    bad = False
    for key in v:
        if key not in spec:
            close = difflib.get_close_matches(key, list(spec), n=1)
            ctx.err(
                f"{path}.{key}",
                key_pos.get(key, own),
                f"unknown field {key!r}",
                f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(spec)}",
            )
            bad = True
    for name, (checker, required) in spec.items():
        if name not in v:
            if required:
                ctx.err(f"{path}.{name}", own, "required field is missing")
                bad = True
            continue
        value = checker(ctx, v[name], f"{path}.{name}", key_pos.get(name, own))
        bad |= value is _BAD
        out[name] = value
    return _BAD if bad else out


def fields(spec: Spec) -> Checker:
    """A checker for mappings of `spec`."""

    def check(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
        return mapping(ctx, v, path, pos, spec)

    return check


def _text2(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, {"en": (string, True), "ru": (string, True)})
    return _BAD if got is _BAD else Text2(got["en"], got["ru"])


def _period(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(
        ctx,
        v,
        path,
        pos,
        {"label": (string, True), "start": (nullable(pdate), True), "end": (nullable(pdate), True)},
    )
    if got is _BAD:
        return _BAD
    if got["start"] and got["end"] and got["start"][:4] > got["end"][:4]:
        return ctx.err(path, pos, "period starts after it ends")
    return Period(got["label"], got["start"], got["end"])


def _citation(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(
        ctx,
        v,
        path,
        pos,
        {
            "doc": (ref("doc"), True),
            "quote": (string, True),
            "translation": (string, True),
            "occurrence": (integer, False),
            "note": (string, False),
        },
    )
    if got is _BAD:
        return _BAD
    cite = Citation(
        got["doc"], got["quote"], got["translation"], got.get("occurrence"), got.get("note"),
        path=path,
    )
    quote_pos = v.key_pos.get("quote", pos) if isinstance(v, PMap) else pos
    if cite.doc not in ctx.shared.doc_files:  # a later file may define it
        ctx.deferred.append((ctx.section, ctx.index, path, quote_pos))
        return cite
    return ground_citation(ctx.shared, ctx.file, cite, quote_pos)


def ground_citation(shared: Shared, file: str, cite: Citation, quote_pos: Pos | None) -> Any:
    """`cite` with its span, or _BAD (the problem told) if its quote is not in the text."""
    text = shared.text_of(cite.doc)
    if text is None:
        return cite
    lines = shared.lines.get(cite.doc)
    if lines is None:  # once per document, not once per citation
        lines = shared.lines[cite.doc] = LineIndex(text)
    # past MAX_PROBLEMS the problem is only counted: no need to explain it (each
    # explanation is a few passes over a text of up to 16 MB)
    result = ground(text, cite.quote, cite.occurrence, lines,
                    explain=len(shared.problems) < MAX_PROBLEMS)
    if isinstance(result, Grounded):
        return cite.with_span(result.span)
    return shared.err(file, f"{cite.path}.quote", quote_pos, f"[{cite.doc}] {result.message}",
                      result.hint)


citations = list_of(_citation, min_items=1)
strings = list_of(string)


def _node(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(
        ctx,
        v,
        path,
        pos,
        {"name": (string, True), "ru": (nullable(string), False),
         "country": (nullable(country), False)},
    )
    return _BAD if got is _BAD else Node(got["name"], got.get("ru"), got.get("country"))


def _outlet(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, {"name": (string, True), "evidence": (string, True)})
    return _BAD if got is _BAD else Outlet(got["name"], got["evidence"])


def _side(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, {"claim": (string, True), "citations": (citations, True)})
    return _BAD if got is _BAD else Side(got["claim"], got["citations"])


def _common(prefix: str) -> Spec:
    return {"id": (ref(prefix), True), "notes": (string, False)}


SECTIONS: dict[str, tuple[type, Spec]] = {
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
            "topics": (list_of(slug), True),
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
}

#: YAML field name → record attribute, where the two differ.
_RENAMED = {"label": "label_text"}


def _scaled_in_range(ctx: _Ctx, item: Any, got: dict[str, Any], path: str) -> bool:
    """Whether a figure's value and value_max stay finite once scaled (1e308 billion is
    inf: charts and exports would compute with it)."""
    key_pos = item.key_pos if isinstance(item, PMap) else {}
    fine = True
    for name in ("value", "value_max"):
        value = got.get(name)
        if value is not None and not math.isfinite(value * SCALE_FACTOR[got["scale"]]):
            ctx.err(f"{path}.{name}", key_pos.get(name), f"{value:g} {got['scale']} is "
                    f"{TOO_LARGE}", TOO_LARGE_HINT)
            fine = False
    return fine


def _build(cls: type, got: dict[str, Any], path: str) -> Any:
    kwargs = {_RENAMED.get(k, k) if cls is Figure else k: v for k, v in got.items()}
    kwargs.setdefault("citations", ())
    if cls is Document:
        return Document(**kwargs, path=path)
    kwargs.setdefault("notes", None)
    return cls(**kwargs, path=path)


def _prescan_documents(ctx: _Ctx, docs: Any) -> None:
    """Learn each document's id and file before any citation needs its text."""
    if not isinstance(docs, PList):
        return
    shared = ctx.shared
    for i, doc in enumerate(docs):
        if isinstance(doc, PMap) and isinstance(doc.get("id"), str):
            doc_id, file = doc["id"], doc.get("file")
            if not (isinstance(file, str) and file.strip()):
                continue
            where = (ctx.file, f"documents[{i}].file", doc.key_pos["file"])
            if doc_id not in shared.doc_files:
                shared.doc_files[doc_id] = sys.intern(file)  # as Document.file: stored once
                shared.doc_pos[doc_id] = where
            elif shared.doc_pos[doc_id][0] == ctx.file:  # known from this file's cache entry
                shared.doc_pos[doc_id] = where


def _register_id(ctx: _Ctx, section: str, item: Any, path: str, pos: Pos | None) -> None:
    """Note the raw id of an item, valid or not, so one bad record cannot hide its id
    (duplicates across files are found when all files are read: parts.check_links)."""
    if not isinstance(item, PMap) or not isinstance(item.get("id"), str):
        return
    record_id = sys.intern(item["id"])  # the same object as the record's id: stored once
    id_pos = item.key_pos.get("id", pos)
    prefix = SECTION_PREFIX[section]
    if S.ID_RE.match(record_id) and not record_id.startswith(prefix + "-"):
        ctx.err(f"{path}.id", id_pos, f"id {record_id!r} must start with {prefix + '-'!r} in "
                f"{section}")
    ctx.ids.append((record_id, path, id_pos))


def _pos(pos: Pos | None) -> tuple[int | None, int | None]:
    return (pos.line, pos.col) if pos else (None, None)


def check_file(text: str, file: str, shared: Shared, *, top: bool) -> tuple[Part | None, _Ctx]:
    """Validate and ground one curated YAML `text` (shown as `file`): its records, ids and
    references as a Part, or None when the file is not a curated mapping at all. Problems
    go to `shared`; citations of documents no file has defined yet wait in ctx.deferred."""
    ctx = _Ctx(file, shared)
    try:
        top_value = parse(text)
    except YamlError as exc:
        ctx.err("", exc.pos, exc.message)
        return None, ctx
    if not isinstance(top_value, PMap):
        ctx.err("", getattr(top_value, "pos", None),
                f"expected a mapping of sections at the top level, got {_describe(top_value)}",
                "start from the layout in docs/DATA.md")
        return None, ctx
    allowed = ["schema_version", *(["include"] if top else []), *SECTIONS]
    for key in top_value:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            if key == "include":
                hint = "only the file opened with --data may include others"
            ctx.err(key, top_value.key_pos[key], f"unknown section {key!r}", hint)
    version = top_value.get("schema_version", None if top else S.SCHEMA_VERSION)
    if version != S.SCHEMA_VERSION:
        ctx.err(
            "schema_version",
            top_value.key_pos.get("schema_version", top_value.pos),
            f"expected schema_version: {S.SCHEMA_VERSION}, got {_describe(version)}",
        )
    includes: list[tuple[str, int | None, int | None]] = []
    if top and "include" in top_value:
        got = strings(ctx, top_value["include"], "include", top_value.key_pos["include"])
        if got is not _BAD:
            item_pos = top_value["include"].item_pos
            includes = [(pattern, *_pos(item_pos[i])) for i, pattern in enumerate(got)]
    _prescan_documents(ctx, top_value.get("documents"))
    sections: list[tuple[Record, ...]] = []
    for name, (cls, spec) in SECTIONS.items():
        items = top_value.get(name, PList())
        pos = top_value.key_pos.get(name, top_value.pos)
        if items is None:
            items = PList()
        if not isinstance(items, list):
            ctx.err(name, pos, f"expected a list, got {_describe(items)}")
            sections.append(())
            continue
        item_pos = getattr(items, "item_pos", None) or [pos] * len(items)
        built: list[Record] = []
        ctx.section = name
        for i, item in enumerate(items):
            path = f"{name}[{i}]"
            _register_id(ctx, name, item, path, item_pos[i])
            ctx.index = len(built)
            got = mapping(ctx, item, path, item_pos[i], spec)
            if got is not _BAD and cls is Figure and not _scaled_in_range(ctx, item, got, path):
                got = _BAD
            if got is not _BAD:
                built.append(_build(cls, got, path))
            else:  # the record was dropped: nothing of it is left to ground
                while ctx.deferred and ctx.deferred[-1][:2] == (name, len(built)):
                    ctx.deferred.pop()
        sections.append(tuple(built))
    part = Part(
        file=file,
        sections=tuple(sections),
        counts=tuple((len(rs), sum(len(all_citations(r)) for r in rs)) for rs in sections),
        docs=tuple((d.id, d.file) for d in sections[0] if isinstance(d, Document)),
        includes=tuple(includes),
        ids=tuple((i, p, *_pos(pos)) for i, p, pos in ctx.ids),
        refs=tuple(
            (p, *_pos(pos), target, prefixes)
            for p, pos, target, prefixes in ctx.refs
            if not (p.endswith(".id") and p.count(".") == 1)  # a record's own id
        ),
        grounded_in=(),
    )
    return part, ctx


def ground_deferred(shared: Shared, part: Part, ctx: _Ctx) -> Part:
    """`part` with the citations that waited for a later file's documents grounded."""
    if not ctx.deferred:
        return part
    waiting: dict[tuple[str, int], dict[str, Pos | None]] = {}
    for section, index, path, pos in ctx.deferred:
        waiting.setdefault((section, index), {})[path] = pos
    assert part.sections is not None
    sections = [list(records) for records in part.sections]
    names = list(SECTIONS)
    for (section, index), paths in waiting.items():
        records = sections[names.index(section)]

        def fix(cite: Citation, paths: dict[str, Pos | None] = paths) -> Citation:
            if cite.path not in paths or cite.doc not in shared.doc_files:
                return cite  # an unknown document: check_links reports the reference
            got = ground_citation(shared, part.file, cite, paths[cite.path])
            return cite if got is _BAD else got  # _BAD: the problem is told, the load fails

        records[index] = replace_citations(records[index], fix)
    return replace(part, sections=tuple(tuple(rs) for rs in sections))


def with_dependencies(shared: Shared, part: Part) -> Part:
    """`part` with the documents (file, digest) its citations were grounded in."""
    docs = sorted({c.doc for rs in part.sections or () for r in rs for c in all_citations(r)})
    return replace(part, grounded_in=tuple(
        (d, shared.doc_files[d], shared.digests[d]) for d in docs if shared.digests.get(d)
    ))


def load(path: Path, root: Path | None = None) -> Dataset:
    """Read, validate and ground the curated file at `path` and every file it includes;
    DataError if anything is wrong. Nothing is taken from the cache."""
    from kzt_tui.core.parts import load_dataset

    return load_dataset(path, root, cache=None)
