"""B (copy both sides) names the documents a discrepancy's prose gives by id by their
titles: the copy goes to an editor, who knows the texts by title (core/cite.with_titles)."""

from __future__ import annotations

import pytest

from kzt_tui.core.cite import copy_text, with_titles
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Discrepancy
from kzt_tui.core.paths import shipped_data
from tests.helpers import FIXTURES


@pytest.fixture(scope="module")
def ui() -> Corpus:
    return Corpus(load(FIXTURES / "ui" / "curated.yaml"))


def test_whole_ids_and_their_numbered_starts_become_titles(ui: Corpus) -> None:
    assert with_titles(ui, "doc-one says so; doc-two's note; (doc-one)") == (
        "«Talks in Akorda» says so; «Trade [red]notes[/red]»'s note; («Talks in Akorda»)")
    assert with_titles(ui, "doc-one and doc-two", "ru") == (
        "«Переговоры в Акорде» and «Заметки о торговле»")


def test_words_that_name_no_one_document_are_left_as_written(ui: Corpus) -> None:
    # not an id, a start that is no whole part of one, an id inside a word, a bare prefix
    text = "doc-three, doc-on, xdoc-one, doc-, doc"
    assert with_titles(ui, text) == text


def test_b_on_the_shipped_data_copies_titles_not_ids() -> None:
    corpus = Corpus(load(shipped_data()))
    record = corpus.get("dis-update-stamp-before-dateline")
    assert isinstance(record, Discrepancy)
    got = copy_text(corpus, "sides", record, None)
    assert got is not None
    assert got[0].split("\n")[0] == (
        "Discrepancy: «Kazakhstan and Turkmenistan intend to bring trade to $1 billion "
        "(updated)»'s update is stamped a day before its dateline")
    assert got[0].split("\n")[1] == (
        "«Kazakhstan and Turkmenistan intend to bring trade to $1 billion (updated)» is "
        "datelined \"Астана. 25 ноября\" and its file date is 2025-11-26, but the appended "
        "section is stamped \"Дополнено 24.11.2025, 17.20\" — a day before the report it "
        "updates.")
    assert "doc-" not in got[0]
