"""widgets/wrap: Text.wrap's lines, but a hyphen inside a word is a place to break too."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from kzt_tui.widgets.source_layout import wrapped_height
from kzt_tui.widgets.wrap import divide_line, wrap


def _lines(text: str, width: int) -> list[str]:
    return [line.plain for line in wrap(Text(text, end=""), width)]


@pytest.mark.parametrize("text", [
    "word " * 40, "x" * 301, "a long line, with punctuation; and more words " * 5,
    "мир труд май " * 20, "宽字符" * 50, " leading and  double  spaces " * 7, "", "   ",
    "е\u0301ё" * 30,
])
@pytest.mark.parametrize("width", [1, 4, 9, 37, 80])
def test_without_hyphens_the_lines_are_text_wraps(text: str, width: int) -> None:
    wrapped = Text(text, end="").wrap(Console(), width, overflow="fold")
    assert _lines(text, width) == ([line.plain for line in wrapped] or [""])
    assert wrapped_height(text, width) == max(1, len(wrapped))


#: Characters just outside the ranges whose characters are one cell each (a line of only
#: those is measured by its length): none of these is one cell wide.
NOT_ONE_CELL = ["\x1f", "\x7f", "\x9f", "\u0300", "\u036f", "\u0483", "\u25fd", "\u4e2d"]


@pytest.mark.parametrize("odd", NOT_ONE_CELL)
@pytest.mark.parametrize("width", [5, 9, 23])
def test_a_character_not_one_cell_wide_is_measured_by_its_cells(odd: str, width: int) -> None:
    # words of Cyrillic and Latin letters (each one cell) with one character that is not
    # one cell in each: a line measured by its length would break elsewhere
    text = " ".join(f"мир{odd}ab" if n % 2 else f"x{odd}{odd}труд" for n in range(40))
    wrapped = Text(text, end="").wrap(Console(), width, overflow="fold")
    assert _lines(text, width) == [line.plain for line in wrapped]
    assert wrapped_height(text, width) == len(wrapped)


@pytest.mark.parametrize("width", [3, 8, 31])
def test_one_cell_characters_at_the_ends_of_their_ranges(width: int) -> None:
    edges = "\x20\x7e\xa0\xac\xae\u02ff\u0370\u0482\u2500\u25fc\u2800\u28ff"
    text = " ".join(edges[n % len(edges):] + "да" for n in range(30))
    wrapped = Text(text, end="").wrap(Console(), width, overflow="fold")
    assert _lines(text, width) == [line.plain for line in wrapped]
    assert wrapped_height(text, width) == len(wrapped)


@pytest.mark.parametrize(("text", "width", "lines"), [
    # the word does not fit the rest of the line: broken after its hyphen
    ("в северо-западный край", 10, ["в северо-", "западный ", "край"]),
    ("Туркменистан-Казахстан-Узбекистан", 17, ["Туркменистан-", "Казахстан-", "Узбекистан"]),
    # a piece exactly as wide as the line fits it; one cell more does not
    ("abcd-efgh", 5, ["abcd-", "efgh"]),
    ("abc abcd-efgh", 8, ["abc ", "abcd-", "efgh"]),
    ("abc abcd-efgh", 9, ["abc abcd-", "efgh"]),
    # a word that fits is not broken
    ("a b-c", 5, ["a b-c"]),
    ("a b-cd", 5, ["a b-", "cd"]),
    # only a piece longer than the line is cut mid-word
    ("абвгдежзийклмнопрст-у", 17, ["абвгдежзийклмнопр", "ст-у"]),
    ("ab-cdefgh", 4, ["ab-", "cdef", "gh"]),
    # hyphens at a word's start or end are no place to break; runs break after the last
    ("x -abc", 4, ["x ", "-abc"]),
    ("из- за", 4, ["из- ", "за"]),
    ("x--yz", 4, ["x--", "yz"]),
    # the Unicode hyphen breaks; a dash does not
    ("ab\u2010cd", 3, ["ab\u2010", "cd"]),
    ("ab—cd", 3, ["ab—", "cd"]),
    ("ab—cd", 4, ["ab—c", "d"]),
    # wide characters count two cells
    ("宽宽-宽宽", 5, ["宽宽-", "宽宽"]),
])
def test_breaks_after_a_hyphen_when_the_word_does_not_fit(
    text: str, width: int, lines: list[str]
) -> None:
    assert _lines(text, width) == lines
    assert wrapped_height(text, width) == len(lines)
    assert len(divide_line(text, width)) == len(lines) - 1
