"""YAML → grounded records, with every problem named by file:line:col and field path."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.gcpause import gc_paused
from kzt_tui.core.grounding import Grounded, LineIndex, ground
from kzt_tui.core.model import (
    PREFIX_SECTION,
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
    Side,
    Text2,
)
from kzt_tui.core.problems import DataError as DataError  # re-exported: load's errors
from kzt_tui.core.problems import Problem as Problem
from kzt_tui.core.sources import (
    MAX_DATA_BYTES,
    SourceError,
    dataset_root,
    read_source,
    resolve_source,
)
from kzt_tui.core.yamlsafe import PList, PMap, Pos, YamlError, parse

#: Problems listed in full; past this a file is broken wholesale (wrong file, wrong
#: format) and more lines would help no one while costing memory and time.
MAX_PROBLEMS = 1_000
_SPLIT_HINT = "split the data into smaller datasets, each opened with its own --data"


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


@dataclass
class _Ctx:
    file: str
    root: Path
    problems: list[Problem] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    refs: list[tuple[str, Pos | None, str, tuple[str, ...]]] = field(default_factory=list)
    doc_files: dict[str, str] = field(default_factory=dict)
    doc_pos: dict[str, tuple[str, Pos | None]] = field(default_factory=dict)
    texts: dict[str, str | None] = field(default_factory=dict)
    lines: dict[str, LineIndex] = field(default_factory=dict)
    unlisted: int = 0

    def err(self, path: str, pos: Pos | None, message: str, hint: str | None = None) -> Any:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return _BAD
        self.problems.append(
            Problem(
                self.file,
                pos.line if pos else None,
                pos.col if pos else None,
                path,
                message,
                hint,
            )
        )
        return _BAD

    def text_of(self, doc: str) -> str | None:
        """The text of document `doc`, read once; None (error already told) if unusable."""
        if doc not in self.texts:
            path, pos = self.doc_pos[doc]
            file = self.doc_files[doc]
            try:
                text: str | None = read_source(resolve_source(self.root, file), file)
            except SourceError as exc:
                self.err(path, pos, exc.message, exc.hint)
                text = None
            self.texts[doc] = text
        return self.texts[doc]


# --- scalar checkers -------------------------------------------------------------------


def string(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A non-blank string."""
    if isinstance(v, str) and v.strip():
        return v
    return ctx.err(path, pos, f"expected a non-empty string, got {_describe(v)}")


def integer(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A whole number ≥ 1."""
    if isinstance(v, int) and not isinstance(v, bool) and v >= 1:
        return v
    return ctx.err(path, pos, f"expected a whole number ≥ 1, got {_describe(v)}")


def number(ctx: _Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    """A finite number."""
    if isinstance(v, int | float) and not isinstance(v, bool) and v == v and abs(v) != float(
        "inf"
    ):
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
            return v
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
            return v
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
    if cite.doc not in ctx.doc_files:
        return cite  # reported as an unknown reference later
    text = ctx.text_of(cite.doc)
    if text is None:
        return cite
    lines = ctx.lines.get(cite.doc)
    if lines is None:  # once per document, not once per citation
        lines = ctx.lines[cite.doc] = LineIndex(text)
    result = ground(text, cite.quote, cite.occurrence, lines)
    quote_pos = v.key_pos.get("quote", pos) if isinstance(v, PMap) else pos
    if isinstance(result, Grounded):
        return cite.with_span(result.span)
    return ctx.err(f"{path}.quote", quote_pos, f"[{cite.doc}] {result.message}", result.hint)


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
    for i, doc in enumerate(docs):
        if isinstance(doc, PMap) and isinstance(doc.get("id"), str):
            doc_id, file = doc["id"], doc.get("file")
            if isinstance(file, str) and file.strip():
                ctx.doc_files.setdefault(doc_id, file)
                ctx.doc_pos.setdefault(doc_id, (f"documents[{i}].file", doc.key_pos["file"]))


def _register_id(ctx: _Ctx, section: str, item: Any, path: str, pos: Pos | None) -> None:
    """Note the raw id of an item, valid or not, so one bad record cannot hide its id."""
    if not isinstance(item, PMap) or not isinstance(item.get("id"), str):
        return
    record_id = item["id"]
    id_pos = item.key_pos.get("id", pos)
    prefix = SECTION_PREFIX[section]
    if S.ID_RE.match(record_id) and not record_id.startswith(prefix + "-"):
        ctx.err(f"{path}.id", id_pos, f"id {record_id!r} must start with {prefix + '-'!r} in "
                f"{section}")
    if record_id in ctx.ids:
        ctx.err(
            f"{path}.id",
            id_pos,
            f"duplicate id {record_id!r} (first used at {ctx.ids[record_id]})",
            "ids are unique across the whole file",
        )
    else:
        ctx.ids[record_id] = path


def _check_refs(ctx: _Ctx) -> None:
    for path, pos, target, prefixes in ctx.refs:
        if path.endswith(".id") and path.count(".") == 1:
            continue
        if target not in ctx.ids:
            close = difflib.get_close_matches(target, list(ctx.ids), n=1)
            ctx.err(
                path,
                pos,
                f"unknown id {target!r}",
                f"did you mean {close[0]!r}?" if close else None,
            )
        elif target.split("-", 1)[0] not in prefixes:
            wanted = " or ".join(PREFIX_SECTION[p] for p in prefixes)
            ctx.err(path, pos, f"{target!r} is not one of the {wanted}")


def iter_problems_sorted(problems: list[Problem]) -> Iterator[Problem]:
    """Problems in file order."""
    yield from sorted(problems, key=lambda p: (p.file, p.line or 0, p.col or 0))


def load_text(text: str, file: str, root: Path) -> Dataset:
    """Validate and ground the curated YAML `text` (shown as `file`); DataError if bad."""
    ctx = _Ctx(file, root)
    try:
        top = parse(text)
    except YamlError as exc:
        pos = exc.pos
        raise DataError([ctx_problem(file, pos, "", exc.message)]) from None
    if not isinstance(top, PMap):
        raise DataError(
            [
                ctx_problem(
                    file,
                    getattr(top, "pos", None),
                    "",
                    f"expected a mapping of sections at the top level, got {_describe(top)}",
                    "start from the layout in docs/DATA.md",
                )
            ]
        )
    allowed = ["schema_version", *SECTIONS]
    for key in top:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            ctx.err(key, top.key_pos[key], f"unknown section {key!r}",
                    f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}")
    version = top.get("schema_version")
    if version != S.SCHEMA_VERSION:
        ctx.err(
            "schema_version",
            top.key_pos.get("schema_version", top.pos),
            f"expected schema_version: {S.SCHEMA_VERSION}, got {_describe(version)}",
        )
    _prescan_documents(ctx, top.get("documents"))
    sections: dict[str, tuple[Any, ...]] = {}
    for name, (cls, spec) in SECTIONS.items():
        items = top.get(name, PList())
        pos = top.key_pos.get(name, top.pos)
        if items is None:
            items = PList()
        if not isinstance(items, list):
            ctx.err(name, pos, f"expected a list, got {_describe(items)}")
            continue
        item_pos = getattr(items, "item_pos", None) or [pos] * len(items)
        built = []
        for i, item in enumerate(items):
            path = f"{name}[{i}]"
            _register_id(ctx, name, item, path, item_pos[i])
            got = mapping(ctx, item, path, item_pos[i], spec)
            if got is not _BAD:
                built.append(_build(cls, got, path))
        sections[name] = tuple(built)
    _check_refs(ctx)
    if ctx.problems:
        problems = list(iter_problems_sorted(ctx.problems))
        if ctx.unlisted:
            problems.append(Problem(file, None, None, "", f"… and {ctx.unlisted:,} more "
                                    "problem(s) not listed", "fix the ones above first"))
        raise DataError(problems)
    texts = {k: v for k, v in ctx.texts.items() if v is not None}
    return Dataset(source=file, root=str(root), texts=texts, **sections)


def ctx_problem(
    file: str, pos: Pos | None, path: str, message: str, hint: str | None = None
) -> Problem:
    """A Problem at `pos` (which may be unknown)."""
    return Problem(file, pos.line if pos else None, pos.col if pos else None, path, message, hint)


def read_data_file(path: Path) -> str:
    """The curated file's text, or DataError naming why it cannot be read."""
    shown = str(path)
    try:
        if path.is_dir():
            raise DataError(
                [Problem(shown, None, None, "", "is a folder, not a curated YAML file")]
            )
        if path.exists() and not path.is_file():  # /dev/zero or a FIFO would never end
            raise DataError(
                [Problem(shown, None, None, "", "is not a regular file (a device or a pipe?)",
                         "give the path of a curated YAML file")]
            )
        size = path.stat().st_size
        if size > MAX_DATA_BYTES:
            raise DataError(
                [Problem(shown, None, None, "",
                         f"file is {size:,} bytes; the limit is {MAX_DATA_BYTES:,}",
                         _SPLIT_HINT)]
            )
        with path.open("rb") as handle:  # bounded: the file may have grown since stat()
            raw = handle.read(MAX_DATA_BYTES + 1)
        if len(raw) > MAX_DATA_BYTES:
            raise DataError(
                [Problem(shown, None, None, "", f"file is larger than the limit of "
                         f"{MAX_DATA_BYTES:,} bytes")]
            )
    except FileNotFoundError:
        raise DataError(
            [Problem(shown, None, None, "", "file not found", "check the --data path")]
        ) from None
    except OSError as exc:
        raise DataError(
            [Problem(shown, None, None, "", f"cannot read: {exc.strerror or exc}")]
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            [Problem(shown, None, None, "",
                     f"not valid UTF-8 at byte offset {exc.start} (byte 0x{raw[exc.start]:02X})",
                     "save the file as UTF-8")]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise DataError(
            [Problem(shown, None, None, "", "file is empty",
                     "a curated file starts with `schema_version: 1`")]
        )
    return text


def load(path: Path, root: Path | None = None) -> Dataset:
    """Read, validate and ground the curated file at `path`; DataError if anything is wrong."""
    text = read_data_file(path)
    with gc_paused():
        return load_text(text, str(path), root if root is not None else dataset_root(path))

