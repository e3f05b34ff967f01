"""Dataclass code kept between starts (system/code_cache.py): the entry point has dataclasses
take their compiled methods from the file, a class made from it behaves as one compiled
afresh, and a file that is missing, damaged or another interpreter's is not used. Each case
runs in a fresh interpreter: installing changes the process's dataclasses module."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kzt_tui.system.code_cache import HEADER, read

from ..helpers import REPO

POINT = """
import dataclasses
@dataclasses.dataclass(frozen=True, slots=True)
class P:
    x: int
    y: str = "b"
"""


def _run(code: str, tmp: Path, *, dont_write: bool = False) -> list[str]:
    env = {**os.environ, "HOME": str(tmp), "XDG_STATE_HOME": str(tmp / "state"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_CACHE_HOME": str(tmp / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if dont_write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True, timeout=120, cwd=REPO, env=env).stdout
    return out.split()


def _cached_point(path: Path) -> str:
    return f"""
from kzt_tui.system import code_cache
cache = code_cache.install({str(path)!r})
{POINT}
print(cache.compiled, code_cache.save())
"""


def test_a_second_process_compiles_nothing_and_its_class_behaves_the_same(
        tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    first = _run(_cached_point(path), tmp_path)
    texts = read(str(path))
    assert first == [str(len(texts)), "True"] and len(texts) >= 4
    assert path.read_bytes().startswith(HEADER)
    assert _run(_cached_point(path) + """
p = P(1)
print(repr(p).replace(" ", ""), p == P(1, "b"), p == P(2), hash(p) == hash((1, "b")))
try:
    p.x = 3
except dataclasses.FrozenInstanceError:
    print("frozen")
""", tmp_path) == ["0", "False", "P(x=1,y='b')", "True", "False", "True", "frozen"]


def test_nothing_is_written_under_dontwritebytecode_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    assert _run(_cached_point(path) + "print(cache.save(force=True))", tmp_path,
                dont_write=True)[1:] == ["False", "True"]
    assert len(read(str(path))) >= 4


def test_a_file_past_the_limit_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    code = _cached_point(path).replace("print(cache.compiled, code_cache.save())", """
code_cache.MAX_TEXTS = len(cache.codes) - 1
print(code_cache.save())
code_cache.MAX_TEXTS = len(cache.codes)
print(code_cache.save(), code_cache.save())
""")
    # at the limit it is written; once written, nothing new is left to write
    assert _run(code, tmp_path) == ["False", "True", "False"]


def test_a_missing_damaged_or_foreign_file_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    assert read(str(path)) == {}
    _run(_cached_point(path), tmp_path)
    good = path.read_bytes()
    assert read(str(path))
    path.write_bytes(good.replace(HEADER, HEADER.replace(b"cpython", b"pypy"), 1))
    assert read(str(path)) == {}
    path.write_bytes(good.replace(HEADER, HEADER[:-5] + b"\x00\x00\r\n\n", 1))  # magic
    assert read(str(path)) == {}
    path.write_bytes(good[: len(HEADER) + 20])  # truncated
    assert read(str(path)) == {}
    import marshal

    path.write_bytes(HEADER + marshal.dumps({"def f(): pass": "not code"}))
    assert read(str(path)) == {}
    path.write_bytes(HEADER + marshal.dumps(["a list"]))
    assert read(str(path)) == {}
    # and a damaged file does not stop a class from being made, compiled afresh
    path.write_bytes(HEADER + b"\x00garbage")
    assert _run(_cached_point(path) + "print(P(5).x)", tmp_path)[2:] == ["5"]


def test_the_entry_point_keeps_the_start_s_code_and_the_next_start_uses_it(
        tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    start = f"""
import contextlib, io, sys
from kzt_tui.system import code_cache
code_cache.default_path = lambda: {str(path)!r}
from kzt_tui.__main__ import start
sys.argv = ["kzt-tui", "--help"]
with contextlib.redirect_stdout(io.StringIO()):
    code = start()
print("exit", code)
"""
    assert _run(start, tmp_path) == ["exit", "0"]
    assert len(read(str(path))) > 50  # the model's, the loader's, the CLI's
    assert _run(f"""
from kzt_tui.system import code_cache
cache = code_cache.install({str(path)!r})
import kzt_tui.core.model, kzt_tui.cli.check
print(cache.compiled)
""", tmp_path) == ["0"]


def test_build_writes_what_the_explorer_s_imports_compile(tmp_path: Path) -> None:
    path = tmp_path / "code.marshal"
    built = _run(f"from kzt_tui.system import code_cache; print(code_cache.build("
                 f"{str(path)!r}))", tmp_path, dont_write=True)
    assert built == [str(len(read(str(path))))]
    assert _run(f"""
from kzt_tui.system import code_cache
cache = code_cache.install({str(path)!r})
import kzt_tui.app, kzt_tui.cli
print(cache.compiled)
""", tmp_path) == ["0"]
