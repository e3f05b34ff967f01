"""Dataclass methods compiled once, not at every start (issue 18).

Python's dataclasses write each class's __init__, __repr__, __eq__, __setattr__ … as source
text and compile it while the module is imported: ~30 ms of a start for kzt-tui's and
Textual's frozen dataclasses. The program's entry (kzt_tui/__main__.py) has dataclasses run
code objects kept in a file, keyed by that very text, so a class gets exactly the code its
own text compiles to; a text not in the file is compiled as before and added.

The file lies beside kzt-tui's own byte code (kzt_tui/__pycache__/, where Python keeps the
.pyc files it runs), not in the user's cache folder, whose files may run no code (README,
"Security"). It is written as Python writes .pyc files: not under PYTHONDONTWRITEBYTECODE,
and not where the folder cannot be written; `build` writes it regardless, as compileall
writes .pyc files (bench/ does, as `pip install` does for the .pyc files).
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import sys
from importlib._bootstrap_external import MAGIC_NUMBER  # importlib.util's, ~10 ms to import
from pathlib import Path
from types import CodeType
from typing import Any

#: The file's first bytes: the interpreter and its byte code version (the magic number a
#: .pyc file starts with).
HEADER = (b"kzt-tui dataclass code\n" + sys.implementation.cache_tag.encode() + b"\n"
          + MAGIC_NUMBER + b"\n")
#: A file that has grown past this many texts is not written again (a runaway guard).
MAX_TEXTS = 20_000


def in_pycache(stem: str, suffix: str) -> str:
    """kzt_tui/__pycache__/<stem>.<cache tag>.<suffix>: where a start's caches of this
    package sit, beside its byte code (this one's and system/css_cache's)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(package, "__pycache__",
                        f"{stem}.{sys.implementation.cache_tag}.{suffix}")


def read_after(path: str, head: bytes) -> bytes | None:
    """The file's bytes after `head`; None if it is missing, unreadable or starts otherwise
    (another interpreter's, or another Textual's)."""
    try:
        with open(path, "rb") as file:
            blob = file.read()
    except OSError:
        return None
    return blob[len(head):] if blob.startswith(head) else None


def default_path() -> str:
    """kzt_tui/__pycache__/dataclass-code.<cache tag>.marshal."""
    return in_pycache("dataclass-code", "marshal")


class CodeCache:
    """Code objects by the source text dataclasses compiles them from."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.codes: dict[str, CodeType] = read(path)
        #: How many texts this process had to compile (none: the file had them all).
        self.compiled = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:
        """builtins.exec, with a text compiled once per file rather than once per run."""
        if type(source) is str:
            code = self.codes.get(source)
            if code is None:
                code = self.codes[source] = compile(source, "<string>", "exec")
                self.compiled += 1
            source = code
        builtins.exec(source, globals, locals)

    def save(self, force: bool = False) -> bool:
        """Write the file if this process compiled a text it lacked (under
        PYTHONDONTWRITEBYTECODE only if `force`); whether it was written."""
        if not self.compiled or (sys.dont_write_bytecode and not force):
            return False
        if len(self.codes) > MAX_TEXTS:
            return False
        from kzt_tui.core.atomic import write_atomic_bytes

        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomic_bytes(Path(self.path), HEADER + marshal.dumps(self.codes), durable=False)
        except OSError:  # a read-only install: every start compiles, as before
            return False
        self.compiled = 0
        return True


def read(path: str) -> dict[str, CodeType]:
    """The file's code by text; empty if it is missing, of another interpreter, or damaged."""
    body = read_after(path, HEADER)
    if body is None:
        return {}
    try:
        codes = marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return {}
    if type(codes) is not dict or not all(
            type(k) is str and type(v) is CodeType for k, v in codes.items()):
        return {}
    return codes


_active: CodeCache | None = None


def install(path: str | None = None) -> CodeCache:
    """From now on, dataclasses made in this process take their code from the file at
    `path` (default_path()); the cache in use."""
    global _active
    _active = CodeCache(path or default_path())
    dataclasses.exec = _active.exec  # type: ignore[attr-defined]  # found before builtins
    return _active


def save() -> bool:
    """Write what install()'s cache learnt this run (see CodeCache.save)."""
    return _active is not None and _active.save()


def build(path: str | None = None) -> int:
    """Write the file for the modules a start imports, PYTHONDONTWRITEBYTECODE or not (as
    compileall writes .pyc files); how many texts it holds. Run it in a fresh process: a
    module imported before install() made its classes without the cache."""
    cache = install(path)
    import kzt_tui.app  # the explorer, Textual's app, the model
    import kzt_tui.cli  # noqa: F401  # the command line and the loader

    cache.save(force=True)
    return len(cache.codes)


if __name__ == "__main__":
    print(build())
    # and the explorer's parsed CSS (css_cache.py), in a process of its own: this one's
    # dataclasses were made while writing the code above
    import subprocess

    subprocess.run([sys.executable, "-m", "kzt_tui.system.css_cache"], check=True,
                   stdout=subprocess.DEVNULL)
