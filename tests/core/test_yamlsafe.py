"""The event-built YAML reader: same values and positions as a composed node graph, the
core-schema rules, and alias expansion bounded while plain files are not."""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_tui.core.loading import yamlsafe
from kzt_tui.core.loading.yamlsafe import PList, PMap, Pos, YamlError, parse
from tests.helpers import FIXTURES, MINI, REPO, examples

SHIPPED = [REPO / "data" / "curated.yaml", FIXTURES / "ui" / "curated.yaml", MINI / "curated.yaml"]


class _Reference(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The previous implementation's composer: a node graph with the core-schema resolvers."""

    yaml_implicit_resolvers: dict[Any, Any] = {}


for _tag, _regex, _first in [
    ("bool", yamlsafe._BOOL_RE, list("tTfF")),
    ("int", yamlsafe._INT_RE, list("-+0123456789")),
    ("float", yamlsafe._FLOAT_RE, list("-+0123456789.")),
    ("null", yamlsafe._NULL_RE, list("~nN")),
]:
    _Reference.add_implicit_resolver("tag:yaml.org,2002:" + _tag, _regex, _first)
_Reference.add_implicit_resolver("tag:yaml.org,2002:null", yamlsafe._NULL_RE, [""])


def _node_tree(node: yaml.Node) -> Any:
    """(value or children, position) of a composed node, as the old builder saw them."""
    pos = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", pos, [_node_tree(item) for item in node.value])
    if isinstance(node, yaml.MappingNode):
        return ("map", pos, [(k.value, (k.start_mark.line + 1, k.start_mark.column + 1),
                              _node_tree(v)) for k, v in node.value])
    return ("scalar", pos, node.tag.rsplit(":", 1)[-1], node.value)


def _value_tree(value: Any, pos: Pos) -> Any:
    """The same shape read from PMap/PList and their key_pos/item_pos."""
    where = (pos.line, pos.col)
    if isinstance(value, PList):
        assert (value.pos.line, value.pos.col) == where
        assert len(value.item_pos) == len(value)
        pairs = zip(value, value.item_pos, strict=True)
        return ("seq", where, [_value_tree(v, p) for v, p in pairs])
    if isinstance(value, PMap):
        assert (value.pos.line, value.pos.col) == where
        assert list(value.key_pos) == list(value)
        return ("map", where, [(k, (value.key_pos[k].line, value.key_pos[k].col),
                                _value_tree(v, _value_pos(v))) for k, v in value.items()])
    return ("scalar", where, value)


def _value_pos(value: Any) -> Pos:
    # A mapping value's own position is only recorded for lists and mappings.
    return value.pos if isinstance(value, (PMap, PList)) else Pos(-1, -1)


def _positions(tree: Any, into: list[tuple[int, int]]) -> list[tuple[int, int]]:
    into.append(tree[1])
    if tree[0] == "seq":
        for item in tree[2]:
            _positions(item, into)
    elif tree[0] == "map":
        for _key, key_pos, item in tree[2]:
            into.append(key_pos)
            _positions(item, into)
    return into


def _strip_scalar_pos_under_maps(tree: Any) -> Any:
    if tree[0] == "seq":
        return ("seq", tree[1], [_strip_scalar_pos_under_maps(t) for t in tree[2]])
    if tree[0] == "map":
        return ("map", tree[1], [(k, kp, _strip_scalar_pos_under_maps(v) if v[0] != "scalar"
                                  else ("scalar",)) for k, kp, v in tree[2]])
    return ("scalar", tree[1])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_key_and_item_position_equals_the_composed_graphs(path) -> None:
    text = path.read_text(encoding="utf-8")
    old = _node_tree(yaml.compose(text, Loader=_Reference))
    new = parse(text)
    new_tree = _value_tree(new, new.pos)
    assert _strip_scalar_pos_under_maps(new_tree) == _strip_scalar_pos_under_maps(old)
    assert new == yaml.load(text, Loader=_Reference)
    assert len(_positions(new_tree, [])) > (1000 if path.parent.name == "data" else 10)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_pure_python_parser_gives_the_same_result(path, monkeypatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = parse(text)
    monkeypatch.setattr(yamlsafe, "_Parser", yaml.BaseLoader)
    slow = parse(text)
    assert slow == fast
    assert _value_tree(slow, slow.pos) == _value_tree(fast, fast.pos)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'012'", "012"), ('"no"', "no"), ("'on'", "on"), ('"true"', "true"), ("'1.5'", "1.5"),
        ('""', ""), ("'null'", "null"), ("'~'", "~"),
        ("012", "012"), ("no", "no"), ("on", "on"), ("yes", "yes"), ("2025-11-25", "2025-11-25"),
        ("0x1F", "0x1F"), ("0o12", "0o12"), (".inf", ".inf"), ("12:30:00", "12:30:00"),
        ("12", 12), ("-0", 0), ("+7", 7), ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5),
        ("true", True), ("False", False), ("TRUE", True), ("null", None), ("~", None),
        ("", None), ("! 12", 12), ("!!str 12", "12"), ("!!int 12", 12), ("!!float 2", 2.0),
        ("!!bool false", False), ("!!null ~", None), ("|\n  012\n", "012\n"),
    ],
)
def test_scalars_follow_the_yaml_1_2_core_schema(text: str, expected: Any) -> None:
    value = parse(f"x: {text}\n")["x"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: !!int abc\n", "'abc' is not a valid '!!int'"),
        ("x: !!bool maybe\n", "'maybe' is not a valid '!!bool'"),
        ("x: !!float one\n", "'one' is not a valid '!!float'"),
        ("x: !!null nothing\n", "'nothing' is not a valid '!!null'"),
        ("x: !!seq a\n", "tag 'tag:yaml.org,2002:seq' is not allowed here"),
        ("x: !!timestamp 2001-12-14\n", "tag '!!timestamp' is not allowed: curated files hold "
         "plain strings, numbers, lists and mappings"),
        ("x: !custom [1]\n", "tag '!custom' is not allowed: curated files hold plain strings, "
         "numbers, lists and mappings"),
        ("!!merge <<: {a: 1}\n", "merge keys (<<) are not supported"),
        ("1: a\n", "mapping keys must be strings, not 1"),
        ("? [a]\n: b\n", "mapping keys must be strings, not ['a']"),
        ("a: 1\nb: 2\na: 3\n", "duplicate key 'a' (first at line 1, column 1)"),
        ("a: *nope\n", "YAML syntax error: found undefined alias"),
        ("a: &x 1\nb: &x 2\n", "duplicate anchor &x (first at line 1, column 4)"),
        ("a: 1\n---\nb: 2\n", "YAML syntax error: but found another document"),
        ("a: [1\n", "YAML syntax error: "),
    ],
)
def test_refusals_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(YamlError) as info:
        parse(text)
    assert info.value.message.startswith(message), info.value.message
    assert info.value.pos is not None


def test_aliases_reuse_the_anchored_value_and_its_position() -> None:
    data = parse("a: &x [1, {b: c}]\nb: *x\nc: [*x, 2]\n")
    assert data["b"] is data["a"] and data["c"][0] is data["a"]
    assert data["c"].item_pos == [Pos(1, 4), Pos(3, 9)]
    assert data.key_pos == {"a": Pos(1, 1), "b": Pos(2, 1), "c": Pos(3, 1)}


def test_self_referencing_alias_is_refused_at_its_anchor() -> None:
    with pytest.raises(YamlError) as info:
        parse("schema_version: 1\ndocuments: &d [*d]\n")
    assert info.value.message == "an alias refers to a value that contains itself"
    assert info.value.pos == Pos(2, 12)


def test_alias_bomb_is_refused_quickly_with_the_exact_message(monkeypatch) -> None:
    # the characters aliases repeat have their own budget (test_hostile_yaml.py), which
    # this bomb of "lol"s crosses first; lifted here to test the value budget
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 10**12)
    lines = ["schema_version: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    start = time.perf_counter()
    with pytest.raises(YamlError) as info:
        parse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert info.value.message == ("the file expands to more than 5,000,000 values "
                                  "(an alias bomb?); refusing to read it")
    assert info.value.pos == Pos(8, 42)  # the alias whose expansion crossed the limit


def test_the_value_budget_counts_alias_expansion_only(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    plain = parse("x: [" + ", ".join(["a"] * 500) + "]\ny: {" +
                  ", ".join(f"k{i}: {i}" for i in range(300)) + "}\n")
    assert len(plain["x"]) == 500 and len(plain["y"]) == 300
    # 5 aliases to an 11-value list add 55 values: over the (patched) budget of 50.
    text = "a: &a [" + ", ".join(["v"] * 10) + "]\nb: [" + ", ".join(["*a"] * 5) + "]\n"
    with pytest.raises(YamlError) as info:
        parse(text)
    assert info.value.message == ("the file expands to more than 50 values "
                                  "(an alias bomb?); refusing to read it")
    assert info.value.pos == Pos(2, 21)  # the fifth alias
    assert len(parse(text.replace(", *a]", "]"))["b"]) == 4  # 44 added values: allowed


def test_nesting_limit_holds_for_plain_and_aliased_values() -> None:
    with pytest.raises(YamlError) as info:
        parse("schema_version: 1\nx: " + "[" * 400 + "]" * 400 + "\n")
    assert info.value.message == ("lists and mappings are nested more than 100 deep; "
                                  "refusing to read it")
    assert info.value.pos == Pos(2, 103)
    assert parse("x: " + "[" * 99 + "]" * 99 + "\n")["x"] is not None  # 100 with the top
    deep = "a: &d " + "[" * 60 + "]" * 60 + "\nb: " + "[" * 45 + "*d" + "]" * 45 + "\n"
    with pytest.raises(YamlError) as info:
        parse(deep)
    assert info.value.message.startswith("lists and mappings are nested more than 100 deep")


def test_huge_integer_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        parse("schema_version: 1\nx: " + "1" * 5000 + "\n")
    assert info.value.message == "number with 5,000 digits is too long"
    assert info.value.pos == Pos(2, 4)


_PIECES = ["a", "b: ", "- ", "[", "]", "{", "}", ", ", ": ", "\n", "  ", "&x ", "*x ", "&y ",
           "*y ", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!map ", "!!seq ",
           "!!merge ", "<<", "! ", "!x ", "? ", "'", '"', "012", "1e400", "1" * 30, "~", "null",
           "true", "#", "|", ">", "---", "...", "%YAML 1.2\n", "\t", "\x00", "\ufeff", "é"]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=40))
def test_random_yamlish_text_raises_nothing_but_yaml_error(pieces: list[str]) -> None:
    with contextlib.suppress(YamlError):  # anything else fails the test
        parse("".join(pieces))


@pytest.mark.parametrize("text", ["a: &x 1\nb: &x 2\n", "a: &x [1]\nb: &x {c: 2}\n"])
def test_a_duplicate_anchor_names_both_places(text: str) -> None:
    with pytest.raises(YamlError) as info:
        yamlsafe.parse(text)
    assert info.value.message == "duplicate anchor &x (first at line 1, column 4)"
    assert info.value.pos == yamlsafe.Pos(2, 4)


def test_a_file_holding_too_many_values_is_refused_before_it_costs_memory(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 20)
    assert len(yamlsafe.parse("[" + ", ".join(["{}"] * 19) + "]")) == 19  # 20 values: fine
    with pytest.raises(YamlError) as info:
        yamlsafe.parse("[" + ", ".join(["{}"] * 25) + "]")
    assert info.value.message == (
        "the file holds more than 20 values; refusing to read it "
        "(hint: split the data into smaller datasets, each opened with its own --data)"
    )
    assert info.value.pos == yamlsafe.Pos(1, 78)  # the 21st value: the list, then 20th {}
