"""Bad and hostile input through the real command line: the exact one-line message, exit 1
for data errors, exit 2 for usage errors, a traceback only with --debug."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.loading.files import MAX_DATA_BYTES, MAX_SOURCE_BYTES
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")
FOOTER = "✗ {n} problem(s); nothing was changed."
#: Anything that could drive a terminal: C0 (but newline), DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def check(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[str]]:
    """Run `kzt-tui check --data path`; the exit code and the lines it printed."""
    code = main(["check", "--data", str(path), *extra])
    out, err = capsys.readouterr()
    assert err == ""
    assert "Traceback" not in out
    return code, out.splitlines()


def data_error(path: Path, capsys: pytest.CaptureFixture[str], *expected: str) -> None:
    """`check` exits 1 and prints exactly `expected` (after `path:`), then the count."""
    code, lines = check(path, capsys)
    assert code == 1
    assert lines == [f"{path}{e}" for e in expected] + [FOOTER.format(n=len(expected))]
    for line in lines:
        assert not UNSAFE.search(line), line


@pytest.mark.parametrize(
    ("case", "edit", "expected"),
    [
        (
            "malformed YAML",
            lambda t: "schema_version: 1\ndocuments:\n  - id: [unclosed\n",
            [":3:9: YAML syntax error: the '[' opened here is not closed before line 4, "
             "column 1 (did not find expected ',' or ']' there)"],
        ),
        (
            "wrong type",
            lambda t: t.replace("value: 555.7", 'value: "555,7"'),
            [":46:5: figures[0].value: expected a number, got the string '555,7' "
             "(hint: use a decimal point: 555.7, not 555,7)"],
        ),
        (
            "missing required field",
            lambda t: t.replace("    level: interstate\n", ""),
            [":12:5: agreements[0].level: required field is missing"],
        ),
        (
            "unknown field",
            lambda t: t.replace("    status: signed", "    statsu: signed"),
            [":12:5: agreements[0].status: required field is missing",
             ":19:5: agreements[0].statsu: unknown field 'statsu' (hint: did you mean 'status'?)"],
        ),
        (
            "duplicate id",
            lambda t: t.replace("id: fig-trade", "id: cor-road").replace(
                "figures: [fig-trade]", "figures: []"),
            [":40:5: figures[0].id: id 'cor-road' must start with 'fig-' in figures",
             ":40:5: figures[0].id: duplicate id 'cor-road' (first used at corridors[0]) "
             "(hint: ids are unique across the whole dataset)"],
        ),
        (
            "duplicate YAML key",
            lambda t: t.replace("    kind: agreement\n", "    kind: agreement\n    kind: plan\n"),
            [":15:5: duplicate key 'kind' (first at line 14, column 5)"],
        ),
        (
            "reference to an unknown id",
            lambda t: t.replace("figures: [fig-trade]", "figures: [fig-trad]"),
            [":22:15: agreements[0].figures[0]: unknown id 'fig-trad' "
             "(hint: did you mean 'fig-trade'?)"],
        ),
        (
            "quote not in its source",
            lambda t: t.replace('quote: "Вторая строка"', 'quote: "Вторая строчка"'),
            [":37:9: corridors[0].citations[0].quote: [doc-a] quote not found; closest passage "
             "at line 2: «Вторая строка:…» — the first 11 characters match, then the quote has "
             "«ч» (U+0447 CYRILLIC SMALL LETTER CHE) where the source has «к» (U+043A CYRILLIC "
             "SMALL LETTER KA) (line 2) (hint: fix the quote from that character on)"],
        ),
        (
            "ambiguous quote",
            lambda t: t.replace("        occurrence: 2\n", ""),
            [":54:9: figures[0].citations[0].quote: [doc-a] quote occurs 2 times (lines 2, 3); "
             "it must be disambiguated (hint: add `occurrence: N` (1 = first) or lengthen the "
             "quote)"],
        ),
        (
            # year 0000 once passed check and then stopped the app in the Figures pane
            "year 0000 is no date",
            lambda t: t.replace('start: "2024", end: "2024"', 'start: "0000-01-05", end: "2024"'),
            [":51:29: figures[0].period.start: expected a date string (YYYY, YYYY-MM or "
             "YYYY-MM-DD), got the string '0000-01-05' (hint: write it like \"2025-11-25\")"],
        ),
        (
            "missing source file",
            lambda t: t.replace("file: texts/a.txt", "file: texts/missing.txt"),
            [":4:5: documents[0].file: source file 'texts/missing.txt' does not exist (hint: "
             "check the document's `file` path (relative to the dataset root))"],
        ),
        (
            "empty file",
            lambda t: "  \n\n",
            [": file is empty (hint: a curated file starts with `schema_version: 1`)"],
        ),
        (
            "python tag",
            lambda t: 'schema_version: 1\nx: !!python/object/apply:os.system ["echo pwned"]\n',
            [":2:4: tag '!!python/object/apply:os.system' is not allowed: curated files hold "
             "plain strings, numbers, lists and mappings"],
        ),
        (
            "python name tag on a key",
            lambda t: "schema_version: 1\n!!python/name:os.system x: 1\n",
            [":2:1: tag '!!python/name:os.system' is not allowed: curated files hold plain "
             "strings, numbers, lists and mappings"],
        ),
        (
            "self-referencing alias",
            lambda t: "schema_version: 1\ndocuments: &d [*d]\n",
            [":2:12: an alias refers to a value that contains itself"],
        ),
        (
            "YAML 1.1 surprises",
            lambda t: t.replace("countries: [KZ, TM]\n    date", "countries: [KZ, no]\n    date")
            .replace('date: "2025-11-25"\n    status', "date: 2025-11-25\n    status")
            .replace("value: 555.7", "value: 012")
            .replace("status: actual", "status: on"),
            [":17:21: agreements[0].countries[1]: expected an ISO country code, got the string "
             "'no' (hint: write it like \"KZ\")",
             ":46:5: figures[0].value: expected a number, got the string '012' (hint: numbers "
             "are written without quotes, leading zeros or thousands separators)",
             ":50:5: figures[0].status: expected one of actual, target, plan, forecast, "
             "estimate; got the string 'on'"],
        ),
        (
            "absolute document path",
            lambda t: t.replace("file: texts/a.txt", "file: /etc/passwd"),
            [":4:5: documents[0].file: document path '/etc/passwd' is absolute (hint: write it "
             "relative to the dataset root)"],
        ),
        (
            "document path with ..",
            lambda t: t.replace("file: texts/a.txt", "file: texts/../../outside.txt"),
            [":4:5: documents[0].file: document path 'texts/../../outside.txt' contains '..' "
             "(hint: source files must live under the dataset root)"],
        ),
        (
            "nesting bomb",
            lambda t: "schema_version: 1\nx: " + "[" * 400 + "]" * 400 + "\n",
            [":2:103: lists and mappings are nested more than 100 deep; refusing to read it"],
        ),
        (
            "number too long for Python",
            lambda t: "schema_version: 1\nx: " + "1" * 5000 + "\n",
            [":2:4: number with 5,000 digits is too long"],
        ),
        (
            "escape sequences in a YAML key",
            lambda t: t.replace("    status: signed",
                                '    "st\\e]52;c;UFdO\\aatus\\u202e": signed'),
            [":12:5: agreements[0].status: required field is missing",
             ":19:5: agreements[0].st␛]52;c;UFdO␇atus⍰: unknown field "
             "'st\\x1b]52;c;UFdO\\x07atus\\u202e' (hint: allowed: id, notes, title, kind, "
             "level, parties, countries, date, period, status, topics, event, corridors, figures, "
             "citations)"],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_data_errors_exit_1_with_one_exact_line_each(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str], case: str,
    edit: Callable[[str], str], expected: list[str],
) -> None:
    data_error(write_data(edit(BASE)), capsys, *expected)


def test_alias_bomb_is_refused_quickly(write_data: Callable[..., Path],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # empty strings: a bomb of values alone (one of "lol"s crosses the budget of the
    # characters aliases repeat first: test_load_errors.py)
    lines = ["schema_version: 1", 'a0: &a0 ["","","","","","","",""]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    path = write_data("\n".join(lines) + "\n")
    data_error(path, capsys, ":8:42: the file expands to more than 5,000,000 values "
               "(an alias bomb?); refusing to read it")


def test_python_tag_runs_nothing(write_data: Callable[..., Path], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    path = write_data(f'schema_version: 1\nx: !!python/object/apply:os.system ["touch {marker}"]\n'
                      f'y: !!python/object/new:os.system ["touch {marker}"]\n')
    code, lines = check(path, capsys)
    assert code == 1
    assert lines[0] == (f"{path}:2:4: tag '!!python/object/apply:os.system' is not allowed: "
                        "curated files hold plain strings, numbers, lists and mappings")
    assert not marker.exists()


def test_non_utf8_data_file_names_the_byte(write_data: Callable[..., Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data("x")
    path.write_bytes("schema_version: 1\n# Тест\n".encode("cp1251"))
    data_error(path, capsys, ": not valid UTF-8 at byte offset 20 (byte 0xD2) "
               "(hint: save the file as UTF-8)")


def test_non_utf8_source_names_file_and_byte(write_data: Callable[..., Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE)
    (path.parent / "texts" / "a.txt").write_bytes("ok Тест".encode("cp1251"))
    data_error(path, capsys, ":4:5: documents[0].file: source file 'texts/a.txt' is not valid "
               "UTF-8 at byte offset 3 (byte 0xD2) (hint: convert it to UTF-8, e.g. iconv -f "
               "cp1251 -t utf-8)")


def test_symlink_leading_outside_is_refused(write_data: Callable[..., Path], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE.replace("file: texts/a.txt", "file: texts/link.txt"))
    secret = tmp_path / "secret.txt"
    secret.write_text("Первая строка", encoding="utf-8")
    os.symlink(secret, path.parent / "texts" / "link.txt")
    root = path.parent.resolve()
    data_error(path, capsys, f":4:5: documents[0].file: document path 'texts/link.txt' leads "
               f"outside the dataset root '{root}' (through a symbolic link) (hint: copy the "
               "file into the dataset's folder)")


def test_huge_data_file_is_refused_without_reading_it(write_data: Callable[..., Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE)
    with path.open("r+b") as handle:  # sparse: the real limit, no real gigabytes
        handle.truncate(MAX_DATA_BYTES + 1)
    data_error(path, capsys, f": file is {MAX_DATA_BYTES + 1:,} bytes; the limit is "
               f"{MAX_DATA_BYTES:,} (hint: split the data into smaller datasets, each opened "
               "with its own --data)")


def test_huge_source_file_is_refused_without_reading_it(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_data(BASE)
    with (path.parent / "texts" / "a.txt").open("r+b") as handle:
        handle.truncate(MAX_SOURCE_BYTES + 1)
    data_error(path, capsys, f":4:5: documents[0].file: source file 'texts/a.txt' is "
               f"{MAX_SOURCE_BYTES + 1:,} bytes; the limit is {MAX_SOURCE_BYTES:,} (hint: split "
               "the text into several documents)")


def test_hostile_source_text_is_made_visible_in_messages(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_data(BASE)
    source = path.parent / "texts" / "a.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(
        "Вторая строка", "Вторая стр\x1b]52;c;UFdO\x07\u202eока"), encoding="utf-8")
    data_error(path, capsys, ":37:9: corridors[0].citations[0].quote: [doc-a] quote not "
               "found; closest passage at line 2: «Вторая стр␛]5…» — the first 10 characters "
               "match, then the quote has «о» (U+043E CYRILLIC SMALL LETTER O) where the source "
               "has U+001B unnamed (line 2) (hint: fix the quote from that character on)")


def test_bom_and_crlf_data_and_source_check_clean(write_data: Callable[..., Path],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data("x")
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    source = path.parent / "texts" / "a.txt"
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes().replace(b"\n", b"\r\n"))
    code, lines = check(path, capsys)
    assert code == 0
    assert lines[0] == f"{path}: OK"
    assert lines[-1] == "✓ 3 citations grounded verbatim in 1 source texts."


def test_bom_and_crlf_data_errors_keep_their_line_and_column(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_data("x")
    broken = BASE.replace("value: 555.7", 'value: "555,7"')
    path.write_bytes(b"\xef\xbb\xbf" + broken.replace("\n", "\r\n").encode("utf-8"))
    data_error(path, capsys, ":46:5: figures[0].value: expected a number, got the string "
               "'555,7' (hint: use a decimal point: 555.7, not 555,7)")


def test_export_reports_data_errors_on_stderr_with_exit_1(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_data(BASE.replace("    level: interstate\n", ""))
    code = main(["export", "--data", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"{path}:12:5: agreements[0].level: required field is missing",
        FOOTER.format(n=1),
    ]


# --- usage errors: exit 2, one line, a hint ----------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--frob"], "kzt-tui: error: unrecognized arguments: --frob (hint: see `kzt-tui --help`)"),
        (["check", "--frob"],
         "kzt-tui: error: unrecognized arguments: --frob (hint: see `kzt-tui --help`)"),
        (["export", "--section", "agreements"],
         "kzt-tui export: error: the following arguments are required: --format "
         "(hint: see `kzt-tui export --help`)"),
        (["check", "--data", "no/such/file.yaml"],
         "kzt-tui check: error: argument --data: no such file: 'no/such/file.yaml' "
         "(hint: give the path of a curated YAML file)"),
        (["--data", "no/such/file.yaml"],
         "kzt-tui: error: argument --data: no such file: 'no/such/file.yaml' "
         "(hint: give the path of a curated YAML file)"),
        (["check", "--root", "no/such/folder"],
         "kzt-tui check: error: argument --root: no such folder: 'no/such/folder' "
         "(hint: the folder that document paths are relative to)"),
    ],
)
def test_usage_errors_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str],
                                          expected: str) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [expected]


def test_unknown_subcommand_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chek"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    # the list of choices is argparse's wording, which varies between Python versions
    assert line.startswith("kzt-tui: error: argument COMMAND: invalid choice: 'chek'")
    assert line.endswith("(hint: see `kzt-tui --help`)")


def test_data_pointing_at_a_folder_is_a_usage_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"kzt-tui check: error: argument --data: {str(tmp_path)!r} is a folder "
                   "(hint: give the curated YAML file inside it)\n")


def test_version_and_help_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("kzt-tui ")
    assert main(["check", "--help"]) == 0
    assert "usage: kzt-tui check" in capsys.readouterr().out


# --- internal errors: a plain line, the traceback only with --debug ----------------------


def _explode(*_: object, **__: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_without_debug_is_one_line(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kzt_tui.core.loading.check_dataset", _explode)
    assert main(["check", "--data", str(mini)]) == 70
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("kzt-tui: internal error: RuntimeError: boom "
                   "(run again with --debug for the traceback)\n")


@pytest.mark.parametrize("argv", [["check", "--debug"], ["--debug", "check"]])
def test_internal_error_with_debug_shows_the_traceback(
    mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.setattr("kzt_tui.core.loading.check_dataset", _explode)
    assert main([*argv, "--data", str(mini)]) == 70
    _, err = capsys.readouterr()
    assert err.startswith("Traceback (most recent call last):\n")
    assert "in _explode" in err
    assert err.rstrip().endswith("RuntimeError: boom")


def test_data_errors_never_show_a_traceback_even_with_debug(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_data("schema_version: 1\nx: " + "[" * 400 + "]" * 400 + "\n")
    code, lines = check(path, capsys, "--debug")
    assert code == 1
    assert lines == [f"{path}:2:103: lists and mappings are nested more than 100 deep; "
                     "refusing to read it", FOOTER.format(n=1)]


def test_valid_data_exits_0(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = check(mini, capsys)
    assert code == 0
    assert lines[0] == f"{mini}: OK"


# --- files that are not files, and Windows-style escapes from the root -------------------


def test_a_device_as_data_file_is_refused_not_read_forever(capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    code, lines = check(Path("/dev/zero"), capsys)
    assert code == 1
    assert lines == ["/dev/zero: is not a regular file (a device or a pipe?) (hint: give the "
                     "path of a curated YAML file)", FOOTER.format(n=1)]


def test_a_pipe_as_data_file_is_refused_not_waited_on(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "curated.yaml"
    os.mkfifo(fifo)
    data_error(fifo, capsys, ": is not a regular file (a device or a pipe?) (hint: give the "
               "path of a curated YAML file)")


def test_a_pipe_as_source_is_refused(write_data: Callable[..., Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE)
    source = path.parent / "texts" / "a.txt"
    source.unlink()
    os.mkfifo(source)
    data_error(path, capsys, ":4:5: documents[0].file: source 'texts/a.txt' is not a regular "
               "file")


def test_an_empty_source_is_refused(write_data: Callable[..., Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE)
    (path.parent / "texts" / "a.txt").write_bytes(b"\xef\xbb\xbf \r\n")
    data_error(path, capsys, ":4:5: documents[0].file: source file 'texts/a.txt' is empty")


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("C:/Windows/win.ini", "document path 'C:/Windows/win.ini' is absolute (hint: write it "
                               "relative to the dataset root)"),
        ("\\\\server\\share\\x.txt", "document path '\\\\\\\\server\\\\share\\\\x.txt' is "
                                     "absolute (hint: write it relative to the dataset root)"),
        ("texts\\..\\..\\x.txt", "document path 'texts\\\\..\\\\..\\\\x.txt' contains '..' "
                                 "(hint: source files must live under the dataset root)"),
    ],
)
def test_windows_style_escapes_are_refused(write_data: Callable[..., Path],
                                           capsys: pytest.CaptureFixture[str], file: str,
                                           expected: str) -> None:
    path = write_data(BASE.replace("file: texts/a.txt", f"file: {json.dumps(file)}"))
    data_error(path, capsys, f":4:5: documents[0].file: {expected}")


def test_a_symlinked_folder_leading_outside_is_refused(
    write_data: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.txt").write_bytes((MINI / "texts" / "a.txt").read_bytes())
    path = write_data(BASE)
    shutil.rmtree(path.parent / "texts")
    os.symlink(outside, path.parent / "texts")
    root = path.parent.resolve()
    data_error(path, capsys, f":4:5: documents[0].file: document path 'texts/a.txt' leads "
               f"outside the dataset root '{root}' (through a symbolic link) (hint: copy the "
               "file into the dataset's folder)")


@pytest.mark.parametrize("brk", ["\u2028", "\u2029"])
def test_a_key_holding_a_line_or_paragraph_separator_stays_on_its_problem_s_line(
    write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str], brk: str
) -> None:
    # No terminal breaks at U+2028/U+2029, but every reader of lines does (a log, an editor,
    # str.splitlines): a problem is one line there too, its key's break shown as ⏎.
    path = write_data(BASE.replace("    file: texts/a.txt",
                                   f'    file: texts/a.txt\n    "c\\u{ord(brk):04x}TM": 1', 1))
    data_error(path, capsys, ":5:5: documents[0].c⏎TM: unknown field 'c\\u"
               f"{ord(brk):04x}TM' (hint: allowed: id, file, date, date_note, title, outlet, "
               "author, kind, reliability, citations)")
