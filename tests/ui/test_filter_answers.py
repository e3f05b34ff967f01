"""`marked:да` / `marked:нет`: the yes/no filter words in Russian as in English, whatever
the interface's language (the table shows да/нет in Russian, so that is what users type)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.columns import columns_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex
from kzt_tui.core.loading import load
from kzt_tui.core.marks import Marks, marks_path
from kzt_tui.core.query import parse
from kzt_tui.core.table import TableIndex

from ..helpers import make_split
from .helpers import curate_app, explorer_of


@pytest.mark.parametrize(("typed", "value"), [
    ("да", "yes"), ("Да", "yes"), ("нет", "no"), ("yes", "yes"), ("no", "no"),
    ("да,нет", "yes no"), ("maybe", "maybe"),
])  # fmt: skip
def test_the_answers_are_read_as_yes_and_no(typed: str, value: str) -> None:
    columns = columns_of(("people",))
    for lang in ("en", "ru"):
        (term,) = parse(f"marked:{typed}", columns, lang).terms
        assert " ".join(term.values) == value


def test_a_russian_answer_on_another_field_stays_a_word() -> None:
    (term,) = parse("role:да", columns_of(("people",)), "ru").terms
    assert term.values == ("да",)


def test_marked_da_keeps_the_marked_records(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    Marks(marks_path(top)).mark("per-two")
    corpus = Corpus(load(top))
    people = corpus.section("people")
    index, columns, fi = TableIndex(corpus), columns_of(("people",)), FilterIndex(corpus)

    def ids(query: str) -> list[str]:
        return [r.id for r in index.select(people, columns, fi, query).records]

    assert ids("marked:да") == ids("marked:yes") == ["per-two"]
    assert ids("marked:нет") == ids("marked:no") == ["per-one", "per-three"]
    assert ids("-marked:да") == ["per-one", "per-three"]


async def test_in_the_russian_interface_marked_da_filters_the_list(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L", "7", "m")  # Russian, People, mark the first
        await pilot.pause()
        explorer = explorer_of(app)
        rows = explorer.fact_list.rows
        first = rows.key(0)
        await pilot.press("slash", *"marked:да", "enter")
        await pilot.pause()
        assert [rows.key(i) for i in range(len(explorer.fact_list.rows))] == [first]
