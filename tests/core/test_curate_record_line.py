"""Where a record begins in a data file (core/curate/store.record_line): the line its
refusal to cite into a hand-written file names."""

from __future__ import annotations

import pytest

from kzt_tui.core.curate.store import record_line


@pytest.mark.parametrize(("text", "line"), [
    ("people:\n  - id: per-two\n", 2),
    ("people:\n  - id: per-twofold\n  - id: per-two\n", 3),  # not a longer id
    ('x:\n  - {id: "per-two", name: a}\n', 2),
    ("x:\n  - {name: a, id: 'per-two'}\n", 2),
    ("  - id: per-two  # the second\n", 1),
    ("  - doc_id: per-two\n  - id: per-two-b\n  - id: xper-two\n", None),
    ('  - id: "per-two\'\n', None),  # quotes that do not pair
])
def test_the_line_a_record_begins_on_is_its_id_key(text: str, line: int | None) -> None:
    assert record_line(text, "per-two") == line
    assert record_line("  - id: per-two\n", "per.two") is None  # as it is, not a pattern
