"""Topics are one controlled vocabulary (schema.TOPICS), checked wherever they appear."""

from __future__ import annotations

import pytest

from kzt_tui.core import schema
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.loading import DataError, load
from kzt_tui.core.paths import shipped_data
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")


def test_the_vocabulary_is_slugs_without_repeats() -> None:
    assert len(set(schema.TOPICS)) == len(schema.TOPICS)
    assert all(schema.SLUG_RE.match(t) for t in schema.TOPICS)


def test_a_topic_outside_the_vocabulary_is_refused_with_a_guess(write_data) -> None:
    path = write_data(BASE.replace("topics: [trade]", "topics: [trades, water]"))
    with pytest.raises(DataError) as info:
        load(path)
    (problem,) = map(str, info.value.problems)
    assert "agreements[0].topics[0]: expected one of trade, energy" in problem
    assert "did you mean 'trade'?" in problem



def test_every_shipped_topic_is_in_the_vocabulary_and_filters_across_sections() -> None:
    corpus = Corpus(load(shipped_data()))
    used = {t for name in ("agreements", "statements") for r in corpus.section(name)
            for t in getattr(r, "topics", ())}
    assert used <= set(schema.TOPICS)
    # "what do the sources say about water?": the list filter finds it in every section
    # that has topics
    index = FilterIndex(corpus)
    found = {r.section for name in ("agreements", "statements")
             for r in index.filter(corpus.section(name), "water")}
    assert found == {"agreements", "statements"}
