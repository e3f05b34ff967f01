"""The JSON Schema `kzt-tui schema` prints: derived from the loader's specs, it accepts every
file of the shipped dataset and rejects what `check` rejects for its shape."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kzt_tui.cli import main
from kzt_tui.core.jsonschema import json_schema, json_schema_text
from kzt_tui.core.loading.validate import SECTIONS
from kzt_tui.core.loading.yamlsafe import parse
from tests.helpers import REPO

DATA_FILES = [REPO / "data" / "curated.yaml", *sorted((REPO / "data" / "parts").glob("*.yaml"))]


def _validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _plain(value: Any) -> Any:
    """The parsed YAML as plain dicts and lists (a copy to break)."""
    return json.loads(json.dumps(value))


def _errors(data: Any) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.validator}"
                  for e in _validator().iter_errors(data))


def test_every_shipped_file_is_valid() -> None:
    assert len(DATA_FILES) == 6
    for path in DATA_FILES:
        assert _errors(parse(path.read_text(encoding="utf-8"))) == [], path


def _curated() -> Any:
    return _plain(parse(DATA_FILES[0].read_text(encoding="utf-8")))


def test_a_wrong_enum_value_is_rejected() -> None:
    data = _curated()
    data["figures"][0]["unit"] = "dollars"
    assert _errors(data) == ["figures/0/unit: enum"]


def test_a_missing_required_field_is_rejected() -> None:
    data = _curated()
    del data["agreements"][2]["status"]
    assert _errors(data) == ["agreements/2: required"]


def test_an_unknown_field_is_rejected() -> None:
    data = _curated()
    data["documents"][0]["citations"][0]["page"] = 3
    assert _errors(data) == ["documents/0/citations/0: additionalProperties"]


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("figures", 0, "value"), "555,7", "figures/0/value: type"),
    (("people", 0, "id"), "org-x", "people/0/id: pattern"),
    (("events", 0, "date"), "25.11.2025", "events/0/date: anyOf"),
    (("agreements", 0, "citations"), [], "agreements/0/citations: minItems"),
    (("documents", 0, "title", "en"), "   ", "documents/0/title/en: pattern"),
])
def test_shapes_check_rejects_are_rejected(path: tuple[Any, ...], value: Any,
                                           expected: str) -> None:
    data = _curated()
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert _errors(data) == [expected]


def test_an_unknown_section_is_rejected() -> None:
    data = copy.deepcopy(_curated())
    data["figurse"] = []
    assert _errors(data) == [": additionalProperties"]


def test_the_schema_names_every_section_and_field_of_the_specs() -> None:
    schema = json_schema()
    for name, (_, spec) in SECTIONS.items():
        definition = schema["$defs"][name]
        assert list(definition["properties"]) == list(spec)
        assert definition["required"] == [k for k, (_, req) in spec.items() if req]


def test_cli_prints_the_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == json_schema_text()
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_pre_commit_hooks_run_check_on_the_data(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    import shlex

    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["kzt-tui-check", "kzt-tui-check-strict"]
    monkeypatch.chdir(REPO)
    for hook in hooks:
        argv = shlex.split(hook["entry"])
        assert argv[:2] == ["kzt-tui", "check"] and hook["pass_filenames"] is False
        assert main([*argv[1:], "--no-cache"]) == 0
        assert "data/curated.yaml: OK" in capsys.readouterr().out


def _patterns(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return own + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


def test_the_schema_s_patterns_are_ecma_262_ones() -> None:
    """An editor reads the patterns as ECMA-262, which has no \\A, \\Z or named groups of
    Python's (there \\A is a plain "A": every date was refused); anchored with ^ and $."""
    import re

    patterns = _patterns(json_schema())
    assert len(patterns) > 20
    for pattern in set(patterns):
        assert not re.search(r"\\[AZ]|\(\?P", pattern), pattern
        if pattern != r"\S":
            assert pattern.startswith("^") and pattern.endswith("$"), pattern
    date = next(p for p in patterns if "0000" in p)
    assert re.fullmatch(date, "2025-11-25") and not re.fullmatch(date, "0000-01-05")
