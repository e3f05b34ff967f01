"""system/code_cache.py in this process, exactly (test_code_cache.py runs it in fresh
interpreters, as a start does, which mutation testing cannot follow): the cache's exec,
save and read on a file of tmp_path; install restores nothing itself, so each test that
installs puts dataclasses.exec back (monkeypatch)."""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
from pathlib import Path

import pytest

from kzt_tui.system import code_cache
from kzt_tui.system.code_cache import HEADER, MAX_TEXTS, CodeCache, default_path, read

TEXT = "def f():\n    return 41 + 1\n"


def test_the_constants_and_the_default_place() -> None:
    assert MAX_TEXTS == 20_000
    assert HEADER.startswith(b"kzt-tui dataclass code\n")
    package = Path(code_cache.__file__).resolve().parent.parent
    assert default_path() == str(package / "__pycache__" /
                                 f"dataclass-code.{sys.implementation.cache_tag}.marshal")


def test_a_text_is_compiled_once_and_run_each_time(tmp_path: Path) -> None:
    cache = CodeCache(str(tmp_path / "code.marshal"))
    assert (cache.path, cache.codes, cache.compiled) == (str(tmp_path / "code.marshal"), {}, 0)
    first: dict[str, object] = {}
    cache.exec(TEXT, first)
    code = cache.codes[TEXT]
    assert cache.compiled == 1 and code.co_filename == "<string>"
    again: dict[str, object] = {}
    cache.exec(TEXT, again)
    assert cache.compiled == 1 and cache.codes == {TEXT: code}
    assert first["f"]() == again["f"]() == 42  # type: ignore[operator]
    local: dict[str, object] = {}
    cache.exec("x = 1", {}, local)  # locals apart from globals, as exec takes them
    assert local == {"x": 1}
    cache.exec(compile("y = 2", "<c>", "exec"), {}, local)  # code as it is: not kept
    assert local == {"x": 1, "y": 2} and len(cache.codes) == 2 and cache.compiled == 2


def test_save_writes_what_was_compiled_once(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "deep" / "code.marshal"
    cache = CodeCache(str(path))
    assert cache.save() is False and not path.exists()  # nothing compiled
    cache.exec(TEXT, {})
    assert cache.save() is True and cache.compiled == 0
    blob = path.read_bytes()
    assert blob.startswith(HEADER)
    loaded = marshal.loads(blob[len(HEADER):])
    assert loaded.keys() == {TEXT} and loaded[TEXT] == cache.codes[TEXT]
    assert read(str(path)).keys() == {TEXT}
    assert cache.save() is False  # nothing new
    assert CodeCache(str(path)).codes.keys() == {TEXT}


def test_save_does_not_wait_for_the_disk(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache whose loss costs a rebuild is written without an fsync (a start's exit
    would wait for the disk)."""
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache = CodeCache(str(tmp_path / "code.marshal"))
    cache.exec(TEXT, {})
    assert cache.save() is True and synced == []


def test_save_under_dontwritebytecode_only_when_forced(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "code.marshal"
    cache = CodeCache(str(path))
    cache.exec(TEXT, {})
    assert cache.save() is False and not path.exists() and cache.compiled == 1
    assert cache.save(force=True) is True and path.exists()


def test_save_past_the_limit_or_where_it_cannot_write(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    cache = CodeCache(str(tmp_path / "code.marshal"))
    cache.exec(TEXT, {})
    cache.exec("z = 0", {})
    monkeypatch.setattr(code_cache, "MAX_TEXTS", 1)
    assert cache.save() is False
    monkeypatch.setattr(code_cache, "MAX_TEXTS", 2)  # at the limit: written
    assert cache.save() is True
    (tmp_path / "file").write_text("x")
    blocked = CodeCache(str(tmp_path / "file" / "code.marshal"))  # a file for a folder
    blocked.exec(TEXT, {})
    assert blocked.save() is False and blocked.compiled == 1


def test_read_takes_only_a_dict_of_texts_to_code(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    assert read(str(path)) == {}
    assert read(str(tmp_path)) == {}  # a folder: OSError
    code = compile(TEXT, "<string>", "exec")
    path.write_bytes(HEADER + marshal.dumps({TEXT: code}))
    assert read(str(path)) == {TEXT: code}
    for blob in (b"", HEADER[:-1], b"x" + HEADER + marshal.dumps({TEXT: code}),
                 HEADER + b"\x00garbage", HEADER + marshal.dumps({TEXT: code})[:-3],
                 HEADER + marshal.dumps([TEXT]), HEADER + marshal.dumps({1: code}),
                 HEADER + marshal.dumps({TEXT: code, "b": "not code"})):
        path.write_bytes(blob)
        assert read(str(path)) == {}, blob[-12:]


def test_install_gives_dataclasses_the_cache_and_save_writes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)  # removed after
    monkeypatch.setattr(code_cache, "_active", None)
    assert code_cache.save() is False  # nothing installed
    path = tmp_path / "code.marshal"
    cache = code_cache.install(str(path))
    assert cache.path == str(path) and cache.compiled == 0

    @dataclasses.dataclass(frozen=True)
    class P:
        x: int

    assert cache.compiled >= 1 and P(1) == P(1) and repr(P(2)) == "test_install_gives_" \
        "dataclasses_the_cache_and_save_writes_it.<locals>.P(x=2)"
    assert code_cache.save() is True and read(str(path)).keys() == cache.codes.keys()
    assert code_cache.save() is False
    monkeypatch.setattr(code_cache, "default_path", lambda: str(tmp_path / "default"))
    assert code_cache.install().path == str(tmp_path / "default")
    assert os.path.dirname(code_cache.install(None).path) == str(tmp_path)
