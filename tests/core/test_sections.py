"""model.SECTIONS is the only table of sections, and export.FORMATS the only one of formats:
every other lookup is derived from them and covers every entry.

mypy names a `match` over the record kinds that misses one; these tests catch a section
that is in the table but not handled where a lookup (not a match) reads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args, get_type_hints

import pytest

from kzt_tui.cli import build_parser
from kzt_tui.core import model
from kzt_tui.core.corpus import SECTIONS as CORPUS_SECTIONS
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields, filter_text, row_text
from kzt_tui.core.export import (
    FORMAT_NAMES,
    FORMATS,
    ExportError,
    ExportFormat,
    csv_row,
    export_data,
    export_records,
    export_text,
    format_for_name,
)
from kzt_tui.core.loading import load
from kzt_tui.core.model import SECTIONS, Record, SectionInfo, section_of
from kzt_tui.core.paths import shipped_data
from kzt_tui.panes import PANE_BY_NAME, PANES, home_pane

NAMES = [s.name for s in SECTIONS]


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return Corpus(load(shipped_data()))


@pytest.fixture(scope="module")
def one_of_each(shipped: Corpus) -> dict[str, Record]:
    """The first record of each section in the shipped dataset."""
    return {s.name: shipped.section(s.name)[0] for s in SECTIONS}


def test_every_record_class_has_exactly_one_section() -> None:
    kinds = get_args(Record)
    assert sorted(s.record_type.__name__ for s in SECTIONS) == sorted(k.__name__ for k in kinds)
    for info in SECTIONS:
        assert info.record_type.section == info.name  # the class attribute records carry


def test_names_prefixes_and_words_are_unique() -> None:
    for attribute in ("name", "prefix", "singular", "title", "heading"):
        values = [getattr(s, attribute) for s in SECTIONS]
        assert len(set(values)) == len(values), attribute
        assert all(values), attribute


def test_the_section_literal_and_the_dataset_follow_the_table() -> None:
    assert list(get_args(model.Section)) == NAMES
    hints = get_type_hints(model.Dataset)
    dataset_sections = [name for name in hints if name in NAMES]
    assert dataset_sections == NAMES  # same order: a Part's sections are stored in it
    for info in SECTIONS:
        assert get_args(hints[info.name]) == (info.record_type, ...)


def test_the_old_names_are_views_of_the_table() -> None:
    assert list(model.SECTION_PREFIX.items()) == [(s.name, s.prefix) for s in SECTIONS]
    assert {s.prefix: s.name for s in SECTIONS} == model.PREFIX_SECTION
    assert {s.name: s.singular for s in SECTIONS} == model.SECTION_SINGULAR
    assert list(CORPUS_SECTIONS) == NAMES
    assert {s.name: s for s in SECTIONS} == model.SECTION_BY_NAME
    assert {s.prefix: s for s in SECTIONS} == model.SECTION_BY_PREFIX
    assert {s.record_type: s for s in SECTIONS} == model.SECTION_BY_TYPE


@pytest.mark.parametrize("info", SECTIONS, ids=NAMES)
def test_every_section_opens_in_a_pane_that_lists_it(info: SectionInfo) -> None:
    assert info.pane in PANE_BY_NAME
    assert info.name in PANE_BY_NAME[info.pane].sections


def test_every_pane_lists_known_sections_and_every_section_is_listed() -> None:
    listed = [name for pane in PANES for name in pane.sections]
    assert set(listed) <= set(NAMES)
    assert set(NAMES) <= set(listed)


@pytest.mark.parametrize("name", NAMES)
def test_every_lookup_covers_every_section(shipped: Corpus, one_of_each: dict[str, Record],
                                          name: str) -> None:
    from kzt_tui.widgets.detail_view import detail_blocks

    record = one_of_each[name]
    info = section_of(record)
    assert info.name == name
    assert record.id.startswith(info.prefix + "-")
    assert home_pane(record).name == info.pane
    assert row_text(record) and filter_text(record) and fields(record)
    assert csv_row(shipped, record)["section"] == name
    heading = detail_blocks(shipped, record, "en")[0].body.plain
    assert heading.startswith(info.heading + " ")
    briefing = export_records(shipped, "md", [record], "one")
    assert f"\n## {info.title} (1)\n" in briefing
    assert f"\n## {info.title} (" in export_text(shipped, "md", name)


def test_the_cli_and_the_dialog_take_the_formats_from_the_registry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from kzt_tui.dialogs.export import _SUFFIXES, format_for

    names = [f.name for f in FORMATS]
    assert len(set(names)) == len(names)
    assert len({f.suffix for f in FORMATS}) == len(FORMATS)
    assert list(FORMAT_NAMES) == names
    parser = build_parser()
    for spec in FORMATS:
        assert parser.parse_args(["export", "--format", spec.name]).fmt == spec.name
        assert format_for_name(f"out{spec.suffix.upper()}") is spec
        assert format_for(Path(f"x{spec.suffix}")) == spec.name
        assert spec.suffix in _SUFFIXES
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "--format", "txt"])
    assert ", ".join(map(repr, names)) in capsys.readouterr().err


@pytest.mark.parametrize("spec", FORMATS, ids=FORMAT_NAMES)
def test_every_format_renders_and_says_whether_a_section_applies(shipped: Corpus,
                                                                 spec: ExportFormat) -> None:
    assert isinstance(export_data(shipped, spec.name), bytes if spec.binary else str)
    if spec.no_section is None:
        assert export_data(shipped, spec.name, "figures")
    else:
        with pytest.raises(ExportError, match="does not apply"):
            export_data(shipped, spec.name, "figures")
