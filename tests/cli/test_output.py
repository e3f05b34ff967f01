"""What the command line writes, with hostile data and hostile places to write it: output to a
terminal is inert, a closed pipe or a full disk is not a crash, --out only replaces files."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import stat
import subprocess
import sys
import tty
from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core import atomic
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import export_text
from kzt_tui.core.loading import load
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")
#: Clipboard write (OSC 52), window title (OSC 0), clear screen (CSI 2J), a right-to-left
#: override and an 8-bit CSI, as YAML escapes in a double-quoted string.
HOSTILE_YAML = r"One\e]52;c;UFdO\a\e]0;pwn\a\e[2J\u202e\x9b2J"
HOSTILE = "One\x1b]52;c;UFdO\x07\x1b]0;pwn\x07\x1b[2J\u202e\x9b2J"
#: Anything that could drive a terminal or reorder what it shows (newline, tab and the CR of
#: a CRLF line end aside).
DRIVES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                    "\u2066-\u2069]|\r(?!\n)")
FORMATS = ("json", "csv", "md", "csl-json")
CLI = [sys.executable, "-m", "kzt_tui"]


@pytest.fixture
def hostile(write_data: Callable[..., Path]) -> Path:
    """The mini dataset with escape sequences in an agreement's and a document's title."""
    return write_data(BASE.replace('title: {en: "One agreement"', f'title: {{en: "{HOSTILE_YAML}"')
                      .replace('title: {en: "Text A"', f'title: {{en: "{HOSTILE_YAML}"'))


def on_terminal(argv: list[str]) -> tuple[int, bytes, str]:
    """Run the CLI with a real terminal (raw, so what it writes arrives unchanged) as stdout;
    the exit code, the bytes the terminal got and stderr."""
    master, slave = os.openpty()
    tty.setraw(slave)
    try:
        proc = subprocess.Popen([*CLI, *argv], stdout=slave, stderr=subprocess.PIPE)
    finally:
        os.close(slave)
    got = bytearray()
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        got += chunk
    os.close(master)
    err = proc.stderr.read().decode() if proc.stderr else ""
    return proc.wait(timeout=60), bytes(got), err


# --- 1. output that reaches a terminal cannot drive it -----------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_terminal_is_inert(hostile: Path, fmt: str) -> None:
    code, out, err = on_terminal(["export", "--data", str(hostile), "--format", fmt])
    assert code == 0
    text = out.decode("utf-8")
    assert not DRIVES.search(text), DRIVES.findall(text)
    assert "\x1b" not in text and "\x07" not in text
    if fmt == "csv":  # shown, not obeyed: a reader still sees that something is there
        assert "One␛]52;c;UFdO␇␛]0;pwn␇␛[2J⍰⍰2J" in text
        # the terminal got a picture of the data, not the data: stderr says so
        [note] = err.splitlines()
        assert "made visible" in note and "--out" in note
    else:  # these formats are inert wherever they go (JSON escapes, Markdown pictures)
        assert err == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_of_ordinary_data_to_a_terminal_is_unchanged(mini: Path, fmt: str) -> None:
    code, out, err = on_terminal(["export", "--data", str(mini), "--format", fmt])
    assert code == 0 and err == ""
    assert out.decode("utf-8") == export_text(Corpus(load(mini)), fmt)


def test_export_to_a_pipe_keeps_the_exact_data(hostile: Path) -> None:
    """A pipe or a file gets the data, not a picture of it: the dataset is evidence."""
    got = subprocess.run([*CLI, "export", "--data", str(hostile), "--format", "csv"],
                         capture_output=True, check=True)
    assert got.stderr == b""
    rows = list(csv.DictReader(io.StringIO(got.stdout.decode("utf-8")[1:], newline="")))
    assert HOSTILE in {row["label_en"] for row in rows}


def test_json_files_keep_the_exact_strings_yet_are_inert(hostile: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    for fmt in ("json", "csl-json"):
        out = tmp_path / f"out.{fmt}"
        assert main(["export", "--data", str(hostile), "--format", fmt, "--out", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert not DRIVES.search(text)  # `cat out.json` is safe too: JSON can escape them all
        assert "\\u202e\\u009b2J" in text
        assert _has(json.loads(text), HOSTILE)
    capsys.readouterr()


def _has(value: object, wanted: str) -> bool:
    if isinstance(value, dict):
        return any(_has(v, wanted) for v in value.values())
    if isinstance(value, list):
        return any(_has(v, wanted) for v in value)
    return isinstance(value, str) and wanted in value


def test_csv_files_keep_the_exact_strings(hostile: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    assert main(["export", "--data", str(hostile), "--format", "csv", "--out", str(out)]) == 0
    assert HOSTILE in out.read_text(encoding="utf-8")
    capsys.readouterr()


def test_markdown_files_show_controls_instead_of_carrying_them(
        hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.md"
    assert main(["export", "--data", str(hostile), "--format", "md", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not DRIVES.search(text)
    assert "### One␛\\]52;c;UFdO␇␛\\]0;pwn␇␛\\[2J⍰⍰2J" in text
    capsys.readouterr()


def test_check_ok_line_shows_a_hostile_file_name_inertly(
        write_data: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    path = write_data(BASE, name="cur\x1b]0;pwn\x07\u202e.yaml")
    assert main(["check", "--data", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert not DRIVES.search(out)
    assert out.splitlines()[0] == f"{path.parent}/cur␛]0;pwn␇⍰.yaml: OK"


def test_wrote_line_and_write_errors_show_a_hostile_out_path_inertly(
        mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x\x1b[2J\u202e.json"
    assert main(["export", "--data", str(mini), "--format", "json", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert not DRIVES.search(err)
    assert err.endswith(f"to {tmp_path}/x␛[2J⍰.json\n")
    assert main(["export", "--data", str(mini), "--format", "json", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert not DRIVES.search(err) and err.count("\n") == 1 and "already exists" in err
    missing = tmp_path / "no\x1b]0;t\x07" / "x.json"
    assert main(["export", "--data", str(mini), "--format", "json", "--out", str(missing)]) == 1
    err = capsys.readouterr().err
    assert not DRIVES.search(err) and err.count("\n") == 1 and "cannot write" in err


@pytest.mark.parametrize("argv", [
    ["\x1b]0;pwn\x07"],
    ["check", "--frob\x1b[2J"],
    ["export", "--format", "csv\x1b[2J"],
    ["export", "--format", "csv", "--section", "a\x1b[2J\u202e"],
    ["--data", "no\x1b]52;c;UFdO\x07such\u202e"],
])
def test_usage_errors_echo_arguments_inertly(mini: Path, capsys: pytest.CaptureFixture[str],
                                            argv: list[str]) -> None:
    if argv[0] == "export":
        argv = [*argv, "--data", str(mini)]
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.splitlines()
    assert not DRIVES.search(line), line


def test_internal_error_message_is_inert(mini: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom\x1b[2J\x1b]0;pwn\x07\nsecond line")

    monkeypatch.setattr("kzt_tui.core.loading.check_dataset", explode)
    assert main(["check", "--data", str(mini)]) == 70
    out, err = capsys.readouterr()
    assert out == ""
    assert err == ("kzt-tui: internal error: RuntimeError: boom␛[2J␛]0;pwn␇⏎second line "
                   "(run again with --debug for the traceback)\n")


# --- 2. a reader that goes away, a disk that is full -------------------------------------

EXPORT_MD = ["export", "--format", "md"]  # the shipped dataset: far more than a pipe holds
CHECK = ["check", "--no-cache"]


@pytest.mark.parametrize("argv", [EXPORT_MD, CHECK], ids=["export", "check"])
def test_a_closed_pipe_ends_quietly_with_141(argv: list[str]) -> None:
    """Like `cat` or `grep` killed by SIGPIPE (128 + 13): no message, and a non-zero status,
    since the output was cut short."""
    proc = subprocess.Popen([*CLI, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert err == b""


def test_a_reader_that_stops_after_one_byte_is_not_told_all_went_well() -> None:
    """`kzt-tui export … | head -c1`: a large write cut short must not pass for success."""
    proc = subprocess.Popen([*CLI, *EXPORT_MD], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(1) == b"#"
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 141
    assert err == b""


@pytest.mark.parametrize("argv", [EXPORT_MD, CHECK], ids=["export", "check"])
def test_a_full_disk_is_one_line_and_exit_1(argv: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        got = subprocess.run([*CLI, *argv], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert got.returncode == 1
    assert got.stderr.decode().splitlines() == [
        f"kzt-tui {argv[0]}: cannot write the output: No space left on device"]


def test_a_full_disk_on_both_streams_still_exits_1_silently() -> None:
    with open("/dev/full", "wb") as full:
        got = subprocess.run([*CLI, *CHECK], stdout=full, stderr=full, timeout=120)
    assert got.returncode == 1


def test_a_closed_stdout_is_one_line_and_exit_1() -> None:
    got = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *CLI, *EXPORT_MD],
                         capture_output=True, timeout=120)
    assert got.returncode == 1
    assert got.stderr.decode().splitlines() == [
        "kzt-tui export: cannot write the output: it is closed"]


# --- 3. --out makes or replaces regular files, nothing else ------------------------------


def export_to(mini: Path, out: str, capsys: pytest.CaptureFixture[str], *extra: str
              ) -> tuple[int, str]:
    code = main(["export", "--data", str(mini), "--format", "json", "--out", out, *extra])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert not DRIVES.search(captured.err)
    return code, captured.err


def test_out_refuses_a_named_pipe_even_with_force(mini: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, err = export_to(mini, str(fifo), capsys, "--force")
    assert code == 2
    assert f"'{fifo}' is a named pipe, not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_out_refuses_a_device_even_with_force(mini: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """As root, --force used to replace the device node with a regular file."""
    device = tmp_path / "full"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # /dev/full's numbers
    except OSError:
        pytest.skip("cannot make a device node here")
    code, err = export_to(mini, str(device), capsys, "--force")
    assert code == 2 and "is a device, not a regular file" in err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_out_names_a_device_as_a_device_not_as_a_file_to_force(
        mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = export_to(mini, "/dev/null", capsys)
    assert code == 2
    assert "'/dev/null' is a device, not a regular file" in err and "--force" not in err


@pytest.mark.parametrize("name", [".", "", "new/", "sub/.", "sub/.."])
def test_out_refuses_a_folder(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str], name: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    code, err = export_to(mini, name, capsys, "--force")
    assert code == 2 and "folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mini", "sub"]


def test_out_refuses_a_symbolic_link_and_leaves_it(mini: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "target.json"
    target.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, err = export_to(mini, str(link), capsys, "--force")
    assert code == 2 and "is a symbolic link" in err and str(target) in err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine"
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    code, err = export_to(mini, str(dangling), capsys)
    assert code == 2 and "is a symbolic link" in err
    assert not (tmp_path / "nowhere.json").exists()


def test_out_through_a_linked_folder_is_fine(mini: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    code, _ = export_to(mini, str(tmp_path / "linked" / "x.json"), capsys)
    assert code == 0 and (tmp_path / "real" / "x.json").is_file()


def test_out_in_a_missing_folder_or_under_a_file_is_one_line_exit_1(
        mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = export_to(mini, str(tmp_path / "missing" / "x.json"), capsys)
    assert code == 1
    assert err == (f"kzt-tui export: cannot write {tmp_path}/missing/x.json: the folder "
                   f"{tmp_path}/missing does not exist\n")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, err = export_to(mini, str(tmp_path / "file.txt" / "x.json"), capsys)
    assert code == 1
    assert err == (f"kzt-tui export: cannot write {tmp_path}/file.txt/x.json: "
                   f"{tmp_path}/file.txt is not a folder\n")


def test_write_new_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """The app's export writes through write_new too; the check there also closes the gap
    between the command line's look and the write."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    for path in (fifo, link, tmp_path):
        for force in (False, True):
            with pytest.raises(atomic.NotAFileError):
                atomic.write_new(path, "x", force=force)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink()


def test_an_output_encoding_without_cyrillic_is_one_line_exit_1() -> None:
    """A legacy locale (here forced) cannot carry the data: say so, do not crash (70)."""
    got = subprocess.run([*CLI, *EXPORT_MD], capture_output=True, timeout=120,
                         env={**os.environ, "PYTHONIOENCODING": "latin-1"})
    assert got.returncode == 1
    assert got.stderr.decode("latin-1").splitlines() == [
        "kzt-tui export: cannot write the output: its encoding, latin-1, has no U+2013 EN DASH "
        "(hint: set PYTHONIOENCODING=utf-8, or use --out FILE)"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_export_leaves_no_temporary_file(tmp_path: Path, signum: int,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """`timeout` ends an export with SIGTERM: the half-written temporary file beside --out
    stayed (3 GB of it in the hostile review)."""
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:  # the signal arrives mid-write
        os.kill(os.getpid(), signum)
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    before = signal.getsignal(signum)
    out = tmp_path / "out.json"
    code = main(["export", "--data", str(MINI / "curated.yaml"), "--format", "json",
                 "--out", str(out)])
    assert code == 128 + signum
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # neither the file nor its temp
    assert signal.getsignal(signum) is before  # the caller's handler is back
