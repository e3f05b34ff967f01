"""The field checkers (core/loading/validate), exactly: each message with its path and
hint, and each limit at, one under and one over."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.loading.context import BAD, Ctx, Shared
from kzt_tui.core.loading.validate import (
    TOO_LARGE,
    TOO_LARGE_HINT,
    country,
    enum,
    integer,
    list_of,
    mapping,
    nullable,
    number,
    pattern,
    pdate,
    ref,
    slug,
    string,
)
from kzt_tui.core.loading.yamlsafe import Pos
from kzt_tui.core.schema import PDATE_RE, day_exists

MAX_INT = int(sys.float_info.max)


def _check(checker: Any, value: Any) -> tuple[Any, list[tuple[str, str, str | None]]]:
    ctx = Ctx("f.yaml", Shared(Path(".")))
    got = checker(ctx, value, "x.y", None)
    return got, [(p.path, p.message, p.hint) for p in ctx.shared.problems]


def _problem(checker: Any, value: Any) -> tuple[str, str | None]:
    got, problems = _check(checker, value)
    assert got is BAD and len(problems) == 1 and problems[0][0] == "x.y"
    return problems[0][1], problems[0][2]


def test_a_string_must_have_a_visible_character() -> None:
    assert _check(string, " a ") == (" a ", [])
    for value, reads in (("", "the string ''"), (" \t", "the string ' \\t'"),
                         (None, "nothing (null)"), (5, "the number 5")):
        assert _problem(string, value) == (f"expected a non-empty string, got {reads}", None)


def test_an_integer_is_whole_and_at_least_one() -> None:
    assert _check(integer, 1) == (1, [])
    assert _check(integer, 7) == (7, [])
    for value, reads in ((0, "the number 0"), (-1, "the number -1"),
                         (True, "the boolean true"), (1.0, "the number 1.0"),
                         ("1", "the string '1'")):
        assert _problem(integer, value) == (f"expected a whole number ≥ 1, got {reads}", None)


def test_a_number_is_finite_and_no_larger_than_a_float_holds() -> None:
    assert _check(number, 3) == (3.0, [])
    assert isinstance(_check(number, 3)[0], float)
    assert _check(number, -2.5) == (-2.5, [])
    assert _check(number, MAX_INT) == (float(MAX_INT), [])
    assert _check(number, -MAX_INT) == (-float(MAX_INT), [])
    digits = len(str(MAX_INT + 1))
    for value in (MAX_INT + 1, -MAX_INT - 1):
        assert _problem(number, value) == (
            f"expected a number, got a whole number of {digits:,} digits, {TOO_LARGE}",
            TOO_LARGE_HINT)
    assert _problem(number, True) == ("expected a number, got the boolean true", None)
    assert _problem(number, float("inf")) == ("expected a number, got the number inf", None)
    assert _problem(number, float("nan")) == ("expected a number, got the number nan", None)


@pytest.mark.parametrize(("value", "hint"), [
    ("555.7", "numbers are written without quotes, leading zeros or thousands separators"),
    (" +12 ", "numbers are written without quotes, leading zeros or thousands separators"),
    ("-3", "numbers are written without quotes, leading zeros or thousands separators"),
    ("1.2.3", None), ("555,7", "use a decimal point: 555.7, not 555,7"), ("lots", None),
    ("X12", None), ("++12", "numbers are written without quotes, leading zeros or thousands "
                            "separators"),
    # only the 80 characters a problem shows are looked at: 81 digits show as 79 and "…"
    ("1" * 80, "numbers are written without quotes, leading zeros or thousands separators"),
    ("1" * 81, None),
])
def test_a_number_in_quotes_says_how_to_write_it(value: str, hint: str | None) -> None:
    assert _problem(number, value)[1] == hint


def test_an_enum_word_names_the_words_and_the_one_meant() -> None:
    check = enum("signed", "planned")
    assert _check(check, "signed") == ("signed", [])
    assert _problem(check, "signd") == (
        "expected one of signed, planned; got the string 'signd'", "did you mean 'signed'?")
    assert _problem(check, "zzz") == (
        "expected one of signed, planned; got the string 'zzz'", None)
    assert _problem(check, 5) == ("expected one of signed, planned; got the number 5", None)


def test_a_pattern_says_how_to_write_it_and_to_quote_it() -> None:
    check = pattern(re.compile(r"[a-z]+"), "a word", '"word"')
    assert _check(check, "abc") == ("abc", [])
    assert _problem(check, "abc1") == ("expected a word, got the string 'abc1'",
                                       'write it like "word"')
    assert _problem(check, 5) == ("expected a word, got the number 5",
                                  'write it like "word" (in quotes)')
    assert _problem(pdate, "2025-13") == (
        "expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), got the string '2025-13'",
        'write it like "2025-11-25"')
    assert _problem(country, "kz") == ("expected an ISO country code, got the string 'kz'",
                                       'write it like "KZ"')
    assert _problem(slug, "Trade") == ("expected a lower-case slug, got the string 'Trade'",
                                       'write it like "trade_turnover"')


@pytest.mark.parametrize(("value", "exists"), [
    ("2025", True), ("2025-02", True), ("2025-02-28", True), ("2025-02-29", False),
    ("2024-02-29", True), ("2024-02-30", False), ("1900-02-29", False),
    ("2000-02-29", True), ("2025-04-30", True), ("2025-04-31", False),
    ("2025-06-31", False), ("2025-09-31", False), ("2025-11-31", False),
    ("2025-12-31", True), ("2025-01-31", True), ("2025-08-31", True),
])
def test_a_date_names_a_day_its_month_has(value: str, exists: bool) -> None:
    # pdate as the loader has it, and a pattern made here (made at import, pdate's
    # checker holds the code pattern had then)
    made = pattern(PDATE_RE, "a date string (YYYY, YYYY-MM or YYYY-MM-DD)", '"2025-11-25"',
                   day_exists)
    for check in (pdate, made):
        if exists:
            assert _check(check, value) == (value, [])
        else:
            assert _problem(check, value) == (
                "expected a date string (YYYY, YYYY-MM or YYYY-MM-DD), got the string "
                f"'{value}': no such day in that month", None)


def test_null_passes_a_nullable_checker_and_nothing_else_does() -> None:
    assert _check(nullable(string), None) == (None, [])
    assert _check(nullable(string), "a") == ("a", [])
    assert _problem(nullable(string), "") == ("expected a non-empty string, got the string ''",
                                              None)


def test_a_list_has_its_least_items_and_each_item_its_place() -> None:
    check = list_of(string, 2)
    assert _check(check, ["a", "b"]) == (("a", "b"), [])
    assert _problem(check, ["a"]) == ("expected at least 2 item(s), got 1", None)
    assert _problem(check, "a") == ("expected a list, got the string 'a'", None)
    got, problems = _check(check, ["a", "", "b", 5])
    assert got is BAD and [(p, m) for p, m, _ in problems] == [
        ("x.y[1]", "expected a non-empty string, got the string ''"),
        ("x.y[3]", "expected a non-empty string, got the number 5")]
    assert _check(list_of(string), []) == ((), [])


def test_a_reference_is_an_id_remembered_for_later() -> None:
    ctx = Ctx("f.yaml", Shared(Path(".")))
    check = ref("per", "org")
    assert check(ctx, "per-one", "x.y", None) == "per-one"
    assert ctx.refs == [("x.y", None, "per-one", ("per", "org"))]
    assert _problem(check, "Per One") == ("expected an id, got the string 'Per One'", None)
    assert _problem(check, 5) == ("expected an id, got the number 5", None)


def test_a_mapping_names_each_unknown_and_missing_field() -> None:
    spec = {"name": (string, True), "role": (string, False)}
    assert _check(lambda c, v, p, pos: mapping(c, v, p, pos, spec), {"name": "N"}) == (
        {"name": "N"}, [])
    got, problems = _check(lambda c, v, p, pos: mapping(c, v, p, pos, spec),
                           {"nmae": "N", "zzz": 1})
    assert got is BAD and problems == [
        ("x.y.nmae", "unknown field 'nmae'", "did you mean 'name'?"),
        ("x.y.zzz", "unknown field 'zzz'", "allowed: name, role"),
        ("x.y.name", "required field is missing", None)]
    got, problems = _check(lambda c, v, p, pos: mapping(c, v, p, pos, spec), ["a"])
    assert got is BAD and problems == [
        ("x.y", "expected a mapping with fields name, role, got a list", None)]


def _inner(section: str, key: str) -> Any:
    """The checker of `key` in `section`'s spec, through nullable and list_of."""
    from kzt_tui.core.loading.validate import SECTIONS, SHAPES

    checker = SECTIONS[section][1][key][0]
    while SHAPES[checker][0] in ("nullable", "list"):
        checker = SHAPES[checker][1]
    return checker


def _period(value: Any) -> tuple[Any, list[tuple[str, str, str | None]]]:
    return _check(_inner("figures", "period"), value)


def test_a_period_may_not_start_in_a_later_year_than_it_ends() -> None:
    from kzt_tui.core.model import Period

    assert _period({"label": "2025", "start": "2025-12", "end": "2025-01"}) == (
        Period("2025", "2025-12", "2025-01"), [])  # the years are compared
    assert _period({"label": "x", "start": None, "end": "2024"}) == (
        Period("x", None, "2024"), [])
    assert _period({"label": "x", "start": "2024", "end": None})[1] == []
    assert _period({"label": "x", "start": "2026", "end": "2025"}) == (
        BAD, [("x.y", "period starts after it ends", None)])
    assert _period({"label": "x", "start": "2026"})[0] is BAD


def test_the_small_mappings_become_their_records() -> None:
    text2, summary = _inner("figures", "label"), _inner("statements", "summary")
    node, outlet = _inner("corridors", "nodes"), _inner("documents", "outlet")
    goods, side = _inner("statements", "goods"), _inner("discrepancies", "sides")
    from kzt_tui.core.model import Goods, Node, Outlet, Text2

    assert _check(text2, {"en": "E", "ru": "Р"}) == (Text2("E", "Р"), [])
    assert _check(summary, {"en": "E"}) == (Text2("E", ""), [])
    assert _check(summary, {"en": "E", "ru": "Р"}) == (Text2("E", "Р"), [])
    assert _check(node, {"name": "N"}) == (Node("N", None, None), [])
    assert _check(node, {"name": "N", "ru": "Н", "country": "KZ"}) == (
        Node("N", "Н", "KZ"), [])
    assert _check(outlet, {"name": "N", "evidence": "e"}) == (Outlet("N", "e"), [])
    assert _check(goods, {"item": "газ", "item_en": "gas", "direction": "TM->KZ"}) == (
        Goods("газ", "gas", "TM->KZ"), [])
    for checker in (text2, summary, node, outlet, goods, side):
        assert _check(checker, {})[0] is BAD


def _placed(checker: Any, yaml_text: str, key: str = "v"
            ) -> tuple[Any, list[tuple[str, int | None, int | None, str]], Ctx]:
    """Check the value of `key` in `yaml_text` at its place; the problems with theirs."""
    from kzt_tui.core.loading.yamlsafe import parse

    top = parse(yaml_text)
    ctx = Ctx("f.yaml", Shared(Path(".")))
    got = checker(ctx, top[key], "v", top.key_pos[key])
    return got, [(p.path, p.line, p.col, p.message) for p in ctx.shared.problems], ctx


def test_each_problem_stands_where_its_value_or_key_does() -> None:
    for checker, value in ((string, '""'), (integer, "0"), (number, "1" + "0" * 400),
                           (number, '"x"'), (list_of(string), "5")):
        got, problems, _ = _placed(checker, f"a: 1\nv: {value}\n")
        assert got is BAD and [(line, col) for _, line, col, _ in problems] == [(2, 1)]
    text2 = _inner("figures", "label")
    got, problems, _ = _placed(text2, "v: [1]\n")
    assert problems == [("v", 1, 1, "expected a mapping with fields en, ru, got a list")]
    got, problems, _ = _placed(text2, "a: 1\nv:\n  en: E\n  xx: 1\n  ru: ''\n")
    assert problems == [("v.xx", 4, 3, "unknown field 'xx'"),
                        ("v.ru", 5, 3, "expected a non-empty string, got the string ''")]
    got, problems, _ = _placed(text2, "a: 1\nv:\n  en: E\n")
    assert problems == [("v.ru", 3, 3, "required field is missing")]  # where the mapping is
    got, problems, _ = _placed(list_of(text2), "v:\n  - {en: E, ru: R}\n  - {en: E}\n")
    assert problems == [("v[1].ru", 3, 5, "required field is missing")]


def test_a_citation_of_a_later_document_is_checked_once_it_is_known() -> None:
    citation = _inner("figures", "citations")
    got, problems, ctx = _placed(
        citation, "v:\n  doc: doc-later\n  quote: q\n  translation: t\n  note: n\n")
    assert problems == [] and ctx.deferred == [("", 0, "v", Pos(3, 3))]
    assert (got.doc, got.quote, got.translation, got.occurrence, got.note, got.span,
            got.path) == ("doc-later", "q", "t", None, "n", None, "v")
    got, problems, ctx = _placed(
        citation, "v: {doc: doc-later, quote: q, translation: t, occurrence: 2}\n")
    assert problems == [] and (got.occurrence, got.span) == (2, None)
    got, problems, _ = _placed(citation, "a: 1\nv:\n  doc: doc-x\n")
    assert [(p, line, col) for p, line, col, _ in problems] == [
        ("v.quote", 3, 3), ("v.translation", 3, 3)]


def test_a_citation_of_a_known_document_is_made_with_its_occurrence_and_span(
        tmp_path: Path) -> None:
    from kzt_tui.core.loading.yamlsafe import parse

    (tmp_path / "s.txt").write_text("ab\nab\n", encoding="utf-8")
    shared = Shared(tmp_path)
    shared.doc_files["doc-s"] = "s.txt"
    shared.doc_pos["doc-s"] = ("f.yaml", "documents[0].file", None)
    top = parse("v: {doc: doc-s, quote: ab, translation: t, occurrence: 2, note: n}\n")
    got = _inner("figures", "citations")(Ctx("f.yaml", shared), top["v"], "v", top.key_pos["v"])
    assert shared.problems == []
    assert (got.doc, got.quote, got.translation, got.occurrence, got.note, got.path) == (
        "doc-s", "ab", "t", 2, "n", "v")
    assert (got.span.start, got.span.end, got.span.line_start, got.span.line_end) == (3, 5, 2, 2)


@pytest.mark.parametrize(("section", "key", "fields"), [
    ("figures", "label", "en: E"), ("statements", "summary", "ru: R"),
    ("corridors", "nodes", "ru: R"), ("documents", "outlet", "name: N"),
    ("statements", "goods", "item: I\n  item_en: I"), ("discrepancies", "sides", "claim: C"),
    ("figures", "period", "label: L\n  start: null"), ("figures", "citations", "doc: doc-a"),
])
def test_a_missing_field_of_each_small_mapping_is_named_at_the_mapping(
        section: str, key: str, fields: str) -> None:
    got, problems, _ = _placed(_inner(section, key), f"a: 1\nv:\n  {fields}\n")
    assert got is BAD and problems
    assert all(path.startswith("v.") and (line, col) == (3, 3)
               and message == "required field is missing"
               for path, line, col, message in problems)


def test_a_side_holds_its_claim_and_citations_and_a_period_error_its_place() -> None:
    side = _inner("discrepancies", "sides")
    got, problems, _ = _placed(
        side, "v:\n  claim: C\n  citations:\n    - {doc: doc-x, quote: q, translation: t}\n")
    assert problems == [] and got.claim == "C"
    assert [(c.doc, c.quote, c.path) for c in got.citations] == [
        ("doc-x", "q", "v.citations[0]")]
    got, problems, _ = _placed(_inner("figures", "period"),
                               "a: 1\nv: {label: L, start: '2026', end: '2025-12'}\n")
    assert problems == [("v", 2, 1, "period starts after it ends")]
    got, problems, _ = _placed(_inner("figures", "period"),
                               "v: {label: L, start: '2025', end: '2025-1'}\n")
    assert got is BAD and problems[0][0] == "v.end"  # "2025-1" is no date: not compared


@pytest.mark.parametrize(("section", "key"), [
    ("figures", "label"), ("statements", "summary"), ("corridors", "nodes"),
    ("documents", "outlet"), ("statements", "goods"), ("discrepancies", "sides"),
    ("figures", "period"), ("figures", "citations")])
def test_a_small_mapping_given_a_list_is_named_where_the_list_is(section: str,
                                                                  key: str) -> None:
    got, problems, _ = _placed(_inner(section, key), "a: 1\nv: [1]\n")
    assert got is BAD and [(path, line, col) for path, line, col, _ in problems] == [
        ("v", 2, 1)]


def test_a_plain_mapping_s_problems_stand_at_its_place() -> None:
    """A mapping that does not remember its keys' places (not from the YAML reader)."""
    spec = {"name": (string, True), "role": (string, False)}
    ctx = Ctx("f.yaml", Shared(Path(".")))
    assert mapping(ctx, {"nmae": "N", "role": ""}, "v", Pos(7, 3), spec) is BAD
    assert [(p.path, p.line, p.col) for p in ctx.shared.problems] == [
        ("v.nmae", 7, 3), ("v.name", 7, 3), ("v.role", 7, 3)]
    assert _check(lambda c, v, p, pos: mapping(c, v, p, pos, spec), {"role": "r"})[0] is BAD
    citation = _inner("figures", "citations")
    ctx = Ctx("f.yaml", Shared(Path(".")))
    got = citation(ctx, {"doc": "doc-x", "quote": "q", "translation": "t"}, "v", Pos(4, 5))
    assert got.quote == "q" and ctx.deferred == [("", 0, "v", Pos(4, 5))]


def test_an_unknown_field_alone_makes_the_mapping_bad() -> None:
    spec = {"name": (string, True)}
    got, problems = _check(lambda c, v, p, pos: mapping(c, v, p, pos, spec),
                           {"name": "N", "zzz": 1})
    assert got is BAD and problems == [("x.y.zzz", "unknown field 'zzz'", "allowed: name")]


def test_each_factory_s_problem_stands_where_its_value_does() -> None:
    """enum, pattern, ref, nullable and a list's least items: at the value's own place."""
    word = pattern(re.compile(r"[a-z]+"), "a word", '"word"')  # made here, not at import
    for checker, value in ((enum("a", "b"), "c"), (word, "X1"), (pdate, "2025-13"),
                           (ref("per"), "X"),
                           (nullable(string), '""'), (list_of(string, 2), "[a]")):
        got, problems, _ = _placed(checker, f"a: 1\nv: {value}\n")
        assert got is BAD and [(path, line, col) for path, line, col, _ in problems] == [
            ("v", 2, 1)]


def test_a_list_s_items_stand_at_their_own_places_or_at_the_list_s() -> None:
    got, problems, _ = _placed(list_of(string), "a: 1\nv:\n  - a\n  - ''\n")
    assert got is BAD and problems == [
        ("v[1]", 4, 5, "expected a non-empty string, got the string ''")]
    ctx = Ctx("f.yaml", Shared(Path(".")))
    assert list_of(string)(ctx, ["a", ""], "v", Pos(7, 3)) is BAD  # a plain list: no places
    assert [(p.path, p.line, p.col) for p in ctx.shared.problems] == [("v[1]", 7, 3)]


def test_each_factory_notes_what_it_accepts() -> None:
    from kzt_tui.core.loading.validate import SHAPES

    word = pattern(re.compile(r"[a-z]+"), "a word", '"word"')
    assert SHAPES[word] == ("json", {"type": "string", "pattern": "[a-z]+"})
    assert SHAPES[enum("a", "b")] == ("json", {"enum": ["a", "b"]})
    assert SHAPES[nullable(word)] == ("nullable", word)
    assert SHAPES[list_of(word, 2)] == ("list", word, 2)
    assert SHAPES[ref("per")][0] == "json"


def test_the_module_names_what_it_does_not_have() -> None:
    from kzt_tui.core.loading import validate

    with pytest.raises(AttributeError) as raised:
        _ = validate.SECTION
    assert str(raised.value) == (
        "module 'kzt_tui.core.loading.validate' has no attribute 'SECTION'")
