"""Every record on one topic, across sections: "what do the sources say about water?"."""

from __future__ import annotations

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import SECTIONS, Record, SectionInfo
from kzt_tui.core.schema import TOPICS


def topic_counts(corpus: Corpus) -> list[tuple[str, int]]:
    """Each topic some record carries, with how many records carry it, in the order of
    schema.TOPICS (a topic outside it last, by name)."""
    counts: dict[str, int] = {}
    for section in SECTIONS:
        for record in corpus.section(section.name):
            for topic in getattr(record, "topics", ()):
                counts[topic] = counts.get(topic, 0) + 1
    order = {topic: n for n, topic in enumerate(TOPICS)}
    return sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def on_topic(corpus: Corpus, topic: str) -> list[tuple[SectionInfo, list[Record]]]:
    """The records that carry `topic`, section by section (in the order of SECTIONS, file
    order within each); sections without any are left out."""
    got = []
    for section in SECTIONS:
        records = [r for r in corpus.section(section.name) if topic in getattr(r, "topics", ())]
        if records:
            got.append((section, records))
    return got
