"""core/topics: every record on one topic, across sections, for the Show topic… view."""

from __future__ import annotations

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.topics import on_topic, topic_counts
from tests.helpers import FIXTURES

READING = FIXTURES / "reading" / "curated.yaml"


def test_topics_are_counted_in_vocabulary_order() -> None:
    corpus = Corpus(load(READING))
    assert topic_counts(corpus) == [("trade", 1), ("transport", 1), ("water", 2)]


def test_a_topic_s_records_come_section_by_section() -> None:
    corpus = Corpus(load(READING))
    got = [(section.name, [r.id for r in records])
           for section, records in on_topic(corpus, "water")]
    assert got == [("agreements", ["agr-canal"]), ("statements", ["stm-water"])]
    assert on_topic(corpus, "gas") == []


def test_the_shipped_water_topic_spans_agreements_and_statements() -> None:
    corpus = Corpus(load(shipped_data()))
    sections = {section.name: len(records) for section, records in on_topic(corpus, "water")}
    assert set(sections) == {"agreements", "statements"}
    assert sum(sections.values()) == dict(topic_counts(corpus))["water"]
