"""Quote → exact span in its source text, and diagnostics for quotes that do not match."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from itertools import accumulate

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


class LineIndex:
    """Offsets ↔ 1-based line numbers of one text.

    Holds the number of newlines before each block of `BLOCK` characters (counted by
    str.count, in C), not the start of every line: a text of 16 MB of newlines made a list
    of 16 million ints (~600 MB and seconds at load). A lookup counts the newlines of one
    block at most."""

    BLOCK = 65536

    def __init__(self, text: str) -> None:
        self.text = text
        block = self.BLOCK
        self._before = list(accumulate(
            (text.count("\n", at, at + block) for at in range(0, len(text), block)),
            initial=0,
        ))

    def line_of(self, offset: int) -> int:
        """1-based line holding `offset`."""
        offset = max(0, min(offset, len(self.text)))
        block = offset // self.BLOCK
        return self._before[block] + self.text.count("\n", block * self.BLOCK, offset) + 1

    def col_of(self, offset: int) -> int:
        """1-based column of `offset`."""
        return offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def span(self, start: int, end: int) -> Span:
        """A Span with the lines of [start, end)."""
        return Span(start, end, self.line_of(start), self.line_of(max(start, end - 1)))


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `quote` in `text`."""
    found: list[int] = []
    pos = text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
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
    folded_text, folded_quote = text.translate(_LOOKALIKE), quote.translate(_LOOKALIKE)
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
    text: str, quote: str, occurrence: int | None, lines: LineIndex | None = None
) -> Grounded | Ungrounded:
    """Resolve `quote` in `text` (1-based `occurrence` when it appears more than once)."""
    lines = lines or LineIndex(text)
    if not quote:
        return Ungrounded("quote is empty")
    found = occurrences(text, quote)
    if not found:
        return diagnose(text, quote, lines)
    if occurrence is None:
        if len(found) > 1:
            where = ", ".join(str(lines.line_of(p)) for p in found[:6])
            return Ungrounded(
                f"quote occurs {len(found)} times (lines {where}); it must be disambiguated",
                "add `occurrence: N` (1 = first) or lengthen the quote",
            )
        occurrence = 1
    if occurrence > len(found):
        return Ungrounded(
            f"occurrence {occurrence} asked for, but the quote occurs {len(found)} time"
            f"{'s' if len(found) > 1 else ''}",
            f"use an occurrence from 1 to {len(found)}",
        )
    start = found[occurrence - 1]
    return Grounded(lines.span(start, start + len(quote)))
