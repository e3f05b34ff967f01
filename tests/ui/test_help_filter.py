"""The help screen's filter finds a key by the words of its command's palette name and
by words that begin as a query word does ("compare" finds the line that says
"comparison"), in English and Russian."""

from __future__ import annotations

import re

import pytest

from kzt_tui.core.textnorm import fold
from kzt_tui.dialogs.help import help_entries, matching
from kzt_tui.screens.explorer_keys import ACTIONS

BINDINGS = [action.binding() for action in ACTIONS]


def _keys(query: str, lang: str = "en") -> list[str]:
    return [key for _, key, _ in matching(help_entries(BINDINGS, lang), query, lang)]


def test_compare_finds_the_key_whose_line_says_comparison() -> None:
    # the figures pane's line says "comparable"; c's "comparison"; C's "compare"
    assert _keys("compare") == ["4", "c", "C"]
    assert _keys("comparison") == ["c"]
    assert _keys("comparisons") == ["c"]  # its stem "comparison"
    assert _keys("comparisonsx") == []  # one letter off only
    assert _keys("сравнение", "ru") == _keys("сравнения", "ru") == ["c", "C"]


def test_a_word_of_five_letters_or_fewer_is_matched_whole() -> None:
    assert _keys("compa") == ["4", "8", "c", "C"]  # a substring: "companies" too
    assert _keys("marka") == []  # not "mark": five letters, kept whole
    assert _keys("markss") == ["m", "M", "T"]  # six: "marks"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_word_of_a_command_s_palette_name_finds_its_key(lang: str) -> None:
    entries = help_entries(BINDINGS, lang)
    for action in ACTIONS:
        does = action.say(action.help, lang)
        for word in re.findall(r"\w+", fold(action.say(action.command, lang))):
            got = matching(entries, word, lang)
            assert any(d == does for _, _, d in got), (lang, action.id, word)
