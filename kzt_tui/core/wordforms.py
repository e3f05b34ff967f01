"""Word forms: a search for пшеница finds пшеницы and пшеницу, the help's filter for
"sorting" finds "sort", as a reader expects.

The texts are Russian, and a noun has up to a dozen forms: the dictionary form a reader types
(«пшеница») is often not a prefix of the form the text has («пшеницы», «пшеницу»), so a
search by the start of a word missed them. A word is a form of a query word when both have
one stem by the Snowball stemmer of their language (the `snowballstemmer` package, the
reference stemmers' own Python port) and the word starts with that stem. A word's script
says its language (STEMMERS: Cyrillic Russian, Latin English, the interface's two languages,
core/i18n); search stems Russian words alone (the texts are Russian), the help both. Only
words of at least MIN_LETTERS letters are stemmed: a shorter word's stem says little («по»).

A noun made of a verb is a form too, and the verb of it: «сортировка» finds «сортировать»
and «сортировали», «подписание» «подписали», and back. Snowball stems them apart
(«сортировк», «сортирова»), so a stem ending in a suffix of DERIVING, with at least MIN_ROOT
letters left (root_of), finds the words whose stems begin with what is left. Nothing else
is widened: «ОБСЕ» (stem «обс») still finds no «обсудили».
"""

from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 3
#: The most letters the stemmer strips from a word (an ending, a reflexive -ся, -ость,
#: -нн-): a longer word starting with a stem is no form of it and is not stemmed.
MAX_ENDING = 8
#: Each interface language's (core/i18n.LANGUAGES) Snowball stemmer and the letters of its
#: words (folded: lower case, ё as е).
STEMMERS = {"ru": ("russian", re.compile(r"[а-яё]+")),
            "en": ("english", re.compile(r"[a-z]+"))}


#: What makes a noun of a verb (-к-а, -ан-ие, -ен-ие) or is a verb's theme vowel (-а-ть,
#: -я-ть), at a Snowball stem's end: «сортировк», «сортирова» → «сортиров».
DERIVING = ("ан", "ен", "к", "а", "я")
#: -ик-а is no verb's noun: «политика», «экономика» and «практика» would find «политический»,
#: «экономист» and «практически».
SCIENCE = "ик"
#: The fewest letters a root keeps: a shorter one is a stem of many words («реш», «измен»).
MIN_ROOT = 6


@lru_cache(maxsize=len(STEMMERS))
def _stemmer(lang: str):  # type: ignore[no-untyped-def]
    import snowballstemmer  # only when a word is first looked up

    return snowballstemmer.stemmer(STEMMERS[lang][0])


@lru_cache(maxsize=1 << 16)
def stem(word: str, lang: str = "ru") -> str:
    """The Snowball stem of a folded (lower case) word in `lang` (Russian unless told)."""
    return str(_stemmer(lang).stemWord(word))


def language_of(word: str) -> str:
    """The language whose letters the folded `word` is written in ("ru", "en"); "" for
    none: digits, a mix of scripts, or nothing."""
    return next((lang for lang, (_, letters) in STEMMERS.items()
                 if letters.fullmatch(word)), "")


def stem_of(term: str, langs: tuple[str, ...] = ("ru",)) -> str:
    """The stem whose forms `term` (a folded query word) finds, by the stemmer of its
    language if that is one of `langs` (search: Russian alone); "" when it has none: in
    another language or script, shorter than MIN_LETTERS, or a stem shorter than that."""
    lang = language_of(term)
    if len(term) < MIN_LETTERS or lang not in langs:
        return ""
    found = stem(term, lang)
    return found if len(found) >= MIN_LETTERS else ""


def root_of(stem_: str) -> str:
    """The part of a stem (from stem_of) its derived words share: `stem_` without a
    suffix of DERIVING when MIN_ROOT letters are left, else `stem_` itself."""
    if stem_.endswith(SCIENCE):
        return stem_
    for suffix in DERIVING:
        if stem_.endswith(suffix) and len(stem_) - len(suffix) >= MIN_ROOT:
            return stem_[:-len(suffix)]
    return stem_


def is_form(word: str, stem_: str) -> bool:
    """Whether the folded Russian `word` is a form of the word whose stem is `stem_` (from
    stem_of; "" is the stem of nothing): its stem is `stem_`, or begins with root_of(stem_)
    when that is shorter (a noun of a verb, the verb of a noun)."""
    if not stem_:
        return False
    root = root_of(stem_)
    if not word.startswith(root) or len(word) - len(root) > MAX_ENDING:
        return False
    own = stem(word)
    return own == stem_ or (root != stem_ and own.startswith(root))


def begins_as(word: str, stem_: str) -> bool:
    """Whether the folded `word`'s own stem, in its language, begins with `stem_` (from
    stem_of): is_form's looser kin for a filter of short lines, where "compare" should find
    "comparison" and "copies" "copy" («сортирует» «сортировать»), and the word is at hand
    rather than in an index to be looked up in."""
    lang = language_of(word)
    return bool(stem_ and lang) and stem(word, lang).startswith(stem_)
