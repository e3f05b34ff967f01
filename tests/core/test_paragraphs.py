"""Paragraph numbering: non-blank lines, counted in order; blank lines have none."""

import pytest

from kzt_tui.core.paragraphs import Paragraphs

TEXT = "title\n\nfirst para\n  \nsecond\nthird\n"


def test_numbers_non_blank_lines_only() -> None:
    p = Paragraphs(TEXT)
    assert len(p) == 4
    assert [p.line_of(n) for n in range(1, 5)] == [1, 3, 5, 6]


def test_of_line_maps_back_and_blank_lines_have_none() -> None:
    p = Paragraphs(TEXT)
    assert [p.of_line(line) for line in range(1, 8)] == [1, None, 2, None, 3, 4, None]
    assert p.of_line(0) is None


def test_at_or_before_takes_the_paragraph_above_a_blank_line() -> None:
    p = Paragraphs(TEXT)
    assert [p.at_or_before(line) for line in range(0, 8)] == [0, 1, 1, 2, 2, 3, 4, 4]


@pytest.mark.parametrize("n", [0, 5, -1])
def test_line_of_outside_raises(n: int) -> None:
    with pytest.raises(IndexError):
        Paragraphs(TEXT).line_of(n)


@pytest.mark.parametrize("n", [0, 5, -1])
def test_line_of_outside_names_the_paragraph(n: int) -> None:
    with pytest.raises(IndexError) as info:
        Paragraphs(TEXT).line_of(n)
    assert info.value.args == (n,)


def test_a_text_without_paragraphs() -> None:
    p = Paragraphs(" \n\t\n")
    assert len(p) == 0
    assert [p.of_line(line) for line in range(0, 4)] == [None] * 4
    assert [p.at_or_before(line) for line in range(0, 4)] == [0] * 4


def test_first_and_last_lines_are_paragraphs_too() -> None:
    p = Paragraphs("a\nb")
    assert (len(p), p.line_of(1), p.line_of(2), p.of_line(1), p.of_line(2)) == (2, 1, 2, 1, 2)
