"""The interface's words in English and Russian: one message catalogue, gettext's way.

In the core because the core describes records in words (field names, vocabulary values,
"line N"); it imports neither textual nor rich. English is the source language (the
msgid); Russian lives in `kzt_tui/locale/ru/LC_MESSAGES/kzt_tui.po`, compiled to the `.mo`
beside it that the standard library's gettext reads at run time (no dependency).
`tools/i18n.py` (Babel, a development tool) extracts the marked strings and compiles the
catalogue; tests/test_i18n.py fails when a marked string has no Russian or the `.mo` is
older than the `.po`.

Mark a string where it is written with `N_` (kept as it is until shown) and translate it
where it is shown with `tr(text, lang)`; a message with values is one msgid with named
fields, `tr("line {n}", lang).format(n=45)`, so a translation may order them its own way.
Values of the data's vocabularies ("in_force", "border_crossing") are shown through
`vocab`, which translates their readable form. Exports, copies and the command line stay
English: they call these with lang "en", or not at all.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

#: The interface languages, the first the source language of every message.
LANGUAGES = ("en", "ru")
DOMAIN = "kzt_tui"
LOCALE_DIR = Path(__file__).parent.parent / "locale"


def N_(text: str) -> str:
    """Mark `text` for the catalogue; it is translated where it is shown (`tr`)."""
    return text


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with plural forms; it is chosen where it is shown (`trn`)."""
    return singular, plural


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The translations of `lang`; English, or a language without a catalogue, as is."""
    if lang == LANGUAGES[0]:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def tr(text: str, lang: str) -> str:
    """`text` in `lang` (itself when the catalogue lacks it). "" stays "": gettext would
    give the catalogue's header for it."""
    return catalogue(lang).gettext(text) if text else text


def trn(singular: str, plural: str, n: int, lang: str) -> str:
    """The form of a message for the number `n` in `lang` ("{n} record" / "{n} records";
    Russian has three forms, chosen by the catalogue's Plural-Forms); `.format(n=n)` it."""
    return catalogue(lang).ngettext(singular, plural, n)


def vocab(value: str, lang: str) -> str:
    """A vocabulary value as a reader says it: "in_force" → "in force" / "действует"."""
    return tr(value.replace("_", " "), lang)
