"""Quote → exact span in its source text, and diagnostics for quotes that do not match."""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass

from kzt_tui.core.model import Span

#: Look-alike characters folded together when explaining why a quote does not match.
#: Every entry maps one character to one character, so offsets survive the folding.
_LOOKALIKE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "ё": "е",
        "Ё": "Е",
        "–": "-",
        "—": "-",
        "‑": "-",
        "«": '"',
        "»": '"',
        "“": '"',
        "”": '"',
        "„": '"',
        "’": "'",
        "‘": "'",
    }
)


def normalise_newlines(text: str) -> str:
    """Drop a leading BOM and turn CRLF/CR into LF: offsets are taken on this form."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


#: Characters per block of LineIndex: a line number costs a count over at most this many.
_BLOCK = 4096
#: Occurrences of one quote that are counted: far more than any real citation needs, and
#: a bound on the work for a quote such as "a" in 16 MB of "a" (16 million occurrences;
#: listing them all took 47 s and 680 MB for nine citations).
MAX_COUNTED = 10_000
#: Characters in a quote: each occurrence found compares all of them, and explaining a quote
#: not found bisects over them (the longest quote in data/curated.yaml has 299).
MAX_QUOTE = 2_000
#: What one load may spend grounding its citations, all citations together (a citation
#: repeated through YAML aliases pays each time): characters of quotes compared while
#: counting occurrences (~1.5 ns each: 10,000 occurrences of a 2,000-character quote are
#: 20 million, ~30 ms; the shipped data needs ~0.1 million) …
COMPARE_BUDGET = 500_000_000
#: … quotes not found that are explained (diagnose) …
MAX_EXPLAINED = 20
#: … and characters of source passed over to explain them (a 2,000-character quote not in
#: 16 MB is ~24 passes, ~0.65 s: this pays for about one such, or hundreds of ordinary ones).
EXPLAIN_BUDGET = 400_000_000


class LineIndex:
    """Offsets ↔ 1-based line numbers of one text, and its look-alike-folded form (made
    once, when a quote first needs explaining: a fold of 16 MB of Cyrillic takes 1 s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Newlines before each block, not each line's start: a text of 16 million newlines
        # would need a list of 16 million ints (~600 MB).
        self.before = array("q", [0])
        total = 0
        for start in range(0, len(text), _BLOCK):
            total += text.count("\n", start, start + _BLOCK)
            self.before.append(total)
        self._folded: str | None = None

    def line_of(self, offset: int) -> int:
        """1-based line holding `offset`."""
        offset = max(0, min(offset, len(self.text)))
        block = offset // _BLOCK
        return self.before[block] + self.text.count("\n", block * _BLOCK, offset) + 1

    def col_of(self, offset: int) -> int:
        """1-based column of `offset`."""
        return offset - self.text.rfind("\n", 0, offset)

    def span(self, start: int, end: int) -> Span:
        """A Span with the lines of [start, end), offsets in the text (0 <= start <= end <=
        its length): the last line is the first plus the newlines in between, not counted
        again from its block's start."""
        first = self.line_of(start)
        return Span(start, end, first, first + self.text.count("\n", start, max(start, end - 1)))

    def folded(self) -> str:
        """The text with look-alike characters folded (same length, same offsets)."""
        if self._folded is None:
            self._folded = self.text.translate(_LOOKALIKE)
        return self._folded


class GroundingBudget:
    """What is left of a load's grounding work (see COMPARE_BUDGET, MAX_EXPLAINED,
    EXPLAIN_BUDGET): one for all the citations of a load."""

    def __init__(self, compared: int = COMPARE_BUDGET, explained: int = MAX_EXPLAINED,
                 scanned: int = EXPLAIN_BUDGET) -> None:
        self.compare_limit = self.compared = compared
        self.explained = explained
        self.scanned = scanned

    def explain(self, text: str, quote: str) -> bool:
        """Pay for explaining `quote` (False: no budget left for it)."""
        # the fold, a find in it, two bisections of a find each over the quote's length
        cost = len(text) * (2 + 2 * max(1, len(quote)).bit_length())
        if self.explained <= 0 or cost > self.scanned:
            return False
        self.explained -= 1
        self.scanned -= cost
        return True


class _Spent(Exception):
    """The load's budget for comparing characters is spent."""


def occurrences(text: str, quote: str, limit: int | None = None,
                budget: GroundingBudget | None = None) -> list[int]:
    """Start offsets of the occurrences (possibly overlapping) of `quote` in `text`: every
    one, or the first `limit`. Each find is paid from `budget` (_Spent when it is empty)."""
    found: list[int] = []
    pos = 0
    while limit is None or len(found) < limit:
        if budget is not None:
            budget.compared -= len(quote)
            if budget.compared < 0:
                raise _Spent
        pos = text.find(quote, pos)
        if pos == -1:
            break
        found.append(pos)
        pos += 1
    return found


@dataclass(frozen=True, slots=True)
class Grounded:
    """A quote resolved to its span."""

    span: Span


@dataclass(frozen=True, slots=True)
class Ungrounded:
    """Why a quote could not be resolved, in one line a user can act on."""

    message: str
    hint: str | None = None


def _char(c: str) -> str:
    name = unicodedata.name(c, "unnamed")
    if c.isprintable() and not c.isspace():
        return f"«{c}» (U+{ord(c):04X} {name})"
    return f"U+{ord(c):04X} {name}"


def _excerpt(text: str, start: int, length: int) -> str:
    piece = text[start : start + length]
    if start + length < len(text):
        piece += "…"
    return piece.replace("\n", "⏎")


def diagnose(text: str, quote: str, lines: LineIndex) -> Ungrounded:
    """Explain a quote that is absent from `text`: closest passage and first difference."""
    if not quote.strip():
        return Ungrounded("quote is empty")
    folded_text, folded_quote = lines.folded(), quote.translate(_LOOKALIKE)
    pos = folded_text.find(folded_quote)
    if pos != -1:
        diffs = [
            i for i, (a, b) in enumerate(zip(text[pos:], quote, strict=False)) if a != b
        ][:3]
        what = "; ".join(
            f"col {lines.col_of(pos + i)}: source has {_char(text[pos + i])}, "
            f"quote has {_char(quote[i])}"
            for i in diffs
        )
        return Ungrounded(
            f"quote not found verbatim; it matches line {lines.line_of(pos)} only if look-alike "
            f"characters are folded ({what})",
            "copy the characters from the source exactly (no-break spaces, ё, dashes, «»)",
        )
    # The longest prefix of the quote that the source holds, found by bisection.
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    prefix = lo
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[-mid:] in text:
            lo = mid
        else:
            hi = mid - 1
    suffix = lo
    if max(prefix, suffix) < min(12, max(1, len(quote) // 2)):
        return Ungrounded(
            "quote not found, and no passage of the document resembles it",
            "check the citation's doc id, or copy the passage from the source",
        )
    if prefix >= suffix:
        start = text.find(quote[:prefix])
        at = start + prefix
        source_char = _char(text[at]) if at < len(text) else "the end of the text"
        return Ungrounded(
            f"quote not found; closest passage at line {lines.line_of(start)}: "
            f"«{_excerpt(text, start, min(len(quote), 80))}» — the first {prefix} characters "
            f"match, then the quote has {_char(quote[prefix])} where the source has "
            f"{source_char} (line {lines.line_of(at) if at < len(text) else '-'})",
            "fix the quote from that character on",
        )
    end = text.find(quote[-suffix:]) + suffix
    start = max(0, end - len(quote))
    at = len(quote) - suffix - 1
    source_at = end - suffix - 1
    return Ungrounded(
        f"quote not found; closest passage ends at line {lines.line_of(end - 1)}: "
        f"«{_excerpt(text, start, min(len(quote), 80))}» — the last {suffix} characters "
        f"match; before them the quote has {_char(quote[at])} where the source has "
        f"{_char(text[source_at]) if source_at >= 0 else 'the start of the text'}",
        "fix the quote up to that character",
    )


def ground(
    text: str, quote: str, occurrence: int | None, lines: LineIndex | None = None,
    explain: bool = True, budget: GroundingBudget | None = None,
) -> Grounded | Ungrounded:
    """Resolve `quote` in `text` (1-based `occurrence` when it appears more than once).
    Occurrences are looked for only as far as needed, and at most MAX_COUNTED of them;
    `explain`: say why an absent quote is absent (costs a few passes over the text);
    `budget`: the load's, that this pays from (a budget of its own if not given)."""
    if budget is None:
        budget = GroundingBudget()
    try:
        return _ground(text, quote, occurrence, lines or LineIndex(text), explain, budget)
    except _Spent:
        return Ungrounded(
            f"quote not checked: this load has already compared {budget.compare_limit:,} "
            "characters of quotes with their sources",
            "shorten the quotes that occur many times, or give fewer citations of them",
        )


def _ground(text: str, quote: str, occurrence: int | None, lines: LineIndex, explain: bool,
            budget: GroundingBudget) -> Grounded | Ungrounded:
    if not quote:
        return Ungrounded("quote is empty")
    if len(quote) > MAX_QUOTE:
        return Ungrounded(f"quote is {len(quote):,} characters long; the limit is "
                          f"{MAX_QUOTE:,}",
                          "cite a shorter passage, or split it into several citations")
    # unique or not needs two; the asked-for one needs that many
    found = occurrences(text, quote, min(max(occurrence or 2, 2), MAX_COUNTED + 1), budget)
    if not found:
        if not explain:
            return Ungrounded("quote not found")
        if not budget.explain(text, quote):
            return Ungrounded("quote not found (not explained: too many)")
        return diagnose(text, quote, lines)
    if occurrence is not None and len(found) == 1:  # says more than the text needs
        return Ungrounded(
            f"`occurrence: {occurrence}` given, but the quote occurs once "
            f"(line {lines.line_of(found[0])})",
            "remove `occurrence`: it is only for a quote that occurs more than once",
        )
    if occurrence is None:
        if len(found) > 1:
            found = occurrences(text, quote, MAX_COUNTED + 1, budget)
            where = ", ".join(str(lines.line_of(p)) for p in found[:6])
            times = (f"more than {MAX_COUNTED:,}" if len(found) > MAX_COUNTED
                     else f"{len(found):,}")
            return Ungrounded(
                f"quote occurs {times} times (lines {where}); it must be disambiguated",
                "add `occurrence: N` (1 = first) or lengthen the quote",
            )
        occurrence = 1
    if occurrence > len(found):
        if len(found) > MAX_COUNTED:
            return Ungrounded(
                f"occurrence {occurrence} asked for, but only the first {MAX_COUNTED:,} "
                "occurrences of a quote are counted",
                "lengthen the quote so that it occurs fewer times",
            )
        # found holds two or more here: one is refused above, or is the first occurrence
        return Ungrounded(
            f"occurrence {occurrence} asked for, but the quote occurs {len(found):,} times",
            f"use an occurrence from 1 to {len(found):,}",
        )
    start = found[occurrence - 1]
    return Grounded(lines.span(start, start + len(quote)))
