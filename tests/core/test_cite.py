"""References an editor accepts and the copy variants (core/cite.py), on the UI fixture and
on texts written for a test (blank lines between paragraphs, several sentences a line)."""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.core.cite import (
    COPIES,
    OUTLET_NOT_NAMED,
    copy_text,
    date_words,
    outlet_name,
    passage_at,
    passage_with_reference,
    passage_with_translation,
    reference,
    selected_passage,
    sentences_with_reference,
    speaker_name,
    whole_sentences,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields
from kzt_tui.core.loading import load
from kzt_tui.core.model import Discrepancy, Span, Statement
from tests.helpers import FIXTURES

UI = FIXTURES / "ui" / "curated.yaml"


@pytest.fixture(scope="module")
def ui() -> Corpus:
    return Corpus(load(UI))


def _cite(corpus: Corpus, record_id: str, n: int = 0):  # type: ignore[no-untyped-def]
    record = corpus.get(record_id)
    assert record is not None
    return record.citations[n]  # type: ignore[union-attr]


def test_one_wording_for_a_text_that_names_no_outlet(ui: Corpus) -> None:
    two = ui.document("doc-two")
    assert OUTLET_NOT_NAMED == "outlet not named"
    assert outlet_name(two) == "outlet not named"
    assert outlet_name(ui.document("doc-one")) == "Test Wire"
    assert ("Outlet", "outlet not named") in fields(two)  # the detail view says the same


@pytest.mark.parametrize(("date", "words"), [
    ("2025-11-26", "26 November 2025"), ("2025-01", "January 2025"), ("2025", "2025"),
    (None, "undated"), ("2025-13-01", "2025-13-01"),
])
def test_dates_in_words(date: str | None, words: str) -> None:
    assert date_words(date) == words


def test_the_reference_names_title_outlet_date_paragraph_and_line(ui: Corpus) -> None:
    cite = _cite(ui, "agr-bridge")
    assert reference(ui, cite) == ("«Переговоры в Акорде» (Talks in Akorda), Test Wire, "
                                   "26 November 2025, paragraph 3 (line 3)")
    assert reference(ui, cite, with_path=True).endswith("paragraph 3 (line 3), texts/one.txt")
    other = _cite(ui, "agr-bridge", 1)
    assert reference(ui, other) == ("«Заметки о торговле» (Trade [red]notes[/red]), "
                                    "outlet not named, undated, paragraph 4 (line 4)")


def test_copy_variants_exact_text(ui: Corpus) -> None:
    cite = _cite(ui, "agr-bridge")
    ref = "«Переговоры в Акорде» (Talks in Akorda), Test Wire, 26 November 2025"
    assert passage_with_reference(ui, cite) == (
        f"«Стороны договорились о мосте через залив.»\n— {ref}, paragraph 3 (line 3)")
    assert passage_with_translation(ui, cite) == (
        "«Стороны договорились о мосте через залив.»\n"
        "English: The sides agreed on a bridge across the gulf.\n"
        f"— {ref}, paragraph 3 (line 3)")
    record = ui.get("agr-bridge")
    assert copy_text(ui, "quote", record, cite) == (
        "Стороны договорились о мосте через залив.", "quote")
    assert copy_text(ui, "reference", record, None) is None
    assert copy_text(ui, "sides", record, cite) is None  # not a discrepancy
    assert copy_text(ui, "document", record, cite) is None  # not a document
    assert copy_text(ui, "document", ui.get("doc-two"), None) == (
        "«Заметки о торговле» (Trade [red]notes[/red]), outlet not named, undated",
        "reference of the document")
    assert set(COPIES) == {"reference", "quote", "translation", "sentences", "sides",
                           "document"}


def test_a_selected_passage_is_verbatim_or_the_facts_citation(ui: Corpus) -> None:
    text = ui.text("doc-one")
    start = text.index("в Акорде")
    got = selected_passage(ui, "doc-one", start, start + len("в Акорде"))
    assert (got.quote, got.translation, got.span) == (
        "в Акорде", "in Akorda", Span(start, start + 8, 1, 1))
    got = selected_passage(ui, "doc-one", start, start + 3)
    assert (got.quote, got.translation, got.span) == ("в А", "", Span(start, start + 3, 1, 1))


def test_whole_sentences_extend_a_fragment_to_its_sentence(ui: Corpus) -> None:
    fragment = _cite(ui, "org-akorda")  # «в Акорде»
    stretch = whole_sentences(ui, fragment)
    assert stretch.text == "Переговоры в Акорде [bold]прошли[/] 25 ноября."
    assert (stretch.line_start, stretch.line_end) == (1, 1)
    assert sentences_with_reference(ui, fragment) == (
        "«Переговоры в Акорде [bold]прошли[/] 25 ноября.»\n— «Переговоры в Акорде» "
        "(Talks in Akorda), Test Wire, 26 November 2025, paragraph 1 (line 1)")
    # a whole sentence stays itself: not extended to the one before it on the line
    sentence = _cite(ui, "fig-trade-2024")
    assert whole_sentences(ui, sentence).text == "Товарооборот $555,7 млн в 2024 году."


def test_passage_at_a_word_is_the_citation_that_covers_its_sentence(ui: Corpus) -> None:
    """A word of a sentence a record cites whole (a search hit): that record's citation,
    its translation kept (it said "(no translation recorded)" although cor-road
    translates the sentence). The sentence no record covers: tests/core/test_cite_exact."""
    text = ui.text("doc-one")
    start = text.index("Гарабогаз")
    got = passage_at(ui, "doc-one", start, start + len("Гарабогаз"))
    sentence = "Дорога Туркменбаши – Гарабогаз – граница Казахстана строится."
    assert got == _cite(ui, "cor-road")
    assert got.quote == sentence and got.translation
    assert got.span is not None
    assert text[got.span.start:got.span.end] == sentence
    assert (got.span.line_start, got.span.line_end) == (4, 4)
    assert passage_with_translation(ui, got).split("\n")[:2] == [
        f"«{sentence}»", f"English: {got.translation}"]
    assert passage_with_reference(ui, got).endswith("paragraph 4 (line 4)")


def test_passage_at_a_cited_span_is_that_citation(ui: Corpus) -> None:
    cite = _cite(ui, "org-akorda")  # «в Акорде», a fragment: kept as the fact cites it
    assert cite.span is not None
    assert passage_at(ui, "doc-one", cite.span.start, cite.span.end) == cite


def test_both_sides_of_a_discrepancy(ui: Corpus) -> None:
    record = ui.get("dis-trade")
    assert isinstance(record, Discrepancy)
    got = copy_text(ui, "sides", record, None)
    assert got == ("Discrepancy: Trade level\n"
                   "One text gives a number, the other a round phrase.\n"
                   "\n"
                   "Side 1: Exceeded half a billion\n"
                   "«Товарооборот превысил полмиллиарда долларов.»\n"
                   "English: Trade exceeded half a billion dollars.\n"
                   "— «Переговоры в Акорде» (Talks in Akorda), Test Wire, 26 November 2025, "
                   "paragraph 2 (line 2)\n"
                   "\n"
                   "Side 2: $555.7m in 2024\n"
                   "«Товарооборот $555,7 млн в 2024 году.»\n"
                   "English: Trade turnover of $555.7m in 2024.\n"
                   "— «Заметки о торговле» (Trade [red]notes[/red]), outlet not named, "
                   "undated, paragraph 1 (line 1)",
                   "both sides of the discrepancy")


DATA = """\
schema_version: 1
documents:
  - id: doc-p
    file: texts/p.txt
    date: "2025-11-25"
    date_note: "Test text."
    title: {en: "Paragraphs", ru: "Абзацы"}
    outlet: {name: "Wire", evidence: "test"}
    kind: news_report
    reliability: "Test."
figures:
  - id: fig-x
    label: {en: "X", ru: "Икс"}
    measure: trade_turnover
    group: g
    scope: "s"
    countries: [KZ]
    value: 1
    scale: one
    unit: count
    qualifier: exact
    status: actual
    period: null
    citations:
      - doc: doc-p
        quote: "объём вырос, а затем"
        translation: "the volume grew, and then"
      - doc: doc-p
        quote: "Третий абзац.\\nЧетвёртый"
        translation: "Third paragraph. Fourth"
"""

TEXT = ("Заголовок\n\nПервый абзац. Затем объём вырос, а затем упал. Конец.\n\n"
        "Третий абзац.\nЧетвёртый абзац идёт без пустой строки.\n")


@pytest.fixture
def paragraphs(tmp_path: Path) -> Callable[[], Corpus]:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "p.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "curated.yaml").write_text(textwrap.dedent(DATA), encoding="utf-8")
    return lambda: Corpus(load(tmp_path / "curated.yaml"))


def test_paragraphs_are_counted_as_a_reader_counts_them(paragraphs: Callable[[], Corpus]
                                                         ) -> None:
    corpus = paragraphs()
    inner, across = corpus.get("fig-x").citations  # type: ignore[union-attr]
    assert reference(corpus, inner).endswith(", paragraph 2 (line 3)")
    assert reference(corpus, across).endswith(", paragraphs 3–4 (lines 5–6)")
    assert whole_sentences(corpus, inner).text == "Затем объём вырос, а затем упал."
    stretch = whole_sentences(corpus, across)
    assert stretch.text == "Третий абзац.\nЧетвёртый абзац идёт без пустой строки."
    assert (stretch.line_start, stretch.line_end) == (5, 6)
    assert sentences_with_reference(corpus, across).endswith(
        "Wire, 25 November 2025, paragraphs 3–4 (lines 5–6)")


def test_t_on_a_statement_names_its_speaker_in_the_reference_line() -> None:
    """`t` on a statement said what was said and where, not who said it."""
    corpus = Corpus(load(FIXTURES / "export" / "curated.yaml"))
    statement = corpus.by_id["stm-wheat"]
    assert isinstance(statement, Statement)
    cite = statement.citations[0]
    ref = reference(corpus, cite)
    got = copy_text(corpus, "translation", statement, cite)
    assert got is not None and got[0].split("\n")[2] == f"— Ann Lee, quoted in {ref}"
    ru = copy_text(corpus, "translation", statement, cite, "ru")
    assert ru is not None and ru[0].split("\n")[2] == (
        f"— Энн Ли, цит. по: {reference(corpus, cite, lang='ru')}")
    for voice in ("author", "unnamed"):  # no one named: the reference alone
        own = copy_text(corpus, "translation", dataclasses.replace(statement, voice=voice),
                        cite)
        assert own is not None and own[0].split("\n")[2] == f"— {ref}"
    unknown = dataclasses.replace(statement, speaker="per-nobody")
    assert speaker_name(corpus, unknown, "en") == "per-nobody"
    assert speaker_name(corpus, corpus.by_id["per-lee"], "en") is None
    assert copy_text(corpus, "translation", statement, None) is None
