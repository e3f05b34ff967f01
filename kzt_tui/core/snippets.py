"""Where a search query matches a text, and the words around it: what a search hit shows.

The rule is the index's (core/search.py): a query term matches a word when it is a
substring of the folded word, or when the word's skeleton starts with the term's. A
substring is marked exactly; a skeleton match marks the shortest start of the word that
spells the term (and the glides after it), so `aktau` marks «Актау» in «Актауский».
Offsets are the text's own: fold maps one character to one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kzt_tui.core import ranking
from kzt_tui.core.describe import filter_text
from kzt_tui.core.model import Record, all_citations
from kzt_tui.core.textnorm import fold, skeleton
from kzt_tui.core.wordforms import is_form, stem_of

_WORD = re.compile(r"\w+")
#: Words of context kept before and after the first match.
WORDS_BEFORE = 8
WORDS_AFTER = 16
#: Characters of context at most, whatever the words (a source may be one huge "word").
CHARS_BEFORE = 60
CHARS_AFTER = 120
ELLIPSIS = "…"
#: Newlines and tabs shown as spaces, one for one: a snippet is one line.
_ONE_LINE = str.maketrans("\n\r\t\v\f", "     ")


@dataclass(frozen=True, slots=True)
class Match:
    """Term number `term` of the query matches text[start:end]."""

    start: int
    end: int
    term: int


@dataclass(frozen=True, slots=True)
class Snippet:
    """One line of context: `text`, its matched parts `marks` ((start, end) in `text`)
    and among them `focus`, the match the context was chosen around."""

    text: str
    marks: tuple[tuple[int, int], ...]
    focus: tuple[int, int]

    def fit(self, width: int) -> Snippet:
        """At most `width` characters with the focus in view: the context before it is cut
        (to a third of the width at most), then the end; an ELLIPSIS says where."""
        if len(self.text) <= width or width < 3:
            return self
        text, marks, focus = self.text, self.marks, self.focus
        keep = max(1, width // 3)
        if focus[0] > keep:
            # no more than the text is too long; the character after the cut becomes an
            # ELLIPSIS
            cut = min(focus[0] - keep + 1, len(text) - width + 1)

            def moved(span: tuple[int, int]) -> tuple[int, int]:
                return max(1, span[0] - cut + 1), span[1] - cut + 1

            text = ELLIPSIS + text[cut:]
            marks = tuple(moved(m) for m in marks if m[1] - cut + 1 > 1)
            focus = moved(focus)
        if len(text) > width:
            end = width - 1
            text = text[:end] + ELLIPSIS
            marks = tuple((s, min(e, end)) for s, e in marks if s < end)
            focus = (min(focus[0], end), min(focus[1], end))
        return Snippet(text, marks, focus)


def _skeleton_prefix(word: str, skel: str) -> int:
    """How many characters of `word` spell `skel`: the fewest whose skeleton starts with it,
    and the glides after them (letters the skeleton drops)."""
    end = next((k for k in range(1, len(word) + 1) if skeleton(word[:k]).startswith(skel)),
               len(word))
    while end < len(word) and skeleton(word[: end + 1]) == skeleton(word[:end]):
        end += 1
    return end


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"  # what \w matches in a str pattern


def _scan(text: str, terms: Sequence[str], start: int, end: int) -> Iterator[Match]:
    """The matches in the words of text[start:end], in order, made as they are asked for:
    a 16 MB source line is never folded, split or listed whole."""
    skels = [skeleton(term) for term in terms]
    stems = [stem_of(term) for term in terms]
    for m in _WORD.finditer(text, start, end):
        word = fold(m.group())
        for n, term in enumerate(terms):
            at = word.find(term) if term else -1
            if at >= 0:
                yield Match(m.start() + at, m.start() + at + len(term), n)
                break
            if is_form(word, stems[n]):  # the whole word: пшеницы for пшеница
                yield Match(m.start(), m.end(), n)
                break
            if skels[n] and skeleton(word).startswith(skels[n]):
                yield Match(m.start(), m.start() + _skeleton_prefix(word, skels[n]), n)
                break


def matches(text: str, terms: Sequence[str]) -> list[Match]:
    """Every place a term of `terms` (folded query words) matches in `text`, in order; a
    word matched by several terms counts for the first."""
    return list(_scan(text, terms, 0, len(text)))


def snippet(text: str, terms: Sequence[str], *, before: int = WORDS_BEFORE,
            after: int = WORDS_AFTER) -> tuple[Snippet, Match] | None:
    """The words around the first term's first match (or the first match of any term)
    on one line, every match inside marked; with that match. None if no term matches.

    Only the matched word's neighbourhood is read (CHARS_BEFORE and CHARS_AFTER around
    it), after a scan that stops at the first term's first match."""
    first: Match | None = None
    for match in _scan(text, terms, 0, len(text)):
        if match.term == 0:
            first = match
            break
        first = first or match
    if first is None:
        return None
    lo_bound = max(0, first.start - CHARS_BEFORE)
    hi_bound = min(len(text), first.end + CHARS_AFTER)
    word_start = first.start
    while word_start > lo_bound and _is_word(text[word_start - 1]):
        word_start -= 1
    starts = [m.start() for m in _WORD.finditer(text, lo_bound, word_start)]
    lo = starts[-before] if before and len(starts) > before else lo_bound
    ends = [m.end() for m in _WORD.finditer(text, word_start, hi_bound)]
    hi = max(first.end, ends[after] if len(ends) > after + 1 else hi_bound)
    prefix = ELLIPSIS if lo > 0 else ""
    body = prefix + text[lo:hi].translate(_ONE_LINE) + (ELLIPSIS if hi < len(text) else "")
    shift = len(prefix) - lo
    # whole words at the window's edges (up to a bound), so a cut word is matched as a word
    scan_lo, scan_hi = lo, hi
    while scan_lo > max(0, lo - CHARS_BEFORE) and _is_word(text[scan_lo - 1]):
        scan_lo -= 1
    while scan_hi < min(len(text), hi + CHARS_AFTER) and _is_word(text[scan_hi]):
        scan_hi += 1
    marks = [(m.start + shift, min(m.end, hi) + shift)
             for m in _scan(text, terms, scan_lo, scan_hi) if lo <= m.start < hi]
    focus = (first.start + shift, min(first.end, hi) + shift)
    if focus not in marks:
        # its word starts past the bound: read from there, it can match another term at
        # its cut start (before the window, unmarked) and so not the focus, which the
        # whole word does; no word before it is shown
        marks.insert(0, focus)
    return Snippet(body, tuple(marks), focus), first


def record_fields(record: Record) -> list[tuple[str, str]]:
    """What search reads of a record, field by field: (label, text); the most telling
    first (a tie between fields goes to the first), the record's id last."""
    fields = [("title (en)", record.label("en")), ("title (ru)", record.label("ru"))]
    cites = all_citations(record)
    for n, cite in enumerate(cites, 1):
        number = f" {n}" if len(cites) > 1 else ""
        fields.append((f"quote{number}", cite.quote))
        if cite.translation:
            fields.append((f"translation{number}", cite.translation))
    notes = getattr(record, "notes", None)
    if isinstance(notes, str) and notes:
        fields.append(("notes", notes))
    named = {record.id, record.label("en"), record.label("ru")}
    details = [p for p in filter_text(record).split("\n") if p not in named]
    if details:
        fields.append(("details", "; ".join(details)))
    fields.append(("id", record.id))
    return fields


def weight(word: str, term: str) -> float:
    """The weight (core/ranking) with which the folded `word` matches the folded `term`,
    as the index gives it (core/lexicon.py Lexicon.matching): the word or a form of it,
    its start, inside it, else by skeleton, whole or its start; 0.0 for no match."""
    if word == term or is_form(word, stem_of(term)):
        return ranking.WORD
    if word.startswith(term):
        return ranking.START
    if term in word:
        return ranking.INSIDE
    skel = skeleton(term)
    if skel:
        word_skel = skeleton(word)
        if word_skel == skel:
            return ranking.WORD_SKELETON
        if word_skel.startswith(skel):
            return ranking.START_SKELETON
    return 0.0


def _word_at(text: str, at: int) -> str:
    """The folded word of `text` that holds position `at`."""
    start = at
    while start > 0 and _is_word(text[start - 1]):
        start -= 1
    found = _WORD.match(text, start)
    return fold(found.group()) if found else ""


def field_score(text: str, terms: Sequence[str], enough: float | None = None
                ) -> tuple[int, float]:
    """How well `text` matches `terms`: how many of them it holds, and the sum of each
    one's best weight in it (what the index scores a unit of that text). The scan stops
    once nothing can score more: every term matched as a word, or, given `enough` (the
    score of the unit the text is part of), every term held for that much."""
    best: dict[int, float] = {}
    words = 0  # terms matched as a word
    for m in _scan(text, terms, 0, len(text)):
        got = weight(_word_at(text, m.start), terms[m.term])
        if got <= best.get(m.term, 0.0):
            continue
        best[m.term] = got
        if got == ranking.WORD:
            words += 1
        if words == len(terms) or (enough is not None and len(best) == len(terms)
                                   and sum(best.values()) >= enough):
            break
    return len(best), sum(best.values())


def best_field(record: Record, terms: Sequence[str], score: float | None = None
               ) -> tuple[str, Snippet, Match] | None:
    """The field of `record` whose match gave its score: the one holding the most terms,
    among them the one whose matches weigh most (field_score; the first of a tie), with
    its snippet; None if no field matches. "ПОРТ" shows «о порте» (the word's form,
    3 points), not the title "Port notes" (its skeleton, 2.5) listed before it.

    Each field is scanned once and the snippet made for the chosen one only. No field is
    read after one that holds every term as a word or, given `score` (the record's, from
    the index: no field can score more), for that score: a later one could only tie."""
    top = ranking.WORD * len(terms) if score is None else score
    best: tuple[tuple[int, float], str, str] | None = None
    for label, text in record_fields(record):
        got = field_score(text, terms, score)
        if got[0] and (best is None or got > best[0]):
            best = (got, label, text)
            if got[0] == len(terms) and got[1] >= top:
                break
    if best is None:
        return None
    found = snippet(best[2], terms)
    assert found is not None  # the field holds a match: field_score found it
    return (best[1], *found)
