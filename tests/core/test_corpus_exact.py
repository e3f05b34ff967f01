"""The corpus index, exactly: each link both ways with its relation, in order, each target
once; references to a missing record left out; the discrepancies of a record; a document's
facts in text order (a citation without a span first); a record's documents; a text read
on first use, kept or not, and told as unavailable when its file is missing; paragraphs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kzt_tui.core.corpus import CitedFact, Corpus, Link
from kzt_tui.core.model import (
    Agreement,
    Citation,
    Corridor,
    Dataset,
    Discrepancy,
    Document,
    Event,
    Figure,
    Person,
    Side,
    Span,
    Statement,
    Text2,
)

T = Text2("T", "Т")


def cite(doc: str, start: int | None = None) -> Citation:
    span = None if start is None else Span(start, start + 1, 1, 1)
    return Citation(doc, "q", "t", span=span)


def doc(did: str, file: str) -> Document:
    return Document(did, file, None, "", T, None, "news_report", "ok")


AGR = Agreement("agr-a", (cite("doc-a"),), None, "", T, "plan", "interstate", (), (), None,
                "signed", (), event="evt-a", corridors=("cor-a", "cor-missing"),
                figures=("fig-a",))
COR = Corridor("cor-a", (cite("doc-a", 0),), None, "", T, "road", (), (), (), "planned",
               figures=("fig-a",))
FIG = Figure("fig-a", (cite("doc-a"),), None, "", T, "m", "g", "s", (), 1.0, "one", "USD",
             "exact", "actual", None)
PER = Person("per-a", (cite("doc-b"), cite("doc-a", 30), cite("doc-b")), None, "", T,
             "minister", None)
EVT = Event("evt-a", (cite("doc-a", 5),), None, "", T, "visit", None, None,
            people=("per-a",), agreements=("agr-a",))
DIS = Discrepancy("dis-a", (), None, "", T, "wording", "d",
                  (Side("one", (cite("doc-c"),)),), "a", facts=("fig-a", "agr-a", "fig-a"))
STM = Statement("stm-a", (cite("doc-c"),), None, "", T, "position", "per-a", "speaker", (),
                about=("agr-a",))
MUTE = Statement("stm-b", (cite("doc-c"),), None, "", T, "position", None, "author", ())


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    (tmp_path / "b.txt").write_text("Первый абзац.\n\nВторой абзац.\n", encoding="utf-8")
    dataset = Dataset(
        "c.yaml", str(tmp_path),
        documents=(doc("doc-a", "a.txt"), doc("doc-b", "b.txt"), doc("doc-c", "c.txt")),
        agreements=(AGR,), corridors=(COR,), figures=(FIG,), people=(PER,), events=(EVT,),
        discrepancies=(DIS,), statements=(STM, MUTE), texts={"doc-a": "Текст А."})
    return Corpus(dataset)


def test_links_go_both_ways_each_target_once_in_order(corpus: Corpus) -> None:
    assert {rid: corpus.links(rid) for rid in corpus.by_id} == {
        "doc-a": [], "doc-b": [], "doc-c": [],
        "agr-a": [Link("corridor", "cor-a"), Link("figure", "fig-a"),
                  Link("signed at", "evt-a"), Link("discrepancy", "dis-a"),
                  Link("statement", "stm-a")],
        "cor-a": [Link("agreement", "agr-a"), Link("figure", "fig-a")],
        "fig-a": [Link("measured in", "agr-a"), Link("measured in", "cor-a"),
                  Link("discrepancy", "dis-a")],
        "per-a": [Link("took part in", "evt-a"), Link("speaks in", "stm-a")],
        "evt-a": [Link("agreement signed", "agr-a"), Link("participant", "per-a")],
        "dis-a": [Link("involves", "fig-a"), Link("involves", "agr-a")],
        "stm-a": [Link("speaker", "per-a"), Link("about", "agr-a")],
        "stm-b": [],
    }
    assert corpus.links("cor-missing") == []


@pytest.mark.parametrize(("status", "there", "back"), [
    ("signed", "signed at", "agreement signed"), ("in_force", "signed at", "agreement signed"),
    ("proposed", "proposed at", "agreement proposed"),
    ("discussed", "discussed at", "agreement discussed"),
    ("agreed", "agreed at", "agreement agreed"), ("planned", "planned at", "agreement planned")])
def test_an_agreement_and_its_event_link_as_its_status_says(
        status: str, there: str, back: str) -> None:
    """A proposal made at the talks was once listed in them as "agreement signed"."""
    agreement = replace(AGR, status=status, corridors=(), figures=())
    links = Corpus(Dataset("c.yaml", "/nowhere", agreements=(agreement,), events=(EVT,)))
    assert links.links("agr-a") == [Link(there, "evt-a")]
    assert Link(back, "agr-a") in links.links("evt-a")


def test_the_discrepancies_of_a_record_each_once(corpus: Corpus) -> None:
    assert [corpus.discrepancies_of(rid) for rid in ("fig-a", "agr-a", "per-a", "x")] == [
        ["dis-a"], ["dis-a"], [], []]


def test_a_documents_facts_in_text_order_and_a_records_documents(corpus: Corpus) -> None:
    # agr-a and fig-a have no span (sorted as offset 0, kept in file order around cor-a's 0)
    assert [(f.record.id, f.citation.span.start if f.citation.span else None)
            for f in corpus.facts_of("doc-a")] == [
        ("agr-a", None), ("cor-a", 0), ("fig-a", None), ("evt-a", 5), ("per-a", 30)]
    assert corpus.facts_of("doc-b") == [CitedFact(PER, PER.citations[0]),
                                        CitedFact(PER, PER.citations[2])]
    assert [f.record.id for f in corpus.facts_of("doc-c")] == ["dis-a", "stm-a", "stm-b"]
    assert corpus.facts_of("doc-x") == []
    assert corpus.documents_of(PER) == ["doc-b", "doc-a"]
    assert corpus.documents_of(DIS) == ["doc-c"]


def test_lookups(corpus: Corpus) -> None:
    assert list(corpus.by_id) == ["doc-a", "doc-b", "doc-c", "agr-a", "cor-a", "fig-a",
                                  "per-a", "evt-a", "dis-a", "stm-a", "stm-b"]
    assert corpus.get("fig-a") is FIG
    assert corpus.get("fig-x") is None
    assert corpus.section("statements") == (STM, MUTE)
    assert corpus.document("doc-b") == doc("doc-b", "b.txt")
    with pytest.raises(KeyError):
        corpus.document("doc-x")


def test_a_text_is_read_on_first_use_and_kept_unless_asked(corpus: Corpus,
                                                           tmp_path: Path) -> None:
    assert corpus.text("doc-a") == "Текст А."
    assert corpus.text("doc-b", keep=False) == "Первый абзац.\n\nВторой абзац.\n"
    (tmp_path / "b.txt").write_text("Другой.\n", encoding="utf-8")
    assert corpus.text("doc-b") == "Другой.\n"  # not kept before: read again
    (tmp_path / "b.txt").write_text("Третий.\n", encoding="utf-8")
    assert corpus.text("doc-b") == "Другой.\n"  # kept now
    assert corpus.dataset.texts == {"doc-a": "Текст А."}  # the dataset's own left alone
    assert corpus.text("doc-c") == "[source unavailable: source file 'c.txt' does not exist]"


def test_paragraphs_are_made_once_from_the_text(corpus: Corpus) -> None:
    paragraphs = corpus.paragraphs("doc-b")
    assert (len(paragraphs), paragraphs.line_of(1), paragraphs.line_of(2)) == (2, 1, 3)
    assert corpus.paragraphs("doc-b") is paragraphs
    assert len(corpus.paragraphs("doc-a")) == 1
