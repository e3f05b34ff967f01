"""Added citations (additions.py reads them) merged into their records once every file of
a load is known; no YAML here: a load that finds every part in the cache imports none."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from kzt_tui.core.model import SECTIONS, Citation, Discrepancy, Document, Record

#: The key of the list in a data file.
KEY = "added_citations"
#: Id prefixes of the records that take an added citation: not a document (a source is no
#: fact) nor a discrepancy (its citations belong to its sides, each with its claim).
CITABLE = tuple(s.prefix for s in SECTIONS if s.record_type not in (Document, Discrepancy))

#: (id of the record, the citation) of one added citation.
Addition = tuple[str, Citation]


def already_cited(record_id: str, earlier: Iterable[Citation], cite: Citation) -> str | None:
    """Why `cite` cannot be added to record `record_id`, whose citations are `earlier`:
    one of them quotes the same passage (document and span: a second copy would count it
    twice); None when none does. The rule of both the curator and the load."""
    span = cite.span
    if span is None:
        return None
    for old in earlier:
        if old.doc == cite.doc and old.span is not None and (
                old.span.start, old.span.end) == (span.start, span.end):
            return (f"{record_id} already cites that passage of {cite.doc} "
                    f"(line {span.line_start})")
    return None


def count_additions(counts: Sequence[tuple[int, int]], additions: Iterable[Addition],
                    prefixes: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """`counts` ((records, citations) per section, in `prefixes`' order) with each added
    citation counted in its record's section."""
    out = [list(c) for c in counts]
    for record_id, _ in additions:
        prefix = record_id.split("-", 1)[0]
        if prefix in prefixes:  # another: check_links tells it, and the load fails
            out[prefixes.index(prefix)][1] += 1
    return tuple((r, c) for r, c in out)


def with_additions(records: tuple[Record, ...], added: dict[str, list[Citation]]
                   ) -> tuple[Record, ...]:
    """`records` with the citations `added` to each (by id) after its own."""
    if not added:
        return records
    return tuple(replace(r, citations=(*r.citations, *added[r.id]))
                 if r.id in added else r for r in records)


def by_record(additions: Iterable[Addition]) -> dict[str, list[Citation]]:
    """Added citations by the id of their record, in the order the files hold them."""
    out: dict[str, list[Citation]] = {}
    for record_id, cite in additions:
        out.setdefault(record_id, []).append(cite)
    return out
