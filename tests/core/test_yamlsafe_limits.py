"""yamlsafe's limits at their boundaries (at, one under, one over), with exact messages and
positions; the tag and merge-key refusals on every kind of node."""

from __future__ import annotations

import pytest
import yaml

from kzt_tui.core.loading import yamlsafe
from kzt_tui.core.loading.yamlsafe import Pos, YamlError, parse


def refusal(text: str) -> tuple[str, Pos | None]:
    with pytest.raises(YamlError) as info:
        parse(text)
    return info.value.message, info.value.pos


# --- control characters ------------------------------------------------------------------

PARSERS = [pytest.param(getattr(yaml, "CBaseLoader", yaml.BaseLoader), id="libyaml"),
           pytest.param(yaml.BaseLoader, id="pure-python")]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "code", "pos"), [
    ("a: b\nc: d\x01e\n", "0001", Pos(2, 5)),
    ("ab\x01", "0001", Pos(1, 3)),
    ("\x02", "0002", Pos(1, 1)),
    ("x\n\n  y: \x1f\n", "001F", Pos(3, 6)),
    # libyaml counts its offset in bytes: the Cyrillic before must not move the column
    ("а: б\nв: г\x7f\n", "007F", Pos(2, 5)),
    ("x: 😀\x7f", "007F", Pos(1, 5)),
    ("x: \ufffe", "FFFE", Pos(1, 4)),
])  # fmt: skip
def test_a_control_character_is_refused_where_it_stands(monkeypatch, parser: object,
                                                       text: str, code: str, pos: Pos) -> None:
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    assert refusal(text) == (f"YAML cannot contain the control character U+{code}", pos)


# --- how many values a file holds (MAX_VALUES) ---------------------------------------------

@pytest.mark.parametrize(("maps", "refused_at"), [
    (19, None),  # 20 values with the list: the limit
    (20, Pos(1, 78)),  # 21: the 21st value (the 20th {}) is refused
])  # fmt: skip
def test_values_at_the_limit(monkeypatch, maps: int, refused_at: Pos | None) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 20)
    text = "[" + ", ".join(["{}"] * maps) + "]"
    if refused_at is None:
        assert len(parse(text)) == maps
    else:
        assert refusal(text)[1] == refused_at


@pytest.mark.parametrize(("items", "refused"), [(19, False), (20, True)])
def test_scalar_values_at_the_limit(monkeypatch, items: int, refused: bool) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 20)
    text = "[" + ", ".join(["a"] * items) + "]"
    if refused:
        assert refusal(text) == (
            "the file holds more than 20 values; refusing to read it (hint: split the data "
            "into smaller datasets, each opened with its own --data)", Pos(1, 59))
    else:
        assert len(parse(text)) == items


def test_aliased_values_do_not_count_towards_the_file_values(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 20)
    # 3 + 10 + 1 values of its own (the mapping, a, the list, ten items... and b): 15;
    # the ten aliases add 30 more, which only MAX_NODES counts
    text = "a: &a [x, y]\nb: [" + ", ".join(["*a"] * 10) + "]\n"
    assert len(parse(text)["b"]) == 10


# --- how many values aliases add (MAX_NODES) -----------------------------------------------

@pytest.mark.parametrize(("aliases", "extra", "refused"), [
    (5, "", False),  # 5 × 10 = 50 values added: the limit
    (5, ", *s", True),  # one more
    (4, ", *s", False),
])  # fmt: skip
def test_alias_expansion_at_the_limit(monkeypatch, aliases: int, extra: str,
                                      refused: bool) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    text = ("a: &a [" + ", ".join(["v"] * 9) + "]\ns: &s w\nb: ["
            + ", ".join(["*a"] * aliases) + extra + "]\n")
    if refused:
        assert refusal(text) == ("the file expands to more than 50 values (an alias bomb?); "
                                 "refusing to read it", Pos(3, 25))
    else:
        assert len(parse(text)["b"]) == aliases + (1 if extra else 0)


# --- characters aliases repeat -------------------------------------------------------------

def _aliases(times: int, value: str = "x" * 1024) -> str:
    return f"a: &a {value}\nb: [" + ", ".join(["*a"] * times) + "]\n"


@pytest.mark.parametrize(("times", "refused"), [(1, False), (2, False), (3, True)])
def test_repeated_characters_at_the_limit(monkeypatch, times: int, refused: bool) -> None:
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 2048)
    monkeypatch.setattr(yamlsafe, "ALIAS_CHARS_PER_CHAR", 0)
    text = _aliases(times)
    if refused:
        assert refusal(text) == ("aliases repeat more than 2,048 characters (the file's size "
                                 "plus 2 KiB); refusing to read it", Pos(2, 13))
    else:
        assert len(parse(text)["b"]) == times


def test_repeated_characters_allowed_grow_with_the_file(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 0)
    monkeypatch.setattr(yamlsafe, "ALIAS_CHARS_PER_CHAR", 2)
    text = _aliases(10, "x" * 100)  # repeats 1,000 characters of a file of 151
    assert refusal(text) == (f"aliases repeat more than {2 * len(text):,} characters (the "
                             "file's size plus 0 KiB); refusing to read it", Pos(2, 17))
    assert len(text) == 151


def test_an_alias_of_aliases_is_charged_what_they_stand_for_once(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "ALIAS_CHARS_PER_CHAR", 0)
    # b's two aliases repeat 4 characters each (8); c's alias of b repeats b's 8: 16 in all
    text = "a: &a [xx, yy]\nb: &b [*a, *a]\nc: [*b]\n"
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 16)
    assert parse(text)["c"] == [[["xx", "yy"], ["xx", "yy"]]]
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 15)
    assert refusal(text)[1] == Pos(3, 5)


def test_a_mapping_alias_is_charged_its_keys_and_values(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "ALIAS_CHARS_PER_CHAR", 0)
    text = "a: &a {kk: vvv, n: 12}\nb: [*a, *a]\n"  # 2 + 3 + 1 + 2 = 8 characters an alias
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 16)
    assert len(parse(text)["b"]) == 2
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 15)
    assert refusal(text)[1] == Pos(2, 9)


# --- nesting (MAX_DEPTH) -------------------------------------------------------------------

@pytest.mark.parametrize(("depth", "refused_at"), [(100, None), (101, Pos(1, 101))])
def test_nesting_at_the_limit(depth: int, refused_at: Pos | None) -> None:
    text = "[" * depth + "]" * depth
    if refused_at is None:
        assert parse(text) == parse("[" * depth + "]" * depth)
    else:
        assert refusal(text) == ("lists and mappings are nested more than 100 deep; refusing "
                                 "to read it", refused_at)


@pytest.mark.parametrize(("outer", "refused"), [(39, False), (40, True)])
def test_nesting_through_an_alias_at_the_limit(outer: int, refused: bool) -> None:
    # the anchored list is 60 deep; the alias stands inside `outer` lists and the top
    # mapping: 60 + 39 + 1 = 100 is the limit
    text = ("a: &d " + "[" * 60 + "]" * 60 + "\nb: " + "[" * outer + "*d" + "]" * outer
            + "\n" + "c: " + "{k: " * 1 + "v}" + "\n")
    if refused:
        assert refusal(text) == ("lists and mappings are nested more than 100 deep; refusing "
                                 "to read it", Pos(2, 4 + outer))
    else:
        assert parse(text)["c"] == {"k": "v"}


# --- tags and merge keys -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("x: !!map {a: 1}\n", {"a": 1}),
    ("x: !!seq [1]\n", [1]),
    ("x: ! {a: 1}\n", {"a": 1}),
    ("x: ! [1]\n", [1]),
    ("x: !!str 1\n", "1"),
])  # fmt: skip
def test_core_and_non_specific_tags_on_lists_and_mappings_are_read(text: str,
                                                                    expected: object) -> None:
    assert parse(text)["x"] == expected


@pytest.mark.parametrize(("text", "tag", "pos"), [
    ("x: !!set {a: 1}\n", "!!set", Pos(1, 4)),
    ("x: !!omap [a]\n", "!!omap", Pos(1, 4)),
    ("x: !custom {a: 1}\n", "!custom", Pos(1, 4)),
    ("x: !!merge {a: 1}\n", "!!merge", Pos(1, 4)),  # a merge tag on a value, not a key
    ("- !!merge [a]\n", "!!merge", Pos(1, 3)),
    ("- !!merge a\n", "!!merge", Pos(1, 3)),
    ("x: !!merge a\n", "!!merge", Pos(1, 4)),
])  # fmt: skip
def test_other_tags_are_refused_where_they_stand(text: str, tag: str, pos: Pos) -> None:
    assert refusal(text) == (f"tag {tag!r} is not allowed: curated files hold plain strings, "
                             "numbers, lists and mappings", pos)


@pytest.mark.parametrize(("text", "pos"), [
    ("!!merge <<: {a: 1}\n", Pos(1, 1)),
    ("a: 1\n!!merge <<: {b: 2}\n", Pos(2, 1)),
    ("? !!merge {a: 1}\n: b\n", Pos(1, 3)),
    ("? !!merge [a]\n: b\n", Pos(1, 3)),
])  # fmt: skip
def test_merge_keys_are_refused_where_they_stand(text: str, pos: Pos) -> None:
    assert refusal(text) == ("merge keys (<<) are not supported", pos)


def test_a_plain_double_angle_key_is_just_a_string() -> None:
    assert parse("<<: {a: 1}\n") == {"<<": {"a": 1}}


# --- what an alias of a scalar stands for ---------------------------------------------------

def test_an_alias_of_a_scalar_is_its_value_at_its_position() -> None:
    data = parse("a: &s text\nb: *s\nc: [*s, *s]\n")
    assert data["b"] == "text" and data["c"] == ["text", "text"]
    assert data["c"].item_pos == [Pos(1, 4), Pos(1, 4)]


@pytest.mark.parametrize(("aliases", "refused"), [(50, False), (51, True)])
def test_an_alias_of_a_scalar_adds_one_value(monkeypatch, aliases: int, refused: bool) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    text = "s: &s w\nb: [" + ", ".join(["*s"] * aliases) + "]\n"
    if refused:
        assert refusal(text)[1] == Pos(2, 5 + 4 * 50)
    else:
        assert len(parse(text)["b"]) == aliases


def test_an_alias_of_a_scalar_adds_no_depth() -> None:
    # the alias stands inside 100 lists: as deep as a scalar may be
    text = "[&s a, " + "[" * 99 + "*s" + "]" * 99 + "]"
    got = parse(text)
    for _ in range(99):
        got = got[-1]
    assert got == ["a"]


def test_scalars_in_an_anchored_value_add_no_depth() -> None:
    # 60 lists around a scalar, aliased inside 39 lists and the top mapping: 100 deep
    def text(outer: int) -> str:
        return "a: &d " + "[" * 60 + "x" + "]" * 60 + "\nb: " + "[" * outer + "*d" + "]" * outer

    assert parse(text(39))["b"] is not None
    assert refusal(text(40))[1] == Pos(2, 44)


def test_values_after_aliases_count_only_the_files_own(monkeypatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_VALUES", 20)
    # own values: the mapping, a, its list and two items, b and its list, c, its list and
    # z: 10; the ten aliases add 30 that only MAX_NODES counts
    text = "a: &a [x, y]\nb: [" + ", ".join(["*a"] * 10) + "]\nc: [z]\n"
    assert parse(text)["c"] == ["z"]


@pytest.mark.parametrize("blank", [1, 2])
def test_the_first_value_on_a_later_line_has_that_line(blank: int) -> None:
    data = parse("\n" * blank + "x: 1\n")
    assert data.pos == Pos(blank + 1, 1) and data.key_pos == {"x": Pos(blank + 1, 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Null", None), ("NULL", None), ("~", None), ("nULL", "nULL"), ("True", True),
    ("tRUE", "tRUE"), ("F", "F"), ("n", "n"),
    ("null", None), ("true", True), ("TRUE", True), ("false", False), ("False", False),
    ("FALSE", False), ("~~", "~~"), ("nulls", "nulls"), ("falsey", "falsey"),
    ("FALSE_", "FALSE_"), ("'FALSE'", "FALSE"), ("!!str null", "null"), ("! true", True),
])  # fmt: skip
@pytest.mark.parametrize("where", ["x: {}\n", "- {}\n", "[{}]", "{}"])
def test_null_and_bool_spellings(text: str, expected: object, where: str) -> None:
    """Every spelling the core schema reads as null or a bool, and a few it does not, as a
    mapping's value, a list item (block and flow) and the whole document."""
    got = parse(where.format(text))
    value = got if where == "{}" else got["x"] if where.startswith("x") else got[0]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("key", "shown"), [("true", "True"), ("~", "None"), ("''", None),
                                            ("null", "None"), ("7", "7")])
def test_a_key_the_schema_reads_as_no_string_is_refused(key: str, shown: str | None) -> None:
    if shown is None:  # a quoted empty key is a string
        assert parse(f"{key}: 1\n") == {"": 1}
    else:
        assert refusal(f"a: 0\n{key}: 1\n") == (
            f"mapping keys must be strings, not {shown}", Pos(2, 1))


def test_an_alias_may_be_a_key_at_the_anchored_scalars_place() -> None:
    data = parse("a: &k b\n*k : 2\nc: 3\n")
    assert data == {"a": "b", "b": 2, "c": 3}
    assert data.key_pos == {"a": Pos(1, 1), "b": Pos(1, 4), "c": Pos(3, 1)}


@pytest.mark.parametrize(("text", "expected"), [
    ("a: &k b\nb: 1\n*k : 2\n", ("duplicate key 'b' (first at line 2, column 1)", Pos(1, 4))),
    ("a: &k b\n*k : 1\nb: 2\n", ("duplicate key 'b' (first at line 1, column 4)", Pos(3, 1))),
    ("a: &k [1]\n*k : 2\n", ("mapping keys must be strings, not [1]", Pos(1, 4))),
    ("a: &k 5\n*k : 2\n", ("mapping keys must be strings, not 5", Pos(1, 4))),
])  # fmt: skip
def test_an_alias_key_is_checked_as_any_key(text: str, expected: tuple[str, Pos]) -> None:
    assert refusal(text) == expected


def test_aliases_as_keys_are_each_their_own_key() -> None:
    data = parse("a: &k b\nc: &l d\n*k : 1\n*l : 2\n")
    assert data == {"a": "b", "c": "d", "b": 1, "d": 2}
    assert data.key_pos == {"a": Pos(1, 1), "c": Pos(2, 1), "b": Pos(1, 4), "d": Pos(2, 4)}


@pytest.mark.parametrize(("text", "expected"), [
    ("!!bool true", True), ("!!bool True", True), ("!!bool TRUE", True),
    ("!!bool false", False), ("!!bool FALSE", False),
])  # fmt: skip
def test_an_explicit_bool_reads_every_spelling(text: str, expected: bool) -> None:
    assert parse(f"x: {text}\n")["x"] is expected


def _held(outer: int, extra: int) -> str:
    """An anchored list holding an alias (a list `extra` deep beside it), aliased inside
    `outer` lists: the alias of `b` stands as deep as `b` holds lists, and no deeper."""
    return ("a: &a " + "[" * 3 + "]" * 3 + "\nb: &b [" + "[" * extra + "]" * extra + ", *a]\n"
            "c: " + "[" * outer + "*b" + "]" * outer + "\n")


@pytest.mark.parametrize(("outer", "extra", "refused"), [
    (95, 2, False), (96, 2, True),  # b: itself, then the alias as tall as a: 4 deep
    (95, 1, False), (96, 1, True),  # the alias taller than what stands before it
    (94, 4, False), (95, 4, True),  # a list before the alias taller than it: b is 5 deep
])  # fmt: skip
def test_an_alias_inside_an_anchored_list_counts_in_its_depth(outer: int, extra: int,
                                                              refused: bool) -> None:
    if refused:
        assert refusal(_held(outer, extra))[0].startswith("lists and mappings are nested")
    else:
        assert parse(_held(outer, extra))["c"] is not None


def test_an_anchored_mapping_value_keeps_its_place_for_its_aliases() -> None:
    data = parse("m:\n  k: &v 12\n  l: [*v]\n")
    assert data["m"] == {"k": 12, "l": [12]}
    assert data["m"]["l"].item_pos == [Pos(2, 6)]
    assert data["m"].key_pos == {"k": Pos(2, 3), "l": Pos(3, 3)}


def test_a_yaml_error_reads_as_its_message() -> None:
    error = YamlError("what went wrong", Pos(1, 2))
    assert (str(error), error.message, error.pos) == ("what went wrong", "what went wrong",
                                                      Pos(1, 2))


# --- syntax errors and what no real parser sends ----------------------------------------------

@pytest.mark.parametrize(("text", "message", "pos"), [
    ("a: [1, , 2]\n", "did not find expected node content", Pos(1, 8)),  # [ closed after
    ("a: [\n  , 2]\n", "did not find expected node content", Pos(2, 3)),
    ("a: *nope\n", "found undefined alias", Pos(1, 4)),
    ("a: 1\n---\nb: 2\n", "but found another document", Pos(2, 1)),
    ("a: b: c\n", "mapping values are not allowed in this context", Pos(1, 5)),
    ("\n\n  - a\n b\n", "did not find expected <document start>", Pos(4, 2)),
])  # fmt: skip
def test_a_syntax_error_names_its_place(text: str, message: str, pos: Pos) -> None:
    assert refusal(text) == (f"YAML syntax error: {message}", pos)


@pytest.mark.parametrize(("text", "pos", "opened", "end", "expected"), [
    ("a: [1\n", Pos(1, 4), "[", "line 2, column 1", "',' or ']'"),
    ("a: [1, 2\nb: 3\n", Pos(1, 4), "[", "line 2, column 2", "',' or ']'"),
    ("a: {x: 1\nb: 3\n", Pos(1, 4), "{", "line 2, column 2", "',' or '}'"),
    ("a: [1, {b: 2]\n", Pos(1, 8), "{", "line 1, column 13", "',' or '}'"),
    ("имя: [1,\n  2\n\n", Pos(1, 6), "[", "line 4, column 1", "',' or ']'"),  # characters
    # a value missing at the end: the innermost list or mapping open
    ("a: [\n", Pos(1, 4), "[", "line 2, column 1", "node content"),
    ("a: [", Pos(1, 4), "[", "line 2, column 1", "node content"),
    ("a: {b: 1,\n", Pos(1, 4), "{", "line 2, column 1", "node content"),
    ("a: [1, [\n", Pos(1, 8), "[", "line 2, column 1", "node content"),
    ("a: {\n  b: 1,\n  c: [\n\n# end\n", Pos(3, 6), "[", "line 6, column 1", "node content"),
])  # fmt: skip
def test_an_unclosed_bracket_is_named_where_it_opened(
        text: str, pos: Pos, opened: str, end: str, expected: str) -> None:
    assert refusal(text) == (
        f"YAML syntax error: the '{opened}' opened here is not closed before {end} (did not "
        f"find expected {expected} there)", pos)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(("text", "pos", "opened", "end"), [
    ('a: "abc\nb: 1\n', Pos(1, 4), '"', "line 3, column 1"),
    ("a: 'abc\nb: 1\n", Pos(1, 4), "'", "line 3, column 1"),
    ('a: "abc', Pos(1, 4), '"', "line 1, column 8"),
    ("имя: 'абв\n", Pos(1, 6), "'", "line 2, column 1"),  # characters
    ('x: 1\nlist:\n  - ok\n  - "open\n  - b\n', Pos(4, 5), '"', "line 6, column 1"),
    ('a: ["x, 1]\n', Pos(1, 5), '"', "line 2, column 1"),  # inside brackets: the quote
    ("a: \"it's\n", Pos(1, 4), '"', "line 2, column 1"),  # the other quote inside
])  # fmt: skip
def test_an_unclosed_quote_is_named_where_it_opened(
        monkeypatch, parser: object, text: str, pos: Pos, opened: str, end: str) -> None:
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    assert refusal(text) == (
        f"YAML syntax error: the {opened!r} opened here is not closed before {end} (found "
        f"unexpected end of stream there)", pos)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("bom", ["", "\ufeff"], ids=["plain", "bom"])
@pytest.mark.parametrize("brk", ["\r", "\r\n", "\x85", "\u2028", "\u2029"],
                         ids=["cr", "crlf", "nel", "ls", "ps"])
def test_an_unclosed_quote_after_another_line_break_is_named_not_a_crash(
        monkeypatch, parser: object, bom: str, brk: str) -> None:
    """The parsers count lines by every YAML line break (and not the BOM): the quote is
    found on their line 3, where "\n" alone would give one line (an IndexError before)."""
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    assert refusal(f"{bom}a: 1{brk}b: 2{brk}'c': 'open\n") == (
        "YAML syntax error: the \"'\" opened here is not closed before line 4, column 1 "
        "(found unexpected end of stream there)", Pos(3, 6))


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028"], ids=["cr", "nel", "ls"])
def test_a_bracket_open_at_the_end_after_another_line_break_is_named_where_it_opened(
        monkeypatch, parser: object, brk: str) -> None:
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    message, pos = refusal(f"x: 1{brk}a: [{brk}")  # the parsers word the problem apart
    assert (message.split(" (")[0], pos) == (
        "YAML syntax error: the '[' opened here is not closed before line 3, column 1", Pos(2, 4))


@pytest.mark.parametrize("parser", PARSERS)
def test_a_quote_left_open_before_the_next_document_is_named_where_it_opened(
        monkeypatch, parser: object) -> None:
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    message, pos = refusal('a: 1\nb: "x\n---\nc: 1\n')
    assert pos == Pos(2, 4)
    assert message.startswith("YAML syntax error: the '\"' opened here is not closed before "
                              "line 3, column 1 (found unexpected document ")


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("quote", ["'", '"'])
def test_an_unclosed_quote_on_the_first_line_after_a_bom_is_named_where_it_opened(
        monkeypatch, parser: object, quote: str) -> None:
    """The parsers do not count the BOM as a column: neither does the quote's place."""
    monkeypatch.setattr(yamlsafe, "_Parser", parser)
    assert refusal(f"\ufeffa: {quote}open\n") == (
        f"YAML syntax error: the {quote!r} opened here is not closed before line 2, column 1 "
        "(found unexpected end of stream there)", Pos(1, 4))


def test_an_error_inside_a_closed_quote_stays_where_it_is() -> None:
    assert refusal('a: "x\\qy"\n') == ("YAML syntax error: found unknown escape character",
                                         Pos(1, 6))


def test_the_first_of_two_control_characters_is_named() -> None:
    assert refusal("a\x01b\x01")[1] == Pos(1, 2)


_MARK = yaml.Mark("f", 0, 2, 4, None, None)  # line 3, column 5


class _FakeParser:
    """Sends the events (or raises the error) it is given, as a parser would."""

    events: list[object] = []

    def __init__(self, text: str) -> None:
        self.queue = list(self.events)

    def get_event(self) -> object:
        item = self.queue.pop(0)
        if isinstance(item, Exception):
            raise item
        return item

    def dispose(self) -> None:
        pass


@pytest.mark.parametrize(("events", "expected"), [
    ([yaml.StreamStartEvent(), yaml.DocumentStartEvent(), yaml.DocumentEndEvent()],
     ("unexpected YAML event DocumentEndEvent", None)),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError()],
     ("YAML syntax error: invalid YAML", None)),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(context="a context only")],
     ("YAML syntax error: a context only", None)),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(
        "while parsing a flow sequence", None, "no bracket", _MARK)],
     ("YAML syntax error: no bracket", Pos(3, 5))),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(
        "while parsing a flow mapping", _MARK, "no problem's place")],
     ("YAML syntax error: no problem's place", Pos(3, 5))),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(
        "while parsing a flow node", _MARK, "nothing open", _MARK)],
     ("YAML syntax error: nothing open", Pos(3, 5))),
    # a quote the parser names where the text holds none (its lines are not ours): told as
    # the parser says it, at the problem's place, not as an unclosed quote
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(
        "while scanning a quoted scalar", _MARK, "found unexpected end of stream",
        yaml.Mark("f", 0, 0, 1, None, None))],
     ("YAML syntax error: found unexpected end of stream", Pos(1, 2))),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(
        "while scanning a quoted scalar", yaml.Mark("f", 0, 0, 2, None, None),
        "found unexpected end of stream", _MARK)],
     ("YAML syntax error: found unexpected end of stream", Pos(3, 5))),
    ([yaml.StreamStartEvent(), yaml.MarkedYAMLError(  # the line just past the text's end
        "while scanning a quoted scalar", yaml.Mark("f", 0, 1, 0, None, None),
        "found unexpected end of stream", _MARK)],
     ("YAML syntax error: found unexpected end of stream", Pos(3, 5))),
    ([yaml.StreamStartEvent(), yaml.YAMLError("something\n   else  went wrong")],
     ("YAML error: something else went wrong", None)),
])  # fmt: skip
def test_what_no_parser_of_ours_sends_is_still_a_yaml_error(monkeypatch, events: list[object],
                                                            expected: tuple[str, None]) -> None:
    monkeypatch.setattr(_FakeParser, "events", events)
    monkeypatch.setattr(yamlsafe, "_Parser", _FakeParser)
    assert refusal("anything") == expected


def test_only_a_quoted_scalars_end_is_an_unclosed_quote(monkeypatch) -> None:
    """The end of the stream met in another context, with a quote at its context mark, is
    told as the parser says it: only the scanner of a quoted scalar leaves a quote open."""
    error = yaml.MarkedYAMLError(
        "while scanning a block scalar", yaml.Mark("f", 0, 0, 3, None, None),
        "found unexpected end of stream", yaml.Mark("f", 0, 0, 8, None, None))
    monkeypatch.setattr(_FakeParser, "events", [yaml.StreamStartEvent(), error])
    monkeypatch.setattr(yamlsafe, "_Parser", _FakeParser)
    assert refusal("a: 'open") == ("YAML syntax error: found unexpected end of stream", Pos(1, 9))
