"""Soft wrapping of one line of a source text, breaking after hyphens as well as at spaces.

Rich's Text.wrap breaks only at white space and folds a word longer than the width at the
width: at 100 columns a discrepancy's side column is ~17 cells, and "северо-западный" or
"Туркменистан-Казахстан" came out cut mid-word. Here a hyphen inside a word is a place to
break too (after it), and a word is cut mid-word only where a piece of it between hyphens
is longer than the width. Otherwise the lines are Text.wrap's (overflow="fold").
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
from rich.text import Text

#: What may break after: the ASCII hyphen-minus and the Unicode hyphen.
HYPHENS = "-\u2010"
#: A piece of a line kept whole where it fits: white space before it, then up to and with
#: the hyphens that end it if a letter follows them (a place to break), else to the end of
#: the word and the white space after it. Hyphens at a word's start ("-5") or end ("из-")
#: are no place to break.
_H = re.escape(HYPHENS)
_PIECE = re.compile(rf"\s*[{_H}]*[^\s{_H}]*(?:[{_H}]+(?=[^\s{_H}])|[{_H}]*\s*)")


def divide_line(text: str, width: int) -> list[int]:
    """The offsets in `text` (one line) where it is broken to fit `width` cells."""
    breaks: list[int] = []
    used = 0  # cells on the current line
    for found in _PIECE.finditer(text):  # the pieces follow each other, then one empty
        piece = found.group()
        if not piece:
            continue
        start = found.start()
        length = cell_len(piece.rstrip())
        if width - used >= length:
            used += cell_len(piece)
        elif length > width:  # longer than any line: folded, from a line of its own
            chunks = chop_cells(piece, width)
            for chunk in chunks[:-1]:
                if start:
                    breaks.append(start)
                start += len(chunk)
            if start:
                breaks.append(start)
            used = cell_len(chunks[-1])
        elif used and start:  # on the next line
            breaks.append(start)
            used = cell_len(piece)
    return breaks


def wrap(body: Text, width: int) -> list[Text]:
    """`body` (one line, no tabs) cut into lines of at most `width` cells, at least one."""
    lines = body.divide(divide_line(body.plain, width))
    for line in lines:
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
    return list(lines) or [Text("")]
