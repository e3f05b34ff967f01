"""Records as a person writes them by hand (docs/DATA.md, data/parts/*.yaml): the fields in
the order of the loader's spec with `notes` and `citations` last, strings double-quoted,
enum words and ids bare, short lists and small mappings on one line, so `git diff` of a
file kzt-tui appended to reads like one a person edited."""

from __future__ import annotations

import math
import re
from typing import Any

from kzt_tui.core import schema as S
from kzt_tui.core.loading.validate import CITATION, DISMISSAL, SECTIONS, SHAPES, Spec

#: A line this long or shorter keeps a small mapping on one line (`{en: "…", ru: "…"}`).
FLOW_WIDTH = 100
_BARE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*(?:->[A-Z]{2})?\Z")
#: Words that some YAML reader would take for a boolean or null if left bare.
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n"}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
#: The shape of a key the spec does not know: its value is quoted, never nested.
_ANY: tuple[Any, ...] = ("json", {})


def scalar(value: Any, bare: bool = False) -> str:
    """One value: a number, null, a bare word (`bare`: ids and enum words) or a
    double-quoted string whose every invisible or line-breaking character is escaped."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value}")
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value)
    if bare and _BARE.match(text) and text.lower() not in _RESERVED:
        return text
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif not char.isprintable() and char not in "\u00a0\u202f":
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _shape(spec: Spec | None, key: str) -> tuple[Any, ...]:
    if spec is None or key not in spec:
        return _ANY
    shape = SHAPES[spec[key][0]]  # every checker of a spec is shaped (validate.shaped)
    while shape[0] == "nullable":
        shape = SHAPES[shape[1]]
    return shape


def _is_bare(shape: tuple[Any, ...]) -> bool:
    """Ids and enum words are written bare, as by hand: `kind: treaty`, `countries: [KZ]`."""
    if shape[0] == "list":
        shape = SHAPES[shape[1]]
    fragment = shape[1] if shape[0] == "json" else {}
    pattern = fragment.get("pattern", "")
    return "enum" in fragment or pattern.startswith("^(?=") or pattern in _BARE_PATTERNS


_BARE_PATTERNS = {S.ecma_pattern(S.COUNTRY_RE), S.ecma_pattern(S.SLUG_RE)}


def _nested(shape: tuple[Any, ...]) -> Spec | None:
    if shape[0] == "list":  # a list's items are never nullable (validate.list_of)
        shape = SHAPES[shape[1]]
    return shape[1] if shape[0] == "spec" else None


def ordered(fields: dict[str, Any], spec: Spec | None) -> list[str]:
    """The keys of `fields` in the spec's order, `notes` and `citations` last; unknown
    keys after them (the check refuses them, naming each)."""
    order = [k for k in (spec or {}) if k not in ("notes", "citations")] + ["notes", "citations"]
    known = [k for k in order if k in fields]
    return known + [k for k in fields if k not in known]


def _flow(fields: dict[str, Any], spec: Spec | None) -> str | None:
    """`fields` on one line, if every value is a scalar or a list of scalars."""
    parts = []
    for key in ordered(fields, spec):
        value = fields[key]
        if isinstance(value, dict) or (isinstance(value, list)
                                       and any(isinstance(v, dict | list) for v in value)):
            return None
        parts.append(f"{key}: {_inline(value, _shape(spec, key))}")
    return "{" + ", ".join(parts) + "}"


def _inline(value: Any, shape: tuple[Any, ...]) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, _is_bare(shape)) for v in value) + "]"
    return scalar(value, _is_bare(shape))


def mapping_lines(fields: dict[str, Any], spec: Spec | None, indent: int) -> list[str]:
    """The lines of a block mapping at `indent` spaces (the caller adds a `- ` to the first
    line of a list item)."""
    pad = " " * indent
    lines: list[str] = []
    for key in ordered(fields, spec):
        value, shape = fields[key], _shape(spec, key)
        inner = _nested(shape)
        if isinstance(value, dict):
            flow = _flow(value, inner)
            if flow is not None and len(pad) + len(key) + 2 + len(flow) <= FLOW_WIDTH:
                lines.append(f"{pad}{key}: {flow}")
            else:
                lines.append(f"{pad}{key}:")
                lines.extend(mapping_lines(value, inner, indent + 2))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            lines.append(f"{pad}{key}:")
            for item in value:
                flow = None if inner is CITATION else _flow(item, inner)
                if flow is not None and indent + 4 + len(flow) <= FLOW_WIDTH:
                    lines.append(f"{pad}  - {flow}")
                else:
                    lines.extend(list_item(item, inner, indent + 2))
        else:
            lines.append(f"{pad}{key}: {_inline(value, shape)}")
    return lines


def list_item(fields: dict[str, Any], spec: Spec | None, indent: int) -> list[str]:
    """A mapping as an item of a block list at `indent` spaces."""
    lines = mapping_lines(fields, spec, indent + 2)
    if lines:
        lines[0] = " " * indent + "- " + lines[0][indent + 2:]
    return lines


def render_record(section: str, fields: dict[str, Any]) -> str:
    """A record of `section` as the lines of its list item (`  - id: …`), ending in "\\n"."""
    return "\n".join(list_item(fields, SECTIONS[section][1], 2)) + "\n"


def render_citation(fields: dict[str, Any], indent: int = 6) -> str:
    """A citation as an item of a record's `citations:` list."""
    return "\n".join(list_item(fields, CITATION, indent)) + "\n"


def render_dismissal(fields: dict[str, Any]) -> str:
    """A dismissal as an item of a file's `dismissals:` list."""
    return "\n".join(list_item(fields, DISMISSAL, 2)) + "\n"


def render_added_citation(fields: dict[str, Any]) -> str:
    """A citation added to a record of another file, as an item of `added_citations:`
    (its `record` first)."""
    from kzt_tui.core.loading.additions import ADDED_CITATION

    return "\n".join(list_item(fields, ADDED_CITATION, 2)) + "\n"
