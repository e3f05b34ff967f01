"""core/problems exactly: a value shortened at its limit (at, one under, one over), a
problem's one line with and without its place, path and hint, made inert; the DataError's
message; the limits."""

from __future__ import annotations

from kzt_tui.core.problems import MAX_PROBLEMS, SHOWN_CHARS, DataError, Problem, shorten


def test_a_value_is_cut_only_past_its_limit() -> None:
    assert (MAX_PROBLEMS, SHOWN_CHARS) == (1_000, 80)
    assert shorten("x" * 80) == "x" * 80
    assert shorten("x" * 79) == "x" * 79
    assert shorten("y" * 81) == "y" * 79 + "…"
    assert shorten("abcd", 4) == "abcd"
    assert shorten("abcde", 4) == "abc…"
    assert shorten("", 0) == ""


def test_a_problem_is_one_inert_line_with_what_it_has() -> None:
    assert str(Problem("a.yaml", 3, 7, "figures[0].value", "not a number", "write 5.5")) == (
        "a.yaml:3:7: figures[0].value: not a number (hint: write 5.5)")
    assert str(Problem("a.yaml", None, None, "", "empty")) == "a.yaml: empty"
    assert str(Problem("a.yaml", 0, 0, "", "at the start", "")) == "a.yaml:0:0: at the start"
    assert str(Problem("a.yaml", 1, None, "k", "bad\nthing\x1b[31m", "fix\tit")) == (
        "a.yaml:1:None: k: bad⏎thing␛[31m (hint: fix it)")


def test_a_data_error_counts_its_problems() -> None:
    problems = [Problem("a", None, None, "", "x"), Problem("b", None, None, "", "y")]
    error = DataError(problems)
    assert str(error) == "2 problem(s) in the data"
    assert error.problems is problems
