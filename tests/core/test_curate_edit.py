"""Editing a record kzt-tui wrote (core/curate/edit.py, Curator.editable/edit_record): the
block from its `- id:` line replaced in place, every other line as it was, undoable; a
record of a file kzt-tui does not change refused in one line that says where it lives."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.curate.edit import (
    place_of,
    record_block,
    record_fields,
    replace_record,
    split_lines,
)
from kzt_tui.core.curate.editform import edit_form, edited
from kzt_tui.core.curate.render import render_record
from kzt_tui.core.curate.store import HEADER, CurateError, Curator
from kzt_tui.core.loading import load
from tests.core.test_curate import _figure


def _own(split: Path) -> Path:
    return split.parent / "parts" / "kzt-tui.yaml"


def _renamed(fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**fields, **changes}


BLOCK = render_record("figures", _figure(label={"en": "Trade NEW", "ru": "Товарооборот"}))


def test_the_block_runs_from_the_id_line_to_its_last_line_not_the_comments_after() -> None:
    lines = ["figures:", "  - id: fig-a", "    value: 1", "", "    # inside", "    unit: USD",
             "  # about the next", "  - id: fig-b", "    value: 2", "people: []"]
    assert record_block(lines, "fig-a") == (1, 6, 2)
    assert record_block(lines, "fig-b") == (7, 9, 2)
    assert record_block(lines, "fig") is None


def test_items_at_the_keys_column_are_replaced_at_that_column() -> None:
    text = ("# kzt-tui\nfigures:\n- id: fig-a\n  value: 1\n- id: \"fig-trade-2\"  # mine\n"
            "  value: 2\n  unit: USD\n# after\nstatements: []\n")
    got = replace_record(text, "fig-trade-2", "  - id: fig-trade-2\n    value: 3\n")
    assert got == ("# kzt-tui\nfigures:\n- id: fig-a\n  value: 1\n- id: fig-trade-2\n"
                   "  value: 3\n# after\nstatements: []\n")
    assert replace_record(text, "fig-c", "  - id: fig-c\n") is None


def test_a_line_separator_inside_another_value_is_not_a_line_break() -> None:
    text = ('figures:\n  - id: fig-a\n    notes: "one\u2028two"\n  - id: fig-b\n'
            '    notes: "x\u2029y\x0cz"\n    value: 1\n')
    got = replace_record(text, "fig-b", "  - id: fig-b\n    value: 2\n")
    assert got == ('figures:\n  - id: fig-a\n    notes: "one\u2028two"\n  - id: fig-b\n'
                   '    value: 2\n')
    assert split_lines("a\u2028b\nc\n") == ["a\u2028b", "c"]


def test_a_record_made_by_kzt_tui_is_edited_in_place_and_undone_exactly(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure("fig-first", "Первая строка"))
    curator.add_record("figures", _figure())
    curator.add_record("figures", _figure("fig-last", "Третья строка"))
    own = _own(split)
    before = own.read_bytes()
    editing = curator.editable("fig-trade-2")
    assert editing.file == own and editing.section == "figures"
    assert editing.fields == _figure()
    written = curator.edit_record(editing, _renamed(editing.fields,
                                                    label={"en": "Trade NEW",
                                                           "ru": "Товарооборот"}))
    text = own.read_text(encoding="utf-8")
    old_block = render_record("figures", _figure())
    assert text == before.decode("utf-8").replace(old_block, BLOCK)
    assert text.index("fig-first") < text.index("Trade NEW") < text.index("fig-last")
    assert Corpus(written.dataset).get("fig-trade-2").label("en") == "Trade NEW"
    assert [f.id for f in load(split).figures] == ["fig-first", "fig-trade-2", "fig-last"]
    assert curator.undo() == "edit fig-trade-2"
    assert own.read_bytes() == before


def test_the_id_may_change_to_a_free_one_not_to_one_that_exists(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    editing = curator.editable("fig-trade-2")
    with pytest.raises(CurateError, match="per-one already exists"):
        curator.edit_record(editing, _renamed(editing.fields, id="per-one"))
    written = curator.edit_record(editing, _renamed(editing.fields, id="fig-trade-x"))
    assert [f.id for f in written.dataset.figures] == ["fig-trade-x"]
    assert curator.undo() == "edit fig-trade-2 (now fig-trade-x)"


def test_a_file_changed_since_it_was_read_is_not_written(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    editing = curator.editable("fig-trade-2")
    own = _own(split)
    own.write_text(own.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    changed = own.read_bytes()
    with pytest.raises(CurateError, match="changed since fig-trade-2 was read"):
        curator.edit_record(editing, _renamed(editing.fields, value=1.0))
    assert own.read_bytes() == changed


def test_a_quote_edited_out_of_its_source_is_refused(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    editing = curator.editable("fig-trade-2")
    cites = [{"doc": "doc-a", "quote": "not in the text", "translation": "x"}]
    with pytest.raises(CurateError, match=r"\[doc-a\] quote not found"):
        curator.edit_record(editing, _renamed(editing.fields, citations=cites))
    assert "not in the text" not in _own(split).read_text(encoding="utf-8")


def test_a_hand_edited_layout_keeps_its_comments_and_other_records(split: Path) -> None:
    own = _own(split)
    own.write_text(HEADER + "\n# my notes\nstatements: []\nfigures:  # mine\n"
                   + "\n".join(line[2:] for line in
                               render_record("figures", _figure()).split("\n")) +
                   "# trailing\n", encoding="utf-8")
    curator = Curator(split)
    editing = curator.editable("fig-trade-2")
    curator.edit_record(editing, _renamed(editing.fields, value=600.0))
    text = own.read_text(encoding="utf-8")
    assert text.startswith(HEADER + "\n# my notes\nstatements: []\nfigures:  # mine\n- id: "
                           "fig-trade-2\n")
    assert "\n  value: 600\n" in text and text.endswith("# trailing\n")
    assert load(split).figures[0].value == 600


def test_a_hand_written_record_is_refused_with_its_file_and_line(split: Path,
                                                                 monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.chdir(split.parent)
    with pytest.raises(CurateError) as got:
        Curator(split).editable("per-three")
    line = (split.parent / "parts" / "2.yaml").read_text(encoding="utf-8").split("\n").index(
        "- id: per-three") + 1
    assert str(got.value) == (f"per-three lives in {os.path.join('parts', '2.yaml')}:{line}, "
                              "a file kzt-tui does not change; edit it there")
    with pytest.raises(CurateError, match="no record per-none"):
        Curator(split).editable("per-none")


def test_place_of_counts_lines_and_finds_flow_items() -> None:
    files = [("a.yaml", "x: 1\n"), ("b.yaml", "people:\n\n  - {id: per-a, name: x}\n"
                                              "  - id: \"per-b\"\n")]
    assert place_of(files, "per-a") == ("b.yaml", 3)
    assert place_of(files, "per-b") == ("b.yaml", 4)
    assert place_of(files, "per") is None


def test_the_form_shows_the_record_and_saving_it_unchanged_writes_it_again() -> None:
    record = _figure(notes="n; m", period={"label": "2024", "start": "2024-01-01",
                                          "end": "2024-12-31"})
    fields, values = edit_form("figures", record)
    assert values["label.en"] == "Trade" and values["countries"] == "KZ, TM"
    assert values["value"] == "555.7" and values["period.start"] == "2024-01-01"
    assert values["citation.quote"] == record["citations"][0]["quote"]
    assert not any(f.path.startswith("citation.") for f in fields)
    assert edited("figures", record, fields, values) == record
    changed = edited("figures", record, fields, {**values, "label.en": "Trade 2"})
    assert changed == {**record, "label": {"en": "Trade 2", "ru": "Товарооборот"}}


def test_a_record_of_the_shipped_data_says_copy_data_first(split: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from kzt_tui.core import paths

    monkeypatch.setattr(paths, "package_dir", lambda: split.parent)  # installed there
    with pytest.raises(CurateError) as got:
        Curator(split).editable("per-one")
    line = split.read_text(encoding="utf-8").split("\n").index("- id: per-one") + 1
    assert str(got.value) == (f"per-one lives in {split}:{line}, the shipped data, which "
                              "kzt-tui does not change; copy-data first, then edit it in "
                              "the copy")


def _parsed(section: str, yaml_item: str, record_id: str) -> dict[str, Any]:
    got = record_fields(f"{section}:\n{yaml_item}", section, record_id)
    assert got is not None
    return got


def test_a_corridor_s_places_and_a_statement_s_goods_show_as_they_are_typed() -> None:
    from tests.core.test_curate_form import GOODS_YAML, NODES_YAML

    road = _parsed("corridors", NODES_YAML, "cor-kz-tm-road")
    fields, values = edit_form("corridors", road)
    assert values["nodes"] == "Aktau (Актау) [KZ]; Garabogaz, port [TM]; Ashgabat"
    assert values["modes"] == "road" and values["countries"] == "KZ, TM"
    assert edited("corridors", road, fields, values) == road
    wheat = _parsed("statements", GOODS_YAML, "stm-wheat")
    fields, values = edit_form("statements", wheat)
    assert values["goods"] == ("wheat (пшеница) KZ->TM; meat and milk (мясо, молоко) "
                               "TM->KZ")
    assert values["speaker"] == ""
    assert edited("statements", wheat, fields, values) == wheat


def test_a_list_whose_items_hold_commas_is_shown_with_semicolons() -> None:
    record = _figure(countries=["KZ"], value=12.0)
    fields, values = edit_form("figures", record)
    assert values["value"] == "12" and values["countries"] == "KZ"
    odd = {**record, "countries": ["a, b", "c"]}
    fields, values = edit_form("figures", odd)
    assert values["countries"] == "a, b; c"
    assert edited("figures", odd, fields, values)["countries"] == ["a, b", "c"]


def test_record_fields_reads_plain_values_and_only_the_record_asked() -> None:
    text = ('figures:\n  - id: fig-a\n    period: {start: "2024", end: null}\n'
            '    countries: [KZ]\n  - id: fig-b\n    value: 2\n')
    got = record_fields(text, "figures", "fig-a")
    assert got == {"id": "fig-a", "period": {"start": "2024", "end": None},
                   "countries": ["KZ"]}
    assert type(got) is dict and type(got["period"]) is dict
    assert type(got["countries"]) is list
    assert record_fields(text, "figures", "fig-c") is None
    assert record_fields(text, "people", "fig-a") is None
    assert record_fields("- 1\n", "figures", "fig-a") is None
    assert record_fields("figures: [1, {id: fig-z}]\n", "figures", "fig-z") == {
        "id": "fig-z"}


def test_the_block_of_the_last_item_runs_to_the_file_s_end_and_quoted_ids_match() -> None:
    lines = ["figures:", "  - id: 'fig-a'  # mine", "    value: 1", "", "    unit: USD", ""]
    assert record_block(lines, "fig-a") == (1, 5, 2)
    assert record_block(["- id:  fig-a", "  x: 1", "y: 2"], "fig-a") == (0, 2, 0)
    assert record_block(["  - id: fig-ab"], "fig-a") is None
    assert record_block(["  -   id: fig-a"], "fig-a") == (0, 1, 2)


def test_the_form_names_the_first_citation_s_passage_and_optional_fields_it_has() -> None:
    record = _figure(value_max=600.0)
    fields, values = edit_form("figures", record)
    assert (values["citation.doc"], values["value_max"]) == ("doc-a", "600")
    assert "value_max" in [f.path for f in fields]
    assert edited("figures", record, fields, values) == record
    bare = {k: v for k, v in record.items() if k != "citations"}
    assert not any(k.startswith("citation.") for k in edit_form("figures", bare)[1])


def test_a_block_ends_at_the_dash_s_column_and_a_comment_there_does_not_end_it() -> None:
    assert record_block(["  - id: a", "  - id: b"], "a") == (0, 1, 2)
    assert record_block(["  - id: a", "   x", "  - id: b"], "a") == (0, 2, 2)
    assert record_block(["  - id: a", "# c", "    x: 1", "  # d"], "a") == (0, 3, 2)
    assert place_of([("c.yaml", "\n- id: per-c\n")], "per-c") == ("c.yaml", 2)
