"""A Part: what one data file holds once checked on its own, as the cache stores it."""

from __future__ import annotations

from dataclasses import dataclass

from kzt_tui.core.model import Citation, Dismissal, Record


@dataclass(frozen=True, slots=True)
class Part:
    """What one data file holds once checked on its own: its records and what the checks
    across files need (ids, references), with positions as (line, col)."""

    file: str
    #: Records per section, in model.SECTION_PREFIX order; None when only the summary
    #: was read from the cache (check needs no records).
    sections: tuple[tuple[Record, ...], ...] | None
    #: (records, citations) per section.
    counts: tuple[tuple[int, int], ...]
    #: (id, source file) of each of its documents.
    docs: tuple[tuple[str, str], ...]
    #: (pattern, line, col) of each `include` entry; only the top file has any.
    includes: tuple[tuple[str, int | None, int | None], ...]
    #: (id, path, line, col) of every record, valid or not.
    ids: tuple[tuple[str, str, int | None, int | None], ...]
    #: (path, line, col, target id, allowed prefixes) of every reference.
    refs: tuple[tuple[str, int | None, int | None, str, tuple[str, ...]], ...]
    #: (document id, source file, SHA-256 hex of its bytes) of every text its citations
    #: were grounded in: a cached part is used only while all of them still hold.
    grounded_in: tuple[tuple[str, str, str], ...]
    #: The file's dismissals, grounded (not a section: they have no ids).
    dismissals: tuple[Dismissal, ...] = ()
    #: (group, unit, path, line, col) of every figure: the checks across files keep one
    #: unit per group (a group is what a chart compares).
    units: tuple[tuple[str, str, str, int | None, int | None], ...] = ()
    #: (record id, citation) of each citation the file adds to a record of any file
    #: (`added_citations:`, grounded; merge.py appends them to their records).
    additions: tuple[tuple[str, Citation], ...] = ()
