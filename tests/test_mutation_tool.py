"""tools/mutation.py's check of bench/MUTATION.md's count-outs: a listed mutant the tests
kill, or one the run no longer has, is named (a change in its function renumbers it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "tools" / "mutation.py"
_SPEC = importlib.util.spec_from_file_location("kzt_mutation_tool", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
mutation = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(mutation)

T = "kzt_tui.core.table."


def test_a_count_out_killed_or_gone_is_stale_and_one_that_survives_is_not() -> None:
    codes = {T + "x_f__mutmut_1": 0, T + "x_f__mutmut_2": 1, T + "xǁCǁg__mutmut_3": 33,
             T + "xǁCǁg__mutmut_4": 36}
    listed = {T + "x_f__mutmut_1", T + "x_f__mutmut_2", T + "xǁCǁg__mutmut_3",
              T + "xǁCǁg__mutmut_4", T + "x_f__mutmut_9"}
    assert mutation.stale(codes, listed, "kzt_tui/core/table.py") == [
        T + "x_f__mutmut_2", T + "x_f__mutmut_9", T + "xǁCǁg__mutmut_4"]


def test_only_the_modules_own_count_outs_are_looked_at() -> None:
    listed = {"kzt_tui.core.tables.x_f__mutmut_1", "kzt_tui.core.export.as_csv.x_f__mutmut_1",
              "kzt_tui.core.export.x_f__mutmut_2", "kzt_tui.core.export.xǁRǁh__mutmut_3"}
    assert mutation.stale({}, listed, "kzt_tui/core/table.py") == []
    assert mutation.stale({}, listed, "kzt_tui/core/export/__init__.py") == [
        "kzt_tui.core.export.x_f__mutmut_2", "kzt_tui.core.export.xǁRǁh__mutmut_3"]
    assert mutation.stale({}, listed, "kzt_tui/core/export/as_csv.py") == [
        "kzt_tui.core.export.as_csv.x_f__mutmut_1"]
