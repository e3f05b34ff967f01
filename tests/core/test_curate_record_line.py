"""Where a record begins in a data file (core/curate/store.record_line): the line its
refusal to cite into a hand-written file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.curate.store import CurateError, Curator, record_line


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


def test_a_record_whose_id_line_is_not_found_is_refused_without_a_place(split: Path) -> None:
    """A quoted key ("id": per-new) is no line record_line reads: the refusal still
    says what to do, without a file and line."""
    hand = split.parent / "parts" / "3.yaml"
    hand.write_text('people:\n  - "id": per-new\n    name: {en: "N", ru: "Н"}\n'
                    '    role: "minister"\n    country: KZ\n    citations:\n'
                    '      - doc: doc-a\n        quote: "Первая строка"\n'
                    '        translation: "x"\n', encoding="utf-8")
    cite = {"doc": "doc-a", "quote": "Третья строка", "translation": "t"}
    with pytest.raises(CurateError) as caught:
        Curator(split).add_citation("per-new", cite)
    assert str(caught.value) == (
        "per-new is in a file written by hand; kzt-tui does not change it. "
        'Add the citation there yourself:\n      - doc: doc-a\n        quote: "Третья строка"\n'
        '        translation: "t"\n')
