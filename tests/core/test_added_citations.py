"""`added_citations:` (core/loading/additions.py, merge.py): a citation a file adds to a
record of another file, grounded and checked like any, appended to that record by the
load; each fault told at its file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import export_text
from kzt_tui.core.loading import DataError, PartCache, check_dataset, load, load_cached

from ..helpers import person


def _add(split: Path, body: str, name: str = "kzt-tui.yaml") -> Path:
    path = split.parent / "parts" / name
    path.write_text("added_citations:\n" + body, encoding="utf-8")
    return path


def _problems(split: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(split)
    return [f"{p.file}:{p.line}:{p.col}: {p.path}: {p.message}" for p in caught.value.problems]


def test_an_added_citation_joins_its_record_after_its_own(split: Path) -> None:
    # per-one is in curated.yaml; doc-b is defined by a file after this one (deferred)
    _add(split, '  - {record: per-one, doc: doc-b, quote: "вторая статья", '
         'translation: "second article", note: "n"}\n'
         '  - {record: per-one, doc: doc-a, quote: "Третья строка", translation: "t"}\n',
         "1a.yaml")
    dataset = load(split)
    (person,) = [p for p in dataset.people if p.id == "per-one"]
    assert [(c.doc, c.quote, c.translation, c.note) for c in person.citations] == [
        ("doc-a", "Первая строка", "x", None), ("doc-b", "вторая статья", "second article",
                                                "n"), ("doc-a", "Третья строка", "t", None)]
    b = person.citations[1].span
    assert b is not None and dataset.texts["doc-b"][b.start:b.end] == "вторая статья"
    others = [p for p in dataset.people if p.id != "per-one"]
    assert [len(p.citations) for p in others] == [1, 1]
    assert check_dataset(split).counts["people"] == (3, 5)


def test_an_added_citation_is_the_same_from_the_cache(split: Path, tmp_path: Path) -> None:
    _add(split, '  - {record: per-three, doc: doc-a, quote: "Третья строка", '
         'translation: "t"}\n')
    first = load_cached(split, directory=tmp_path / "cache")
    again = load_cached(split, directory=tmp_path / "cache")
    assert PartCache(tmp_path / "cache").directory.exists()
    assert first.people == again.people == load(split).people
    (person,) = [p for p in again.people if p.id == "per-three"]
    assert [c.quote for c in person.citations] == ["Вторая строка", "Третья строка"]
    assert check_dataset(split, cache=PartCache(tmp_path / "cache")).counts["people"] == (3, 4)


def test_an_added_citation_is_exported_with_its_record(split: Path) -> None:
    _add(split, '  - {record: per-two, doc: doc-a, quote: "Третья строка", '
         'translation: "third line"}\n')
    out = export_text(Corpus(load(split)), "md")
    assert "Третья строка" in out and "third line" in out


@pytest.mark.parametrize(("body", "expected"), [
    ('  - {record: per-nobody, doc: doc-a, quote: "Третья строка", translation: "t"}\n',
     ":2:6: added_citations[0].record: unknown id 'per-nobody'"),
    ('  - {record: doc-a, doc: doc-a, quote: "Третья строка", translation: "t"}\n',
     ":2:6: added_citations[0].record: 'doc-a' is not one of the agreements or corridors"),
    ('  - {record: per-one, doc: doc-a, quote: "Четвёртая", translation: "t"}\n',
     ":2:35: added_citations[0].quote: [doc-a] quote not found"),
    ('  - {record: per-one, doc: doc-a, quote: "Третья строка"}\n',
     ":2:5: added_citations[0].translation: required field is missing"),
    ('  - {doc: doc-a, quote: "Третья строка", translation: "t"}\n',
     ":2:5: added_citations[0].record: required field is missing"),
])
def test_a_faulty_added_citation_is_told_at_its_place(split: Path, body: str,
                                                      expected: str) -> None:
    path = _add(split, body)
    problems = _problems(split)
    assert any(p.startswith(f"{path}{expected}") for p in problems), problems


def test_added_citations_that_are_not_a_list_are_told(split: Path) -> None:
    path = split.parent / "parts" / "kzt-tui.yaml"
    path.write_text("added_citations: {record: per-one}\n", encoding="utf-8")
    assert _problems(split) == [f"{path}:1:1: added_citations: expected a list, got a "
                                "mapping"]
    path.write_text("added_citations:\n  - 5\n", encoding="utf-8")
    (problem,) = _problems(split)
    assert problem.startswith(f"{path}:2:5: added_citations[0]: expected a mapping with "
                              "fields record, doc, quote, translation, occurrence, note")


def test_an_added_citation_keeps_its_occurrence_and_counts_for_a_long_id(
        split: Path) -> None:
    """"строка" is on every line of doc-a: occurrence 2 is the second line's; a record
    whose id has several hyphens is counted in its section by the first word."""
    (split.parent / "parts" / "3.yaml").write_text(
        "people:\n" + person("per-two-b-c", "doc-a", "Первая строка"), encoding="utf-8")
    _add(split, '  - {record: per-two-b-c, doc: doc-a, quote: "строка", occurrence: 2, '
         'translation: "t"}\n')
    dataset = load(split)
    (got,) = [p for p in dataset.people if p.id == "per-two-b-c"]
    added = got.citations[1]
    assert added.occurrence == 2 and added.span is not None and added.span.line_start == 2
    assert check_dataset(split).counts["people"] == (4, 5)


@pytest.fixture
def eager_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load through a cache hands each missing file to a worker of its own."""
    from kzt_tui.core.loading import workers

    monkeypatch.setattr(workers, "MIN_FILES", 1)
    monkeypatch.setattr(workers, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "BATCH_BYTES", 1)
    monkeypatch.setattr(workers, "workers", lambda: 2)


_OF_DOC_B = {
    "added": ("added_citations", '  - {record: per-one, doc: doc-b, quote: "%s", '
              'translation: "t"}\n'),
    "dismissed": ("dismissals", '  - {doc: doc-b, quote: "%s", reason: other}\n'),
}


@pytest.mark.parametrize("kind", sorted(_OF_DOC_B))
def test_a_worker_never_caches_what_cites_another_batchs_document(
        split: Path, tmp_path: Path, kind: str, eager_workers: None) -> None:
    """parts/0.yaml adds (or dismisses) a quote of doc-b, which parts/2.yaml defines: the
    worker checking 0.yaml alone cannot ground it, so it must leave the file to the load
    (a bad quote is told as with no cache, and a good one gets its span)."""
    key, item = _OF_DOC_B[kind]
    zero = split.parent / "parts" / "0.yaml"
    zero.write_text(f"{key}:\n" + item % "THIS QUOTE IS IN NO TEXT", encoding="utf-8")
    expected = f"{zero}:2:"
    for cache in (tmp_path / "c1", tmp_path / "c1"):  # an empty cache, then the warm one
        with pytest.raises(DataError) as caught:
            check_dataset(split, cache=PartCache(cache))
        assert [p.message for p in caught.value.problems] == [
            "[doc-b] quote not found, and no passage of the document resembles it"]
        assert str(caught.value.problems[0].file) + ":2:" == expected
    zero.write_text(f"{key}:\n" + item % "вторая статья", encoding="utf-8")
    for _ in range(2):
        dataset = load_cached(split, directory=tmp_path / "c2")
        cites = ([c for p in dataset.people if p.id == "per-one" for c in p.citations[1:]]
                 if kind == "added" else [d.citation for d in dataset.dismissals])
        assert [c.quote for c in cites] == ["вторая статья"]
        span = cites[0].span
        text = (split.parent / "texts" / "b.txt").read_text(encoding="utf-8")
        assert span is not None and text[span.start:span.end] == "вторая статья"


_COPIES = {
    # an alias repeats the item it names, with its positions: told at the anchor's record
    "a YAML alias": ('  - &a {record: per-one, doc: doc-a, quote: "Третья строка", '
                     'translation: "t"}\n  - *a\n', ":2:9: added_citations[1]", 3),
    "the record's own citation": ('  - {record: per-one, doc: doc-a, quote: "Первая строка", '
                                  'translation: "t"}\n', ":2:6: added_citations[0]", 1),
    "a copy written out": (
        '  - {record: per-one, doc: doc-a, quote: "Третья строка", translation: "t"}\n'
        '  - {record: per-one, doc: doc-a, quote: "Третья строка", translation: "u"}\n',
        ":3:6: added_citations[1]", 3),
}


@pytest.mark.parametrize("name", sorted(_COPIES))
def test_a_second_copy_of_a_cited_passage_is_told_at_its_line(
        split: Path, tmp_path: Path, name: str) -> None:
    """Each passage is cited once per record, as the curator requires: a copy is a
    file:line error (else it loaded silently and counted twice), loaded or checked,
    with a cache or without."""
    body, where, line = _COPIES[name]
    path = _add(split, body)
    expected = [f"{path}{where}: per-one already cites that passage of doc-a (line {line})"]
    assert _problems(split) == expected
    for _ in range(2):  # an empty cache, then a warm one (summaries only, for check)
        with pytest.raises(DataError) as caught:
            check_dataset(split, cache=PartCache(tmp_path / "cache"))
        assert [f"{p.file}:{p.line}:{p.col}: {p.path}: {p.message}"
                for p in caught.value.problems] == expected
        assert caught.value.problems[0].hint == "remove this copy: each passage is cited once"


def test_the_same_added_citation_in_two_files_is_told_in_the_second(
        split: Path, tmp_path: Path) -> None:
    item = '  - {record: per-two, doc: doc-a, quote: "Третья строка", translation: "t"}\n'
    _add(split, item, "3.yaml")
    cache = PartCache(tmp_path / "cache")
    assert check_dataset(split, cache=cache).counts["people"] == (3, 4)  # 3.yaml cached
    second = _add(split, item, "4.yaml")
    expected = [f"{second}:2:6: added_citations[0]: per-two already cites that passage of "
                "doc-a (line 3)"]
    assert _problems(split) == expected
    with pytest.raises(DataError) as caught:
        check_dataset(split, cache=cache)
    assert [f"{p.file}:{p.line}:{p.col}: {p.path}: {p.message}"
            for p in caught.value.problems] == expected

def test_every_added_citation_waiting_for_a_later_document_is_grounded(split: Path) -> None:
    # both cite doc-b, which parts/2.yaml defines after this file: both wait, both grounded
    _add(split, '  - {record: per-one, doc: doc-b, quote: "вторая статья", translation: "a"}\n'
         '  - {record: per-three, doc: doc-b, quote: "Текст Б", translation: "b"}\n', "1a.yaml")
    dataset = load(split)
    for record_id, quote in (("per-one", "вторая статья"), ("per-three", "Текст Б")):
        (record,) = [p for p in dataset.people if p.id == record_id]
        cite = record.citations[-1]
        assert cite.quote == quote and cite.span is not None
        assert dataset.texts["doc-b"][cite.span.start:cite.span.end] == quote


def test_a_file_that_only_adds_citations_is_checked_again_when_their_text_changes(
        split: Path, tmp_path: Path) -> None:
    path = _add(split, '  - {record: per-three, doc: doc-a, quote: "Третья строка", '
                'translation: "t"}\n')
    load_cached(split, directory=tmp_path / "cache")
    source = split.parent / "texts" / "a.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Третья", "Четвёртая"),
                      encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_cached(split, directory=tmp_path / "cache")
    assert [(p.file, p.path) for p in caught.value.problems] == [
        (str(path), "added_citations[0].quote")]
