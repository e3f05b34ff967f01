"""JSON: the whole model, every citation with its file and span."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

from kzt_tui import __version__
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.common import (
    JSON_FORMAT,
    JSON_VERSION,
    by_section,
    dataset_name,
    mark_fields,
)
from kzt_tui.core.model import (
    SECTION_NAMES,
    Citation,
    Discrepancy,
    Record,
    data_names,
)

if TYPE_CHECKING:
    from kzt_tui.core.marks import Mark

# --- JSON -----------------------------------------------------------------------------------


def citation_dict(corpus: Corpus, cite: Citation) -> dict[str, Any]:
    """A citation as JSON: the curated fields, the document's file and the resolved span."""
    span = cite.span
    return {
        "doc": cite.doc,
        "file": corpus.document(cite.doc).file,
        "quote": cite.quote,
        "translation": cite.translation,
        "occurrence": cite.occurrence,
        "note": cite.note,
        "span": None if span is None else {
            "start": span.start,
            "end": span.end,
            "line_start": span.line_start,
            "line_end": span.line_end,
        },
    }


def _jsonable(corpus: Corpus, value: Any) -> Any:
    if isinstance(value, Citation):
        return citation_dict(corpus, value)
    if is_dataclass(value) and not isinstance(value, type):
        names = data_names(type(value))  # the field names of docs/DATA.md
        return {
            names.get(f.name, f.name): _jsonable(corpus, getattr(value, f.name))
            for f in fields(value)
            if f.name != "path"  # where in the YAML (a citation's span is in citation_dict)
        }
    if isinstance(value, tuple | list):
        return [_jsonable(corpus, v) for v in value]
    return value


def record_dict(corpus: Corpus, record: Record) -> dict[str, Any]:
    """One record as JSON, with the field names of docs/DATA.md; `id` first."""
    data: dict[str, Any] = _jsonable(corpus, record)
    if isinstance(record, Discrepancy):
        del data["citations"]  # always empty: a discrepancy's passages sit on its sides
    return {"id": data.pop("id"), **data}


def json_text(corpus: Corpus, records: Sequence[Record], title: str,
              sections: Sequence[str], marks: Mapping[str, Mark] | None = None) -> str:
    """The model as one JSON object: a format marker, then a list per section; with `marks`,
    each record's `marks` ({marked, tags, note}) after its fields."""
    grouped = by_section(records)
    out: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "generator": f"kzt-tui {__version__}",
        "dataset": dataset_name(corpus),
        "title": title,
    }
    for name in sections:
        out[name] = [record_dict(corpus, r) for r in grouped.get(name, [])]
        if marks is not None:
            for record in out[name]:
                marked, tags, note = mark_fields(marks, record["id"])
                record["marks"] = {"marked": marked, "tags": list(tags), "note": note}
    if set(sections) == set(SECTION_NAMES):  # the whole dataset: what was read and judged too
        out["dismissals"] = [
            {"reason": d.reason, **citation_dict(corpus, d.citation)}
            for d in corpus.dataset.dismissals
        ]
    return json_dumps(out)


# JSON escapes C0 controls itself; these it would write raw, and a terminal obeys the C1
# ones (0x9B is CSI) and reorders text at the bidi ones.
_JSON_RAW_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def json_dumps(value: Any) -> str:
    """Indented JSON, Cyrillic as is, every control or bidi character as a \\u escape."""
    # The escapes are JSON's own, so a reader gets the exact strings back, while `cat` of
    # the file cannot drive a terminal. Such characters only occur inside strings.
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return _JSON_RAW_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

