"""Every section's spec as build_sections makes it, pinned by a golden file: each field,
whether it is required, and what its checker accepts (SHAPES), down through nullable, lists
and the small mappings. Made in the test: SECTIONS is made once, before a mutation run
switches a mutant on, so only a fresh build shows a mutant of a checker factory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kzt_tui.core.loading.validate import SHAPES, Spec, build_sections

GOLDEN = Path(__file__).parent.parent / "fixtures" / "golden" / "sections.txt"


def _shape(checker: Any, indent: str) -> list[str]:
    """What `checker` accepts: a line, then a mapping's fields below it."""
    shape = SHAPES[checker]
    if shape[0] == "json":
        return [json.dumps(shape[1], ensure_ascii=False, sort_keys=True)]
    if shape[0] == "nullable":
        inner = _shape(shape[1], indent)
        return ["null or " + inner[0], *inner[1:]]
    if shape[0] == "list":
        inner = _shape(shape[1], indent)
        return [f"list of at least {shape[2]}: " + inner[0], *inner[1:]]
    assert shape[0] == "spec", shape
    return [f"mapping {checker.__name__}", *_spec(shape[1], indent + "  ")]


def _spec(spec: Spec, indent: str) -> list[str]:
    out = []
    for name, (checker, required) in spec.items():
        first, *rest = _shape(checker, indent)
        out.append(f"{indent}{name} ({'required' if required else 'optional'}): {first}")
        out += rest
    return out


def sections_text() -> str:
    """Every section's record type and fields, as the golden file holds them."""
    out = []
    for name, (cls, spec) in build_sections().items():
        out.append(f"{name}: {cls.__name__}")
        out += _spec(spec, "  ")
    return "\n".join(out) + "\n"


def _write_golden() -> None:
    """Rewrite the golden file after a change on purpose (then read the diff)."""
    GOLDEN.write_text(sections_text(), encoding="utf-8")


def test_every_section_s_fields_are_as_the_golden_file_says() -> None:
    assert sections_text() == GOLDEN.read_text("utf-8")


def test_sections_is_built_once_and_equals_a_fresh_build() -> None:
    from kzt_tui.core.loading import validate

    assert validate.SECTIONS is validate.SECTIONS
    assert list(validate.SECTIONS) == list(build_sections())
    assert [(n, c, list(s)) for n, (c, s) in validate.SECTIONS.items()] == [
        (n, c, list(s)) for n, (c, s) in build_sections().items()]
