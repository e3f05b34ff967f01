"""One data file → its records as a Part, with every problem named by file:line:col and
field path."""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.loading.additions import read_additions
from kzt_tui.core.loading.context import BAD, Ctx, Shared, ground_citation
from kzt_tui.core.loading.files import decode_data
from kzt_tui.core.loading.merge import KEY as ADDED
from kzt_tui.core.loading.merge import count_additions
from kzt_tui.core.loading.part import Part
from kzt_tui.core.loading.validate import (
    DISMISSAL,
    SECTIONS,
    TOO_LARGE,
    TOO_LARGE_HINT,
    mapping,
    strings,
)
from kzt_tui.core.loading.values import blank, close_match, describe_value
from kzt_tui.core.loading.yamlsafe import UNREAD, PList, PMap, Pos, YamlError, parse, parse_utf8
from kzt_tui.core.model import (
    SCALE_FACTOR,
    SECTION_PREFIX,
    Citation,
    Dismissal,
    Document,
    Figure,
    Record,
    Statement,
    all_citations,
    data_names,
    replace_citations,
)
from kzt_tui.core.problems import DataError, shorten


def _scaled_in_range(ctx: Ctx, item: Any, got: dict[str, Any], path: str) -> bool:
    """Whether a figure's value and value_max stay finite once scaled (1e308 billion is
    inf: charts and exports would compute with it)."""
    key_pos = item.key_pos  # a record that passed its checks is a mapping from the file
    fine = True
    for name in ("value", "value_max"):
        value = got.get(name)
        if value is not None and not math.isfinite(value * SCALE_FACTOR[got["scale"]]):
            ctx.err(f"{path}.{name}", key_pos.get(name), f"{value:g} {got['scale']} is "
                    f"{TOO_LARGE}", TOO_LARGE_HINT)
            fine = False
    return fine


def _voice_fits(ctx: Ctx, item: Any, got: dict[str, Any], path: str) -> bool:
    """Whether a statement's speaker and voice agree: a speaker speaks in voice `speaker`
    (the default); without one, the voice is `author` or `unnamed`, said explicitly."""
    key_pos = item.key_pos
    speaker, voice = got["speaker"], got.get("voice")
    if speaker is not None and voice in (None, "speaker"):
        got["voice"] = "speaker"
        return True
    if speaker is None and voice in ("author", "unnamed"):
        return True
    if speaker is None:
        ctx.err(f"{path}.voice", key_pos.get("voice", key_pos.get("speaker")),
                "a statement without a speaker needs voice: author (the text's own voice) "
                "or voice: unnamed (someone the text does not name)")
    else:
        ctx.err(f"{path}.voice", key_pos.get("voice"), f"voice: {voice} contradicts the "
                f"speaker {speaker!r}", "leave voice out, or set speaker: null")
    return False


def _range_in_order(ctx: Ctx, item: Any, got: dict[str, Any], path: str) -> bool:
    """Whether a figure's value_max, if given, is not below its value (a range "20–15" is
    refused like a period that starts after it ends)."""
    high = got.get("value_max")
    if high is None or high >= got["value"]:
        return True
    key_pos = item.key_pos
    ctx.err(f"{path}.value_max", key_pos.get("value_max"), f"value_max {high:g} is below "
            f"value {got['value']:g}", "a range is written value: low, value_max: high")
    return False


@cache
def _renamed(cls: type) -> tuple[tuple[str, str], ...]:
    """(field name in the data, attribute) of each field of `cls` named differently in the
    data: worked out once per record type, not from dataclasses.fields for every record."""
    return tuple((name, attr) for attr, name in data_names(cls).items())


def _build(cls: type, got: dict[str, Any], path: str) -> Any:
    """The record of type `cls` at `path` made from `got` (the checked fields: it is used up,
    its renamed fields moved to their attributes)."""
    for name, attr in _renamed(cls):
        if name in got:
            got[attr] = got.pop(name)
    got.setdefault("citations", ())
    if cls is Document:
        return Document(**got, path=path)
    got.setdefault("notes", None)
    return cls(**got, path=path)


def _prescan_documents(ctx: Ctx, docs: Any) -> None:
    """Learn each document's id and file before any citation needs its text."""
    if not isinstance(docs, PList):
        return
    shared = ctx.shared
    for i, doc in enumerate(docs):
        if isinstance(doc, PMap) and isinstance(doc.get("id"), str):
            doc_id, file = doc["id"], doc.get("file")
            if not isinstance(file, str) or blank(file):
                continue
            where = (ctx.file, f"documents[{i}].file", doc.key_pos["file"])
            if doc_id not in shared.doc_files:
                shared.doc_files[doc_id] = sys.intern(file)  # as Document.file: stored once
                shared.doc_pos[doc_id] = where
            elif shared.doc_pos[doc_id][0] == ctx.file and shared.doc_pos[doc_id][2] is None:
                # known from this file's cache entry (FileChecker.seed: no place): now it
                # has one; a second definition in the file keeps the first's
                shared.doc_pos[doc_id] = where


def _register_id(ctx: Ctx, section: str, item: Any, path: str) -> None:
    """Note the raw id of an item, valid or not, so one bad record cannot hide its id
    (duplicates across files are found when all files are read: dataset.check_links)."""
    if not isinstance(item, PMap) or not isinstance(item.get("id"), str):
        return
    record_id = sys.intern(item["id"])  # the same object as the record's id: stored once
    id_pos = item.key_pos["id"]
    prefix = SECTION_PREFIX[section]
    if S.ID_RE.fullmatch(record_id) and not record_id.startswith(prefix + "-"):
        ctx.err(f"{path}.id", id_pos, f"id {shorten(record_id)!r} must start with "
                f"{prefix + '-'!r} in {section}")
    ctx.ids.append((record_id, path, id_pos))


def _pos(pos: Pos | None) -> tuple[int, int]:
    """The line and column of a place in a parsed file: every mapping and list that parse
    gives is a PMap or a PList, so every id, reference, unit and include has one."""
    assert pos is not None
    return pos.line, pos.col


def check_file(text: str | bytes, file: str, shared: Shared, *, top: bool
               ) -> tuple[Part | None, Ctx]:
    """Validate and ground one curated YAML `text` (shown as `file`), or the file's bytes
    (DataError if they are no UTF-8 text, or only spaces): its records, ids and references
    as a Part, or None when the file is not a curated mapping at all. Problems go to
    `shared`; citations of documents no file has defined yet wait in ctx.deferred."""
    ctx = Ctx(file, shared)
    top_value = parse_utf8(text) if isinstance(text, bytes) else UNREAD
    if type(top_value) is not PMap:  # not read, or no curated file: its text tells it
        try:
            top_value = parse(decode_data(text, file) if isinstance(text, bytes) else text)
        except YamlError as exc:
            ctx.err("", exc.pos, exc.message)
            return None, ctx
    if not isinstance(top_value, PMap):
        ctx.err("", getattr(top_value, "pos", None),
                f"expected a mapping of sections at the top level, got {describe_value(top_value)}",
                "start from the layout in docs/DATA.md")
        return None, ctx
    allowed = ["schema_version", *(["include"] if top else []), *SECTIONS, "dismissals", ADDED]
    for key in top_value:
        if key not in allowed:
            close = close_match(ctx, key, allowed)
            hint = f"did you mean {close!r}?" if close else f"allowed: {', '.join(allowed)}"
            if key == "include":
                hint = "only the file opened with --data may include others"
            ctx.err(shorten(key), top_value.key_pos[key], f"unknown section {shorten(key)!r}",
                    hint)
    version = top_value.get("schema_version", None if top else S.SCHEMA_VERSION)
    if version != S.SCHEMA_VERSION:
        ctx.err(
            "schema_version",
            top_value.key_pos.get("schema_version", top_value.pos),
            f"expected schema_version: {S.SCHEMA_VERSION}, got {describe_value(version)}",
        )
    includes: list[tuple[str, int | None, int | None]] = []
    if top and "include" in top_value:
        got = strings(ctx, top_value["include"], "include", top_value.key_pos["include"])
        if got is not BAD:
            item_pos = top_value["include"].item_pos
            includes = [(pattern, *_pos(item_pos[i])) for i, pattern in enumerate(got)]
    _prescan_documents(ctx, top_value.get("documents"))
    sections: list[tuple[Record, ...]] = []
    for name, (cls, spec) in SECTIONS.items():
        items = top_value.get(name)
        if items is None:  # left out, or null: no records
            sections.append(())
            continue
        if not isinstance(items, PList):  # every list the file holds is one
            ctx.err(name, top_value.key_pos[name], f"expected a list, got {describe_value(items)}")
            sections.append(())
            continue
        item_pos = items.item_pos
        built: list[Record] = []
        ctx.section = name
        for i, item in enumerate(items):
            path = f"{name}[{i}]"
            _register_id(ctx, name, item, path)
            ctx.index = len(built)
            got = mapping(ctx, item, path, item_pos[i], spec)
            if got is not BAD and cls is Figure and not (
                    _scaled_in_range(ctx, item, got, path)
                    and _range_in_order(ctx, item, got, path)):
                got = BAD
            if got is not BAD and cls is Statement and not _voice_fits(ctx, item, got, path):
                got = BAD
            if got is not BAD and cls is Figure:
                ctx.units.append((got["group"], got["unit"], path, item.key_pos["unit"]))
            if got is not BAD:
                built.append(_build(cls, got, path))
            else:  # the record was dropped: nothing of it is left to ground
                while ctx.deferred and ctx.deferred[-1][:2] == (name, len(built)):
                    ctx.deferred.pop()
        sections.append(tuple(built))
    dismissals = _dismissals(ctx, top_value)
    additions = read_additions(ctx, top_value)
    part = Part(
        file=file,
        sections=tuple(sections),
        counts=count_additions([(len(rs), sum(len(all_citations(r)) for r in rs))
                                for rs in sections], additions, list(SECTION_PREFIX.values())),
        docs=tuple((d.id, d.file) for d in sections[0] if isinstance(d, Document)),
        includes=tuple(includes),
        ids=tuple((i, p, *_pos(pos)) for i, p, pos in ctx.ids),
        refs=tuple(
            (p, *_pos(pos), target, prefixes)
            for p, pos, target, prefixes in ctx.refs
            if not (p.endswith(".id") and p.count(".") == 1)  # a record's own id
        ),
        grounded_in=(),
        dismissals=dismissals,
        units=tuple((g, u, p, *_pos(pos)) for g, u, p, pos in ctx.units),
        additions=additions,
    )
    return part, ctx


def _dismissal(ctx: Ctx, v: Any, path: str, pos: Pos | None) -> Any:
    got = mapping(ctx, v, path, pos, DISMISSAL)
    if got is BAD:
        return BAD
    cite = Citation(got["doc"], got["quote"], "", got.get("occurrence"), got.get("note"),
                    path=path)
    quote_pos = v.key_pos["quote"]  # a mapping from the file, with its required quote
    if cite.doc not in ctx.shared.doc_files:  # a later file may define it
        ctx.deferred.append(("dismissals", ctx.index, path, quote_pos))
    else:
        cite = ground_citation(ctx.shared, ctx.file, cite, quote_pos)
    return BAD if cite is BAD else Dismissal(cite, got["reason"])


def _dismissals(ctx: Ctx, top_value: PMap) -> tuple[Dismissal, ...]:
    """The file's `dismissals:` list, checked and grounded (the bad ones told, dropped)."""
    items = top_value.get("dismissals")
    if items is None:
        return ()
    if not isinstance(items, PList):  # every list the file holds is one
        ctx.err("dismissals", top_value.key_pos["dismissals"],
                f"expected a list, got {describe_value(items)}")
        return ()
    item_pos = items.item_pos  # (ctx.section is not set: _dismissal defers by its own name)
    out: list[Dismissal] = []
    for i, item in enumerate(items):
        ctx.index = len(out)
        got = _dismissal(ctx, item, f"dismissals[{i}]", item_pos[i])
        if got is not BAD:  # a bad one left nothing waiting: _dismissal defers only good ones
            out.append(got)
    return tuple(out)


def ground_deferred(shared: Shared, part: Part, ctx: Ctx) -> Part:
    """`part` with the citations that waited for a later file's documents grounded."""
    if not ctx.deferred:
        return part
    waiting: dict[tuple[str, int], dict[str, Pos | None]] = {}
    for section, index, path, pos in ctx.deferred:
        waiting.setdefault((section, index), {})[path] = pos
    assert part.sections is not None
    sections = [list(records) for records in part.sections]
    dismissals = list(part.dismissals)
    additions = list(part.additions)
    names = list(SECTIONS)
    for (section, index), paths in waiting.items():

        def fix(cite: Citation, paths: dict[str, Pos | None] = paths) -> Citation:
            if cite.path not in paths or cite.doc not in shared.doc_files:
                return cite  # an unknown document: check_links reports the reference
            got = ground_citation(shared, part.file, cite, paths[cite.path])
            return cite if got is BAD else got  # BAD: the problem is told, the load fails

        if section == "dismissals":
            dismissals[index] = replace(dismissals[index],
                                        citation=fix(dismissals[index].citation))
            continue
        if section == ADDED:
            record_id, cite = additions[index]
            additions[index] = (record_id, fix(cite))
            continue
        records = sections[names.index(section)]
        records[index] = replace_citations(records[index], fix)
    return replace(part, sections=tuple(tuple(rs) for rs in sections),
                   dismissals=tuple(dismissals), additions=tuple(additions))


def with_dependencies(shared: Shared, part: Part) -> Part:
    """`part` with the documents (file, digest) its citations were grounded in and those it
    defines: a document's source is read even when nothing cites it, so a missing file or
    one outside the root is told at its `file:` (not shown later as the text's sentence)."""
    own = {doc_id for doc_id, _ in part.docs if doc_id in shared.doc_files}
    for doc_id in sorted(own):
        shared.text_of(doc_id)  # a problem is told at the document's `file:`
    docs = sorted({c.doc for rs in part.sections or () for r in rs for c in all_citations(r)}
                  | {d.citation.doc for d in part.dismissals}
                  | {c.doc for _, c in part.additions} | own)
    return replace(part, grounded_in=tuple(
        (d, shared.doc_files[d], shared.digests[d]) for d in docs if shared.digests.get(d)
    ))


class FileChecker:
    """The data files of one load checked from their text (those the cache lacks): the
    load's and the workers' one way to check files, then ground what waited for others."""

    def __init__(self, root: Path) -> None:
        self.shared = Shared(root)
        self.pending: list[tuple[int, Part, Ctx]] = []

    def seed(self, docs: dict[str, tuple[str, str]]) -> None:
        """Make documents not defined in a file checked here known: id → (source file,
        data file that problems with its source are told at, with no line)."""
        for doc_id, (file, where) in docs.items():
            if doc_id not in self.shared.doc_files:
                self.shared.doc_files[doc_id] = file
                self.shared.doc_pos[doc_id] = (where, "documents", None)

    def check(self, index: int, shown: str, raw: bytes, *, top: bool) -> Part | None:
        """The part of the file `shown` (the load's file number `index`) with bytes `raw`,
        its problems told; None if it is not a curated mapping at all (or not UTF-8)."""
        try:
            part, ctx = check_file(raw, shown, self.shared, top=top)
        except DataError as exc:  # not UTF-8, or empty
            self.shared.problems.extend(exc.problems)
            return None
        if part is not None:
            self.pending.append((index, part, ctx))
        return part

    def finish(self) -> list[tuple[int, Part]]:
        """(index, part) of every file checked here, with the citations that waited for a
        later file's documents grounded, and the texts they were grounded in."""
        return [(index, with_dependencies(self.shared, ground_deferred(self.shared, part, ctx)))
                for index, part, ctx in self.pending]
