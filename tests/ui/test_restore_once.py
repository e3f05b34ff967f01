"""A saved place is put back with one build of its detail before the first frame (issue 18:
the list's cursor showed the record, then the restore built it again for its passage)."""

from __future__ import annotations

from typing import Any

import pytest

from kzt_tui.navigation import PaneState
from kzt_tui.screens import explorer as explorer_module
from kzt_tui.system.state import SavedState, save_state

from .helpers import make


@pytest.mark.parametrize(("pane", "record", "cite", "panes"), [
    # the pane remembers the passage too, as a saved place does
    ("agreements", "agr-bridge", 1, {"agreements": PaneState(selected="agr-bridge", cite=1)}),
    # the saved passage, not the pane's: an older file, or one edited by hand
    ("agreements", "agr-bridge", 1, {}),
    ("documents", "doc-two", 3, {"documents": PaneState(selected="doc-two", cite=0)}),
    # a passage past the record's last: its last one, as before
    ("documents", "doc-one", 40, {}),
])
async def test_a_saved_place_builds_its_detail_once(
        monkeypatch: pytest.MonkeyPatch, pane: str, record: str, cite: int,
        panes: dict[str, PaneState]) -> None:
    assert save_state(SavedState(pane, record, cite, panes=panes)) is None
    built: list[str] = []
    real = explorer_module.detail_blocks

    def counted(corpus: Any, rec: Any, lang: str) -> Any:
        built.append(rec.id)
        return real(corpus, rec, lang)

    monkeypatch.setattr(explorer_module, "detail_blocks", counted)
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        assert built == [record]  # before the first frame, once
        await pilot.pause()
        explorer = app.explorer
        assert explorer.fact_list.current_key == record
        last = len(explorer.selection.cites) - 1
        assert explorer.selection.index == min(cite, last)
        assert explorer.nav.state.cite == min(cite, last)
        assert built == [record]


async def test_a_saved_first_row_is_built_once_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # the list's cursor is on its first row already: the restore itself shows the record
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = app.explorer.fact_list.current_key
        assert first is not None
    assert save_state(SavedState("agreements", first, 0)) is None
    built: list[str] = []
    real = explorer_module.detail_blocks
    monkeypatch.setattr(explorer_module, "detail_blocks",
                        lambda corpus, rec, lang: built.append(rec.id) or real(corpus, rec, lang))
    again = make()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.explorer.fact_list.current_key == first
        assert built == [first]

