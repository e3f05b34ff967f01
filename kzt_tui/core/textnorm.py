"""Text folding for matching (case, ё/е, Cyrillic↔Latin) and making text safe to display."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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

# Spelling variants that Latin renderings of the same name disagree on (dzh → dj → j:
# Таджикистан, Tajikistan; gh → g: Afghanistan, Mangghystau).
_FOLDS = (("shch", "sh"), ("kh", "h"), ("zh", "j"), ("dj", "j"), ("gh", "g"), ("ts", "c"),
          ("q", "k"), ("w", "v"))
_GLIDES = str.maketrans("", "", "yij'’ʼ")
_WORD = re.compile(r"\w+")

#: The places the texts name, each as the texts spell it (the Russian stem its cases share:
#: Астан- for Астана, Астане, Астану) with the English spellings that transliteration does
#: not reach: an exonym (Caspian, Russia), a spelling of another system (Ashgabat for
#: Ашхабад, whose letter-by-letter form is Ashkhabad) or a former name (Alma-Ata, Nur-Sultan).
#: A word whose skeleton is one of a row's is given the stem's, so each finds the other.
PLACE_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ашхабад", ("Ashgabat", "Ashgabad", "Ashkabad")),
    ("Астан", ("Astana", "Nur-Sultan")),
    ("Алматы", ("Alma-Ata",)),
    ("Туркменбаши", ("Krasnovodsk",)),
    ("Акорд", ("Akorda", "Ak-Orda")),
    ("Кызылорд", ("Kyzylorda", "Qyzylorda", "Kzyl-Orda")),
    ("Туркестан", ("Turkistan",)),
    ("Ташкент", ("Toshkent",)),
    ("Гарабогаз", ("Kara-Bogaz", "Karabogaz", "Garabogazkol", "Kara-Bogaz-Gol")),
    ("Герат", ("Herat",)),
    ("Тургунди", ("Torghundi", "Towraghondi")),
    ("Узен", ("Ozen",)),
    ("Касп", ("Caspian", "Caspi")),
    ("Кавказ", ("Caucasus", "Caucasian")),
    ("Казахстан", ("Qazaqstan", "Kazakstan")),
    ("Росси", ("Russia",)),
    ("Европ", ("Europe", "European")),
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case with ё→е, one character for one, so offsets carry over to the original."""
    out = text.lower()
    if len(out) != len(text):  # a few characters lower to two; keep those as they were
        out = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return out.replace("ё", "е")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A script-neutral key: Cyrillic transliterated, accents dropped, spelling variants folded,
    a place's other spellings given the stem's key (PLACE_NAMES).

    `galkynysh`, `Галкыныш` and `Galkinish` share one skeleton, so Latin input finds
    Cyrillic text and the reverse; `Ashgabat`'s is `Ашхабад`'s.
    """
    key = _letters(word)
    return _places().get(key, key)


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """PLACE_NAMES as skeleton → the stem's skeleton (built at first use: mutmut sees it)."""
    return {_letters(_joined(spelling)): _letters(stem)
            for stem, spellings in PLACE_NAMES for spelling in spellings}


def _letters(word: str) -> str:
    """The skeleton of `word` letter by letter, before the place names."""
    word = fold(word)
    latin = "".join(_CYR_LAT.get(c, c) for c in word)
    latin = "".join(
        c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c)
    )
    for a, b in _FOLDS:
        latin = latin.replace(a, b)
    return latin.translate(_GLIDES)


@lru_cache(maxsize=1)
def _compounds() -> re.Pattern[str]:
    """The place names of several words (Alma-Ata, Nur-Sultan), hyphen or space between."""
    names = sorted({s for _, row in PLACE_NAMES for s in row if not s.isalnum()}, key=len,
                   reverse=True)
    return re.compile("|".join(r"\b" + r"[\s-]+".join(map(re.escape, _WORD.findall(fold(n))))
                               + r"\b" for n in names))


def _joined(text: str) -> str:
    """`text` folded, with a place name of several words made one (alma-ata → almaata)."""
    return _compounds().sub(lambda m: "".join(_WORD.findall(m.group())), fold(text))


def query_terms(query: str) -> list[str]:
    """The words of a query, folded; a place name of several words is one (PLACE_NAMES)."""
    return _WORD.findall(_joined(query))


def skeleton_text(text: str) -> str:
    """The skeletons of every word of `text`, space-separated.

    A skeleton drops vowels and glides, so a short one is found inside many unrelated
    words ("rail" → "ral" is in "cultural", "central", "general"): matching by skeleton is
    at the start of a word, while matching the folded text is anywhere."""
    return " ".join(skeleton(w) for w in _WORD.findall(_joined(text)))


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


#: The line breaks `displayable` keeps, or leaves alone as printable: a newline, and the
#: Unicode line and paragraph separators, which no terminal breaks at but every reader of
#: lines does (`str.splitlines`, editors, log tools): shown as ⏎ on one line.
_BREAKS = dict.fromkeys((0x0A, 0x2028, 0x2029), "⏎")


def one_line(text: str) -> str:
    """`displayable`, with line breaks shown as ⏎ too (for one-line rows and messages)."""
    return displayable(text).translate(_BREAKS)


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


#: Characters that take no cell of their own: combining marks (enclosing ones too) and
#: format characters (zero-width space and joiners, direction marks).
_NO_CELL = frozenset({"Mn", "Me", "Cf"})


def cell_width(text: str) -> int:
    """How many terminal cells `text` takes: two for a wide or full-width character (CJK,
    most emoji), none for a combining mark or format character, one for any other. The
    core's own count (it may not import Rich); what Rich draws, but for characters that
    Unicode made wide after the Python's own tables."""
    if text.isascii():
        return len(text)
    width = 0
    for c in text:
        if unicodedata.category(c) in _NO_CELL:
            continue
        width += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return width


def cut(text: str, room: int) -> str:
    """`text` in at most `room` characters (at least 1): its end replaced by "…" if cut."""
    room = max(1, room)
    return text if len(text) <= room else text[: room - 1] + "…"


def _same_start(a: str, b: str) -> int:
    """How many characters `a` and `b` begin with alike."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def cut_apart(text: str, room: int, others: Iterable[str] = ()) -> str:
    """`text` cut to `room` characters as `cut` does, unless one of `others` (different
    texts shown beside it) would be cut to the very same: then the cut keeps the start
    and the part from where they differ ("Kazakhstan and Turkmeni…" twice at 80 columns
    becomes "Kazakhst…intend to bring…" and "Kazakhst…sign a bridge d…")."""
    plain = cut(text, room)
    if plain == text:
        return text
    common = max((_same_start(text, other) for other in others
                   if other != text and cut(other, room) == plain), default=-1)
    if common < 0 or room < 5:
        return plain
    rest = text[common:]
    head = min(common, max((room - 1) // 2, room - 1 - len(rest)))
    return text[:head] + "…" + cut(rest, room - 1 - head)
