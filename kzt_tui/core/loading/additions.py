"""Citations added to a record from another file: a data file's `added_citations:` list,
each item a citation with the `record` it belongs to. kzt-tui writes them into its own
part when the record sits in a file written by hand (a file it never changes); the load
grounds each like any citation, checks that its record exists, and appends it to that
record's citations (merge.py), so every reader (check, coverage, export, the app) sees
one record."""

from __future__ import annotations

from typing import Any

from kzt_tui.core.loading.context import BAD, Ctx, ground_citation
from kzt_tui.core.loading.merge import CITABLE, KEY, Addition
from kzt_tui.core.loading.validate import CITATION, Spec, mapping, ref
from kzt_tui.core.loading.values import describe_value
from kzt_tui.core.loading.yamlsafe import PList
from kzt_tui.core.model import Citation

ADDED_CITATION: Spec = {"record": (ref(*CITABLE), True), **CITATION}


def _addition(ctx: Ctx, v: Any, path: str, pos: Any) -> Any:
    got = mapping(ctx, v, path, pos, ADDED_CITATION)
    if got is BAD:
        return BAD
    cite = Citation(got["doc"], got["quote"], got["translation"], got.get("occurrence"),
                    got.get("note"), path=path)
    quote_pos = v.key_pos["quote"]  # a mapping from the file, with its required quote
    if cite.doc not in ctx.shared.doc_files:  # a later file may define it
        ctx.deferred.append((KEY, ctx.index, path, quote_pos))
    else:
        cite = ground_citation(ctx.shared, ctx.file, cite, quote_pos)
    return BAD if cite is BAD else (got["record"], cite)


def read_additions(ctx: Ctx, top_value: Any) -> tuple[Addition, ...]:
    """The file's `added_citations:`, checked and grounded (the bad ones told, dropped)."""
    items = top_value.get(KEY)
    if items is None:
        return ()
    if not isinstance(items, PList):  # every list the file holds is one
        ctx.err(KEY, top_value.key_pos[KEY], f"expected a list, got {describe_value(items)}")
        return ()
    out: list[Addition] = []
    for i, item in enumerate(items):
        ctx.index = len(out)
        got = _addition(ctx, item, f"{KEY}[{i}]", items.item_pos[i])
        if got is not BAD:
            out.append(got)
    return tuple(out)
