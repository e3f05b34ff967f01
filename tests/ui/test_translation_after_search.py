"""`t` (copy with translation) on the passage a search hit opened: the translation a record
gives of that sentence, not "(no translation recorded)"."""

from __future__ import annotations

from kzt_tui.dialogs.search import SearchScreen

from .helpers import wait_for

SENTENCE = "Товарооборот $555,7 млн в 2024 году."


async def test_t_after_a_source_hit_copies_a_record_s_translation_of_its_sentence(
        make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s", *"году")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: bool(screen.hits))
        await pilot.pause()
        lines = [n for n, h in enumerate(screen.hits)
                 if h.unit.record_id is None and h.unit.doc_id == "doc-two"]
        assert lines, [(h.unit.record_id, h.unit.doc_id) for h in screen.hits]
        await pilot.press(*["down"] * (lines[0] + 1), "enter")  # the first: to the hits
        await pilot.pause(0.3)
        assert app.screen is not screen
        await pilot.press("t")
        await wait_for(pilot, lambda: bool(app.clipboard))
        quote, english = app.clipboard.split("\n")[:2]
        assert quote == f"«{SENTENCE}»"
        assert english == "English: Trade turnover of $555.7m in 2024."
