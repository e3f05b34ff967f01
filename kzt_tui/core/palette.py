"""How a command of the palette ranks for what the user typed: by the words a user types,
not only the letters of its name.

A command is found by its name, its synonyms (the words a user may type for it: "coverage"
for the next unaccounted sentence, "language" for English/Russian) and its description.
A command whose name has a word that starts with each typed word (or is a form of it,
core/wordforms: "sorting" finds "Sort") ranks first, then one whose synonyms have them, then
one whose description has them; all rank above one whose name merely holds the typed
letters in order ("cite" in "Close or clear the filter"), whatever the fuzzy matcher's
score of those letters.

Textual-free: the palette (commands.py) passes its fuzzy matcher in as `fuzzy`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kzt_tui.core.i18n import LANGUAGES
from kzt_tui.core.textnorm import fold
from kzt_tui.core.wordforms import begins_as, stem_of

#: A hit where each typed word starts a word of the name counts this many times its fuzzy
#: score. In textual.fuzzy, typed letters scattered over a name score under 4 per letter,
#: a run inside a word 3 per letter, and a typed word at a word's start 3 per letter and 3
#: more: doubled, the word start ranks first.
WORD_START = 2.0
#: The same in the synonyms alone: one and a half times, still above letters alone (4.5
#: per letter and more), below the same word in a name (6 and more).
SYNONYM = 1.5
#: A hit in the description alone counts half its fuzzy score: found, below the names.
DESCRIPTION = 0.5

_WORD = re.compile(r"\w+")


def _starts(typed: list[str], words: list[str]) -> bool:
    """Whether each typed word starts one of `words`, or is a form of one (by its stem)."""
    for word in typed:
        stem_ = stem_of(word, LANGUAGES)
        if not any(w.startswith(word) or begins_as(w, stem_) for w in words):
            return False
    return True


def command_score(query: str, name: str, synonyms: str, description: str,
                  fuzzy: Callable[[str], float]) -> float:
    """The rank of a command for `query` (0: not found): the fuzzy score of its name,
    synonyms or description, weighed by where the typed words start words (WORD_START,
    SYNONYM, DESCRIPTION); `fuzzy` is the palette's matcher of the query (a score, 0 for
    none). At least the weight itself when found by words the fuzzy matcher scores 0."""
    typed = _WORD.findall(fold(query))
    if not typed:
        return fuzzy(name)
    own = _WORD.findall(fold(name))
    if _starts(typed, own):
        return WORD_START * max(fuzzy(name), 1.0)
    own += _WORD.findall(fold(synonyms))
    if _starts(typed, own):
        return SYNONYM * max(fuzzy(synonyms), fuzzy(name), 1.0)
    if _starts(typed, own + _WORD.findall(fold(description))):
        return max(fuzzy(name), DESCRIPTION * max(fuzzy(description), 1.0))
    return fuzzy(name)
