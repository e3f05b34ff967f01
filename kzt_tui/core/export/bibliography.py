"""A bibliography of source documents, formatted by a real CSL processor (citeproc-py) from
the CSL-JSON items the csl-json export writes, in the Harvard (Cite Them Right) style that
citeproc-py ships, with the CSL rule for an entry without an author that citeproc-py leaves
out put into the style (STYLE_FIXES)."""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.as_csl import csl_item

#: The CSL style of the bibliography: the one citeproc-py bundles (citeproc/data/styles).
STYLE = "harvard-cite-them-right"

_NEWS = 'type="article-newspaper article-magazine article-journal"'
#: (text of the bundled style, what replaces it, how many times it occurs). A style puts
#: the first of author, outlet (of a newspaper article), title in an entry's first place,
#: and CSL says a variable put there is not repeated later in the entry; citeproc-py
#: repeats it ("Kazinform (2025) “…”, Kazinform", a post's title twice), and when a news
#: item names no outlet the style put nothing there ("(2025) “…”"). The fixes: the title
#: stands in for a missing outlet, and the entry prints title and outlet only where they
#: did not stand in for the author, so an entry without an author starts with its title,
#: then its date, as CSL processors give it.
STYLE_FIXES = (
    (f'<if {_NEWS} match="any">\n'
     '            <text variable="container-title" text-case="title" font-style="italic"/>\n'
     '          </if>',
     f'<if {_NEWS} match="any">\n'
     '<choose><if variable="container-title">'
     '<text variable="container-title" text-case="title" font-style="italic"/>'
     '</if><else><text macro="title"/></else></choose>\n'
     '          </if>', 2),
    ('<text macro="title"/>\n'
     '            <group delimiter=" ">\n'
     '              <text macro="editor"/>\n'
     '              <text macro="container-title"/>\n'
     '            </group>',
     '<choose><if variable="author"><text macro="title"/></if>'
     f'<else-if {_NEWS} match="any"><choose><if variable="container-title">'
     '<text macro="title"/></if></choose></else-if></choose>\n'
     '<group delimiter=" "><text macro="editor"/>'
     '<choose><if variable="author"><text macro="container-title"/></if>'
     f'<else-if {_NEWS} match="none"><text macro="container-title"/></else-if></choose>'
     '</group>', 1),
)


def style_text() -> str:
    """The bundled style with STYLE_FIXES made; ValueError if the bundled style changed
    where a fix applies (a new citeproc-py release), rather than a silently wrong entry."""
    from citeproc import STYLES_PATH

    with open(os.path.join(STYLES_PATH, f"{STYLE}.csl"), encoding="utf-8") as file:
        text = file.read()
    for old, new, count in STYLE_FIXES:
        if text.count(old) != count:
            raise ValueError(f"citeproc-py's {STYLE}.csl changed: cannot fix it for "
                             "entries without an author")
        text = text.replace(old, new)
    return text


@lru_cache(maxsize=1)
def _style() -> Any:
    from citeproc import CitationStylesStyle

    # The bundled style is known good: validating it against the CSL schema costs time.
    return CitationStylesStyle(io.BytesIO(style_text().encode("utf-8")), validate=False)


def bibliography(corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(document id, entry as plain text) of each document, in the style's order."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    if not doc_ids:
        return []
    # citeproc-py folds ids to lower case: ids are lower case already (schema.ID_RE).
    # The items keep their note (document_note): the style shows no note.
    items = [csl_item(corpus.document(d)) for d in dict.fromkeys(doc_ids)]
    with warnings.catch_warnings():
        # citeproc-py warns of CSL variables it does not use ("language", "note").
        warnings.simplefilter("ignore")
        source = CiteProcJSON(items)
        bib = CitationStylesBibliography(_style(), source, formatter.plain)
        for item in items:
            bib.register(Citation([CitationItem(item["id"])]))
        bib.sort()
        entries = [str(entry) for entry in bib.bibliography()]
    # the style sorts an entry without an author by its title as printed, opening quote
    # included: “…” and «…» came after every letter; sorted again by the first letters
    # (stable: entries alike keep the style's order, year after year)
    return sorted(zip(bib.keys, entries, strict=True), key=lambda e: sort_key(e[1]))


def sort_key(entry: str) -> str:
    """What orders `entry` in a bibliography: its text from its first letter or digit
    (quotes, brackets and other punctuation before it left out), case folded."""
    start = next((n for n, c in enumerate(entry) if c.isalnum()), len(entry))
    return entry[start:].casefold()
