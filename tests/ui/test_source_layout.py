"""The source view numbers paragraphs (core/paragraphs) whatever the text's size: a long
text is counted group by group, as far as it is looked at, and agrees with the short way."""

from __future__ import annotations

import random

from kzt_tui.core.paragraphs import Paragraphs
from kzt_tui.widgets.source_layout import EAGER_GROUPS, GROUP, TextIndex


def _text(seed: int, lines: int) -> str:
    rng = random.Random(seed)
    choices = ["", "  ", "\t", " x", "слово " * 3, "слово " * 40]
    return "\n".join(rng.choice(choices) for _ in range(lines))


def test_a_long_text_is_numbered_as_core_paragraphs_numbers_it() -> None:
    text = _text(1, 60_000)
    index = TextIndex(text)
    assert index.groups > EAGER_GROUPS  # the counted-by-group way
    paragraphs = Paragraphs(text)
    lines = [*range(0, index.lines, 97), index.lines - 1]
    random.Random(2).shuffle(lines)  # any order: groups are counted as far as asked
    for line in lines:
        assert index.paragraph(line) == paragraphs.of_line(line + 1), line
        assert index.paragraphs_up_to(line) == paragraphs.at_or_before(line + 1), line


def test_white_space_across_a_group_boundary_starts_no_paragraph_twice() -> None:
    # a line of spaces that runs over the first group's end, then a word
    text = "x\n" + " " * (GROUP - 1) + "a\n" + "y\n" * (EAGER_GROUPS * GROUP // 2)
    index = TextIndex(text)
    paragraphs = Paragraphs(text)
    for line in (0, 1, 2, 3, index.lines - 1):
        assert index.paragraph(line) == paragraphs.of_line(line + 1), line


def test_blank_lines_have_no_number_in_the_gutter() -> None:
    index = TextIndex("Первый.\n\n  \nВторой.\n")
    assert [index.gutter(n) for n in range(index.lines)] == [
        "1 │ ", "  │ ", "  │ ", "2 │ "]


def test_line_starts_are_where_the_newlines_say() -> None:
    rng = random.Random(3)
    texts = ["\n" * 50_000, "a\nb", "a\nb\n", "x",
             "".join(rng.choice(["a", "\n", "bb\n", "\n\n", "x" * 9000 + "\n"])
                     for _ in range(5000))]
    for text in texts:
        index = TextIndex(text)
        starts = [0] + [n + 1 for n, char in enumerate(text) if char == "\n"]
        for line in [*range(0, index.lines, 7), index.lines - 1]:
            assert index.line_start(line) == starts[line], (len(text), line)
