"""The data format as a JSON Schema (draft 2020-12), derived from the field specs the
loader validates with (validate.SECTIONS and the shapes its checkers note in SHAPES), so
editors check and complete the YAML with the same rules as `kzt-tui check`.

What a schema cannot say stays with `check`: that quotes are found in their sources, that
references name existing records, that ids are unique, the cross-field rules (a range in
order, a statement's voice).
"""

from __future__ import annotations

import json
from typing import Any

from kzt_tui import __version__
from kzt_tui.core import schema as S
from kzt_tui.core.loading.additions import ADDED_CITATION
from kzt_tui.core.loading.merge import KEY as ADDED
from kzt_tui.core.loading.validate import DISMISSAL, SECTIONS, SHAPES, Checker, Spec, strings

SCHEMA_ID = "https://kzt-tui.invalid/schema/curated-v1.json"


class _Deriver:
    """Turns checkers into schema fragments; each named mapping becomes one `$defs` entry."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self._names: dict[int, str] = {}

    def checker(self, checker: Checker) -> Any:
        shape = SHAPES.get(checker)
        if shape is None:
            raise LookupError(f"checker {checker.__qualname__} has no shape in SHAPES")
        kind = shape[0]
        if kind == "json":
            return dict(shape[1])
        if kind == "nullable":
            return {"anyOf": [self.checker(shape[1]), {"type": "null"}]}
        if kind == "list":
            out: dict[str, Any] = {"type": "array", "items": self.checker(shape[1])}
            if shape[2]:
                out["minItems"] = shape[2]
            return out
        # every checker is a function (a def in validate.py), so it has a __name__
        return self.named(shape[1], checker.__name__.lstrip("_"))

    def named(self, spec: Spec, hint: str) -> Any:
        """A reference to `spec`'s definition, made once per spec."""
        key = id(spec)
        if key not in self._names:
            name = hint if hint and hint != "check" and hint not in self.defs else (
                f"mapping{len(self.defs)}")
            self._names[key] = name
            self.defs[name] = {}  # taken before recursing: a spec may be reached again
            self.defs[name] = self.mapping(spec)
        return {"$ref": f"#/$defs/{self._names[key]}"}

    def mapping(self, spec: Spec) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {name: self.checker(check) for name, (check, _) in spec.items()},
            "required": [name for name, (_, required) in spec.items() if required],
            "additionalProperties": False,
        }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a curated file (the top file or an included part)."""
    d = _Deriver()
    properties: dict[str, Any] = {
        "schema_version": {"const": S.SCHEMA_VERSION},
        "include": {**d.checker(strings),
                    "description": "only in the file opened with --data: paths or globs"},
    }
    for name, (_, spec) in SECTIONS.items():
        properties[name] = {"type": ["array", "null"], "items": d.named(spec, name)}
    properties["dismissals"] = {"type": ["array", "null"],
                                "items": d.named(DISMISSAL, "dismissal")}
    properties[ADDED] = {"type": ["array", "null"],
                         "items": d.named(ADDED_CITATION, "added_citation")}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "kzt-tui curated dataset",
        "description": f"Written by kzt-tui {__version__} (`kzt-tui schema`) from the "
        "specs `kzt-tui check` validates with; see docs/DATA.md.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": d.defs,
    }


def json_schema_text() -> str:
    """The schema as JSON text, keys in a stable order, ending in a newline."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
