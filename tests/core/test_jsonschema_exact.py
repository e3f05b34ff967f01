"""The JSON Schema `kzt-tui schema` prints, exactly (mutation testing, issue 19): a golden
file of the whole text (its version written as <version>), and the one error, a checker
without a shape.

Regenerate the golden file (after a change meant to alter it, then read its diff):
`.venv/bin/python -m tests.core.test_jsonschema_exact`."""

from __future__ import annotations

import pytest

from kzt_tui import __version__
from kzt_tui.core import jsonschema
from kzt_tui.core.jsonschema import _Deriver, json_schema_text
from kzt_tui.core.loading.validate import SHAPES, Spec
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "golden" / "schema.json"
VERSION = "<version>"


def test_the_schema_text_is_the_golden_file() -> None:
    golden = GOLDEN.read_text(encoding="utf-8")
    assert golden.count(VERSION) == 1
    assert json_schema_text() == golden.replace(VERSION, __version__)


def test_a_checker_without_a_shape_is_named() -> None:
    def unknown(value: object, path: str) -> None:
        """A checker no factory made."""

    with pytest.raises(LookupError) as caught:
        _Deriver().checker(unknown)  # type: ignore[arg-type]
    assert str(caught.value) == (
        "checker test_a_checker_without_a_shape_is_named.<locals>.unknown has no shape in"
        " SHAPES")


def test_a_mapping_is_defined_once_under_its_name_or_a_numbered_one() -> None:
    d = _Deriver()
    # four specs, told apart by their identity
    first: Spec = {}
    same_name: Spec = {}
    unnamed: Spec = {}
    generic: Spec = {}
    assert d.named(first, "x") == {"$ref": "#/$defs/x"}
    assert d.named(first, "y") == {"$ref": "#/$defs/x"}  # made once
    assert d.named(same_name, "x") == {"$ref": "#/$defs/mapping1"}
    assert d.named(unnamed, "") == {"$ref": "#/$defs/mapping2"}
    assert d.named(generic, "check") == {"$ref": "#/$defs/mapping3"}
    empty = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
    assert d.defs == {"x": empty, "mapping1": empty, "mapping2": empty, "mapping3": empty}


def test_a_spec_checker_names_its_definition_without_leading_underscores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    def checker(value: object, path: str) -> None:
        """A spec checker, named as validate.py names them (a leading underscore)."""

    checker.__name__ = "__Xylem"  # the X would go too if more than "_" were stripped
    spec: Spec = {}
    monkeypatch.setitem(SHAPES, checker, ("spec", spec))
    d = _Deriver()
    assert d.checker(checker) == {"$ref": "#/$defs/Xylem"}  # type: ignore[arg-type]
    assert list(d.defs) == ["Xylem"]


def test_the_schema_text_keeps_non_ascii_characters_as_they_are(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The schema holds only ASCII today; a Russian description, should one be added, is
    # written as its characters (the file is UTF-8), not as \u escapes.
    monkeypatch.setattr(jsonschema, "json_schema",
                        lambda: {"description": "Пограничный переход «Темир-Баба»"})
    assert json_schema_text() == (
        '{\n  "description": "Пограничный переход «Темир-Баба»"\n}\n')


if __name__ == "__main__":
    TEXT = json_schema_text().replace(f"kzt-tui {__version__} ", f"kzt-tui {VERSION} ")
    GOLDEN.write_text(TEXT, encoding="utf-8")
