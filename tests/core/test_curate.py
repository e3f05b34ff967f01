"""Writing records and citations (core/curate): only into files kzt-tui created, in the
hand-written layout, checked by a load at once (restored when it fails), undoable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.curate.journal import JournalError
from kzt_tui.core.curate.render import render_record
from kzt_tui.core.curate.store import HEADER, CurateError, Curator
from kzt_tui.core.loading import check_dataset, load
from tests.helpers import write_journal


def _figure(fid: str = "fig-trade-2", quote: str = "Вторая строка: товарооборот $555,7 млн.",
            **more: Any) -> dict[str, Any]:
    return {
        "id": fid, "label": {"en": "Trade", "ru": "Товарооборот"},
        "measure": "trade_turnover", "group": "kz-tm-trade", "scope": "Kazakhstan–Turkmenistan",
        "countries": ["KZ", "TM"], "value": 555.7, "scale": "million", "unit": "USD",
        "qualifier": "exact", "status": "actual", "period": None,
        "citations": [{"doc": "doc-a", "quote": quote, "translation": "Second line."}],
        **more,
    }


FIGURE_YAML = '''\
figures:
  - id: fig-trade-2
    label: {en: "Trade", ru: "Товарооборот"}
    measure: trade_turnover
    group: kz-tm-trade
    scope: "Kazakhstan–Turkmenistan"
    countries: [KZ, TM]
    value: 555.7
    scale: million
    unit: USD
    qualifier: exact
    status: actual
    period: null
    citations:
      - doc: doc-a
        quote: "Вторая строка: товарооборот $555,7 млн."
        translation: "Second line."
'''


def test_a_new_record_goes_to_a_new_file_of_kzt_tui_in_the_hand_layout(split: Path) -> None:
    written = Curator(split).add_record("figures", _figure())
    target = split.parent / "parts" / "kzt-tui.yaml"
    assert written.file == target and written.created
    assert target.read_text(encoding="utf-8") == HEADER + "\n\n" + FIGURE_YAML
    assert [f.id for f in load(split).figures] == ["fig-trade-2"]
    assert [f.id for f in written.dataset.figures] == ["fig-trade-2"]


def test_records_are_appended_to_their_section(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    person = {"id": "per-new", "name": {"en": "N", "ru": "Н"}, "role": "minister",
              "country": "KZ", "citations": [{"doc": "doc-a", "quote": "Первая строка",
                                              "translation": "x"}]}
    curator.add_record("people", person)
    curator.add_record("figures", _figure("fig-trade-3", "Третья строка"))
    text = (split.parent / "parts" / "kzt-tui.yaml").read_text(encoding="utf-8")
    assert text == (HEADER + "\n\n" + FIGURE_YAML + "\n"
                    + render_record("figures", _figure("fig-trade-3", "Третья строка"))
                    + "\npeople:\n" + render_record("people", person))
    dataset = load(split)
    assert [f.id for f in dataset.figures] == ["fig-trade-2", "fig-trade-3"]
    assert "per-new" in [p.id for p in dataset.people]


def test_a_quote_not_in_the_source_is_refused_and_nothing_written(split: Path) -> None:
    with pytest.raises(CurateError, match=r"\[doc-a\] quote not found"):
        Curator(split).add_record("figures", _figure(quote="Вторая строка: $555.7 млн"))
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()


def test_a_duplicate_id_is_refused(split: Path) -> None:
    with pytest.raises(CurateError, match="per-one already exists"):
        Curator(split).add_record("people", {"id": "per-one"})


def test_a_record_the_load_refuses_is_undone_with_the_place(split: Path) -> None:
    with pytest.raises(CurateError) as caught:
        Curator(split).add_record("figures", _figure(unit="dollars"))
    assert "kzt-tui.yaml:12:5: figures[0].unit: expected one of USD, tonnes" in str(caught.value)
    assert caught.value.problems[0].line == 12
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()
    assert load(split).figures == ()


def test_a_hand_written_file_is_never_changed(split: Path) -> None:
    hand = split.parent / "parts" / "1.yaml"
    before = hand.read_bytes()
    with pytest.raises(CurateError, match="not written by kzt-tui"):
        Curator(split, target="parts/1.yaml").add_record("figures", _figure())
    assert hand.read_bytes() == before


def test_a_file_not_included_is_named_with_the_line_to_add(mini: Path) -> None:
    before = mini.read_bytes()
    with pytest.raises(CurateError) as caught:
        Curator(mini).add_record("figures", _figure())
    assert str(caught.value).endswith(
        'does not include parts/kzt-tui.yaml; kzt-tui does not edit that file: add the '
        'line  include: ["parts/*.yaml"]  to it, then try again')
    assert not (mini.parent / "parts" / "kzt-tui.yaml").exists()
    assert mini.read_bytes() == before


def test_a_citation_is_added_to_a_record_kzt_tui_wrote(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    cite = {"doc": "doc-a", "quote": "Третья строка", "translation": "Third line."}
    curator.add_citation("fig-trade-2", cite)
    text = (split.parent / "parts" / "kzt-tui.yaml").read_text(encoding="utf-8")
    assert text == HEADER + "\n\n" + FIGURE_YAML + (
        '      - doc: doc-a\n        quote: "Третья строка"\n        translation: "Third line."\n')
    (fig,) = load(split).figures
    assert [c.quote for c in fig.citations] == ["Вторая строка: товарооборот $555,7 млн.",
                                                 "Третья строка"]


ADDED_YAML = (HEADER + "\n\nadded_citations:\n  - record: per-two\n    doc: doc-a\n"
              '    quote: "Третья строка"\n    translation: "Third line."\n')


def test_a_citation_of_a_hand_written_record_is_added_in_kzt_tui_s_part(split: Path) -> None:
    """The record's file (written by hand) is never changed: the citation is an item of
    `added_citations:` in kzt-tui's part, which the load appends to the record, grounded;
    undo takes it back."""
    hand = split.parent / "parts" / "1.yaml"
    before = hand.read_bytes()
    cite = {"doc": "doc-a", "quote": "Третья строка", "translation": "Third line."}
    curator = Curator(split)
    written = curator.add_citation("per-two", cite)
    assert hand.read_bytes() == before
    assert written.file == split.parent / "parts" / "kzt-tui.yaml"
    assert written.file.read_text(encoding="utf-8") == ADDED_YAML
    dataset = load(split)
    (person,) = [p for p in dataset.people if p.id == "per-two"]
    assert [(c.doc, c.quote) for c in person.citations] == [("doc-b", "вторая статья"),
                                                             ("doc-a", "Третья строка")]
    span = person.citations[1].span
    assert span is not None and dataset.texts["doc-a"][span.start:span.end] == "Третья строка"
    assert check_dataset(split).counts["people"] == (3, 4)
    assert curator.undo() == "cite per-two"
    assert not written.file.exists()
    (person,) = [p for p in load(split).people if p.id == "per-two"]
    assert len(person.citations) == 1


def test_a_passage_a_record_already_cites_is_not_added_twice(split: Path) -> None:
    curator = Curator(split)
    cite = {"doc": "doc-a", "quote": "Третья строка", "translation": "Third line."}
    curator.add_citation("per-two", cite)
    target = split.parent / "parts" / "kzt-tui.yaml"
    with pytest.raises(CurateError, match=r"^per-two already cites that passage of doc-a "
                       r"\(line 3\)$"):
        curator.add_citation("per-two", {**cite, "translation": "again"})
    assert curator.citable("per-two", cite) == (
        "per-two already cites that passage of doc-a (line 3)")
    assert curator.citable("per-one", cite) is None  # another record may cite it
    assert curator.citable("per-two") is None  # another passage may be cited
    assert target.read_text(encoding="utf-8") == ADDED_YAML


def test_what_cannot_be_cited_is_said_before_a_form_asks(split: Path) -> None:
    curator = Curator(split)
    assert curator.citable("per-nobody") == "no record per-nobody"
    assert curator.citable("doc-a") == (
        "doc-a is a document: its citations are not added one by one")
    assert curator.citable("per-one", {"doc": "doc-a", "quote": "нет такого"}) == (
        curator.citable("per-two", {"doc": "doc-a", "quote": "нет такого"}))
    assert "quote not found" in str(curator.citable("per-one", {"doc": "doc-a",
                                                                "quote": "нет такого"}))
    target = split.parent / "parts" / "kzt-tui.yaml"
    target.write_text("people: []\n", encoding="utf-8")  # now the user's: never changed
    assert curator.citable("per-one") == (
        f"{target} was not written by kzt-tui; it is never changed (to have kzt-tui "
        "write there, make its first line kzt-tui's header again, or move the file aside: "
        "kzt-tui then starts a new one)")


def test_undo_restores_each_write_in_turn(split: Path) -> None:
    curator = Curator(split)
    target = split.parent / "parts" / "kzt-tui.yaml"
    curator.add_record("figures", _figure())
    first = target.read_bytes()
    curator.add_citation("fig-trade-2", {"doc": "doc-a", "quote": "Третья строка",
                                         "translation": "x"})
    assert curator.undo() == "cite fig-trade-2"
    assert target.read_bytes() == first
    assert curator.undo() == "add fig-trade-2"
    assert not target.exists()
    with pytest.raises(JournalError, match="nothing to undo"):
        curator.undo()


def test_undo_refuses_when_the_file_changed_since(split: Path) -> None:
    curator = Curator(split)
    curator.add_record("figures", _figure())
    target = split.parent / "parts" / "kzt-tui.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    with pytest.raises(JournalError, match="changed since kzt-tui wrote it"):
        curator.undo()
    assert target.read_text(encoding="utf-8").endswith("# mine\n")


def test_a_journal_that_names_a_file_outside_the_dataset_is_not_followed(
        split: Path, tmp_path: Path) -> None:
    import base64
    import hashlib

    victim = tmp_path / "victim.txt"
    victim.write_text(HEADER + "\nmine\n", encoding="utf-8")
    for name in ("../victim.txt", str(victim)):
        entry = {"file": name, "before": base64.b64encode(b"evil").decode(),
                 "after": hashlib.sha256(victim.read_bytes()).hexdigest(), "what": "x",
                 "when": 0}
        write_journal(split.parent, [entry])
        with pytest.raises(JournalError, match="outside the dataset; not undone"):
            Curator(split).undo()
        assert victim.read_text(encoding="utf-8") == HEADER + "\nmine\n"


def test_a_journal_entry_for_a_hand_written_file_is_not_undone(split: Path) -> None:
    import base64
    import hashlib

    hand = split.parent / "parts" / "1.yaml"
    before = hand.read_bytes()
    entry = {"file": "parts/1.yaml", "before": base64.b64encode(b"evil").decode(),
             "after": hashlib.sha256(before).hexdigest(), "what": "x", "when": 0}
    write_journal(split.parent, [entry])
    with pytest.raises(JournalError, match="not a file kzt-tui writes"):
        Curator(split).undo()
    assert hand.read_bytes() == before


def test_a_target_folder_linking_out_of_the_root_is_refused(split: Path,
                                                            tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (split.parent / "parts" / "out").symlink_to(outside)
    with pytest.raises(CurateError, match="leads outside the dataset root"):
        Curator(split, target="parts/out/kzt-tui.yaml").add_record("figures", _figure())
    assert list(outside.iterdir()) == []


def test_a_dismissal_is_written_as_by_hand_checked_and_undone(split: Path) -> None:
    curator = Curator(split)
    written = curator.add_dismissal({"doc": "doc-a", "quote": "Третья строка",
                                     "reason": "repetition", "note": "as line 2"})
    assert written.file.read_text(encoding="utf-8") == HEADER + "\n\n" + (
        "dismissals:\n"
        "  - doc: doc-a\n"
        '    quote: "Третья строка"\n'
        "    reason: repetition\n"
        '    note: "as line 2"\n')
    assert [(d.citation.quote, d.reason) for d in load(split).dismissals] == [
        ("Третья строка", "repetition")]
    with pytest.raises(CurateError, match="quote not found"):
        curator.add_dismissal({"doc": "doc-a", "quote": "Пятая строка", "reason": "other"})
    assert curator.undo() == "dismiss «Третья строка»"
    assert load(split).dismissals == ()
    long = "Вторая строка: товарооборот $555,7 млн."  # 39 characters shown, then …
    curator.add_dismissal({"doc": "doc-a", "quote": long + "\nТретья", "reason": "other"})
    assert curator.undo() == f"dismiss «{long}…»"  # cut where it says so


_KEPT_BLANKS = "    note: |+\n      kept\n\n\n"  # a value that ends in its blank lines


@pytest.mark.parametrize(("section", "mine", "changed"), [
    ("dismissals", "dismissals:\n  - doc: doc-a\n    quote: \"Третья строка\"\n"
     "    reason: other\n" + _KEPT_BLANKS, "a dismissal"),
    ("people", "people:\n  - id: per-new\n    name: {en: \"N\", ru: \"Н\"}\n"
     "    role: \"minister\"\n    country: KZ\n    citations:\n      - doc: doc-a\n"
     "        quote: \"Первая строка\"\n        translation: \"x\"\n"
     + _KEPT_BLANKS.replace("note:", "notes:"), "per-new"),
])
def test_a_write_that_would_change_what_it_does_not_add_to_is_taken_back(
        split: Path, section: str, mine: str, changed: str) -> None:
    """After a write, the load holds every record and dismissal the dataset had to what it
    was: an item ended by a `|+` block loses its kept blank lines to an item put after
    its last non-blank line (a dismissal, a record)."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    part.write_text(HEADER + "\n" + mine, encoding="utf-8")
    before = load(split)
    curator = Curator(split)
    with pytest.raises(CurateError, match=f"would also change {changed}; add it there by "):
        if section == "dismissals":
            curator.add_dismissal({"doc": "doc-a", "quote": "Первая строка", "reason": "other"})
        else:
            curator.add_record("people", {
                "id": "per-newer", "name": {"en": "M", "ru": "М"}, "role": "minister",
                "country": "TM", "citations": [
                    {"doc": "doc-a", "quote": "Третья строка", "translation": "t"}]})
    assert part.read_text(encoding="utf-8") == HEADER + "\n" + mine
    assert load(split) == before


def test_a_passage_is_told_apart_by_its_occurrence(split: Path) -> None:
    """"строка" is on every line of doc-a: its second occurrence cited, the third is
    another passage, the second again is refused."""
    curator = Curator(split)
    second = {"doc": "doc-a", "quote": "строка", "occurrence": 2, "translation": "line"}
    curator.add_citation("per-two", second)
    curator.add_citation("per-two", {**second, "occurrence": 3})
    with pytest.raises(CurateError, match="per-two already cites that passage of doc-a "
                       r"\(line 2\)"):
        curator.add_citation("per-two", second)


def test_a_cite_into_a_hand_written_record_is_undone_to_the_part_as_it_was(
        split: Path) -> None:
    """kzt-tui's part already holds a record: undoing the added citation gives the file
    back as it was, not deleted."""
    curator = Curator(split)
    curator.add_record("figures", _figure())
    target = split.parent / "parts" / "kzt-tui.yaml"
    before = target.read_bytes()
    curator.add_citation("per-one", {"doc": "doc-a", "quote": "Третья строка",
                                     "translation": "t"})
    assert target.read_bytes() != before
    assert curator.undo() == "cite per-one"
    assert target.read_bytes() == before


def test_a_discrepancy_of_a_copy_is_not_cited_one_citation_at_a_time(tmp_path: Path) -> None:
    from kzt_tui.core.shipped import copy_shipped

    curator = Curator(copy_shipped(tmp_path / "copy"))
    assert curator.citable("dis-documents-count") == (
        "dis-documents-count is a discrepancy: its citations are not added one by one "
        "(each belongs to a side, with its claim)")
