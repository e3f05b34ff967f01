"""core/coverage: one document's coverage (document_coverage) and the records whose
citations overlap a passage (citing), at the span's edges."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.coverage import citing, coverage, document_coverage
from kzt_tui.core.loading import load
from tests.core.test_coverage import CORRIDOR, DISMISSALS, DOC, TEXT, _citation, _dismissal


def _corpus(write_data: Callable[..., Path]) -> Corpus:
    path = write_data("placeholder: 1\n")
    (path.parent / "texts" / "c.txt").write_text(TEXT, encoding="utf-8")
    text = "schema_version: 1\ndocuments:\n" + DOC.format(n=0)
    text += CORRIDOR.format(citations=_citation("doc-0", "efg. Hijk"))
    text += DISMISSALS.format(dismissals=_dismissal("doc-0", "Opqr stu."))
    path.write_text(text, encoding="utf-8")
    return Corpus(load(path))


def test_document_coverage_is_the_documents_row_of_coverage(write_data) -> None:
    corpus = _corpus(write_data)
    got = document_coverage(corpus, "doc-0")
    assert got == coverage(corpus)[0]
    assert got is not None
    assert (got.doc, got.total, got.cited, got.dismissed) == ("doc-0", 7, 2, 1)
    assert document_coverage(corpus, "doc-0") == got  # the dismissals kept, same answer
    assert document_coverage(corpus, "cor-road") is None
    assert document_coverage(corpus, "doc-9") is None


def test_citing_finds_a_citation_overlapping_the_passage_at_its_edges(write_data) -> None:
    corpus = _corpus(write_data)
    # "efg. Hijk" is text 5–14
    ids = [lambda s, e: [r.id for r in citing(corpus, "doc-0", s, e)]][0]
    assert ids(0, 5) == []
    assert ids(0, 6) == ["cor-road"]
    assert ids(13, 20) == ["cor-road"]
    assert ids(14, 20) == []
    assert ids(5, 14) == ["cor-road"]
    assert [r.id for r in citing(corpus, "doc-9", 0, 100)] == []
