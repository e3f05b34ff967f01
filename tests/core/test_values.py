"""How a value reads in a problem and the word meant (core/loading/values), exactly: each
kind of value, the 40-character cut at, one under and one over, and the close match that
stops once the problem list is full."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.loading.context import Ctx, Shared
from kzt_tui.core.loading.values import blank, close_match, describe_value
from kzt_tui.core.problems import MAX_PROBLEMS


@pytest.mark.parametrize(("value", "reads"), [
    (None, "nothing (null)"), (True, "the boolean true"), (False, "the boolean false"),
    (0, "the number 0"), (2.5, "the number 2.5"), ("KZ", "the string 'KZ'"),
    ("", "the string ''"), ("x" * 40, f"the string '{'x' * 40}'"),
    ("x" * 41, f"the string '{'x' * 37}…'"), ("y" * 39, f"the string '{'y' * 39}'"),
    ([1], "a list"), ([], "a list"), ({"a": 1}, "a mapping"), ({}, "a mapping"),
    (b"x", "bytes"), ((1,), "tuple"),
])
def test_each_value_reads_as_its_kind(value: object, reads: str) -> None:
    assert describe_value(value) == reads


def _ctx(problems: int) -> Ctx:
    shared = Shared(Path("."))
    for n in range(problems):
        shared.err("f.yaml", f"p{n}", None, "m")
    return Ctx("f.yaml", shared)


def test_the_close_word_is_offered_until_the_problem_list_is_full() -> None:
    allowed = ["figures", "people", "events"]
    assert close_match(_ctx(0), "figurse", allowed) == "figures"
    assert close_match(_ctx(MAX_PROBLEMS - 1), "figurse", allowed) == "figures"
    assert close_match(_ctx(MAX_PROBLEMS), "figurse", allowed) is None
    assert close_match(_ctx(0), "zzzzzz", allowed) is None
    # looked for on the shown characters only: a long key's tail does not count
    assert close_match(_ctx(0), "people" + "x" * 200, ["people" + "x" * 200]) is None


@pytest.mark.parametrize(("text", "empty"), [
    ("", True), (" ", True), ("\t\n\u3000", True), (" a ", False), ("a", False)])
def test_blank_is_empty_or_only_whitespace(text: str, empty: bool) -> None:
    assert blank(text) is empty
