"""How a picker ("Cite in…", "Which section?") orders the entries the typed words match: an
entry one of whose labels starts with them first, then one in which they start a word, then
one that holds them anywhere; entries of one level in the order given.

The palette's fuzzy matcher scored "contains" above "starts with" as often as not (letters
close together score alike wherever they stand), so typing a record's first words could
leave it below records that only mention them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kzt_tui.core.textnorm import fold

#: The levels of a match, best first.
PREFIX, WORD_START, INSIDE = 0, 1, 2


def _plain(text: str) -> str:
    """`text` folded (case, ё), its runs of spaces one space, none at the ends."""
    return " ".join(fold(text).split())


def match_level(label: str, query: str) -> int | None:
    """How `label` matches the typed `query` (case and ё aside, spaces as one): PREFIX,
    WORD_START (the query starts at a word of it), INSIDE, or None (it does not hold it)."""
    typed, text = _plain(query), _plain(label)
    if not typed:
        return None
    if text.startswith(typed):
        return PREFIX
    if typed not in text:
        return None
    # After no letter or digit ([^\W_] is str.isalnum's class): one scan by the regex
    # engine, where a loop over every occurrence took 0.4 s of a keystroke for a long
    # label of one repeated letter (a hostile review).
    if re.search(r"(?<![^\W_])" + re.escape(typed), text):
        return WORD_START
    return INSIDE


def best_level(labels: Iterable[str], query: str) -> int | None:
    """The best level any of `labels` (an entry's text, its id …) matches `query` at."""
    levels = [level for label in labels if (level := match_level(label, query)) is not None]
    return min(levels, default=None)


def ranked(entries: Sequence[Sequence[str]], query: str) -> list[int]:
    """The positions of the `entries` (each its labels) that match `query`, best level
    first, those of one level in the order of `entries`."""
    found = [(level, n) for n, labels in enumerate(entries)
             if (level := best_level(labels, query)) is not None]
    return [n for _, n in sorted(found)]
