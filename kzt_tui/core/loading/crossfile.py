"""The checks across the files of a dataset, run on every load (cheap): ids unique,
references that resolve, cached parts still grounded in the same texts; and every
problem in the order the files were read."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kzt_tui.core.loading.context import Shared
from kzt_tui.core.loading.files import (
    MAX_SOURCE_BYTES,
    SourceError,
    read_regular,
    resolve_source,
)
from kzt_tui.core.loading.merge import already_cited
from kzt_tui.core.loading.part import Part
from kzt_tui.core.model import PREFIX_SECTION, Citation, all_citations
from kzt_tui.core.problems import MAX_PROBLEMS, Problem, shorten

#: Unknown ids for which a close match is looked for (renaming a document cited 5,000
#: times must not cost 5,000 scans of every id).
_GUESSES = 50


def _source_digest(root: Path, file: str, memo: dict[str, str | None]) -> str | None:
    """SHA-256 hex of a source file's bytes, or None if it cannot be read."""
    if file not in memo:
        try:
            raw = read_regular(resolve_source(root, file), MAX_SOURCE_BYTES)
        except SourceError:  # now outside the root: the part is checked again, which says why
            raw = None
        memo[file] = hashlib.sha256(raw).hexdigest() if raw is not None else None
    return memo[file]


def still_grounded(part: Part, doc_files: dict[str, str], root: Path,
                   memo: dict[str, str | None]) -> bool:
    """Whether each document a cached `part` was grounded in is still the same file
    with the same bytes (`memo`: source file → digest, shared by the parts of a load)."""
    return all(
        doc_files.get(doc) == file and _source_digest(root, file, memo) == digest
        for doc, file, digest in part.grounded_in
    )


def clean_alone(part: Part, troubled: set[str]) -> bool:
    """Whether `part`, checked from its text, may be stored in the cache although the
    files checked with it had problems: none of them its own (its file is not in
    `troubled`), and every citation of it grounded (a span: not one citing a document no
    file checked with it defines) — its records', its added citations' and its
    dismissals'. The checks across files run again on every load; grounding does not."""
    return part.file not in troubled and not any(
        c.span is None for c in (
            *(c for records in part.sections or () for r in records
              for c in all_citations(r)),
            *(c for _, c in part.additions),
            *(d.citation for d in part.dismissals)))


def check_links(parts: list[Part], problems: list[Problem]) -> None:
    """Ids unique across every file; every reference names an id of the right kind."""
    first: dict[str, tuple[str, str]] = {}  # id → (file, path) where it is first used
    for part in parts:
        for record_id, path, line, col in part.ids:
            if record_id in first:
                file, where = first[record_id]
                at = where if file == part.file else f"{file}: {where}"
                problems.append(Problem(part.file, line, col, f"{path}.id",
                                        f"duplicate id {shorten(record_id)!r} "
                                        f"(first used at {at})",
                                        "ids are unique across the whole dataset"))
            else:
                first[record_id] = (part.file, path)
    import difflib  # only a dataset with an unknown id needs it

    names: list[str] | None = None
    guesses = 0
    for part in parts:
        for path, line, col, target, prefixes in part.refs:
            if target not in first:
                hint = None
                if guesses < _GUESSES:  # each guess scans every id: 236,000 at 1000x
                    guesses += 1
                    names = names if names is not None else list(first)
                    close = difflib.get_close_matches(shorten(target), names, n=1)
                    hint = f"did you mean {close[0]!r}?" if close else None
                problems.append(Problem(part.file, line, col, path,
                                        f"unknown id {shorten(target)!r}", hint))
            elif target.split("-", 1)[0] not in prefixes:
                wanted = " or ".join(PREFIX_SECTION[p] for p in prefixes)
                problems.append(Problem(part.file, line, col, path,
                                        f"{shorten(target)!r} is not one of the {wanted}"))


def check_units(parts: list[Part], problems: list[Problem]) -> None:
    """One unit per figure group, across every file: a group is what a chart compares, and
    percent beside "times" (or USD beside tonnes) would be drawn on one axis."""
    first: dict[str, tuple[str, str, str]] = {}  # group → (unit, file, path) first seen
    for part in parts:
        for group, unit, path, line, col in part.units:
            seen = first.setdefault(group, (unit, part.file, path))
            if seen[0] != unit:
                at = seen[2] if seen[1] == part.file else f"{seen[1]}: {seen[2]}"
                problems.append(Problem(
                    part.file, line, col, f"{path}.unit",
                    f"figure group {shorten(group)!r} mixes units: {unit} here, "
                    f"{seen[0]} at {at}",
                    "a group is one chart: give this figure a group of its own"))


def check_additions(parts: list[Part], problems: list[Problem]) -> None:
    """An added citation of a passage its record already cites (its own citations, or one
    added before it in file order) is told at its `record:`: counted twice otherwise. The
    parts holding the records added to need their records (sections)."""
    added = {record_id for part in parts for record_id, _ in part.additions}
    if not added:
        return
    cited: dict[str, list[Citation]] = {}
    for part in parts:
        for records in part.sections or ():
            for record in records:
                if record.id in added:
                    cited[record.id] = list(all_citations(record))
    for part in parts:
        if not part.additions:
            continue
        at = {path: (line, col) for path, line, col, _, _ in part.refs}
        for record_id, cite in part.additions:
            earlier = cited.setdefault(record_id, [])
            why = already_cited(record_id, earlier, cite)
            if why is None:
                earlier.append(cite)
                continue
            line, col = at[f"{cite.path}.record"]  # required: every addition has one
            problems.append(Problem(part.file, line, col, str(cite.path), why,
                                    "remove this copy: each passage is cited once"))


def sort_problems(shared: Shared | None, problems: list[Problem], files: list[str]
                  ) -> list[Problem]:
    """Every problem, in file order (the order the files are read) then line order."""
    every = [*(shared.problems if shared else []), *problems]
    order = {f: i for i, f in enumerate(files)}
    every.sort(key=lambda p: (order.get(p.file, -1), p.file, p.line or 0, p.col or 0))
    unlisted = (shared.unlisted if shared else 0) + max(0, len(every) - MAX_PROBLEMS)
    every = every[:MAX_PROBLEMS]
    if unlisted:
        every.append(Problem(files[0], None, None, "", f"… and {unlisted:,} more "
                             "problem(s) not listed", "fix the ones above first"))
    return every
