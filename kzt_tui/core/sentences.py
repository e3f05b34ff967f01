"""Russian source texts cut into sentences, with their offsets: what `coverage` counts.

The texts are one paragraph per line, so a line is never joined to the next: each
non-blank line is at least one sentence (a headline, a byline, "Фото: …" and a list item
end without a full stop). Inside a line a sentence ends at . ! ? or … (and the closing
quotes or brackets after it) followed by a space and a capital, a digit, an opening quote
or a dash — unless the dot ends a list item's number ("1. Торговля"), an initial
("К.-Ж. Токаев", "С. Бердымухамедов") or an abbreviation that does not end sentences
("им. Абая", "ул.", "т.е."). Abbreviations that
often do end one ("млн.", "г.", "т.д.") end it when a capital follows. Decimal commas
($363,6 млн) and dates (24.11.2025) have no space after the mark, so never split.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a text: character offsets [start, end) and its 1-based line."""

    start: int
    end: int
    line: int
    text: str


#: Abbreviations (lower case, without their final dot) after which a sentence never ends:
#: a name or a number always follows.
NEVER_END = frozenset({
    "им", "ул", "пр", "пл", "просп", "д", "кв", "стр", "т", "т.е", "т.к", "т.н", "напр",
    "см", "ср", "проф", "акад", "доц", "г-н", "г-жа", "гр", "св", "ст", "рис", "табл",
    "п", "пп", "ч", "гл", "разд", "тел", "мр", "mr", "mrs", "dr", "st", "vs", "no",
})
#: Abbreviations that end a sentence as often as not: a capital after them starts one.
MAY_END = frozenset({
    "г", "гг", "в", "вв", "млн", "млрд", "трлн", "тыс", "руб", "долл", "др", "т.д", "т.п",
    "и.т.д", "км", "кг", "га", "etc",
})

_TERMINAL = re.compile(r"[.!?…]+[»”\"')\]]*")
#: What may open a sentence after the space: a capital (Cyrillic or Latin), a digit, an
#: opening quote or bracket, or a dash of direct speech.
_OPENER = re.compile(r"[\s\u00a0\u202f]+(?=[A-ZА-ЯЁ0-9«„“\"'(\[—–]|-\s)")
_WORD_BEFORE = re.compile(r"([\w.\-]+)$")
#: Characters before a dot in which the word it closes is looked for: far longer than any
#: abbreviation or initial, and a bound on the work per dot (a search from the line's
#: start made a 100 KB line of dots take minutes).
WORD_WINDOW = 64
#: Sentences of one text that are counted: far more than a news text has (the shipped
#: ones have under 100), and a bound on memory for a text of millions of short lines.
MAX_SENTENCES = 100_000
_LINE = re.compile(r"[^\n]+")


def _ends_here(line: str, dot: int, mark: str, opener: str, lead: int) -> bool:
    """Whether the terminal `mark` found at `dot` in `line` ends a sentence, judged by the
    word it closes and the `opener` character after the space; `lead`: where the line's
    text starts (after its indentation)."""
    if not mark.startswith("."):
        return True  # ! ? … end sentences whatever precedes them
    if mark.startswith("..."):
        return True
    got = _WORD_BEFORE.search(line, max(0, dot - WORD_WINDOW), dot)
    if got is None:
        return True
    word = got.group(1).lower().strip("-")
    last = word.rsplit("-", 1)[-1] if "-" in word and "." in word else word
    # An initial: one capital letter ("С."), or the last of hyphenated ones ("К.-Ж.").
    raw = got.group(1)
    if (len(raw) == 1 and raw.isupper()) or re.fullmatch(r"(?:[A-ZА-ЯЁ]\.-?)+[A-ZА-ЯЁ]", raw):
        return False
    if raw.isdigit() and got.start() <= lead:
        return False  # a list item's number: "1. Торговля и кооперация…"
    if word in NEVER_END or last in NEVER_END:
        return False
    if word in MAY_END or last in MAY_END:
        return opener.isupper()  # "2025 г. Президент", not "в 2024 г. 15 мая"
    return True


def _split_line(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of one line, relative to the line, trimmed; made as
    they are found, so a caller that has enough stops the work on a long line."""
    lead = len(line) - len(line.lstrip())
    start = 0
    for match in _TERMINAL.finditer(line):
        after = _OPENER.match(line, match.end())
        if after is None:
            continue
        if _ends_here(line, match.start(), match.group(), line[after.end()], lead):
            yield from _trimmed(line, start, match.end())
            start = match.end()
    yield from _trimmed(line, start, len(line))


def _trimmed(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """line[start:end] without its outer spaces, if anything is left."""
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(stripped)


def split_sentences(text: str, limit: int = MAX_SENTENCES) -> list[Sentence]:
    """The sentences of `text`, in order, at most `limit` of them (a text with more is
    cut there: the caller can tell by the count); a blank line holds none."""
    out: list[Sentence] = []
    number, at = 1, 0
    for found in _LINE.finditer(text):  # blank lines are skipped in C, not one by one
        number += text.count("\n", at, found.start())
        at, offset, line = found.start(), found.start(), found.group()
        for start, end in _split_line(line):
            out.append(Sentence(offset + start, offset + end, number, line[start:end]))
            if len(out) >= limit:
                return out
    return out
