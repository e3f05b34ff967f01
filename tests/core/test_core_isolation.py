"""The domain core must not pull in textual or rich (harlequin's habit, enforced)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import kzt_tui.core

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
