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
#: A character outside the ranges rich.cells measures as one cell each without looking it
#: up (Latin, Greek, Cyrillic, box drawing, Braille): a line with none is as many cells
#: as it has characters, and so is every piece of it.
_NOT_ONE_CELL = re.compile(
    r"[^\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2500-\u25fc\u2800-\u28ff]")


def divide_line(text: str, width: int) -> list[int]:
    """The offsets in `text` (one line) where it is broken to fit `width` cells."""
    breaks: list[int] = []
    used = 0  # cells on the current line
    # a line of one-cell characters (a Russian or English text) is measured by len: its
    # ~2 pieces a word each looked up in rich's cache of cell lengths were ~4 ms of the
    # first frame's wrap of a source text (issue 18)
    cells = cell_len if _NOT_ONE_CELL.search(text) else len
    for found in _PIECE.finditer(text):  # the pieces follow each other, then one empty
        piece = found.group()
        if not piece:
            continue
        start = found.start()
        length = cells(piece.rstrip())
        if width - used >= length:
            used += cells(piece)
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
            used = cells(piece)
    return breaks


def wrap(body: Text, width: int) -> list[Text]:
    """`body` (one line, no tabs) cut into lines of at most `width` cells, at least one."""
    lines = body.divide(divide_line(body.plain, width))
    for line in lines:
        line.rstrip_end(width)
        line.truncate(width, overflow="fold")
    return list(lines) or [Text("")]
