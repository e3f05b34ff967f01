"""The words a search index holds, sorted once so a query term's matches are found in C.

A term matches a word as the word itself, its start or inside it (the folded form), else
as the whole skeleton or its start (core/ranking.py has the weights). Scanning every word
in Python for each keystroke cost ~20–40 ms at 1000x; here the words that start with the
term, and those whose skeleton does, are one range each of a sorted list (bisect), and the
words holding it inside are one `find` walk over the words joined by newlines.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from kzt_tui.core import ranking
from kzt_tui.core.textnorm import skeleton
from kzt_tui.core.wordforms import is_form, root_of, stem_of

#: Past every character a word can hold: `prefix + _END` bounds the words that start with it.
_END = "\U0010ffff"


class Lexicon:
    """Folded words (no newline in any) → the weight a query term matches each with."""

    def __init__(self, words: Iterable[str]) -> None:
        given = list(words)
        self.words = sorted(given)
        #: One word a line, as given (the index's first-seen order: the words found inside
        #: come out in it, and looking their postings up in a set that order took ~15 %
        #: less time than in sorted order at 1000x), a newline before the first and after
        #: the last.
        self._joined = "\n" + "\n".join(given) + "\n"
        pairs = sorted((skeleton(word), word) for word in self.words)
        self._skeletons = [skel for skel, _ in pairs]
        self._by_skeleton = [word for _, word in pairs]

    def __len__(self) -> int:
        return len(self.words)

    def _containing(self, term: str) -> Iterator[str]:
        """The words that hold `term`, in the vocabulary's order: one `find` walk over the
        joined words, each word's line taken once (linear in the words' length, whatever
        the term: a regex retried the term at every character of every word)."""
        joined, find = self._joined, self._joined.find
        at = find(term) if term and "\n" not in term else -1
        while at != -1:
            start = joined.rfind("\n", 0, at) + 1
            end = find("\n", at)
            yield joined[start:end]
            at = find(term, end)

    def matching(self, term: str) -> dict[str, float]:
        """Words `term` matches, with a weight: the word or a Russian form of it
        (core/wordforms), its start, inside it; else the skeleton, whole or its start
        (`skel and word_skel.startswith(skel)`)."""
        found = dict.fromkeys(self._containing(term), ranking.INSIDE)
        words = self.words
        found.update(dict.fromkeys(
            words[bisect_left(words, term):bisect_left(words, term + _END)], ranking.START))
        if term in found:
            found[term] = ranking.WORD
        form_stem = stem_of(term)  # пшеница: пшеницы and пшеницу are the word too
        if form_stem:
            root = root_of(form_stem)  # сортировка: сортировать too
            for word in words[bisect_left(words, root):bisect_left(words, root + _END)]:
                if is_form(word, form_stem):  # the term itself too: WORD as it is
                    found[word] = ranking.WORD
        skel = skeleton(term)
        if not skel:
            return found
        skels, owners = self._skeletons, self._by_skeleton
        low, same = bisect_left(skels, skel), bisect_right(skels, skel)
        by_skeleton = dict.fromkeys(owners[same:bisect_left(skels, skel + _END)],
                                    ranking.START_SKELETON)
        by_skeleton.update(dict.fromkeys(owners[low:same], ranking.WORD_SKELETON))
        by_skeleton.update(found)  # the folded form first, whatever its weight
        ordered: dict[str, float] = dict.fromkeys(found, 0.0)  # its order, then the rest
        ordered.update(by_skeleton)
        return ordered
