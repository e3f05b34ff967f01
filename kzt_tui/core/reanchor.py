"""Re-anchoring: when a source text was edited and a quote is no longer found, the passage
that most likely is the quote now — found the way Hypothesis re-anchors annotations: the
exact quote first (nearest its old place), then the text between the quote's old context
(the characters before and after it), then a fuzzy match near its old position.

The old context and position come from the anchors of the last good check (core/anchors.py).
Without them the quote alone is looked for, over the whole text.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from kzt_tui.core.grounding import MAX_QUOTE, occurrences

#: Characters of context kept on each side of a quote.
CONTEXT = 40
#: Below this similarity (difflib's ratio) a passage is not suggested.
MIN_SIMILARITY = 0.75
#: Characters around the old position that the fuzzy match looks through.
NEAR = 4000
#: A text longer than this is not searched whole when there is no old position.
MAX_WHOLE = 200_000


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was in the text it was grounded in, and what stood around it."""

    prefix: str
    suffix: str
    start: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A passage that is probably the quote now: `text[start:end]`, how alike (0..1), and
    how it was found: "exact", "context" or "fuzzy"."""

    start: int
    end: int
    similarity: float
    how: str


class TookTooLong(Exception):
    """The search passed its deadline."""


class _Clocked(Sequence[str]):
    """A string whose every character read checks a deadline. difflib reads its first
    sequence once per step of its outer loops, and the inner loop is at most as long as
    the second: so a search a crafted text makes quadratic (`a` × 200,000 against `ab` ×
    1,000 ran for minutes) stops within milliseconds of its deadline."""

    __slots__ = ("deadline", "text")

    def __init__(self, text: str, deadline: float | None) -> None:
        self.text, self.deadline = text, deadline

    def __len__(self) -> int:
        return len(self.text)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TookTooLong
        return self.text[index]


def _matcher(a: str, b: str, deadline: float | None) -> difflib.SequenceMatcher[str]:
    return difflib.SequenceMatcher(None, _Clocked(a, deadline), b,
                                   autojunk=False)


def _ratio(a: str, b: str, deadline: float | None = None) -> float:
    return _matcher(a, b, deadline).ratio()


def reanchor(text: str, quote: str, anchor: Anchor | None = None,
             deadline: float | None = None) -> Suggestion | None:
    """The passage of `text` most likely to be `quote` now, or None when none is alike
    enough (the quote was deleted, or rewritten beyond recognition). TookTooLong when
    `deadline` (time.monotonic()) passes first."""
    if not quote or len(quote) > MAX_QUOTE:
        return None
    old = anchor.start if anchor else 0
    found = occurrences(text, quote, 100)
    if found:  # the occurrence whose surroundings agree most with the old ones, then nearest
        start = min(found, key=lambda p: (-_agreement(text, p, p + len(quote), anchor),
                                          abs(p - old)))
        return Suggestion(start, start + len(quote), 1.0, "exact")
    if anchor is not None:
        got = _between_context(text, quote, anchor, deadline)
        if got is not None:
            return got
        lo = max(0, anchor.start - NEAR)
        region = (lo, min(len(text), anchor.start + len(quote) + NEAR))
    elif len(text) <= MAX_WHOLE:
        region = (0, len(text))
    else:
        return None
    return _fuzzy(text, quote, *region, deadline=deadline)


def _agreement(text: str, start: int, end: int, anchor: Anchor | None) -> int:
    """How many characters next to text[start:end] are as they were around the quote."""
    if anchor is None:
        return 0
    before = text[max(0, start - len(anchor.prefix)):start]
    after = text[end:end + len(anchor.suffix)]
    same = 0
    for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
        if a != b:
            break
        same += 1
    for a, b in zip(after, anchor.suffix, strict=False):
        if a != b:
            break
        same += 1
    return same


def _nearest(text: str, needle: str, around: int, lo: int, hi: int) -> int | None:
    """The start of the occurrence of `needle` in text[lo:hi] nearest `around`."""
    best, at = None, text.find(needle, lo, hi)
    while at != -1:
        if best is None or abs(at - around) < abs(best - around):
            best = at
        at = text.find(needle, at + 1, hi)
    return best


def _between_context(text: str, quote: str, anchor: Anchor,
                     deadline: float | None) -> Suggestion | None:
    """The text between the quote's old prefix and suffix, near where it was."""
    if not anchor.prefix or not anchor.suffix:
        return None
    lo = max(0, anchor.start - NEAR)
    before = _nearest(text, anchor.prefix, anchor.start - len(anchor.prefix), lo,
                      min(len(text), anchor.start + NEAR))
    if before is None:
        return None
    start = before + len(anchor.prefix)
    end = text.find(anchor.suffix, start, start + 2 * len(quote) + 200)
    if end == -1:
        return None
    score = _ratio(text[start:end], quote, deadline)
    return Suggestion(start, end, score, "context") if score >= MIN_SIMILARITY else None


def _fuzzy(text: str, quote: str, lo: int, hi: int,
           deadline: float | None = None) -> Suggestion | None:
    """The best match of `quote` in text[lo:hi]: aligned on their longest common run, then
    cut to the first and last characters that match."""
    region = text[lo:hi]
    matcher = _matcher(quote, region, deadline)
    longest = matcher.find_longest_match(0, len(quote), 0, len(region))
    if longest.size == 0:
        return None
    offset = longest.b - longest.a  # where the quote would start in the region
    w_lo = max(0, offset - len(quote) // 4)
    w_hi = min(len(region), offset + len(quote) + len(quote) // 4)
    window = region[w_lo:w_hi]
    blocks = [b for b in _matcher(quote, window, deadline).get_matching_blocks() if b.size]
    if not blocks:
        return None
    start = lo + w_lo + blocks[0].b
    end = lo + w_lo + blocks[-1].b + blocks[-1].size
    score = _ratio(text[start:end], quote, deadline)
    return Suggestion(start, end, score, "fuzzy") if score >= MIN_SIMILARITY else None
