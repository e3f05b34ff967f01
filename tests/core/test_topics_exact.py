"""core/topics exactly, on records built for it: counts in the vocabulary's order with a
topic outside it last, by name; sections without topics skipped; a topic's records section
by section, empty sections left out."""

from __future__ import annotations

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import (
    SECTION_BY_NAME,
    Agreement,
    Citation,
    Dataset,
    Document,
    Statement,
    Text2,
)
from kzt_tui.core.topics import on_topic, topic_counts

T = Text2("T", "Т")
C = (Citation("doc-a", "q", "t"),)


def agreement(aid: str, *topics: str) -> Agreement:
    return Agreement(aid, C, None, "", T, "plan", "interstate", (), (), None, "signed", topics)


def statement(sid: str, *topics: str) -> Statement:
    return Statement(sid, C, None, "", T, "position", None, "author", topics)


AGR_A = agreement("agr-a", "water", "trade")
AGR_B = agreement("agr-b", "zeta", "water", "alpha")
AGR_C = agreement("agr-c")
STM_A = statement("stm-a", "trade", "water")
CORPUS = Corpus(Dataset(
    "c.yaml", "/nowhere",
    documents=(Document("doc-a", "a.txt", None, "", T, None, "news_report", "ok"),),
    agreements=(AGR_A, AGR_B, AGR_C), statements=(STM_A,)))


def test_topics_are_counted_in_the_vocabularys_order_others_last_by_name() -> None:
    # schema.TOPICS has trade before water; zeta and alpha are not in it
    assert topic_counts(CORPUS) == [("trade", 2), ("water", 3), ("alpha", 1), ("zeta", 1)]
    assert topic_counts(Corpus(Dataset("c.yaml", "/nowhere"))) == []


def test_a_topics_records_section_by_section_in_file_order() -> None:
    assert [(s.name, [r.id for r in records]) for s, records in on_topic(CORPUS, "water")] == [
        ("agreements", ["agr-a", "agr-b"]), ("statements", ["stm-a"])]
    assert [(s.name, [r.id for r in records]) for s, records in on_topic(CORPUS, "alpha")] == [
        ("agreements", ["agr-b"])]
    assert on_topic(CORPUS, "zeta") == [(SECTION_BY_NAME["agreements"], [AGR_B])]
    assert on_topic(CORPUS, "gas") == []
