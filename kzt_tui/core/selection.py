"""A passage selected in a source text, as character offsets [start, end): taken as the
sentence at a place, or started at a word and extended (or shrunk) by words and sentences.
Pure functions of the text; the source view draws what they return, the curating keys
(screens/curating.py) call them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kzt_tui.core.sentences import split_sentences

#: A word as the selection grows by it: a run of non-space characters without the
#: punctuation that closes it ("млн." is the word "млн"; the dot comes with the next one).
_TOKEN = re.compile(r"\S+")
_CLOSING = ".,;:!?…»”\")]"
_OPENERS = {")": "(", "]": "[", "»": "«", "”": "“"}


@dataclass(frozen=True, slots=True)
class TextSelection:
    """The passage selected in the text of document `doc`."""

    doc: str
    start: int
    end: int

    def quote(self, text: str) -> str:
        """The passage, verbatim."""
        return text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=4)
def _sentences(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    got = split_sentences(text)
    return tuple(s.start for s in got), tuple(s.end for s in got)


@lru_cache(maxsize=4)
def _words(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    starts, ends = [], []
    for m in _TOKEN.finditer(text):
        end = m.end()
        while end > m.start() + 1 and text[end - 1] in _CLOSING:
            opener = _OPENERS.get(text[end - 1])
            if opener is not None and opener in text[m.start():end - 1]:
                break  # "(1)", "[b]": the bracket closes what the word opened
            end -= 1
        starts.append(m.start())
        ends.append(end)
    return tuple(starts), tuple(ends)


def _at(doc: str, bounds: tuple[tuple[int, ...], tuple[int, ...]],
        offset: int) -> TextSelection | None:
    """Of the pieces `bounds` (starts, ends), the one that holds `offset`, or else the
    first one after it (None: none)."""
    starts, ends = bounds
    k = bisect_right(starts, offset) - 1
    if k < 0 or ends[k] <= offset:
        k += 1
    if k >= len(starts):
        return None
    return TextSelection(doc, starts[k], ends[k])


def sentence_at(doc: str, text: str, offset: int) -> TextSelection | None:
    """The sentence that holds `offset`, or else the first one after it (None: none)."""
    return _at(doc, _sentences(text), offset)


def sentence_after(sel: TextSelection, text: str) -> TextSelection | None:
    """The sentence after the one(s) selected (None at the end of the text)."""
    starts, ends = _sentences(text)
    k = bisect_left(starts, sel.end)
    return TextSelection(sel.doc, starts[k], ends[k]) if k < len(starts) else None


def word_at(doc: str, text: str, offset: int) -> TextSelection | None:
    """The word that holds `offset`, or else the first one after it (None: none)."""
    return _at(doc, _words(text), offset)


def _moved(ends: tuple[int, ...], sel: TextSelection, delta: int) -> TextSelection:
    """`sel` with its end at the next end after it (delta 1) or the previous one before it
    but after its start (-1); unchanged when there is none."""
    if delta > 0:
        k = bisect_right(ends, sel.end)
        return TextSelection(sel.doc, sel.start, ends[k]) if k < len(ends) else sel
    k = bisect_left(ends, sel.end) - 1
    return TextSelection(sel.doc, sel.start, ends[k]) if k >= 0 and ends[k] > sel.start \
        else sel


def by_word(sel: TextSelection, text: str, delta: int) -> TextSelection:
    """`sel` grown by the next word (delta 1) or shrunk by its last one (-1)."""
    return _moved(_words(text)[1], sel, delta)


def by_sentence(sel: TextSelection, text: str, delta: int) -> TextSelection:
    """`sel` grown to the end of its sentence or the next one (delta 1), or shrunk back to
    the end of the previous sentence it holds (-1)."""
    return _moved(_sentences(text)[1], sel, delta)


def occurrence_of(sel: TextSelection, text: str) -> int | None:
    """Which occurrence (from 1) of its quote the selection is, when the quote occurs more
    than once in `text` (a citation must then say which); None when it is the only one."""
    quote = sel.quote(text)
    if not quote:
        return None
    n, pos, mine = 0, 0, None
    while (pos := text.find(quote, pos)) != -1:
        n += 1
        if pos == sel.start:
            mine = n
        pos += 1
    return mine if n > 1 else None
