"""Text folding for matching (case, ё/е, Cyrillic↔Latin) and making text safe to display."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CYR_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Kazakh and Turkmen letters that appear in names
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "і": "i", "җ": "j", "ň": "n", "ž": "zh", "ş": "sh", "ç": "ch", "ý": "y",
}  # fmt: skip

# Spelling variants that Latin renderings of the same name disagree on.
_FOLDS = (("shch", "sh"), ("kh", "h"), ("zh", "j"), ("ts", "c"), ("q", "k"), ("w", "v"))
_GLIDES = str.maketrans("", "", "yij'’ʼ")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case with ё→е, one character for one, so offsets carry over to the original."""
    out = text.lower()
    if len(out) != len(text):  # a few characters lower to two; keep those as they were
        out = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return out.replace("ё", "е")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A script-neutral key: Cyrillic transliterated, accents dropped, spelling variants folded.

    `galkynysh`, `Галкыныш` and `Galkinish` share one skeleton, so Latin input finds
    Cyrillic text and the reverse.
    """
    word = fold(word)
    latin = "".join(_CYR_LAT.get(c, c) for c in word)
    latin = "".join(
        c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c)
    )
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    return latin.translate(_GLIDES)


def query_terms(query: str) -> list[str]:
    """The words of a query, folded."""
    return [fold(w) for w in _WORD.findall(query)]


def skeleton_text(text: str) -> str:
    """The skeletons of every word of `text`, space-separated.

    A skeleton drops vowels and glides, so a short one is found inside many unrelated
    words ("rail" → "ral" is in "cultural", "central", "general"): matching by skeleton is
    at the start of a word, while matching the folded text is anywhere."""
    return " ".join(skeleton(w) for w in _WORD.findall(text))


# --- display safety ---------------------------------------------------------------------

_BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def _visible(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (CONTROL PICTURES)
    if code == 0x7F:
        return "␡"
    return "⍰"  # C1 controls, bidi overrides and other invisible format characters


_SAFE = {
    code: _visible(code)
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI]
    if code != 0x0A
}
_SAFE[0x09] = " "
_SAFE[0xFEFF] = "⍰"
# Lone surrogates: a file name that is not UTF-8 (b"\xff" is "\udcff" in Python) cannot be
# written to a UTF-8 terminal at all; show it as the usual mark of an undecodable byte.
_SAFE.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))


def displayable(text: str) -> str:
    """Text with control, escape and bidi-override characters (and lone surrogates) made
    visible, one for one.

    Newlines are kept; every other character maps to exactly one character, so offsets
    into the original text still point at the same characters.
    """
    return text.translate(_SAFE)


def one_line(text: str) -> str:
    """`displayable`, with newlines shown as ⏎ too (for one-line list rows)."""
    return displayable(text).replace("\n", "⏎")


# Like _SAFE's keys, but a tab and the CR of a CRLF line end (CSV's) pass: they move the
# cursor and nothing else. A BOM passes at the very start, where CSV puts its own.
_DRIVES_TERMINAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
    "|\r(?!\n)|(?!\\A)\ufeff"
)


def inert(text: str) -> str:
    """Whole documents for a terminal: `displayable`, but tabs, CRLF and a leading BOM kept."""
    return _DRIVES_TERMINAL.sub(lambda m: m.group().translate(_SAFE), text)


def unsafe_count(text: str) -> int:
    """How many characters `inert` would change."""
    return sum(1 for _ in _DRIVES_TERMINAL.finditer(text))
