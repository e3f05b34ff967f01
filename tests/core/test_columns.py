"""The column tables exactly: a golden of every section's columns (name, header, width,
priority, flags) and of every cell of the test datasets, in English and Russian; then the
derived values (speaker, accounted share, counts), Column.text, values_of and fit.

The tables are built here by build_tables, not read from SECTION_COLUMNS: the app's copy
is made once, before a mutation run switches a mutant on."""

from __future__ import annotations

import pytest

from kzt_tui.core import columns as columns_module
from kzt_tui.core.columns import (
    MARK_COLUMNS,
    Column,
    build_tables,
    columns_of,
)
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.model import Record
from tests.helpers import FIXTURES

GOLDEN = FIXTURES / "golden" / "columns.txt"


def _corpora() -> tuple[Corpus, Corpus]:
    return (Corpus(load(FIXTURES / "ui" / "curated.yaml")),
            Corpus(load(FIXTURES / "reading" / "curated.yaml")))


def _spec(column: Column) -> str:
    flags = [name for name in ("title", "is_date", "right", "vocab", "multi")
             if getattr(column, name)]
    if column.ready is not None:
        flags.append("ready")
    if column.show is not None:
        flags.append("show")
    if column.empty:
        flags.append(f"empty={column.empty!r}")
    return (f"  {column.name} | {column.header} | width {column.width} | priority "
            f"{column.priority} | aliases {','.join(column.aliases) or '-'} | attr "
            f"{column.attr or '-'} | {' '.join(flags) or '-'}")


def _cells(columns: tuple[Column, ...], records: list[Record], corpus: Corpus) -> list[str]:
    out = []
    for record in records:
        for lang in ("en", "ru"):
            first = [c.text(record, corpus, lang) for c in columns]  # before slow values
            values = [repr(c.value(record, corpus)) for c in columns]
            again = [c.text(record, corpus, lang) for c in columns]
            out.append(f"    {record.id} {lang}: " + " | ".join(first))
            if again != first:
                out.append(f"    {record.id} {lang}, made: " + " | ".join(again))
            if lang == "en":
                out.append(f"    {record.id} values: " + " | ".join(values))
    return out


def render() -> str:
    """Both tables, with the cells of the ui fixture (statements: the reading fixture)."""
    sections, timeline = build_tables()
    ui, reading = _corpora()
    lines = []
    for section, columns in [*sections.items(), ("timeline", timeline)]:
        lines.append(f"{section}:")
        lines += [_spec(c) for c in columns]
        corpus = reading if section == "statements" else ui
        records = (list(corpus.section("events")) + list(corpus.section("agreements"))
                   if section == "timeline" else list(corpus.section(section)))
        lines += _cells(columns, records, corpus)
    return "\n".join(lines) + "\n"


def test_the_column_tables_and_their_cells_match_the_golden_file() -> None:
    assert render() == GOLDEN.read_text("utf-8")


def test_the_app_reads_the_tables_built_once() -> None:
    sections = columns_module.SECTION_COLUMNS
    timeline = columns_module.TIMELINE_COLUMNS
    built, built_timeline = build_tables()
    assert list(sections) == list(built)
    for name, columns in sections.items():
        assert [_spec(c) for c in columns] == [_spec(c) for c in built[name]]
    assert [_spec(c) for c in timeline] == [_spec(c) for c in built_timeline]
    assert columns_module.SECTION_COLUMNS is sections
    assert columns_module.TIMELINE_COLUMNS is timeline
    figures = columns_of(["figures"])
    assert figures == (*sections["figures"], *MARK_COLUMNS)
    assert figures is columns_of(["figures"])
    assert figures[: len(sections["figures"])] == sections["figures"]
    assert all(a is b for a, b in zip(figures, sections["figures"], strict=False))
    merged = columns_of(["events", "agreements"])
    assert merged == (*timeline, *MARK_COLUMNS)
    assert all(a is b for a, b in zip(merged, timeline, strict=False))
    with pytest.raises(AttributeError) as error:
        _ = columns_module.NO_SUCH_TABLE  # type: ignore[attr-defined]
    assert str(error.value) == "module 'kzt_tui.core.columns' has no attribute 'NO_SUCH_TABLE'"


if __name__ == "__main__":  # regenerate: python -m tests.core.test_columns
    GOLDEN.write_text(render(), encoding="utf-8")


def test_the_figures_value_column_holds_the_longest_shipped_value_whole() -> None:
    """"more than $0.5bn" (16 cells) was cut to "more than $0.…" at every width."""
    from kzt_tui.core.paths import shipped_data

    corpus = Corpus(load(shipped_data()))
    value = next(c for c in build_tables()[0]["figures"] if c.name == "value")
    shown = {lang: max((value.text(r, corpus, lang)
                        for r in corpus.section("figures")), key=len) for lang in ("en", "ru")}
    assert shown == {"en": "more than $0.5bn", "ru": "более $0,5 млрд"}
    assert value.width == len(shown["en"]) == 16
