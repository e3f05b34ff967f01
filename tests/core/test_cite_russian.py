"""Every copy worded in Russian, exactly (core/cite.py in the interface's language): the
reference (the Russian title alone, the date, paragraph and line, an unnamed outlet), each
copy variant, both sides of a discrepancy whose prose names documents by id, and the ids
with_titles turns into titles, at the edges of its trimming."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.core.cite import (
    COPIES,
    both_sides,
    copy_text,
    date_words,
    document_reference,
    passage_with_reference,
    passage_with_translation,
    reference,
    sentences_with_reference,
    with_titles,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Citation, Discrepancy, Span

DOC = """\
  - id: {id}
    file: texts/{file}.txt
    date: {date}
    date_note: "Test text."
    title: {{en: "{en}", ru: "{ru}"}}
    outlet: {outlet}
    kind: news_report
    reliability: "Test."
"""
#: An outlet named by a word the interface translates ("undated"): a name is data, never
#: translated.
DOCUMENTS = [
    DOC.format(id="doc-001-talks", file="a", date='"2025-11-26"', en="Talks", ru="Переговоры",
               outlet='{name: "undated", evidence: "test"}'),
    DOC.format(id="doc-002-a", file="b", date='"2025-05"', en="Notes A", ru="Заметки А",
               outlet="null"),
    DOC.format(id="doc-002-b", file="b", date="null", en="Notes B", ru="Заметки Б",
               outlet="null"),
]
DISCREPANCY = """\
discrepancies:
  - id: dis-x
    title: {en: "doc-001 against doc-002-a", ru: "doc-001 против doc-002-a"}
    kind: value_conflict
    description: "doc-001-talks says one thing, doc-002-a another."
    facts: []
    sides:
      - claim: "As doc-001 has it"
        citations:
          - doc: doc-001-talks
            quote: "Второй абзац."
            translation: "Second paragraph."
      - claim: "As doc-002-a has it"
        citations:
          - doc: doc-002-a
            quote: "Заметка."
            translation: "A note."
    assessment: "Unresolved."
"""
#: Paragraphs 1–4 on lines 1, 3, 4 and 6 (a paragraph is a line; blank lines get no number).
TEXT_A = "Первый абзац.\n\nВторой абзац.\nЕщё строка.\n\nТретий абзац.\n"
TEXT_B = "Заметка. Вторая фраза.\n"


def _corpus(root: Path, documents: list[str], extra: str = "") -> Corpus:
    (root / "texts").mkdir()
    (root / "texts" / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (root / "texts" / "b.txt").write_text(TEXT_B, encoding="utf-8")
    data = "schema_version: 1\ndocuments:\n" + "".join(documents) + extra
    (root / "curated.yaml").write_text(data, encoding="utf-8")
    return Corpus(load(root / "curated.yaml"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _corpus(tmp_path_factory.mktemp("ru"), DOCUMENTS, DISCREPANCY)


def _at(quote: str, doc: str = "doc-001-talks", translation: str = "tr") -> Citation:
    text = TEXT_A if doc == "doc-001-talks" else TEXT_B
    start = text.index(quote)
    end = start + len(quote)
    return Citation(doc, quote, translation, span=Span(
        start, end, text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1))


REF_A = "«Переговоры», undated, 26 ноября 2025"
REF_B = "«Заметки А», издание не названо, май 2025"


@pytest.mark.parametrize(("date", "ru"), [
    ("2025-11-26", "26 ноября 2025"), ("2025-01-01", "1 января 2025"),
    ("2025-12", "декабрь 2025"), ("2025-05", "май 2025"), ("2025", "2025"),
    ("2025-13", "2025-13"), (None, "без даты"),
])
def test_dates_in_russian_words(date: str | None, ru: str) -> None:
    assert date_words(date, "ru") == ru


def test_the_russian_reference_gives_the_russian_title_alone(corpus: Corpus) -> None:
    assert reference(corpus, _at("Первый абзац.")) == (
        "«Переговоры» (Talks), undated, 26 November 2025, paragraph 1 (line 1)")
    assert reference(corpus, _at("Первый абзац."), lang="ru") == (
        f"{REF_A}, абзац 1 (строка 1)")
    assert reference(corpus, _at("Ещё строка.\n"), lang="ru") == (  # to the blank line 5
        f"{REF_A}, абзац 3 (строки 4–5)")
    assert reference(corpus, _at("Второй абзац.\nЕщё строка."), lang="ru") == (
        f"{REF_A}, абзацы 2–3 (строки 3–4)")
    assert reference(corpus, _at("Заметка.", "doc-002-a"), lang="ru") == (
        f"{REF_B}, абзац 1 (строка 1)")
    assert reference(corpus, Citation("doc-002-b", "", ""), lang="ru",
                     literal=str.upper) == "«ЗАМЕТКИ Б», ИЗДАНИЕ НЕ НАЗВАНО, без даты"


def test_every_copy_of_a_passage_in_russian(corpus: Corpus) -> None:
    cite = _at("абзац", translation="paragraph")
    where = "абзац 1 (строка 1)"
    assert passage_with_reference(corpus, cite, "ru") == f"«абзац»\n— {REF_A}, {where}"
    assert passage_with_translation(corpus, cite, "ru") == (
        f"«абзац»\nПеревод на английский: paragraph\n— {REF_A}, {where}")
    assert sentences_with_reference(corpus, cite, "ru") == (
        f"«Первый абзац.»\n— {REF_A}, {where}")
    unplaced = Citation("doc-002-a", "Заметка", "")
    assert sentences_with_reference(corpus, unplaced, "ru") == f"«Заметка»\n— {REF_B}"
    assert passage_with_translation(corpus, unplaced, "ru") == (
        f"«Заметка»\nПеревод на английский: (перевода нет в данных)\n— {REF_B}")
    assert document_reference(corpus, "doc-002-a", "ru") == REF_B
    assert document_reference(corpus, "doc-002-a") == (
        "«Заметки А» (Notes A), outlet not named, May 2025")
    record = corpus.get("dis-x")
    got = {name: copy_text(corpus, name, record, cite, "ru") for name in COPIES}
    assert got == {
        "reference": (f"«абзац»\n— {REF_A}, {where}", "quote with reference"),
        "quote": ("абзац", "quote"),
        "translation": (f"«абзац»\nПеревод на английский: paragraph\n— {REF_A}, {where}",
                        "quote with translation and reference"),
        "sentences": (f"«Первый абзац.»\n— {REF_A}, {where}", "whole sentences with reference"),
        "sides": (both_sides(corpus, record, "ru"), "both sides of the discrepancy"),
        "document": None,
    }
    assert copy_text(corpus, "document", corpus.get("doc-002-a"), None, "ru") == (
        REF_B, "reference of the document")
    assert copy_text(corpus, "sentences", record, None, "ru") is None


def test_both_sides_in_russian_name_the_documents_by_their_russian_titles(
        corpus: Corpus) -> None:
    record = corpus.get("dis-x")
    assert isinstance(record, Discrepancy)
    assert both_sides(corpus, record, "ru") == (
        "Расхождение: «Переговоры» против «Заметки А»\n"
        "«Переговоры» says one thing, «Заметки А» another.\n"
        "\n"
        "Сторона 1: As «Переговоры» has it\n"
        "«Второй абзац.»\n"
        "Перевод на английский: Second paragraph.\n"
        f"— {REF_A}, абзац 2 (строка 3)\n"
        "\n"
        "Сторона 2: As «Заметки А» has it\n"
        "«Заметка.»\n"
        "Перевод на английский: A note.\n"
        f"— {REF_B}, абзац 1 (строка 1)")
    assert both_sides(corpus, record).split("\n")[:4] == [
        "Discrepancy: «Talks» against «Notes A»",
        "«Talks» says one thing, «Notes A» another.",
        "",
        "Side 1: As «Talks» has it"]


@pytest.mark.parametrize(("text", "titled"), [
    ("doc-001", "«Talks»"),  # the numbered start of one id
    ("doc-001-talks", "«Talks»"),  # a whole id
    ("(doc-001-talks-later)", "(«Talks»-later)"),  # trimmed at its last hyphens to an id
    ("doc-001-x.", "«Talks»-x."),  # two hyphens: trimmed once to a start
    ("doc-002-a, doc-002-b", "«Notes A», «Notes B»"),
    ("doc-002 and doc-002-c", "doc-002 and doc-002-c"),  # the start of two ids: no one
    ("doc-003 doc-zzz", "doc-003 doc-zzz"),  # names no document
])
def test_with_titles_trims_a_word_to_the_one_document_it_names(
        corpus: Corpus, text: str, titled: str) -> None:
    assert with_titles(corpus, text) == titled
    assert with_titles(corpus, text, "ru") == titled.replace("Talks", "Переговоры").replace(
        "Notes A", "Заметки А").replace("Notes B", "Заметки Б")


def test_a_word_of_one_hyphen_is_never_trimmed_to_doc(tmp_path: Path) -> None:
    # with one document, "doc" would start only its id: a start is a numbered one or more
    one = _corpus(tmp_path, DOCUMENTS[:1])
    assert with_titles(one, "doc-zzz, doc-001-zzz, doc-001") == (
        "doc-zzz, «Talks»-zzz, «Talks»")


def test_a_copy_needs_its_passage(corpus: Corpus) -> None:
    make: Callable[..., object] = COPIES["reference"].make
    assert make(corpus, None, None, "ru") is None
    assert make(corpus, None, _at("абзац"), "ru") == (
        f"«абзац»\n— {REF_A}, абзац 1 (строка 1)")
