"""Paragraphs of a source text: the numbering a reader (and an editor's reference) uses.

A paragraph is a line that holds more than white space; blank lines separate them and get no
number. The seeds write one paragraph per line, some with blank lines between them and some
without, so counting non-blank lines numbers both the way a reader would.
"""

from __future__ import annotations

from bisect import bisect_right


class Paragraphs:
    """The paragraphs of one text, by line: which line starts paragraph N, which paragraph
    line L belongs to."""

    __slots__ = ("_lines",)

    def __init__(self, text: str) -> None:
        #: The 1-based line number of each paragraph, in order.
        self._lines: list[int] = [
            number for number, line in enumerate(text.split("\n"), start=1) if line.strip()
        ]

    def __len__(self) -> int:
        return len(self._lines)

    def line_of(self, paragraph: int) -> int:
        """The 1-based line paragraph `paragraph` (1-based) is on."""
        if not 1 <= paragraph <= len(self._lines):
            raise IndexError(paragraph)
        return self._lines[paragraph - 1]

    def of_line(self, line: int) -> int | None:
        """The 1-based paragraph on 1-based `line`; None for a blank line or one outside."""
        index = bisect_right(self._lines, line) - 1
        if index >= 0 and self._lines[index] == line:
            return index + 1
        return None

    def at_or_before(self, line: int) -> int:
        """The paragraph on `line` or, for a blank line, the last one before it (0: none)."""
        return bisect_right(self._lines, line)
