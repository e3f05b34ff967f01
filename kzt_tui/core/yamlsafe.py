"""A strict, safe YAML reader that keeps the position of every value.

Only the YAML 1.2 core types are implied (`no`, `on`, unquoted dates and `012` stay
strings), tags other than the core ones are refused, duplicate keys are errors, and alias
expansion is bounded so that an alias bomb or a self-referencing alias cannot blow up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

#: Values (scalars, mappings, sequences) one document may expand to, aliases included.
MAX_NODES = 5_000_000
#: Lists and mappings nested deeper than this are refused (a real curated file needs ~6);
#: it keeps the recursive builder far from Python's recursion limit.
MAX_DEPTH = 100

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class _Loader(_BaseLoader):
    """Resolver with the YAML 1.2 core schema instead of YAML 1.1's surprises."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


_Loader.add_implicit_resolver(
    _CORE + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    _CORE + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_Loader.add_implicit_resolver(
    _CORE + "float",
    re.compile(
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)$"
    ),
    list("-+0123456789."),
)
_Loader.add_implicit_resolver(_CORE + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), list("~nN"))
_Loader.add_implicit_resolver(_CORE + "null", re.compile(r"^$"), [""])


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in the YAML file."""

    line: int
    col: int


class YamlError(Exception):
    """A YAML file that cannot be read: message and position."""

    def __init__(self, message: str, pos: Pos | None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


class PMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys stand."""

    pos: Pos
    key_pos: dict[str, Pos]


class PList(list[Any]):
    """A sequence that remembers where it and each of its items stand."""

    pos: Pos
    item_pos: list[Pos]


def _pos(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _CORE + "str":
        return value
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return value.lower() == "true"
    if tag == _CORE + "int":
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise YamlError(f"number with {len(value):,} digits is too long", _pos(node)) from None
    if tag == _CORE + "float":
        return float(value)
    raise YamlError(f"tag {tag!r} is not allowed here", _pos(node))


class _Builder:
    """Turns a composed node graph into PMap/PList/scalars, within a node budget."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.active: set[int] = set()
        self.depth = 0

    def build(self, node: yaml.Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise YamlError(
                f"the file expands to more than {MAX_NODES:,} values "
                "(an alias bomb?); refusing to read it",
                _pos(node),
            )
        if node.tag not in _ALLOWED_TAGS:
            raise YamlError(
                f"tag {node.tag.replace(_CORE, '!!')!r} is not allowed: curated files hold "
                "plain strings, numbers, lists and mappings",
                _pos(node),
            )
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.active:
            raise YamlError("an alias refers to a value that contains itself", _pos(node))
        if self.depth >= MAX_DEPTH:
            raise YamlError(
                f"lists and mappings are nested more than {MAX_DEPTH} deep; refusing to read it",
                _pos(node),
            )
        self.active.add(id(node))
        self.depth += 1
        try:
            if isinstance(node, yaml.SequenceNode):
                seq = PList(self.build(item) for item in node.value)
                seq.pos = _pos(node)
                seq.item_pos = [_pos(item) for item in node.value]
                return seq
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node)
        finally:
            self.depth -= 1
            self.active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode) -> PMap:
        out = PMap()
        out.pos = _pos(node)
        out.key_pos = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise YamlError("merge keys (<<) are not supported", _pos(key_node))
            key = self.build(key_node)
            if not isinstance(key, str):
                raise YamlError(f"mapping keys must be strings, not {key!r}", _pos(key_node))
            if key in out:
                first = out.key_pos[key]
                raise YamlError(
                    f"duplicate key {key!r} (first at line {first.line}, column {first.col})",
                    _pos(key_node),
                )
            out.key_pos[key] = _pos(key_node)
            out[key] = self.build(value_node)
        return out


def parse(text: str) -> Any:
    """Parse one YAML document into PMap/PList/scalars, or raise YamlError."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"YAML syntax error: {problem}", pos) from None
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it carries a character offset rather than a mark.
        head = text[: exc.position]
        pos = Pos(head.count("\n") + 1, exc.position - (head.rfind("\n") + 1) + 1)
        char = exc.character
        shown = f"U+{ord(char):04X}" if isinstance(char, str) else f"byte 0x{char:02X}"
        raise YamlError(f"YAML cannot contain the control character {shown}", pos) from None
    except yaml.YAMLError as exc:
        raise YamlError("YAML error: " + " ".join(str(exc).split()), None) from None
    except RecursionError:  # the pure-Python composer recurses once per nesting level
        raise YamlError(
            f"lists and mappings are nested more than {MAX_DEPTH} deep; refusing to read it", None
        ) from None
    if node is None:
        return None
    # Without aliases a file cannot hold more values than it has characters, so this bound
    # never hurts a real file and stops an alias bomb early.
    return _Builder(min(MAX_NODES, 10_000 + len(text))).build(node)
