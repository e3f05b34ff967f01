"""Atomic writes (core/atomic.py): the exact file, its mode, the exact refusal, and what is
left on disk when a step fails (the old file, never a temporary one)."""

from __future__ import annotations

import errno
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from kzt_tui.core import atomic
from kzt_tui.core.atomic import (
    NotAFileError,
    OverwriteError,
    not_a_file,
    write_atomic,
    write_atomic_bytes,
    write_new,
)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        calls.append(fd)
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", spy)
    return calls


def _fake_mode(monkeypatch: pytest.MonkeyPatch, mode: int) -> None:
    monkeypatch.setattr(atomic.os, "lstat", lambda path: SimpleNamespace(st_mode=mode))


# --- not_a_file and its refusal -------------------------------------------------------------


def test_not_a_file_names_each_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    regular = tmp_path / "file"
    regular.write_text("x", encoding="utf-8")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link"
    link.symlink_to(regular)  # a link to a regular file is still a link
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "sock"))
        assert not_a_file(tmp_path / "sock") == "a socket"
    assert not_a_file(regular) is None
    assert not_a_file(tmp_path / "missing") is None
    assert not_a_file(tmp_path) == "a folder"
    assert not_a_file(fifo) == "a named pipe"
    assert not_a_file(link) == "a symbolic link"
    assert not_a_file(Path("/dev/null")) == "a device"
    _fake_mode(monkeypatch, stat.S_IFBLK | 0o660)
    assert not_a_file(tmp_path / "disk") == "a device"
    _fake_mode(monkeypatch, 0)  # none of the kinds (a BSD whiteout, a Solaris door)
    assert not_a_file(tmp_path / "odd") == "a special file"


def test_the_refusal_names_the_path_and_what_it_is(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, what in ((fifo, "a named pipe"), (tmp_path, "a folder")):
        for force in (False, True):
            with pytest.raises(NotAFileError) as caught:
                write_new(path, "x", force=force)
            assert str(caught.value) == f"{path} is {what}, not a regular file; not replaced"
            assert caught.value.path == path
            assert caught.value.args == (str(caught.value),)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]


def test_the_overwrite_refusal_names_the_path(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")
    monkeypatch.setattr(atomic.os, "link", lambda *a: pytest.fail("no write was due"))
    with pytest.raises(OverwriteError) as caught:
        write_new(target, "new")
    assert str(caught.value) == f"{target} already exists; not replaced (use --force to replace it)"
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.md"]


# --- write_new: the race between the check and the write --------------------------------------


def test_a_file_made_between_the_check_and_the_link_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    real_link = os.link

    def late(src: Path, dst: Path) -> None:  # someone else writes the name first
        Path(dst).write_text("theirs", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(atomic.os, "link", late)
    with pytest.raises(OverwriteError) as caught:
        write_new(target, "ours")
    assert caught.value.path == target
    assert str(caught.value).startswith(f"{target} already exists")
    assert target.read_text(encoding="utf-8") == "theirs"
    assert os.listdir(tmp_path) == ["out.md"]


def _no_links(monkeypatch: pytest.MonkeyPatch, before: str | None = None) -> None:
    """A file system without hard links; `before` is written at the target first."""

    def refused(src: Path, dst: Path) -> None:
        if before is not None:
            Path(dst).write_text(before, encoding="utf-8")
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", refused)


def test_without_hard_links_the_file_is_renamed_into_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_links(monkeypatch)
    target = tmp_path / "out.md"
    write_new(target, "первый\n")
    assert target.read_bytes() == "первый\n".encode()
    assert os.listdir(tmp_path) == ["out.md"]


def test_without_hard_links_a_file_made_meanwhile_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_links(monkeypatch, before="theirs")
    target = tmp_path / "out.md"
    with pytest.raises(OverwriteError) as caught:
        write_new(target, "ours")
    assert caught.value.path == target
    assert target.read_text(encoding="utf-8") == "theirs"
    assert os.listdir(tmp_path) == ["out.md"]


def test_a_temporary_file_that_cannot_be_removed_is_no_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new file is in place: a failing clean-up of the temporary name does not undo
    that (the write succeeded)."""

    def stuck(self: Path, missing_ok: bool = False) -> None:
        raise OSError(errno.EBUSY, "busy")

    target = tmp_path / "out.md"
    monkeypatch.setattr(Path, "unlink", stuck)
    write_new(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"


def test_write_new_writes_bytes_as_they_are(tmp_path: Path) -> None:
    write_new(tmp_path / "a.bin", b"\xff\xfe")
    write_new(tmp_path / "b.txt", "ё\r\n")
    assert (tmp_path / "a.bin").read_bytes() == b"\xff\xfe"
    assert (tmp_path / "b.txt").read_bytes() == b"\xd1\x91\r\n"


# --- write_atomic: mode, fsync, failure -------------------------------------------------------


def test_a_rewrite_keeps_the_files_permissions(tmp_path: Path) -> None:
    for mode in (0o600, 0o640, 0o444):
        target = tmp_path / f"f{mode:o}"
        target.write_text("old", encoding="utf-8")
        target.chmod(mode | stat.S_ISGID)  # never carried over: only the 0o777 bits
        write_atomic(target, "new")
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert target.read_text(encoding="utf-8") == "new"


def test_a_new_file_and_a_replaced_link_get_the_umask_mode(tmp_path: Path) -> None:
    write_atomic(tmp_path / "new", "x")
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "new")  # a link's own mode is 0o777: not a file's to keep
    write_atomic(link, "y")
    for path in (tmp_path / "new", link):
        assert not path.is_symlink()
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    assert (tmp_path / "new").read_text(encoding="utf-8") == "x"
    assert link.read_text(encoding="utf-8") == "y"


def test_a_durable_write_is_fsynced_and_a_cache_write_is_not(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _fsyncs(monkeypatch)
    write_atomic_bytes(tmp_path / "a", b"a")
    assert len(calls) == 1
    write_atomic(tmp_path / "b", "b")
    write_new(tmp_path / "c", "c")
    assert len(calls) == 3
    write_atomic_bytes(tmp_path / "d", b"d", durable=False)
    assert len(calls) == 3
    assert (tmp_path / "d").read_bytes() == b"d"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_atomic(target, "new")
    assert caught.value.errno == errno.ENOSPC
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["out.md"]


@pytest.fixture
def stuck_unlink(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Path.unlink fails (and records what it was asked to remove)."""
    asked: list[Path] = []

    def stuck(self: Path, missing_ok: bool = False) -> None:
        asked.append(self)
        raise OSError(errno.EBUSY, "busy")

    monkeypatch.setattr(Path, "unlink", stuck)
    yield asked


def test_the_first_error_is_raised_when_the_clean_up_fails_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stuck_unlink: list[Path]) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError) as caught:
        write_atomic(tmp_path / "out.md", "new")
    assert caught.value.errno == errno.ENOSPC
    assert [p.parent for p in stuck_unlink] == [tmp_path]
    assert stuck_unlink[0].name.startswith(".out.md.")


def test_the_rename_error_is_raised_when_the_clean_up_fails_too(
        tmp_path: Path, stuck_unlink: list[Path]) -> None:
    target = tmp_path / "dir"
    target.mkdir()
    with pytest.raises(OSError) as caught:
        write_atomic(target, "x")  # a file cannot replace a folder
    assert caught.value.errno == errno.EISDIR
    assert [p.name.startswith(".dir.") for p in stuck_unlink] == [True]


# --- the temporary name --------------------------------------------------------------------


def test_the_temporary_name_and_a_taken_one(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`.NAME.PID.8-hex.tmp` beside the target; a taken name is skipped, not an error."""
    tokens = iter(["taken000", "free0000"])
    sizes: list[int] = []

    def token_hex(size: int) -> str:
        sizes.append(size)
        return next(tokens)

    taken = tmp_path / f".out.md.{os.getpid()}.taken000.tmp"
    taken.write_text("someone's", encoding="utf-8")
    monkeypatch.setattr(atomic.secrets, "token_hex", token_hex)
    made: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(atomic.os, "replace",
                        lambda src, dst: (made.append(Path(src).name), real_replace(src, dst)))
    write_atomic(tmp_path / "out.md", "x")
    assert sizes == [4, 4]
    assert made == [f".out.md.{os.getpid()}.free0000.tmp"]
    assert taken.read_text(encoding="utf-8") == "someone's"
    assert sorted(os.listdir(tmp_path)) == [taken.name, "out.md"]


def test_a_hundred_taken_names_give_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def token_hex(size: int) -> str:
        calls.append(size)
        return "taken000"

    (tmp_path / f".out.md.{os.getpid()}.taken000.tmp").write_text("", encoding="utf-8")
    monkeypatch.setattr(atomic.secrets, "token_hex", token_hex)
    with pytest.raises(FileExistsError) as caught:
        write_atomic(tmp_path / "out.md", "x")
    assert str(caught.value) == f"could not create a temporary file beside {tmp_path / 'out.md'}"
    assert len(calls) == 100
    assert not (tmp_path / "out.md").exists()
