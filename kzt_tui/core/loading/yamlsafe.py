"""A strict, safe YAML reader that keeps the position of every value.

Only the YAML 1.2 core types are implied (`no`, `on`, unquoted dates and `012` stay
strings), tags other than the core ones are refused, duplicate keys are errors, and alias
expansion is bounded so that an alias bomb or a self-referencing alias cannot blow up.

Values are built straight from the parser's events: no node graph is composed, so the peak
holds the text and the result, not a second copy of every value with its marks.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

try:  # libyaml is several times faster; fall back to the pure-Python parser.
    from yaml import CBaseLoader as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _Parser  # type: ignore[assignment]

#: Values (scalars, lists, mappings) that alias expansion may add to one document. Only
#: aliases count: without them a file cannot hold more values than it has characters, so
#: the file size limit (files.MAX_DATA_BYTES) bounds a plain file, and this one bounds the
#: work an alias bomb can make for the loader (an alias re-uses the anchored value, so the
#: parse itself stays small; every later walk over the values pays for each expansion).
MAX_NODES = 5_000_000
#: Characters that aliases may repeat in one file: ALIAS_FREE_CHARS, plus
#: ALIAS_CHARS_PER_CHAR for each character of the file itself. An alias is charged the
#: characters of the scalars it stands for (keys and numbers included, through lists and
#: mappings at any depth: each anchor's total is counted once, when it is complete), so
#: what the loader builds and every export or screen made from it stays within twice what
#: the file limit allows (files.MAX_DATA_BYTES). Counting values alone (MAX_NODES) let one
#: alias of a 10 MiB string count 1: 100 of them made a 1 GB export of a 1 GB file. Real
#: data needs few aliases (the shipped data uses none): a repeated title or citation.
ALIAS_FREE_CHARS = 64 * 1024
ALIAS_CHARS_PER_CHAR = 1
#: Values a file may hold itself (aliases aside). A real file has about one per 30 bytes
#: (the 128 MiB data limit: ~4.5M); a file of nothing but `{},` has one per 3 bytes and
#: would cost ~11 GB at that limit. This bounds such a file at ~1.5 GB.
MAX_VALUES = 6_000_000
#: Lists and mappings nested deeper than this are refused (a real curated file needs ~6);
#: it keeps the loader's recursive checks far from Python's recursion limit.
MAX_DEPTH = 100

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_SEQ, _MAP, _MERGE = _CORE + "seq", _CORE + "map", _CORE + "merge"
_ALLOWED_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}

# The YAML 1.2 core schema (no YAML 1.1 `yes`/`on`/`012`/dates/sexagesimals); \Z, not $,
# so that `!!int "1\n"` is not an int.
_BOOL_RE = re.compile(r"\A(?:true|True|TRUE|false|False|FALSE)\Z")
_INT_RE = re.compile(r"\A[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(
    r"\A(?:[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+)\Z"
)
_NULL_RE = re.compile(r"\A(?:~|null|Null|NULL|)\Z")
_NUMBER_START = frozenset("-+0123456789.")
#: The plain scalars that are not strings and do not start like a number, by their text
#: (what _BOOL_RE and _NULL_RE match, the empty scalar included): one dict lookup.
_WORDS: dict[str, Any] = {
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    "~": None, "null": None, "Null": None, "NULL": None, "": None,
}
_LONGEST_WORD = max(map(len, _WORDS))


class Pos(NamedTuple):
    """A 1-based line and column in the YAML file. A tuple: the loader makes one per list
    item and mapping key, and `tuple.__new__` makes it in one call (a frozen dataclass took
    three)."""

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

    __slots__ = ("key_pos", "pos")  # no per-instance __dict__: there is one per mapping
    pos: Pos
    key_pos: dict[str, Pos]


class PList(list[Any]):
    """A sequence that remembers where it and each of its items stand."""

    __slots__ = ("item_pos", "pos")
    pos: Pos
    item_pos: list[Pos]


def _number_tag(value: str) -> str:
    """The core-schema tag of a plain scalar that starts like a number (_NUMBER_START)."""
    if _INT_RE.match(value):
        return _INT
    if _FLOAT_RE.match(value):
        return _FLOAT
    return _STR


def _tag_error(tag: str, pos: Pos) -> YamlError:
    return YamlError(
        f"tag {tag.replace(_CORE, '!!')!r} is not allowed: curated files hold "
        "plain strings, numbers, lists and mappings",
        pos,
    )


def _scalar(tag: str, value: str, pos: Pos) -> Any:
    if tag == _STR:
        return value
    if tag == _INT:
        if not _INT_RE.match(value):
            raise YamlError(f"{value!r} is not a valid '!!int'", pos)
        try:
            return int(value)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise YamlError(f"number with {len(value):,} digits is too long", pos) from None
    if tag == _FLOAT:
        if not (_FLOAT_RE.match(value) or _INT_RE.match(value)):
            raise YamlError(f"{value!r} is not a valid '!!float'", pos)
        return float(value)
    if tag == _BOOL:
        if not _BOOL_RE.match(value):
            raise YamlError(f"{value!r} is not a valid '!!bool'", pos)
        return value.lower() == "true"
    if tag == _NULL:
        if not _NULL_RE.match(value):
            raise YamlError(f"{value!r} is not a valid '!!null'", pos)
        return None
    raise YamlError(f"tag {tag!r} is not allowed here", pos)


def _nesting_error(pos: Pos) -> YamlError:
    return YamlError(
        f"lists and mappings are nested more than {MAX_DEPTH} deep; refusing to read it", pos
    )


_NO_KEY: Any = object()


class _Open:
    """A list or mapping whose events are still arriving."""

    __slots__ = ("anchor", "chars", "height", "is_map", "key", "start", "value")

    def __init__(self, value: PMap | PList, is_map: bool, anchor: str | None, start: int,
                 chars: int) -> None:
        self.value = value
        self.is_map = is_map
        self.anchor = anchor
        self.start = start  # values counted before this one: its size is count - start
        self.chars = chars  # characters counted before it: its own are chars - this
        self.height = 1  # lists and mappings nested in it, itself included
        self.key: Any = _NO_KEY  # a mapping's key whose value is still to come


class _Anchored:
    """What an alias stands for: the value, where it stands, its size (values), height
    and characters (of its scalars, at any depth)."""

    __slots__ = ("chars", "height", "pos", "size", "value")

    def __init__(self, value: Any, pos: Pos, size: int, height: int, chars: int) -> None:
        self.value, self.pos, self.size, self.height = value, pos, size, height
        self.chars = chars


def _at(mark: Any) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)


def _add(parent: _Open, value: Any, pos: Pos, key_names: dict[str, str]) -> None:
    """Put `value` (a scalar or an alias's value), standing at `pos`, into `parent`: an item,
    a key's value, or a new key (interned by `key_names`); a key that is no string or that
    `parent` has already is an error."""
    if not parent.is_map:
        items: Any = parent.value
        items.append(value)
        items.item_pos.append(pos)
    elif parent.key is not _NO_KEY:
        parent.value[parent.key] = value
        parent.key = _NO_KEY
    elif type(value) is str and value not in parent.value.key_pos:  # type: ignore[union-attr]
        value = parent.key = key_names.setdefault(value, value)
        parent.value.key_pos[value] = pos  # type: ignore[union-attr]
    else:
        _refuse_key(parent, value, pos)


def _refuse_key(parent: _Open, key: Any, pos: Pos) -> NoReturn:
    """The error of `key`, standing at `pos`, which is no string or a key `parent` has."""
    if not isinstance(key, str):
        raise YamlError(f"mapping keys must be strings, not {key!r}", pos)
    first = parent.value.key_pos[key]  # type: ignore[union-attr]
    raise YamlError(f"duplicate key {key!r} (first at line {first.line}, column {first.col})",
                    pos)


def _build(parser: Any, alias_chars: int, stack: list[_Open]) -> Any:
    """Build the single document's value from the parser's events; aliases may repeat at
    most `alias_chars` characters. `stack` (empty) holds the lists and mappings still open.

    The loop is the loader's hot path (~1 µs of the parser's per event, and this on top):
    a scalar under a mapping key, half of a file's values, gets no Pos (nothing reads a
    mapping value's place but its key's), a plain scalar is read as a string unless its
    text is one of a few words or starts like a number, and a list's or mapping's
    characters (what an alias of it is charged) are the difference of one running count."""
    get = parser.get_event
    event = get()
    assert isinstance(event, StreamStartEvent)
    event = get()
    if isinstance(event, StreamEndEvent):
        return None
    assert isinstance(event, DocumentStartEvent)
    document_start: Any = event.start_mark
    anchors: dict[str, _Anchored] = {}
    first_mark: dict[str, Any] = {}  # anchor → mark, for the duplicate-anchor error
    opened: dict[str, Pos] = {}  # anchors of values still being built
    count = 0  # values so far, alias expansions included
    expanded = 0  # values added by alias expansion
    repeated = 0  # characters added by alias expansion
    chars = 0  # characters of the scalars so far, aliased ones included
    line = -1  # the line of the last place made (0-based), and
    number = 1  # its number: one int object serves every place on a line
    new = tuple.__new__
    key_names: dict[str, str] = {}  # one string object per distinct key: a file repeats few
    parent: _Open | None = None  # stack[-1]
    words, longest = _WORDS, _LONGEST_WORD
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            text = event.value
            tag = event.tag
            if tag is None or tag == "!":
                value = text
                if event.implicit[0] and len(text) <= longest and text in words:
                    value = words[text]
                elif event.implicit[0] and text[0] in _NUMBER_START:
                    value = _scalar(_number_tag(text), text, _at(event.start_mark))
            elif (tag == _MERGE and parent is not None and parent.is_map
                  and parent.key is _NO_KEY):
                raise YamlError("merge keys (<<) are not supported", _at(event.start_mark))
            elif tag not in _ALLOWED_TAGS:
                raise _tag_error(tag, _at(event.start_mark))
            else:
                value = _scalar(tag, text, _at(event.start_mark))
            chars += len(text)
            count += 1
            if count - expanded > MAX_VALUES:
                raise _too_many_values(_at(event.start_mark))
            anchor = event.anchor
            if parent is not None and parent.key is not _NO_KEY and anchor is None:
                parent.value[parent.key] = value  # a mapping's value: no place kept
                parent.key = _NO_KEY
                continue
            mark = event.start_mark
            if mark.line != line:
                line = mark.line
                number = line + 1
            pos = new(Pos, (number, mark.column + 1))
            if anchor is not None:
                _first_anchor(first_mark, anchor, mark)
                anchors[anchor] = _Anchored(value, pos, 1, 0, len(text))
            if parent is None:
                break
            _add(parent, value, pos, key_names)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mark = event.start_mark
            if mark.line != line:
                line = mark.line
                number = line + 1
            pos = new(Pos, (number, mark.column + 1))
            tag = event.tag
            if tag is not None and tag != "!":
                if (tag == _MERGE and parent is not None and parent.is_map
                        and parent.key is _NO_KEY):
                    raise YamlError("merge keys (<<) are not supported", pos)
                if tag not in _ALLOWED_TAGS:
                    raise _tag_error(tag, pos)
            if len(stack) >= MAX_DEPTH:
                raise _nesting_error(pos)
            container: PMap | PList
            if kind is MappingStartEvent:
                container = PMap()
                container.key_pos = {}
            else:
                container = PList()
                container.item_pos = []
            container.pos = pos
            anchor = event.anchor
            if anchor is not None:
                _first_anchor(first_mark, anchor, mark)
                opened[anchor] = pos
            parent = _Open(container, kind is MappingStartEvent, anchor, count, chars)
            stack.append(parent)
            count += 1
            if count - expanded > MAX_VALUES:
                raise _too_many_values(pos)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = stack.pop()
            value, height = done.value, done.height
            if done.anchor is not None:
                del opened[done.anchor]
                anchors[done.anchor] = _Anchored(value, value.pos, count - done.start, height,
                                                 chars - done.chars)
            if not stack:
                break
            parent = stack[-1]
            if parent.height <= height:
                parent.height = height + 1
            if not parent.is_map:
                items: Any = parent.value
                items.append(value)
                items.item_pos.append(value.pos)
            elif parent.key is _NO_KEY:
                _refuse_key(parent, value, value.pos)  # a list or mapping is no key
            else:
                parent.value[parent.key] = value
                parent.key = _NO_KEY
        elif kind is AliasEvent:
            anchor = event.anchor
            if anchor in opened:
                raise YamlError("an alias refers to a value that contains itself", opened[anchor])
            target = anchors.get(anchor)
            if target is None:
                raise ComposerError(None, None, "found undefined alias", event.start_mark)
            value, height = target.value, target.height
            repeated += target.chars
            if repeated > alias_chars:
                raise YamlError(
                    f"aliases repeat more than {alias_chars:,} characters (the file's size "
                    f"plus {ALIAS_FREE_CHARS // 1024} KiB); refusing to read it",
                    _at(event.start_mark),
                )
            chars += target.chars
            count += target.size
            expanded += target.size
            if expanded > MAX_NODES:
                raise YamlError(
                    f"the file expands to more than {MAX_NODES:,} values "
                    "(an alias bomb?); refusing to read it",
                    _at(event.start_mark),
                )
            if len(stack) + height > MAX_DEPTH:
                raise _nesting_error(_at(event.start_mark))
            assert parent is not None  # an alias follows its anchor: never the whole file
            if parent.height <= height:
                parent.height = height + 1
            _add(parent, value, target.pos, key_names)
        else:  # pragma: no cover - the parser emits nothing else inside a document
            raise YamlError(f"unexpected YAML event {kind.__name__}", None)
    event = get()
    assert isinstance(event, DocumentEndEvent)
    event = get()
    if not isinstance(event, StreamEndEvent):
        raise ComposerError(
            "expected a single document in the stream", document_start,
            "but found another document", event.start_mark,
        )
    return value


def _too_many_values(pos: Pos) -> YamlError:
    return YamlError(
        f"the file holds more than {MAX_VALUES:,} values; refusing to read it "
        "(hint: split the data into smaller datasets, each opened with its own --data)",
        pos,
    )


def _first_anchor(first_mark: dict[str, Any], anchor: str, mark: Any) -> None:
    """Note where `anchor` is defined; a second definition is an error naming the first."""
    if anchor in first_mark:
        first = first_mark[anchor]
        raise YamlError(
            f"duplicate anchor &{anchor} (first at line {first.line + 1}, "
            f"column {first.column + 1})",
            Pos(mark.line + 1, mark.column + 1),
        )
    first_mark[anchor] = mark


#: The parser's context for an error inside a flow list or mapping, and its bracket.
_BRACKETS = {"while parsing a flow sequence": "[", "while parsing a flow mapping": "{"}
#: What the scanner says of a quoted string that reaches the end of the file or document
#: (libyaml names the separator an indicator, PyYAML a separator).
_QUOTED, _QUOTE_ENDS = "while scanning a quoted scalar", (
    "found unexpected end of stream", "found unexpected document indicator",
    "found unexpected document separator")


#: What YAML counts as a line break (the parsers' marks count lines by these, not by "\n").
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _unclosed(exc: yaml.MarkedYAMLError, stack: list[_Open], text: str) -> YamlError | None:
    """The error of a [, { or quote left open, named where it opened (the parser names the
    place the next thing fails, often the end of the file): the parser's context mark, or
    for a value missing at the end of the file (`a: [`, whose context is the missing
    value's place) the innermost list or mapping still open."""
    mark, end = exc.context_mark, exc.problem_mark
    if mark is None or end is None:
        return None
    if exc.context in _BRACKETS:
        bracket, pos = _BRACKETS[exc.context], Pos(mark.line + 1, mark.column + 1)
    elif exc.context == _QUOTED and exc.problem in _QUOTE_ENDS:
        lines = _LINE_BREAK.split(text.removeprefix("\ufeff"), mark.line + 1)
        line = lines[mark.line] if mark.line < len(lines) else ""
        bracket = line[mark.column:mark.column + 1]
        if bracket not in ("'", '"'):  # the parser's lines are not ours: say it plainly
            return None
        pos = Pos(mark.line + 1, mark.column + 1)
    elif (exc.context == "while parsing a flow node" and stack
            and end.line >= len(_LINE_BREAK.split(text.rstrip()))):  # nothing after but spaces
        bracket, pos = ("{" if stack[-1].is_map else "["), stack[-1].value.pos
    else:
        return None
    return YamlError(f"YAML syntax error: the {bracket!r} opened here is not closed before "
                     f"line {end.line + 1}, column {end.column + 1} ({exc.problem} there)", pos)


#: What parse_utf8 gives where only parse, of the decoded text, can say what a file holds.
UNREAD: Any = object()
#: Byte order marks: libyaml would read UTF-16 as well, which decode_data refuses.
_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def parse_utf8(raw: bytes) -> Any:
    """What parse gives for the text of `raw` (a file's bytes, UTF-8), read by libyaml from
    the bytes themselves: no decode of the whole file and no encode of it back for libyaml
    (~2 ms of a 550 KB file, ~4 % of a `check` worker's CPU). UNREAD wherever only parse of
    the text can say what it says: on any error (its message and place), a byte order mark,
    or aliases past ALIAS_FREE_CHARS (their limit counts the text's characters)."""
    if raw.startswith(_MARKS):
        return UNREAD
    try:
        parser = _Parser(raw)
        try:
            return _build(parser, ALIAS_FREE_CHARS, [])
        finally:
            parser.dispose()
    except (YamlError, yaml.YAMLError):
        return UNREAD


def parse(text: str) -> Any:
    """Parse one YAML document into PMap/PList/scalars, or raise YamlError."""
    stack: list[_Open] = []  # the lists and mappings open, as _build leaves them
    try:
        parser = _Parser(text)
        try:
            return _build(parser, ALIAS_FREE_CHARS + ALIAS_CHARS_PER_CHAR * len(text), stack)
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        unclosed = _unclosed(exc, stack, text)
        if unclosed is not None:
            raise unclosed from None
        mark = exc.problem_mark or exc.context_mark
        pos = Pos(mark.line + 1, mark.column + 1) if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"YAML syntax error: {problem}", pos) from None
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it carries the character's code and an offset, which libyaml
        # counts in bytes of UTF-8 (a line of Cyrillic before it put the column far off). The
        # reader stops at the first character it refuses, so that is the first occurrence.
        offset = text.find(chr(exc.character))
        head = text[:offset]
        pos = Pos(head.count("\n") + 1, offset - (head.rfind("\n") + 1) + 1)
        raise YamlError(f"YAML cannot contain the control character U+{exc.character:04X}",
                        pos) from None
    except yaml.YAMLError as exc:
        raise YamlError("YAML error: " + " ".join(str(exc).split()), None) from None
