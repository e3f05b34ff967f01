"""Textual's parsed CSS kept once parsed, not parsed again at every start (issue 18).

Textual parses every CSS source of the first screen (app.tcss and each widget's
DEFAULT_CSS) with its Python tokenizer at every start: ~9 ms of a warm start's CPU, where
reading the parsed rules back takes ~1.5 (bench/RESULTS.md, warm7). The explorer's run
(cli/explorer.run_app) has Textual's stylesheets take them from a file, keyed by all that a
parse depends on: the CSS text, where it was read from, its priority and scope, the
theme's variables (widgets/_compat.cache_css_parses), under this Textual and Python. A
source not in the file is parsed as before and added.

The file is a pickle of Textual's rule sets, so it lies where only code lies: beside
kzt-tui's byte code (kzt_tui/__pycache__/), as the dataclass code does (code_cache.py),
never in the user's cache folder, whose files may run no code (README, "Security"). It is
written as Python writes .pyc files: not under PYTHONDONTWRITEBYTECODE, not where the
folder cannot be written; `build` writes it regardless (bench/ runs it with code_cache's).
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

from kzt_tui.system.code_cache import in_pycache, read_after

#: A file that has grown past this many parsed sources is not written again.
MAX_SOURCES = 2_000


#: Textual's modules that make and define the rules: another copy of any (an upgrade) makes
#: the file another's (its size or time differs; importlib.metadata's version costs ~5 ms).
_TEXTUAL = ("__init__.py", "css/parse.py", "css/model.py", "css/styles.py", "css/tokenize.py")


def header() -> bytes:
    """The file's first bytes: this interpreter and this copy of Textual (rules of another
    may differ in shape)."""
    import textual

    folder = os.path.dirname(os.path.abspath(textual.__file__ or ""))
    stamps = []
    for name in _TEXTUAL:
        try:
            st = os.stat(os.path.join(folder, name))
            stamps.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            stamps.append(f"{name}:?")
    return (b"kzt-tui parsed css\n" + sys.implementation.cache_tag.encode() + b"\n"
            + os.fsencode(folder) + b"\n" + ";".join(stamps).encode() + b"\n")


def default_path() -> str:
    """kzt_tui/__pycache__/parsed-css.<cache tag>.pickle."""
    return in_pycache("parsed-css", "pickle")


class CssCache:
    """Parsed rules by everything their parse depended on."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rules: dict[tuple[Any, ...], list[Any]] = read(path)
        #: How many sources of the start's theme this process had to parse (none: the file
        #: had them all).
        self.parsed = 0
        #: The theme's variables (a key's last item) of the first source asked for: the
        #: start's. Only rules parsed under them are written: a user trying themes in the
        #: palette would otherwise grow the file every start reads by ~56 KB a theme.
        self.start_theme: object = None

    def get(self, key: tuple[Any, ...]) -> list[Any] | None:
        """The rules parsed under `key`, if the file had them."""
        if self.start_theme is None:
            self.start_theme = key[-1]
        return self.rules.get(key)

    def put(self, key: tuple[Any, ...], rules: list[Any]) -> None:
        """Keep `rules`, just parsed under `key`."""
        self.rules[key] = rules
        if key[-1] == self.start_theme:
            self.parsed += 1

    def save(self, force: bool = False) -> bool:
        """Write the file if this process parsed a source it lacked (under
        PYTHONDONTWRITEBYTECODE only if `force`); whether it was written."""
        if not self.parsed or (sys.dont_write_bytecode and not force):
            return False
        kept = {key: rules for key, rules in self.rules.items() if key[-1] == self.start_theme}
        if len(kept) > MAX_SOURCES:
            return False
        from kzt_tui.core.atomic import write_atomic_bytes

        try:
            blob = header() + pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            write_atomic_bytes(Path(self.path), blob, durable=False)
        except OSError:  # a read-only install: parsed at every start, as before
            return False
        except (pickle.PicklingError, TypeError, AttributeError):  # a rule pickle cannot
            return False  # write (a theme's own value type): parsed at every start
        self.parsed = 0
        return True


def read(path: str) -> dict[tuple[Any, ...], list[Any]]:
    """The file's rules by key; empty if it is missing, of another interpreter or Textual,
    or damaged."""
    body = read_after(path, header())
    if body is None:
        return {}
    try:
        rules = pickle.loads(body)
    except Exception:  # damaged: parse as before
        return {}
    from textual.css.model import RuleSet

    if type(rules) is not dict or not all(
            type(k) is tuple and type(v) is list and all(type(r) is RuleSet for r in v)
            for k, v in rules.items()):
        return {}  # (a list of None once stopped every start with an AttributeError)
    return rules


_active: CssCache | None = None


def install(path: str | None = None) -> CssCache:
    """From now on, Textual's stylesheets in this process take parsed rules from the file
    at `path` (default_path()); the cache in use. Installed once per process."""
    global _active
    if _active is None:
        from kzt_tui.widgets import _compat

        _active = CssCache(path or default_path())
        _compat.cache_css_parses(_active.get, _active.put)
    return _active


def save() -> bool:
    """Write what install()'s cache learnt this run (see CssCache.save)."""
    return _active is not None and _active.save()


def build(path: str | None = None) -> int:
    """Write the file for the explorer's first screen over the shipped data, whatever
    PYTHONDONTWRITEBYTECODE says (as compileall writes .pyc files); how many sources it
    holds. Nothing of the user's is read or written: the data is loaded without the cache,
    and the app remembers nothing."""
    cache = install(path)
    from kzt_tui.app import create_app
    from kzt_tui.core.loading import load
    from kzt_tui.core.paths import shipped_data

    app = create_app(load(shipped_data()), remember=False)

    async def first_frame(_pilot: object) -> None:
        app.call_after_refresh(app.exit)

    app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
    cache.save(force=True)
    return len(cache.rules)


if __name__ == "__main__":
    print(build())
