"""Exact values for core/marks.py (mutation testing, issue 19): every message with its
place, the file's exact text, the tag's length limit at its boundary, the size limit, and
the per-corpus cache a list reads (re-read only when the file's stamp changes)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from kzt_tui.core import marks as M
from kzt_tui.core.loading import yamlsafe
from kzt_tui.core.marks import (
    HEADER,
    MARKS_NAME,
    MAX_MARKS_BYTES,
    Mark,
    Marks,
    load_marks,
    marks_of,
    marks_path,
    refresh_marks,
    render_marks,
)
from kzt_tui.core.problems import DataError


def _problems(path: Path, text: str | bytes) -> list[str]:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_marks(path)
    return [str(p) for p in caught.value.problems]


def test_the_constants() -> None:
    assert MARKS_NAME == "marks.yaml"
    assert MAX_MARKS_BYTES == 16 * 1024 * 1024
    assert HEADER == ("# kzt-tui marks: record id → marked, tags, note. Written by kzt-tui; "
                      "keep this line.")
    assert marks_path(Path("/d/sub/curated.yaml")) == Path("/d/sub/marks.yaml")


def test_mark_defaults_and_empty() -> None:
    assert Mark() == Mark(False, (), None)
    assert Mark().empty()
    assert not Mark(marked=True).empty()
    assert not Mark(tags=("a",)).empty()
    assert not Mark(note="n").empty()


def test_no_file_an_empty_one_and_a_comment_only_one_hold_no_marks(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    assert load_marks(path) == {}
    path.write_text("", encoding="utf-8")
    assert load_marks(path) == {}
    path.write_text(HEADER + "\n", encoding="utf-8")
    assert load_marks(path) == {}


def test_every_field_read_with_its_defaults(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text('aaa-1: {}\nbbb-2: {marked: true}\nccc-3: {tags: [x, y, x], note: ""}\n'
                    'ddd-4: {marked: false, note: "n"}\n', encoding="utf-8")
    assert load_marks(path) == {"aaa-1": Mark(False, (), None), "bbb-2": Mark(True, (), None),
                                "ccc-3": Mark(False, ("x", "y"), None),
                                "ddd-4": Mark(False, (), "n")}


def test_every_problem_with_its_place_and_all_of_them(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    text = ("Bad Id: {marked: true}\n"        # 1
            "aaa-1: true\n"                     # 2
            "aaa-2: {marked: 1}\n"              # 3
            "aaa-3: {tags: x}\n"                # 4
            "aaa-4: {tags: [\"x y\"]}\n"        # 5
            "aaa-5: {note: 3}\n"                # 6
            "aaa-6: {colour: red}\n"            # 7
            "aaa-7: {marked: true}\n")          # 8: fine
    assert _problems(path, text) == [
        f"{path}:1:1: Bad Id: expected a record id",
        f"{path}:1:1: aaa-1: expected {{marked: true|false, tags: [...], note: \"...\"}}",
        f"{path}:3:9: aaa-2.marked: expected true or false",
        f"{path}:4:9: aaa-3.tags: expected a list of tags (words without spaces)",
        f"{path}:5:9: aaa-4.tags: expected a list of tags (words without spaces)",
        f"{path}:6:9: aaa-5.note: expected a string",
        f"{path}:7:8: aaa-6: expected {{marked: true|false, tags: [...], note: \"...\"}}",
    ]


def test_a_long_key_is_shortened_in_the_problem(tmp_path: Path) -> None:
    key = "K" * 100
    assert _problems(tmp_path / "m.yaml", f"{key}: {{}}\n") == [
        f"{tmp_path / 'm.yaml'}:1:1: {'K' * 79}…: expected a record id"]


def test_a_tag_is_at_most_40_characters(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text(f"aaa-1: {{tags: [{'t' * 40}]}}\n", encoding="utf-8")
    assert load_marks(path) == {"aaa-1": Mark(tags=("t" * 40,))}
    assert _problems(path, f"aaa-1: {{tags: [{'t' * 41}]}}\n") == [
        f"{path}:1:9: aaa-1.tags: expected a list of tags (words without spaces)"]
    assert _problems(path, 'aaa-1: {tags: [""]}\n')[0].endswith("expected a list of tags "
                                                              "(words without spaces)")
    assert _problems(path, "aaa-1: {tags: [3]}\n")[0].startswith(f"{path}:1:9: aaa-1.tags")


def test_the_whole_file_not_a_mapping_not_utf8_or_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    assert _problems(path, "- aaa-1\n") == [
        f"{path}:1:1: expected a mapping of record ids to marks"]
    assert _problems(path, b"aaa-1: {note: \"\xff\"}\n") == [f"{path}: not UTF-8 (byte 15)"]
    got = _problems(path, "aaa-1: {marked: true\n")
    assert got == [f"{path}:1:8: YAML syntax error: the '{{' opened here is not closed before "
                   "line 2, column 1 (did not find expected ',' or '}' there)"]


def test_a_file_past_the_size_limit_is_refused_one_under_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "marks.yaml"
    text = "aaa-1: {marked: true}\n"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(M, "MAX_MARKS_BYTES", len(text))
    assert load_marks(path) == {"aaa-1": Mark(True)}
    assert Marks(path).marked() == ["aaa-1"]
    monkeypatch.setattr(M, "MAX_MARKS_BYTES", len(text) - 1)
    with pytest.raises(DataError) as caught:
        load_marks(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: the marks file is larger than 0 MiB (22 bytes); kzt-tui does not read "
        "it (move it aside)"]


def test_a_folder_is_refused_in_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.mkdir()
    with pytest.raises(DataError) as caught:
        load_marks(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.col, problem.path) == (str(path), None, None,
                                                                     "")
    assert problem.message.startswith("the marks file is a folder, not a regular file")


def test_render_skips_empty_marks_and_sorts_by_id() -> None:
    assert render_marks({}) == HEADER + "\n"
    assert render_marks({"bbb-1": Mark(True, ("x",), "n: \"q\""), "aaa-1": Mark(),
                         "aaa-2": Mark(False, ("p", "q")), "aaa-3": Mark(note="z")}) == (
        HEADER + "\n"
        'aaa-2: {marked: false, tags: ["p", "q"]}\n'
        'aaa-3: {marked: false, note: "z"}\n'
        'bbb-1: {marked: true, tags: ["x"], note: "n: \\"q\\""}\n')


def test_get_marked_and_marked_with_a_tag(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text(HEADER + "\n" "ccc-1: {marked: true, tags: [t]}\n"
                    "aaa-1: {marked: true}\nbbb-1: {marked: false, tags: [t, u]}\n",
                    encoding="utf-8")
    marks = Marks(path)
    assert marks.path == path
    assert marks.get("aaa-1") == Mark(True)
    assert marks.get("zzz-9") == Mark()
    assert marks.marked() == ["aaa-1", "ccc-1"]
    assert marks.marked("t") == ["bbb-1", "ccc-1"]
    assert marks.marked("u") == ["bbb-1"]
    assert marks.marked("none") == []


def test_tag_refuses_a_non_tag_with_the_rule(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    marks.tag("aaa-1", "t" * 40)
    with pytest.raises(ValueError) as caught:
        marks.tag("aaa-1", "t" * 41)
    assert str(caught.value) == (
        f"{'t' * 41!r} is not a tag: a word of up to 40 characters, without spaces, "
        "commas, brackets, colons or #")
    with pytest.raises(ValueError, match="'a b' is not a tag"):
        marks.tag("aaa-1", "a b")
    assert load_marks(marks.path) == {"aaa-1": Mark(tags=("t" * 40,))}


def test_note_is_stripped_and_a_blank_one_is_none(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    marks.note("aaa-1", "  text  ")
    assert marks.get("aaa-1") == Mark(note="text")
    marks.note("aaa-1", "   ")
    assert marks.get("aaa-1") == Mark()
    marks.note("aaa-1", "x")
    marks.note("aaa-1", None)
    assert marks.get("aaa-1") == Mark()
    assert (tmp_path / "marks.yaml").read_text(encoding="utf-8") == HEADER + "\n"


def test_untag_keeps_the_others_in_order(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    for t in ("a", "b", "c"):
        marks.tag("aaa-1", t)
    marks.untag("aaa-1", "b")
    assert marks.get("aaa-1").tags == ("a", "c")
    marks.untag("aaa-1", "zz")
    assert marks.get("aaa-1").tags == ("a", "c")


def test_a_change_refuses_a_bad_id_and_writes_nothing(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    with pytest.raises(ValueError) as caught:
        marks.mark("Not An Id")
    assert str(caught.value) == "'Not An Id' is not a record id"
    with pytest.raises(ValueError) as caught:
        marks.mark("X" * 100)
    assert str(caught.value) == f"{'X' * 79 + '…'!r} is not a record id"
    assert not (tmp_path / "marks.yaml").exists()


def test_a_change_keeps_an_edit_made_since_it_was_read(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    marks = Marks(path)
    path.write_text(HEADER + "\nbbb-1: {marked: true}\n", encoding="utf-8")
    marks.mark("aaa-1")
    assert path.read_text(encoding="utf-8") == (
        HEADER + "\naaa-1: {marked: true}\nbbb-1: {marked: true}\n")


def test_a_file_without_the_header_or_empty_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text("", encoding="utf-8")
    marks = Marks(path)
    with pytest.raises(PermissionError) as caught:
        marks.mark("aaa-1")
    assert str(caught.value) == (f"{path} was not written by kzt-tui; it is never rewritten "
                                 "(move it aside, or edit it by hand)")
    path.write_text(HEADER + "aaa-1: {}\n", encoding="utf-8")  # the header, not its own line
    with pytest.raises(PermissionError):
        marks.mark("aaa-1")
    assert path.read_text(encoding="utf-8") == HEADER + "aaa-1: {}\n"


def test_a_change_to_a_file_that_became_a_folder_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    marks = Marks(path)
    path.mkdir()
    with pytest.raises(DataError) as caught:
        marks.mark("aaa-1")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.col, problem.path) == (str(path), None, None,
                                                                     "")
    assert problem.message.startswith("the marks file is a folder, not a regular file")


class _Corpus:
    """What refresh_marks reads of a corpus: its dataset's source (weakly referenced)."""

    def __init__(self, source: Path) -> None:
        self.dataset = SimpleNamespace(source=str(source))


def test_a_list_reads_the_marks_again_only_when_the_file_changed(tmp_path: Path) -> None:
    corpus = _Corpus(tmp_path / "curated.yaml")
    path = tmp_path / "marks.yaml"
    first = marks_of(corpus)  # type: ignore[arg-type]
    assert first == {}
    assert refresh_marks(corpus) is first  # type: ignore[arg-type]
    path.write_text("aaa-1: {marked: true}\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    assert marks_of(corpus) is first  # type: ignore[arg-type]  # as last read
    got = refresh_marks(corpus)  # type: ignore[arg-type]
    assert got == {"aaa-1": Mark(True)}
    assert refresh_marks(corpus) is got  # type: ignore[arg-type]  # unchanged: not read
    assert marks_of(corpus) is got  # type: ignore[arg-type]
    path.write_text("aaa-2: {marked: true}\n", encoding="utf-8")  # same size, same time
    os.utime(path, ns=(10**18, 10**18))
    assert refresh_marks(corpus) is got  # type: ignore[arg-type]
    os.utime(path, ns=(10**18 + 1, 10**18 + 1))  # a new time
    assert refresh_marks(corpus) == {"aaa-2": Mark(True)}  # type: ignore[arg-type]
    path.write_text("aaa-22: {marked: true}\n", encoding="utf-8")  # a new size
    os.utime(path, ns=(10**18 + 1, 10**18 + 1))
    assert refresh_marks(corpus) == {"aaa-22": Mark(True)}  # type: ignore[arg-type]
    path.write_text("aaa-22: {marked: 1}\n", encoding="utf-8")  # broken: none
    assert refresh_marks(corpus) == {}  # type: ignore[arg-type]
    path.unlink()
    path.write_text("aaa-3: {marked: true}\n", encoding="utf-8")
    assert refresh_marks(corpus) == {"aaa-3": Mark(True)}  # type: ignore[arg-type]
    path.unlink()
    assert refresh_marks(corpus) == {}  # type: ignore[arg-type]


def test_each_corpus_has_its_own_marks(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "marks.yaml").write_text("aaa-1: {marked: true}\n", encoding="utf-8")
    one, two = _Corpus(tmp_path / "a" / "c.yaml"), _Corpus(tmp_path / "b" / "c.yaml")
    assert marks_of(two) == {}  # type: ignore[arg-type]
    assert marks_of(one) == {"aaa-1": Mark(True)}  # type: ignore[arg-type]


def _only_problem(path: Path) -> tuple[object, ...]:
    with pytest.raises(DataError) as caught:
        load_marks(path)
    (problem,) = caught.value.problems
    return (problem.file, problem.line, problem.col, problem.path, problem.message)


def test_the_whole_file_problems_have_no_field_path(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text("just words\n", encoding="utf-8")  # a scalar: no place of its own
    assert _only_problem(path) == (str(path), None, None, "",
                                   "expected a mapping of record ids to marks")
    path.write_text("- aaa-1\n", encoding="utf-8")
    assert _only_problem(path) == (str(path), 1, 1, "",
                                   "expected a mapping of record ids to marks")
    path.write_bytes(b"\xff")
    assert _only_problem(path) == (str(path), None, None, "", "not UTF-8 (byte 0)")
    path.write_text("aaa-1: {marked: true\n", encoding="utf-8")
    file, line, col, field, message = _only_problem(path)
    assert (file, line, col, field) == (str(path), 1, 8, "")  # where the { opened
    assert str(message).startswith("YAML syntax error: ")

    def unplaced(text: str) -> object:
        raise yamlsafe.YamlError("YAML error: somewhere", None)

    monkeypatch.setattr(yamlsafe, "parse", unplaced)  # marks imports it when it reads
    assert _only_problem(path) == (str(path), None, None, "", "YAML error: somewhere")


def test_unmark_leaves_marked_false(tmp_path: Path) -> None:
    marks = Marks(tmp_path / "marks.yaml")
    marks.mark("aaa-1")
    marks.tag("aaa-1", "t")
    marks.unmark("aaa-1")
    assert marks.get("aaa-1").marked is False
    assert marks.get("aaa-1") == Mark(False, ("t",))


def test_marks_problem_is_why_the_last_read_failed_and_none_after_a_good_one(
        tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text("aaa-1: {marked: 1}\n", encoding="utf-8")
    corpus = _Corpus(tmp_path / "curated.yaml")
    problem = M.marks_problem(corpus)  # type: ignore[arg-type]  # never read: read now
    assert problem is not None
    assert (problem.file, problem.line, problem.col, problem.path, problem.message) == (
        str(path), 1, 9, "aaa-1.marked", "expected true or false")
    path.write_text("aaa-1: {marked: true}\n", encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    assert M.marks_problem(corpus) is problem  # type: ignore[arg-type]  # as last read
    assert refresh_marks(corpus) == {"aaa-1": Mark(True)}  # type: ignore[arg-type]
    assert M.marks_problem(corpus) is None  # type: ignore[arg-type]
    fresh = _Corpus(tmp_path / "curated.yaml")
    assert M.marks_problem(fresh) is None  # type: ignore[arg-type]  # read now: fine
    assert marks_of(fresh) == {"aaa-1": Mark(True)}  # type: ignore[arg-type]


def test_a_marks_path_that_cannot_be_looked_at_is_no_file_and_no_problem(
        tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("", encoding="utf-8")  # a file where a folder should be
    corpus = _Corpus(tmp_path / "plain" / "curated.yaml")
    assert refresh_marks(corpus) == {}  # type: ignore[arg-type]
    assert M.marks_problem(corpus) is None  # type: ignore[arg-type]
    assert refresh_marks(corpus) == {}  # type: ignore[arg-type]  # the same stamp: kept
    assert M.marks_problem(corpus) is None  # type: ignore[arg-type]


def test_a_change_to_a_file_no_longer_utf8_is_its_problem_with_the_file(
        tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    marks = Marks(path)  # no file yet
    path.write_bytes(HEADER.encode("utf-8") + b"\naaa-1: {note: \"\xff\"}\n")
    with pytest.raises(DataError) as caught:
        marks.mark("aaa-1")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: not UTF-8 (byte {len(HEADER.encode('utf-8')) + 16})"]
    path.write_text(f"{HEADER}\naaa-1: {{marked: 2}}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        marks.mark("aaa-1")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:9: aaa-1.marked: expected true or false"]


def test_a_hand_comment_refuses_the_rewrite_in_these_words(tmp_path: Path) -> None:
    path = tmp_path / "marks.yaml"
    text = f"{HEADER}\naaa-1: {{marked: true}}\n# mine\n"
    path.write_text(text, encoding="utf-8")
    marks = Marks(path)
    with pytest.raises(PermissionError) as caught:
        marks.mark("aaa-2")
    assert str(caught.value) == (
        f"{path}:3: a comment written by hand; a rewrite keeps the marks, not comments, so "
        "the file is not rewritten (move the comment into a note, or edit the file by hand)")
    assert path.read_text(encoding="utf-8") == text
