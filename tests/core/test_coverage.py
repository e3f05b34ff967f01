"""core/coverage: which sentences count as cited, dismissed or unaccounted, at the half-way
boundary, with overlapping, nested and combined spans."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.coverage import DocCoverage, coverage
from kzt_tui.core.loading import load
from kzt_tui.core.sentences import MAX_SENTENCES

# Each sentence has 8 characters that are not spaces: half is 4.
TEXT = ("Abcd efg. Hijk lmn. Opqr stu.\n"
        "Vwxy zAB. Cdef ghi. Jklm nop.\n"
        "Qrst uvw.\n")
DOC = """\
  - id: doc-{n}
    file: texts/c.txt
    date: "2025-11-25"
    date_note: "Test text."
    title: {{en: "Text {n}", ru: "Текст {n}"}}
    outlet: null
    kind: news_report
    reliability: "Made for tests."
"""
CORRIDOR = """\
corridors:
  - id: cor-road
    name: {{en: "A road", ru: "Дорога"}}
    kind: road
    modes: [road]
    nodes:
      - {{name: Aktau, ru: Актау, country: KZ}}
      - {{name: Turkmenbashi, ru: Туркменбаши, country: TM}}
    countries: [KZ, TM]
    status: operational
    citations:
{citations}
"""
DISMISSALS = "dismissals:\n{dismissals}"


def _citation(doc: str, quote: str) -> str:
    return f"      - doc: {doc}\n        quote: \"{quote}\"\n        translation: \"t\"\n"


def _dismissal(doc: str, quote: str) -> str:
    return (f"  - doc: {doc}\n    quote: \"{quote}\"\n    reason: repetition\n"
            "    note: \"made for tests\"\n")


def dataset(write_data: Callable[..., Path], cited: dict[str, list[str]],
            dismissed: dict[str, list[str]], docs: int = 1, more: str = "") -> list[DocCoverage]:
    path = write_data("placeholder: 1\n")
    (path.parent / "texts" / "c.txt").write_text(TEXT + more, encoding="utf-8")
    text = "schema_version: 1\ndocuments:\n" + "".join(DOC.format(n=n) for n in range(docs))
    text += CORRIDOR.format(citations="".join(
        _citation(doc, q) for doc, quotes in cited.items() for q in quotes))
    if dismissed:
        text += DISMISSALS.format(dismissals="".join(
            _dismissal(doc, q) for doc, quotes in dismissed.items() for q in quotes))
    path.write_text(text, encoding="utf-8")
    return coverage(Corpus(load(path)))


def test_half_the_characters_cited_or_dismissed_is_enough(write_data) -> None:
    (got,) = dataset(write_data, {"doc-0": [
        "Abcd",  # 4 of 8: cited
        "Hij",  # 3 of 8: not
        "Vw",  # 2, and 2 dismissed below: dismissed, as together they cover half
        "Cdef", "de",  # nested: still 4
        "Jk", "Jkl",  # overlapping: 3 in all, not 5
    ]}, {"doc-0": ["Opqr", "xy"]})
    assert (got.doc, got.file, got.total, got.cited, got.dismissed) == (
        "doc-0", "texts/c.txt", 7, 2, 2)
    assert [(s.line, s.text) for s in got.unaccounted] == [
        (1, "Hijk lmn."), (2, "Jklm nop."), (3, "Qrst uvw.")]
    assert got.accounted_share == 4 / 7
    assert got.partial is False


def test_spans_across_sentences_count_in_each(write_data) -> None:
    # "efg. Hijk lm" covers 4 of the first sentence (7 with "Abc") and 6 of the second
    (got,) = dataset(write_data, {"doc-0": ["efg. Hijk lm", "Abc"]}, {})
    assert (got.cited, got.dismissed) == (2, 0)
    assert [s.text for s in got.unaccounted][:2] == ["Opqr stu.", "Vwxy zAB."]


def test_documents_of_one_file_count_their_own_citations(write_data) -> None:
    first, second = dataset(write_data, {"doc-0": ["Abcd"], "doc-1": ["Opqr", "Qrst"]},
                            {"doc-1": ["Hijk"]}, docs=2)
    assert (first.doc, first.total, first.cited, first.dismissed) == ("doc-0", 7, 1, 0)
    assert (second.doc, second.total, second.cited, second.dismissed) == ("doc-1", 7, 2, 1)


def test_a_dismissal_over_a_cited_sentence_leaves_it_cited(write_data) -> None:
    (got,) = dataset(write_data, {"doc-0": ["Abcd efg."]}, {"doc-0": ["Abcd efg. Hi"]})
    assert (got.cited, got.dismissed, len(got.unaccounted)) == (1, 0, 6)


def test_accounted_share() -> None:
    assert DocCoverage("d", "f", 0, 0, 0, ()).accounted_share == 1.0
    assert DocCoverage("d", "f", 8, 5, 1, ()).accounted_share == 0.75


def test_quotes_apart_in_one_sentence_add_up(write_data) -> None:
    # "Qr" and "uvw": 2 + 3 of 8, cited; "Hi" and "lmn" too
    (got,) = dataset(write_data, {"doc-0": ["Qr", "uvw", "Hi", "lmn"]}, {})
    assert [s.text for s in got.unaccounted] == [
        "Abcd efg.", "Opqr stu.", "Vwxy zAB.", "Cdef ghi.", "Jklm nop."]
    (got,) = dataset(write_data, {"doc-0": ["Qr", "uvw", "H", "n."]}, {})  # 1 + 2: not
    assert got.cited == 1


def test_a_text_with_as_many_sentences_as_are_counted_is_partial(write_data) -> None:
    # TEXT has 7 sentences; each line "a" is one more
    (got,) = dataset(write_data, {"doc-0": ["Abcd"]}, {}, more="a\n" * (MAX_SENTENCES - 8))
    assert (got.total, got.partial) == (MAX_SENTENCES - 1, False)
    (got,) = dataset(write_data, {"doc-0": ["Abcd"]}, {}, more="a\n" * (MAX_SENTENCES - 7))
    assert (got.total, got.partial) == (MAX_SENTENCES, True)
