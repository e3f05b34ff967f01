"""Russian word forms: a search for пшеница finds пшеницы and пшеницу, as a reader expects.

The texts are Russian, and a noun has up to a dozen forms: the dictionary form a reader types
(«пшеница») is often not a prefix of the form the text has («пшеницы», «пшеницу»), so a
search by the start of a word missed them. A word is a form of a query word when both have
one stem by the Snowball Russian stemmer (the `snowballstemmer` package, the reference
stemmer's own Python port) and the word starts with that stem. Only Cyrillic words of at
least MIN_LETTERS letters are stemmed: a shorter word's stem says little («по», «в»).
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 3
#: The most letters the stemmer strips from a word (an ending, a reflexive -ся, -ость,
#: -нн-): a longer word starting with a stem is no form of it and is not stemmed.
MAX_ENDING = 8
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # only when a Russian word is first looked up

    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball Russian stem of a folded (lower case) word."""
    return str(_stemmer().stemWord(word))


def stem_of(term: str) -> str:
    """The stem whose forms `term` (a folded query word) finds; "" when it has none: not a
    Cyrillic word, shorter than MIN_LETTERS, or a stem shorter than MIN_LETTERS."""
    if len(term) < MIN_LETTERS or not _CYRILLIC_WORD.fullmatch(term):
        return ""
    found = stem(term)
    return found if len(found) >= MIN_LETTERS else ""


def is_form(word: str, stem_: str) -> bool:
    """Whether the folded `word` is a form of the word whose stem is `stem_` (from
    stem_of; "" is the stem of nothing)."""
    return (bool(stem_) and word.startswith(stem_)
            and len(word) - len(stem_) <= MAX_ENDING and stem(word) == stem_)
