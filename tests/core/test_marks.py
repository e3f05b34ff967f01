"""Marks, tags and notes (core/marks.py) in the user's marks.yaml beside the data, and
`kzt-tui mark` / `kzt-tui export --marked` on them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.marks import HEADER, Mark, Marks, load_marks, marks_path
from kzt_tui.core.problems import DataError


def test_mark_tag_note_write_one_line_per_record_in_id_order(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    marks.tag("fig-b", "check")
    marks.mark("agr-a")
    marks.note("fig-b", "Compare with \"2023\".")
    marks.tag("fig-b", "trade")
    marks.tag("fig-b", "check")  # once
    assert (tmp_path / "marks.yaml").read_text(encoding="utf-8") == (
        HEADER + "\n"
        "agr-a: {marked: true}\n"
        'fig-b: {marked: false, tags: ["check", "trade"], note: "Compare with \\"2023\\"."}\n')
    assert load_marks(tmp_path / "marks.yaml") == {
        "agr-a": Mark(True), "fig-b": Mark(False, ("check", "trade"), 'Compare with "2023".')}
    marks.unmark("agr-a")
    marks.untag("fig-b", "check")
    marks.note("fig-b", "")
    assert (tmp_path / "marks.yaml").read_text(encoding="utf-8") == (
        HEADER + "\n" 'fig-b: {marked: false, tags: ["trade"]}\n')
    assert Marks(tmp_path / "marks.yaml").marked("trade") == ["fig-b"]


@pytest.mark.parametrize(("text", "problem"), [
    ("fig-a: {marked: yes}\n", "marks.yaml:1:9: fig-a.marked: expected true or false"),
    ("Fig A: {marked: true}\n", "marks.yaml:1:1: Fig A: expected a record id"),
    ("fig-a: {marked: true, colour: red}\n", "marks.yaml:1:8: fig-a: expected {marked"),
    ("fig-a: {tags: [two words]}\n", "marks.yaml:1:9: fig-a.tags: expected a list of tags"),
    ("fig-a: &x {marked: true}\nfig-b: !!python/object:os.system {}\n", "marks.yaml:2:8:"),
])
def test_a_broken_marks_file_is_a_problem_with_its_place(tmp_path: Path, text: str,
                                                         problem: str) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_marks(path)
    assert str(caught.value.problems[0]).startswith(f"{tmp_path}/{problem}")


def test_a_marks_file_of_the_users_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text("# mine\nfig-a: {marked: true}\n", encoding="utf-8")
    with pytest.raises(PermissionError, match="not written by kzt-tui"):
        Marks(path).mark("fig-b")
    assert path.read_text(encoding="utf-8") == "# mine\nfig-a: {marked: true}\n"


def test_cli_mark_then_export_what_is_marked(mini: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mark", "--data", str(mini), "fig-trade"]) == 0
    assert capsys.readouterr().out == "fig-trade: marked\n"
    assert main(["mark", "--data", str(mini), "cor-road", "--tag", "route", "--note", "n"]) == 0
    assert capsys.readouterr().out == "cor-road: not marked; tags route; note 'n'\n"
    assert marks_path(mini).exists()
    assert main(["export", "--data", str(mini), "--format", "json", "--marked"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["title"] == "Marked records"
    assert [(k, [r["id"] for r in v]) for k, v in got.items()
            if isinstance(v, list) and v] == [("figures", ["fig-trade"])]
    assert main(["export", "--data", str(mini), "--format", "csv", "--tag", "route"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 2 and ",cor-road," in rows[1]


def test_cli_mark_refuses_an_unknown_record(mini: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["mark", "--data", str(mini), "fig-nope"]) == 2
    assert "no record 'fig-nope'" in capsys.readouterr().err
    assert not marks_path(mini).exists()


def test_a_marks_file_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("fig-a: {marked: true}\n", encoding="utf-8")
    (tmp_path / "marks.yaml").symlink_to(elsewhere)
    with pytest.raises(DataError) as caught:
        load_marks(tmp_path / "marks.yaml")
    assert caught.value.problems[0].message.startswith("the marks file is a symbolic link")
    with pytest.raises(DataError):
        Marks(tmp_path / "marks.yaml")
    assert elsewhere.read_text(encoding="utf-8") == "fig-a: {marked: true}\n"


@pytest.mark.parametrize(("comment", "line"), [
    ("# why: the 2024 figures disagree\n", 3), ("fig-c: {marked: true}  # ask Sasha\n", 3),
    ("fig-c:\n  note: x\n  # tags later\n", 5)])
def test_a_comment_written_by_hand_is_never_dropped_by_a_rewrite(tmp_path: Path,
                                                                  comment: str, line: int
                                                                  ) -> None:
    """A rewrite writes the marks it read, one line per record: a comment a person added
    under kzt-tui's header was silently gone after the next `m`."""
    path = tmp_path / "marks.yaml"
    text = f"{HEADER}\nfig-a: {{marked: true}}\n{comment}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PermissionError, match=rf"marks.yaml:{line}: a comment written by hand"):
        Marks(path).mark("fig-b")
    assert path.read_text(encoding="utf-8") == text


def test_a_hash_inside_a_note_or_a_tag_is_no_comment(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    marks.note("fig-a", "see # 3 and 'x # y' \"q # r\"")
    marks.tag("fig-a", "n°1")
    marks.mark("fig-b")  # the file is kzt-tui's own: rewritten
    assert Marks(tmp_path / "marks.yaml").marked() == ["fig-b"]
    assert Marks(tmp_path / "marks.yaml").get("fig-a").note == "see # 3 and 'x # y' \"q # r\""


def test_a_marks_file_saved_with_a_bom_reads_as_without(tmp_path: Path) -> None:
    """A Windows editor saves UTF-8 with a BOM; the first id read as "\\ufefffig-a", not a
    record id, so the whole file failed (found by a review; the data loaders drop it)."""
    path = tmp_path / "marks.yaml"
    path.write_bytes(b"\xef\xbb\xbffig-a: {marked: true, tags: [trade]}\nfig-b: {note: x}\n")
    assert load_marks(path) == {"fig-a": Mark(True, ("trade",)), "fig-b": Mark(False, (), "x")}


def test_a_problem_in_a_marks_file_with_a_bom_is_placed_as_an_editor_shows_it(
        tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_bytes("\ufefffig-a: {marked: yes}\n".encode())  # column 9, as without the BOM
    with pytest.raises(DataError) as caught:
        load_marks(path)
    assert str(caught.value.problems[0]).startswith(
        f"{tmp_path}/marks.yaml:1:9: fig-a.marked: expected true or false")


def test_kzt_tui_s_marks_file_saved_again_with_a_bom_is_still_its_own(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text("\ufeff" + HEADER + "\nfig-a: {marked: true}\n", encoding="utf-8")
    Marks(path).mark("fig-b")
    assert path.read_text(encoding="utf-8") == (
        HEADER + "\nfig-a: {marked: true}\nfig-b: {marked: true}\n")
