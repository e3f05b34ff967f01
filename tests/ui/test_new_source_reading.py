"""Reading a source added from the app, before any record cites it: the README's
promise that after a search hit or `u`, `y` copies the whole sentence with its reference,
and `w` the whole sentences, holds for a text no record cites yet (the copies used to be
offered only while the selected record had a citation, so they did nothing there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kzt_tui.app import KztApp
from kzt_tui.messages import Copied

from ..helpers import make_split
from .conftest import Seen
from .helpers import curate_app, source_header, type_fields, wait_for

ARTICLE = ("Казахстан и Туркменистан обсудили торговлю.\n"
           "Стороны договорились о новом мосте.\n"
           "Министры встретились в Астане, а затем в Ашхабаде.\n"
           "Следующая встреча пройдёт весной.\n")
REF = "— «Новая статья» (A new article), outlet not named, undated, "


async def add_article(pilot: Pilot[Any], app: KztApp, tmp_path: Path,
                      text: str = ARTICLE) -> None:
    """`+`, the article's path, then only what the form requires (no date, no outlet)."""
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    await pilot.press("plus")
    await pilot.pause(0.2)
    await pilot.press(*str(article), "ctrl+s")
    await pilot.pause(0.3)
    await type_fields(pilot, app, {
        "date_note": "Not in the text.", "title.en": "A new article",
        "title.ru": "Новая статья", "kind": "news_report", "reliability": "A test."})
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: "texts/article.txt" in source_header(app))


async def search(pilot: Pilot[Any], app: KztApp, word: str) -> None:
    await pilot.press("s")
    await pilot.pause(0.2)
    await pilot.press(*word, "enter")
    await wait_for(pilot, lambda: "search hit" in source_header(app))


@pytest.mark.parametrize(("key", "what"), [("y", "quote with reference"),
                                           ("w", "whole sentences with reference")])
async def test_copy_keys_after_a_search_hit_in_a_newly_added_source(
        tmp_path: Path, key: str, what: str) -> None:
    app = curate_app(make_split(tmp_path))
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await add_article(pilot, app, tmp_path)
        await search(pilot, app, "Астане")
        await pilot.press(key)
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == ("«Министры встретились в Астане, а затем в Ашхабаде.»\n"
                                 + REF + "paragraph 3 (line 3)")
        copies = [m for m in seen.messages if isinstance(m, Copied)]
        assert [c.what for c in copies] == [what]


async def test_y_after_U_in_a_newly_added_source_copies_that_sentence(
        tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await add_article(pilot, app, tmp_path)
        await search(pilot, app, "Астане")
        await pilot.press("U", "U")  # the hit's own sentence, then the one before it
        await wait_for(pilot, lambda: "unaccounted 2/4" in source_header(app))
        # what the reader is at is the unaccounted sentence, not the hit any more
        assert "search hit" not in source_header(app)
        await pilot.press("y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == ("«Стороны договорились о новом мосте.»\n"
                                 + REF + "paragraph 2 (line 2)")


LONGER = ("Казахстан и Туркменистан обсудили торговлю между странами на встрече министров.\n"
          "Стороны договорились о новом мосте через залив и о дороге к границе.\n\n"
          "Министры встретились в Астане и обсудили транзит грузов по Каспию.\n"
          "Следующая встреча пройдёт весной в Ашхабаде, сообщили в министерстве.\n\n"
          "Товарооборот вырос на двадцать процентов по сравнению с прошлым годом.\n\n"
          "Эксперты ожидают дальнейшего роста торговли в ближайшие годы.\n\n"
          "Президенты подписали соглашение о стратегическом партнёрстве.\n")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_V_after_a_hit_near_the_end_selects_the_hit_sentence_at_every_size(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """At 80x24 the hit in the last paragraph cannot be scrolled to the top; the source
    taking the focus grows and Textual pulls the scroll back, which used to count as the
    reader moving on: the header said line 6 and `V` selected a sentence of paragraph 4."""
    app = curate_app(make_split(tmp_path))
    seen = Seen()
    async with app.run_test(size=size, message_hook=seen) as pilot:
        await add_article(pilot, app, tmp_path, LONGER)
        await search(pilot, app, "соглашение")
        assert "line 11/11 · ¶ 7 · passage 1/1 · search hit" in source_header(app)
        await pilot.press("V", "Y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == "Президенты подписали соглашение о стратегическом партнёрстве."
