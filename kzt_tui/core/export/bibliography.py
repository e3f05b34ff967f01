"""A bibliography of source documents, formatted by a real CSL processor (citeproc-py) from
the CSL-JSON items the csl-json export writes, in the Harvard (Cite Them Right) style that
citeproc-py ships."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.as_csl import csl_item

#: The CSL style of the bibliography: the one citeproc-py bundles (citeproc/data/styles).
STYLE = "harvard-cite-them-right"


@lru_cache(maxsize=1)
def _style() -> Any:
    from citeproc import CitationStylesStyle

    # The bundled style is known good: validating it against the CSL schema costs time.
    return CitationStylesStyle(STYLE, validate=False)


def bibliography(corpus: Corpus, doc_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(document id, entry as plain text) of each document, in the style's order."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    if not doc_ids:
        return []
    # citeproc-py folds ids to lower case: ids are lower case already (schema.ID_RE).
    # The items keep their note (file, English title): the style shows no note.
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
    return list(zip(bib.keys, entries, strict=True))

