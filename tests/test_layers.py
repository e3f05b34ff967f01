"""The package's layers, read from its source: imports only go one way.

Every import counts, lazy ones inside functions and those under TYPE_CHECKING included: a
cycle hidden in a function is still a knot a reader has to untie. And at run time, importing
any module of the domain core loads neither textual nor rich. The tests themselves are
grouped by topic: no appendix files.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import kzt_tui.core

PACKAGE = Path(__file__).resolve().parents[1] / "kzt_tui"
TESTS = Path(__file__).resolve().parent


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def imports_of(name: str) -> set[str]:
    """The kzt_tui modules that module `name` imports, anywhere in it."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    got: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            got.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            got.add(base)
            got.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in got if m in MODULES and m != name and not name.startswith(m + ".")
            and MODULES[m].name != "__init__.py"}


GRAPH = {name: imports_of(name) for name in MODULES}


def _cycles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    assert _cycles() == []


def test_the_reader_sees_every_import() -> None:
    """The graph is real: known edges are found, lazy ones included."""
    assert "kzt_tui.core.model" in GRAPH["kzt_tui.core.corpus"]
    assert any(m.startswith("kzt_tui.core") for m in GRAPH["kzt_tui.cli.check"])


def test_the_core_imports_nothing_of_the_ui() -> None:
    for name, targets in GRAPH.items():
        if name.startswith("kzt_tui.core"):
            assert all(t.startswith("kzt_tui.core") or t == "kzt_tui" for t in targets), name


def test_screens_and_widgets_do_not_import_the_app() -> None:
    for name, targets in GRAPH.items():
        if name.startswith(("kzt_tui.screens", "kzt_tui.widgets", "kzt_tui.dialogs")):
            assert "kzt_tui.app" not in targets, name


# --- at run time: importing any core module loads neither textual nor rich -------------------
# (harlequin's habit, enforced: the reader above sees what the source says, this what Python does)

CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(kzt_tui.core.__path__, "kzt_tui.core.")
)
#: The UI's models, Textual-free too: the loaded session, where the user is, the panes.
UI_MODELS = ["kzt_tui.navigation", "kzt_tui.panes", "kzt_tui.session"]


def test_core_has_modules() -> None:
    assert {"kzt_tui.core.loading.checkfile", "kzt_tui.core.grounding",
            "kzt_tui.core.model"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES + UI_MODELS)
def test_core_module_imports_neither_textual_nor_rich(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} loads {out.stdout.strip()}"


# --- the tests' own layout: one file per topic, no appendices --------------------------------

#: Names of files that grow a test module by appendix instead of by topic.
APPENDIX = ("*_more.py", "*_extra.py")


def test_no_test_file_is_an_appendix() -> None:
    """A test belongs in the file of its topic: no `*_more.py` or `*_extra.py` under tests/."""
    found = sorted(p.relative_to(TESTS).as_posix() for pattern in APPENDIX
                   for p in TESTS.rglob(pattern))
    assert found == []
