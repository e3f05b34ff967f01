"""Exact messages, limits at their boundary and order of the loader's file reading
(core/loading/files.py): what a folder sent by someone else gets told, to the character."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

from kzt_tui.core.loading import files as F
from kzt_tui.core.loading.part import Part
from kzt_tui.core.problems import DataError, Problem

# --- read_bounded: one descriptor, regular files only, a limit even if the file grows ---


def test_read_bounded_reads_a_file_of_exactly_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"0123456789")
    assert F.read_bounded(path, 10) == b"0123456789"
    assert F.read_bounded(str(path), 11) == b"0123456789"
    with pytest.raises(F.TooLargeError) as info:
        F.read_bounded(path, 9)
    assert (info.value.size, info.value.grew, str(info.value)) == (10, False, "10 bytes")


def test_too_large_names_its_size_with_separators() -> None:
    error = F.TooLargeError(1234567)
    assert (str(error), error.size, error.grew) == ("1,234,567 bytes", 1234567, False)
    assert F.TooLargeError(5, grew=True).grew is True


def test_read_bounded_refuses_a_folder_and_a_fifo(tmp_path: Path) -> None:
    with pytest.raises(F.NotRegularError) as info:
        F.read_bounded(tmp_path, 100)
    assert (info.value.folder, str(info.value)) == (True, "is a folder")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(F.NotRegularError) as info:  # opened without blocking
        F.read_bounded(fifo, 100)
    assert (info.value.folder, str(info.value)) == (False, "is not a regular file")


def test_read_bounded_follows_a_link_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "target").write_bytes(b"text")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "target")
    assert F.read_bounded(link, 10) == b"text"
    assert F.read_bounded(link, 10, follow=True) == b"text"
    assert F.read_bounded(tmp_path / "target", 10, follow=False) == b"text"
    with pytest.raises(OSError) as info:
        F.read_bounded(link, 10, follow=False)
    assert info.value.errno == errno.ELOOP


def _stat_says(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Make fstat report `size` bytes: the file grew after it was looked at."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = list(real(fd))
        st[6] = size  # st_size
        return os.stat_result(st)

    monkeypatch.setattr(F.os, "fstat", fstat)


def test_a_file_that_grew_within_the_limit_is_read_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"0123456789")
    _stat_says(monkeypatch, 3)
    assert F.read_bounded(path, 10) == b"0123456789"
    assert F.read_bounded(path, 12) == b"0123456789"


def test_a_file_that_grew_past_the_limit_is_refused_after_one_byte_more(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 20)
    _stat_says(monkeypatch, 3)
    with pytest.raises(F.TooLargeError) as info:
        F.read_bounded(path, 10)
    assert (info.value.size, info.value.grew) == (11, True)


def test_a_file_that_shrank_is_read_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    _stat_says(monkeypatch, 8)
    assert F.read_bounded(path, 8) == b"abc"


def test_read_regular_is_none_for_what_cannot_be_used(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert F.read_regular(path, 5) == b"12345"
    assert F.read_regular(path, 4) is None  # too large
    assert F.read_regular(tmp_path, 5) is None  # a folder
    assert F.read_regular(tmp_path / "missing", 5) is None  # OSError
    assert F.read_regular(Path("a\x00b"), 5) is None  # ValueError


# --- dataset_root and resolve_source: paths stay inside the root --------------------------


def test_the_root_is_the_data_files_folder_or_its_parent_if_named_data(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    assert F.dataset_root(tmp_path / "data" / "x.yaml") == tmp_path.resolve()
    assert F.dataset_root(tmp_path / "x.yaml") == tmp_path.resolve()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "data").symlink_to(tmp_path / "data")
    # the link's target's folder is what counts
    assert F.dataset_root(tmp_path / "other" / "data" / "x.yaml") == tmp_path.resolve()


@pytest.mark.parametrize(("file", "message", "hint"), [
    ("", "document path is empty or contains a NUL character", None),
    ("a\x00b", "document path is empty or contains a NUL character", None),
    ("/etc/passwd", "document path '/etc/passwd' is absolute",
     "write it relative to the dataset root"),
    ("C:\\x.txt", "document path 'C:\\\\x.txt' is absolute",
     "write it relative to the dataset root"),
    ("C:x.txt", "document path 'C:x.txt' is absolute", "write it relative to the dataset root"),
    ("\\\\server\\share\\x", "document path '\\\\\\\\server\\\\share\\\\x' is absolute",
     "write it relative to the dataset root"),
    ("a/../../x", "document path 'a/../../x' contains '..'",
     "source files must live under the dataset root"),
    ("a\\..\\x", "document path 'a\\\\..\\\\x' contains '..'",
     "source files must live under the dataset root"),
    ("..", "document path '..' contains '..'", "source files must live under the dataset root"),
    ("x" * 90 + "/..", f"document path '{'x' * 79}…' contains '..'",
     "source files must live under the dataset root"),
])
def test_a_document_path_that_would_leave_the_root_is_refused(
        tmp_path: Path, file: str, message: str, hint: str | None) -> None:
    with pytest.raises(F.SourceError) as info:
        F.resolve_source(tmp_path, file)
    assert (info.value.message, info.value.hint, str(info.value)) == (message, hint, message)


def test_a_document_path_through_a_link_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (outside / "t.txt").write_text("x", encoding="utf-8")
    (root / "out").symlink_to(outside)
    (root / "in.txt").write_text("x", encoding="utf-8")
    (root / "alias").symlink_to(root / "in.txt")
    with pytest.raises(F.SourceError) as info:
        F.resolve_source(root, "out/t.txt")
    assert info.value.message == (
        f"document path 'out/t.txt' leads outside the dataset root {str(root)!r} "
        "(through a symbolic link)")
    assert info.value.hint == "copy the file into the dataset's folder"
    assert F.resolve_source(root, "alias") == root / "in.txt"
    assert F.resolve_source(root, "./sub/new.txt") == root / "sub" / "new.txt"
    link_root = tmp_path / "link-root"
    link_root.symlink_to(root)
    assert F.resolve_source(link_root, "in.txt") == root / "in.txt"
    assert F.SourceError("m").hint is None


# --- read_source_digest: one-line errors with their place ---------------------------------


def _source_error(path: Path, shown: str = "src.txt") -> tuple[str, str | None]:
    with pytest.raises(F.SourceError) as info:
        F.read_source_digest(path, shown)
    return info.value.message, info.value.hint


def test_a_source_is_read_without_bom_with_lf_and_its_bytes_digest(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    raw = "\ufeffПервая\r\nвторая\rтретья\n".encode()
    path.write_bytes(raw)
    assert F.read_source_digest(path, "s") == ("Первая\nвторая\nтретья\n",
                                               hashlib.sha256(raw).hexdigest())
    assert F.read_source(path, "s") == "Первая\nвторая\nтретья\n"


def test_a_source_that_is_missing_or_under_a_file_does_not_exist(tmp_path: Path) -> None:
    hint = "check the document's `file` path (relative to the dataset root)"
    assert _source_error(tmp_path / "none") == ("source file 'src.txt' does not exist", hint)
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert _source_error(tmp_path / "f" / "g") == ("source file 'src.txt' does not exist", hint)


def test_a_source_that_is_a_folder_is_not_a_regular_file(tmp_path: Path) -> None:
    assert _source_error(tmp_path) == ("source 'src.txt' is not a regular file", None)


def test_a_source_at_its_size_limit_is_read_and_one_byte_more_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "MAX_SOURCE_BYTES", 1000)
    path = tmp_path / "s.txt"
    path.write_bytes(b"a" * 1000)
    assert F.read_source(path, "s") == "a" * 1000
    path.write_bytes(b"a" * 1001)
    assert _source_error(path) == ("source file 'src.txt' is 1,001 bytes; the limit is 1,000",
                                   "split the text into several documents")


def test_a_source_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert _source_error(loop) == (
        "cannot read source 'src.txt': Too many levels of symbolic links", None)
    assert _source_error(Path("a\x00b")) == (
        "cannot read source 'src.txt': embedded null byte", None)


def test_a_source_not_in_utf8_names_the_byte_and_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes("Привет".encode() + b" \xcf\xf0")
    assert _source_error(path) == (
        "source file 'src.txt' is not valid UTF-8 at byte offset 13 (byte 0xCF)",
        "convert it to UTF-8, e.g. iconv -f cp1251 -t utf-8")
    path.write_bytes(b"\x0a\xff")
    assert _source_error(path)[0] == (
        "source file 'src.txt' is not valid UTF-8 at byte offset 1 (byte 0xFF)")


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b" \r\n\t", b"\xef\xbb\xbf\r\n"])
def test_a_source_of_nothing_but_blanks_or_a_bom_is_empty(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(raw)
    assert _source_error(path) == ("source file 'src.txt' is empty", None)


def test_a_source_of_one_character_is_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_bytes(b"\xef\xbb\xbfx")
    assert F.read_source(path, "s") == "x"


# --- read_data_bytes and decode_data: the data file itself --------------------------------


def _data_problem(path: Path, shown: str = "cur.yaml") -> Problem:
    with pytest.raises(DataError) as info:
        F.decode_data(F.read_data_bytes(path, shown), shown)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.col, problem.path) == (shown, None, None, "")
    return problem


def test_a_missing_data_file_is_not_found(tmp_path: Path) -> None:
    for path in (tmp_path / "none.yaml", tmp_path / "none" / "x.yaml"):
        problem = _data_problem(path)
        assert (problem.message, problem.hint) == ("file not found", "check the --data path")
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert _data_problem(tmp_path / "f" / "x.yaml").message == "file not found"


def test_a_data_file_that_is_a_folder_or_a_fifo_says_which(tmp_path: Path) -> None:
    problem = _data_problem(tmp_path)
    assert (problem.message, problem.hint) == ("is a folder, not a curated YAML file", None)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    problem = _data_problem(fifo)
    assert (problem.message, problem.hint) == ("is not a regular file (a device or a pipe?)",
                                               "give the path of a curated YAML file")


def test_a_data_file_at_its_size_limit_is_read_and_one_byte_more_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "MAX_DATA_BYTES", 2000)
    path = tmp_path / "c.yaml"
    path.write_bytes(b"#" * 2000)
    assert F.read_data_bytes(path, "c") == b"#" * 2000
    path.write_bytes(b"#" * 2001)
    problem = _data_problem(path)
    assert (problem.message, problem.hint) == ("file is 2,001 bytes; the limit is 2,000",
                                               F.SPLIT_HINT)


def test_a_data_file_that_grew_past_its_limit_while_read_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "MAX_DATA_BYTES", 2000)
    path = tmp_path / "c.yaml"
    path.write_bytes(b"#" * 3000)
    _stat_says(monkeypatch, 10)
    problem = _data_problem(path)
    assert (problem.message, problem.hint) == (
        "file is larger than the limit of 2,000 bytes", None)


def test_a_data_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    problem = _data_problem(loop)
    assert (problem.message, problem.hint) == (
        "cannot read: Too many levels of symbolic links", None)
    assert _data_problem(Path("a\x00b")).message == "cannot read: embedded null byte"


def test_a_data_file_not_in_utf8_names_the_byte_and_its_offset(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"people: [\x80]\n")
    problem = _data_problem(path)
    assert (problem.message, problem.hint) == (
        "not valid UTF-8 at byte offset 9 (byte 0x80)", "save the file as UTF-8")
    path.write_bytes(b"\x0bx: \xfe")
    assert _data_problem(path).message == "not valid UTF-8 at byte offset 4 (byte 0xFE)"


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"\n \t\n", b"\xef\xbb\xbf\n"])
def test_a_data_file_of_nothing_but_blanks_or_a_bom_is_empty(tmp_path: Path,
                                                             raw: bytes) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(raw)
    problem = _data_problem(path)
    assert (problem.message, problem.hint) == (
        "file is empty", "a curated file starts with `schema_version: 1`")


def test_a_data_files_text_loses_only_its_bom() -> None:
    assert F.decode_data(b"\xef\xbb\xbfa: 1\r\n", "c") == "a: 1\r\n"
    assert F.decode_data(b"a: \xef\xbb\xbf", "c") == "a: \ufeff"
    assert F.decode_data(b"x", "c") == "x"


def test_one_problem_is_placed_at_the_file() -> None:
    (problem,) = F.one_problem("f.yaml", "msg").problems
    assert problem == Problem("f.yaml", None, None, "", "msg", None)
    (problem,) = F.one_problem("f.yaml", "msg", "hint").problems
    assert problem == Problem("f.yaml", None, None, "", "msg", "hint")


# --- match_include: glob's matches, without walking into linked folders -------------------


def _tree(base: Path, *names: str) -> None:
    for name in names:
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith("/"):
            path.mkdir(exist_ok=True)
        else:
            path.write_text("", encoding="utf-8")


def _match(base: Path, pattern: str, limit: int | None = None) -> tuple[list[str], int, int]:
    got = F.match_include(str(base), pattern, limit)
    return [f[len(str(base)) + 1:] for f in got.files], got.skipped_links, got.entries


def test_a_literal_pattern_names_its_file_even_if_missing(tmp_path: Path) -> None:
    _tree(tmp_path, "a/b.yaml")
    assert _match(tmp_path, "a/b.yaml") == (["a/b.yaml"], 0, 2)
    assert _match(tmp_path, "./a//b.yaml") == (["a/b.yaml"], 0, 2)
    assert _match(tmp_path, "a/none.yaml") == (["a/none.yaml"], 0, 2)  # told later
    assert _match(tmp_path, "none/b.yaml") == ([], 0, 1)  # no folder: not walked on
    _tree(tmp_path, "f")
    assert _match(tmp_path, "f/b.yaml") == ([], 0, 1)  # a file is no folder


def test_patterns_that_name_nothing_match_nothing(tmp_path: Path) -> None:
    _tree(tmp_path, "a/b.yaml")
    assert _match(tmp_path, "") == ([], 0, 0)
    assert _match(tmp_path, ".") == ([], 0, 0)
    assert _match(tmp_path, "a/") == ([], 0, 0)  # folders only
    assert _match(tmp_path, "a/*/") == ([], 0, 0)


def test_a_wildcard_matches_sorted_and_skips_hidden_names(tmp_path: Path) -> None:
    _tree(tmp_path, "p/b.yaml", "p/a.yaml", "p/.h.yaml", "p/c.txt", "p/d.yaml/")
    assert _match(tmp_path, "p/*.yaml") == (["p/a.yaml", "p/b.yaml", "p/d.yaml"], 0, 7)
    assert _match(tmp_path, "p/.*.yaml") == (["p/.h.yaml"], 0, 7)
    assert _match(tmp_path, "p/?.txt") == (["p/c.txt"], 0, 7)
    assert _match(tmp_path, "p/[ab].yaml") == (["p/a.yaml", "p/b.yaml"], 0, 7)


def test_a_wildcard_folder_is_walked_into_but_not_a_file(tmp_path: Path) -> None:
    _tree(tmp_path, "p/x/1.yaml", "p/y/2.yaml", "p/z.yaml", "p/.h/3.yaml")
    assert _match(tmp_path, "p/*/*.yaml") == (["p/x/1.yaml", "p/y/2.yaml"], 0, 10)
    assert _match(tmp_path, "p/.*/*.yaml") == (["p/.h/3.yaml"], 0, 8)


def test_double_star_matches_any_depth_including_none(tmp_path: Path) -> None:
    _tree(tmp_path, "p/0.yaml", "p/a/1.yaml", "p/a/b/2.yaml", "p/.h/3.yaml", "p/a/.4.yaml")
    assert _match(tmp_path, "p/**/*.yaml") == (["p/0.yaml", "p/a/1.yaml", "p/a/b/2.yaml"],
                                               0, 21)
    assert _match(tmp_path, "p/**") == (["p/0.yaml", "p/a/1.yaml", "p/a/b/2.yaml"], 0, 11)
    # a literal last part is a candidate in every folder reached (expand_includes keeps
    # those that are files)
    assert _match(tmp_path, "**/2.yaml") == (
        ["2.yaml", "p/2.yaml", "p/a/2.yaml", "p/a/b/2.yaml"], 0, 16)
    assert _match(tmp_path, "p/**/**/1.yaml") == (
        ["p/1.yaml", "p/a/1.yaml", "p/a/b/1.yaml"], 0, 24)


def test_wildcards_count_links_to_folders_they_do_not_follow(tmp_path: Path) -> None:
    _tree(tmp_path, "real/1.yaml", "p/own.yaml")
    (tmp_path / "p" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "p" / "linked2").symlink_to(tmp_path / "real")
    (tmp_path / "p" / "file.yaml").symlink_to(tmp_path / "real" / "1.yaml")
    (tmp_path / "p" / "dangling").symlink_to(tmp_path / "none")
    assert _match(tmp_path, "p/*/*.yaml") == ([], 2, 7)
    assert _match(tmp_path, "p/**/*.yaml") == (["p/file.yaml", "p/own.yaml"], 2, 13)
    assert _match(tmp_path, "p/**") == (["p/dangling", "p/file.yaml", "p/own.yaml"], 2, 7)
    assert _match(tmp_path, "p/linked/*.yaml") == (["p/linked/1.yaml"], 0, 4)
    assert _match(tmp_path, "p/l*") == (["p/linked", "p/linked2"], 0, 7)


def test_a_wildcard_over_what_is_not_a_folder_matches_nothing(tmp_path: Path) -> None:
    _tree(tmp_path, "f")
    assert _match(tmp_path / "f", "*") == ([], 0, 1)
    assert _match(tmp_path / "none", "**/x") == (["x"], 0, 2)  # a candidate, not a file


def test_match_include_stops_one_entry_past_its_limit(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, "p/1", "p/2", "p/3")
    assert _match(tmp_path, "p/*") == (["p/1", "p/2", "p/3"], 0, 5)
    assert _match(tmp_path, "p/*", 5)[2] == 5
    with pytest.raises(F.IncludeTooBroad):
        F.match_include(str(tmp_path), "p/*", 4)
    with pytest.raises(F.IncludeTooBroad):  # the folders walked count as well as listed
        F.match_include(str(tmp_path), "p/*", 1)
    assert _match(tmp_path, "p/x", 2)[2] == 2
    with pytest.raises(F.IncludeTooBroad):
        F.match_include(str(tmp_path), "p/x", 1)
    monkeypatch.setattr(F, "MAX_INCLUDE_ENTRIES", 4)  # the default limit, read at the call
    with pytest.raises(F.IncludeTooBroad):
        F.match_include(str(tmp_path), "p/*")
    monkeypatch.setattr(F, "MAX_INCLUDE_ENTRIES", 5)
    assert _match(tmp_path, "p/*")[0] == ["p/1", "p/2", "p/3"]


def test_a_folder_reached_two_ways_is_walked_once(tmp_path: Path) -> None:
    _tree(tmp_path, "a/b/c.yaml")
    assert _match(tmp_path, "**/**/c.yaml") == (["a/b/c.yaml", "a/c.yaml", "c.yaml"], 0, 15)


# --- expand_includes: order, each file once, a problem at the pattern's line --------------


def _includes(top: Path, *patterns: str, root: Path | None = None
              ) -> tuple[list[str], list[str]]:
    part = Part(file="top.yaml", sections=None, counts=(), docs=(),
                includes=tuple((p, 10 + i, 3) for i, p in enumerate(patterns)), ids=(),
                refs=(), grounded_in=())
    problems: list[Problem] = []
    got = F.expand_includes(top, part, root or top.parent, problems)
    return [str(f.relative_to(top.parent)) for f in got], [str(p) for p in problems]


def test_includes_come_in_pattern_order_each_file_once(tmp_path: Path) -> None:
    _tree(tmp_path, "top.yaml", "p/b.yaml", "p/a.yaml", "q/c.yaml", "r/d.yaml")
    top = tmp_path / "top.yaml"
    assert _includes(top, "q/*.yaml", "p/*.yaml", "p/a.yaml", "q/*.yaml", "*.yaml",
                     "r/d.yaml") == (["q/c.yaml", "p/a.yaml", "p/b.yaml", "r/d.yaml"], [])


def test_an_include_of_the_top_file_through_a_link_adds_nothing(tmp_path: Path) -> None:
    _tree(tmp_path, "top.yaml")
    (tmp_path / "again.yaml").symlink_to(tmp_path / "top.yaml")
    assert _includes(tmp_path / "top.yaml", "again.yaml") == ([], [])


@pytest.mark.parametrize("pattern", ["/abs/*.yaml", "../x.yaml", "a/../b.yaml",
                                     "a\\b.yaml", "a\x00.yaml"])
def test_an_unsafe_include_is_a_problem_at_its_line(tmp_path: Path, pattern: str) -> None:
    _tree(tmp_path, "top.yaml", "ok.yaml")
    shown = repr(pattern)
    assert _includes(tmp_path / "top.yaml", pattern, "ok.yaml") == (["ok.yaml"], [
        f"top.yaml:10:3: include: include {shown} must be a relative path inside the "
        "dataset, without '..' (hint: e.g. parts/*.yaml, relative to this file)"])


def test_an_include_that_matches_no_file_says_where_to_look(tmp_path: Path) -> None:
    _tree(tmp_path, "top.yaml", "p/sub/", "real/x.yaml")
    (tmp_path / "p" / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "p" / "gone.yaml").symlink_to(tmp_path / "none")
    assert _includes(tmp_path / "top.yaml", "p/*", "p/**/*.yaml", "p/none.yaml") == ([], [
        "top.yaml:10:3: include: include 'p/*' matches no file (hint: check the path: it is "
        "relative to this file's folder)",
        "top.yaml:11:3: include: include 'p/**/*.yaml' matches no file (hint: symbolic links "
        "to folders are not followed by * or **; name the linked folder itself, e.g. "
        "parts/linked/*.yaml)",
        "top.yaml:12:3: include: include 'p/none.yaml' matches no file (hint: check the "
        "path: it is relative to this file's folder)"])


def test_an_include_through_a_link_out_of_the_root_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _tree(tmp_path, "root/top.yaml", "root/in.yaml", "root/z.yaml", "outside/x.yaml")
    (root / "out.yaml").symlink_to(tmp_path / "outside" / "x.yaml")
    assert _includes(root / "top.yaml", "*.yaml") == (["in.yaml", "z.yaml"], [
        f"top.yaml:10:3: include: include '*.yaml' leads outside the dataset root "
        f"{str(root)!r} (through a symbolic link)"])


def test_the_include_patterns_are_bounded_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "MAX_INCLUDE_PATTERNS", 3)
    _tree(tmp_path, "top.yaml", "1.yaml", "2.yaml", "3.yaml", "4.yaml", "5.yaml")
    top = tmp_path / "top.yaml"
    assert _includes(top, "1.yaml", "2.yaml", "3.yaml", "1.yaml") == (
        ["1.yaml", "2.yaml", "3.yaml"], [])
    assert _includes(top, "1.yaml", "2.yaml", "3.yaml", "4.yaml", "5.yaml") == (
        ["1.yaml", "2.yaml", "3.yaml"],
        ["top.yaml:13:3: include: more than 3 include patterns (hint: name the folder of "
         "the parts, e.g. parts/*.yaml)"])


def test_the_files_included_are_bounded_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(F, "MAX_INCLUDED_FILES", 3)
    _tree(tmp_path, "top.yaml", "p/1.yaml", "p/2.yaml", "p/3.yaml", "q/4.yaml")
    top = tmp_path / "top.yaml"
    assert _includes(top, "p/*.yaml", "p/1.yaml") == (["p/1.yaml", "p/2.yaml", "p/3.yaml"],
                                                      [])
    assert _includes(top, "p/*.yaml", "q/*.yaml", "p/1.yaml") == (
        ["p/1.yaml", "p/2.yaml", "p/3.yaml"],
        ["top.yaml:11:3: include: include 'q/*.yaml' brings the files included past 3 "
         f"(hint: {F.SPLIT_HINT})"])


def test_the_include_patterns_share_one_budget_of_entries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(tmp_path, "top.yaml", "p/1.yaml", "p/2.yaml", "q/3.yaml")
    top = tmp_path / "top.yaml"
    # p/*.yaml looks through 4 entries (the base, p and p's 2 names), q/*.yaml 3
    monkeypatch.setattr(F, "MAX_INCLUDE_ENTRIES", 7)
    assert _includes(top, "p/*.yaml", "q/*.yaml") == (["p/1.yaml", "p/2.yaml", "q/3.yaml"],
                                                      [])
    monkeypatch.setattr(F, "MAX_INCLUDE_ENTRIES", 6)
    assert _includes(top, "p/*.yaml", "q/*.yaml", "p/1.yaml") == (
        ["p/1.yaml", "p/2.yaml"],
        ["top.yaml:11:3: include: include 'q/*.yaml' looks through more than 6 files and "
         "folders with the patterns before it (hint: name the folder of the parts, e.g. "
         "parts/*.yaml)"])
    monkeypatch.setattr(F, "MAX_INCLUDE_ENTRIES", 3)
    assert _includes(top, "p/*.yaml", "q/*.yaml") == ([], [
        "top.yaml:10:3: include: include 'p/*.yaml' looks through more than 3 files and "
        "folders (hint: name the folder of the parts, e.g. parts/*.yaml)"])


def test_read_source_names_the_file_as_shown(tmp_path: Path) -> None:
    with pytest.raises(F.SourceError) as info:
        F.read_source(tmp_path / "none", "texts/x.txt")
    assert info.value.message == "source file 'texts/x.txt' does not exist"
