"""The help screen's filter finds a key by the words of its command's palette name and
by the forms of a query word, by its Snowball stem (core/wordforms: "compare" finds the
line that says "comparison", "sorting" the one that says "sort"), in English and Russian."""

from __future__ import annotations

import re

import pytest

from kzt_tui.core.textnorm import fold
from kzt_tui.dialogs.help import help_entries, matching
from kzt_tui.screens.explorer_keys import ACTIONS

BINDINGS = [action.binding() for action in ACTIONS]


def _keys(query: str, lang: str = "en") -> list[str]:
    return [key for _, key, _ in matching(help_entries(BINDINGS, lang), query, lang)]


def _found(query: str, lang: str = "en") -> set[str]:
    """The keys found, in whatever order the ranking gives (test_ranked_as_the_palette)."""
    return set(_keys(query, lang))


def test_compare_finds_the_key_whose_line_says_comparison() -> None:
    # the figures pane's line says "comparable"; c's "comparison"; C's "compare"
    assert _found("compare") == {"4", "c", "C"}
    assert _keys("comparison") == ["c"]
    assert _keys("comparisons") == ["c"]  # its stem "comparison"
    assert _keys("comparisonsx") == []  # one letter off only
    assert _found("сравнение", "ru") == _found("сравнения", "ru") == {"c", "C"}


def test_a_word_is_matched_as_typed_or_by_its_stem_not_a_letter_short() -> None:
    assert _found("compa") == {"4", "8", "c", "C"}  # a substring: "companies" too
    assert _keys("marka") == []  # not "mark": its stem is "marka"
    # a typo is no form of "marks": the stem of "markss" is itself (the dropped
    # last-letter rule this replaced found "marks" for it)
    assert _keys("markss") == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_word_of_a_command_s_palette_name_finds_its_key(lang: str) -> None:
    entries = help_entries(BINDINGS, lang)
    for action in ACTIONS:
        does = action.say(action.help, lang)
        for word in re.findall(r"\w+", fold(action.say(action.command, lang))):
            got = matching(entries, word, lang)
            assert any(d == does for _, _, d in got), (lang, action.id, word)


SORT_KEYS = ["l, →", "<", ">"]


def _names(query: str, lang: str = "en") -> list[str]:
    """The palette names of the actions whose help line the query matches."""
    of_line = {action.say(action.help, lang): action.say(action.command, lang)
               for action in ACTIONS}
    return [of_line[does] for _, _, does in matching(help_entries(BINDINGS, lang), query, lang)
            if does in of_line]


def test_an_english_word_finds_the_lines_of_its_other_forms() -> None:
    assert _found("sort") == set(SORT_KEYS)  # as typed: "sort" is in each
    assert _found("sorting") == _found("sorted") == _found("sorts") == set(SORT_KEYS)
    assert set(_names("sorting")) == {"Next column", "Sort by this column",
                                      "Sort by this column, descending"}
    assert _found("copies") == _found("copied") == {"y", "Y", "t", "w", "B"}  # "copi"
    assert _found("exporting") == _found("export") == {"s", "L", "e"}
    assert _found("comparable") == {"4", "c", "C"}  # "compar": comparison, compare too


def test_a_russian_word_finds_the_lines_of_its_other_forms() -> None:
    assert _found("сортирует", "ru") == set(SORT_KEYS)  # «сортир»: сортировать, сортируют
    assert set(_names("сортирует", "ru")) == {
        "Следующий столбец", "Сортировать по этому столбцу",
        "Сортировать по этому столбцу, по убыванию"}
    assert _found("предыдущая", "ru") == _found("предыдущий", "ru") == {"h, ←", "[", "N", "U"}
    assert _found("сравнить", "ru") == {"c", "C"}  # «сравн»: сравнение too
    assert _found("копия", "ru") == {"y", "Y", "t", "w", "B"}


def test_a_word_that_only_begins_like_another_finds_nothing() -> None:
    for query in ("market", "copyright", "sorter", "markss", "comparisonsx"):
        assert _keys(query) == [], query
    # «сортировка», the noun, is another word to Snowball (stem «сортировк», the verb's
    # «сортирова»): a stemmer of endings does not join a noun to its verb
    for query in ("сортировка", "копейка", "следователь", "экспортёр"):
        assert _keys(query, "ru") == [], query


def test_a_query_stems_by_its_script_in_either_interface() -> None:
    # a Latin word in the Russian help is stemmed as English (the keys' names are English)
    assert _keys("sorting", "ru") == []  # no English word in the Russian lines but keys
    assert _keys("shifted", "ru") == _keys("shift", "ru") == ["tab / shift+tab"]
    # only by the palette's synonyms, English and Russian alike ("сортировать" is Sort's)
    assert _found("сортирует", "en") == {"<", ">"}


def test_the_help_shows_the_keys_a_user_presses_not_textual_s_names() -> None:
    """It showed "less_than_sign", "full_stop", "right_parenthesis"… (found by a review);
    now each key as the key bar shows it, one name for one key: ctrl as the bar's caret,
    other modifiers written out."""
    from textual.binding import Binding

    shown = {key: does for _, key, does in help_entries(BINDINGS)}
    said = {action.help: action for action in ACTIONS}
    by_action = {said[does].key: key for key, does in shown.items() if does in said}
    assert {k: by_action[k] for k in (
        "less_than_sign", "greater_than_sign", "full_stop", "comma", "right_parenthesis",
        "left_parenthesis", "plus", "slash", "right_square_bracket", "left_square_bracket",
        "l,right", "h,left", "backspace", "escape", "ctrl+z", "j", "n")} == {
        "less_than_sign": "<", "greater_than_sign": ">", "full_stop": ".", "comma": ",",
        "right_parenthesis": ")", "left_parenthesis": "(", "plus": "+", "slash": "/",
        "right_square_bracket": "]", "left_square_bracket": "[", "l,right": "l, →",
        "h,left": "h, ←", "backspace": "⌫", "escape": "esc", "ctrl+z": "^z",
        "j": "j", "n": "n"}  # j and n alone: the key bar's "j/k", "n/N" name two keys
    assert not [key for key in shown if "_" in key]
    odd = [Binding("question_mark,ctrl+full_stop", "x", "X", id="odd")]
    assert [k for _, k, does in help_entries(odd) if does == "X"] == ["?, ^."]


def test_a_key_s_symbol_finds_its_line() -> None:
    assert _keys("<") == ["l, →", "<"]  # l's line says "the column < > sort"
    assert _keys(">") == ["l, →", ">"]
    assert _keys("⌫") == ["⌫"]


@pytest.mark.parametrize(("query", "first", "also"), [
    ("coverage", ["u", "U"], {"D"}),  # the palette's synonyms of u/U and D
    ("take back", ["^z"], {"z"}),  # undo's synonyms; z's line "takes … width back"
    ("покрытие", ["u", "U"], set()),
    ("compare", ["c"], {"C", "4"}),  # the command named "Compare with…" first
    ("sort", ["<", ">"], {"l, →"}),  # "Sort by …" before "Next column" ("sort" in its line)
])
def test_ranked_as_the_palette_ranks_commands(query: str, first: list[str],
                                              also: set[str]) -> None:
    """The help filter finds a key by its command's synonyms (it did not: "coverage" found
    nothing) and puts first the keys whose command's name starts with the words, as the
    palette does (core/palette.command_score)."""
    got = _keys(query)
    assert got[:len(first)] == first and set(got[len(first):]) == also, got
