"""A statement whose summary has no Russian: the Russian detail shows its English summary
once, under «Суть (en)» (it showed it twice, as «Суть» and «Суть (en)», the first time as
if it were Russian); a statement with both shows both, and the English detail says "—"
for the Russian it lacks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kzt_tui.app import KztApp

from .helpers import UI_DATA, make, terminal_output, wait_for

STATEMENTS = """
statements:
  - id: stm-english-only
    summary:
      en: "Trade passed half a billion dollars."
    kind: assessment
    speaker: null
    voice: author
    topics: [trade]
    citations:
      - doc: doc-one
        quote: "Товарооборот превысил полмиллиарда долларов."
        translation: "Trade exceeded half a billion dollars."
  - id: stm-both
    summary:
      en: "The sides agreed on a bridge."
      ru: "Стороны договорились о мосте."
    kind: description
    speaker: null
    voice: author
    topics: [transport]
    citations:
      - doc: doc-one
        quote: "Стороны договорились о мосте через залив."
        translation: "The sides agreed on a bridge across the gulf."
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The UI fixture with two statements added: one English only, one in both languages."""
    folder = tmp_path / "set"  # not "data": a data/ folder's root is its parent
    shutil.copytree(UI_DATA.parent, folder)
    curated = folder / UI_DATA.name
    curated.write_text(curated.read_text(encoding="utf-8") + STATEMENTS, encoding="utf-8")
    return curated


def rows(app: KztApp) -> list[str]:
    """The screen's rows as text (a full repaint, its colours and cursor moves taken out)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", re.sub(r"\x1b\[\d+;\d+H", "\n", terminal_output(app)))
    return [row.rstrip("\r") for row in text.split("\n") if row.strip("\r")]


def detail_rows(app: KztApp) -> list[str]:
    """The detail's rows as the terminal shows them: its record's heading, then its fields,
    up to its first section heading ("── Цитаты")."""
    region = app.explorer.detail.region
    inside = [row[region.x : region.right].rstrip() for row in rows(app)]
    start = next((i for i, row in enumerate(inside) if row.split(" ")[-1].startswith("stm-")),
                 len(inside))
    out = []
    for row in inside[start:]:
        if row.startswith("──"):
            break
        out.append(row)
    return out


def labelled(app: KztApp, label: str) -> list[str]:
    """The values of the detail rows whose field name is `label` (names are padded to 12)."""
    return [row[13:] for row in detail_rows(app) if row[:12].rstrip() == label]


async def test_a_summary_without_russian_shows_once_marked_english(data: Path) -> None:
    app = make(data)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("L", "9")
        await wait_for(pilot, lambda: any("stm-english-only" in r for r in detail_rows(app)))
        shown = "\n".join(detail_rows(app))
        assert shown.count("Trade passed half a billion dollars.") == 1, shown
        assert not labelled(app, "Суть"), shown
        assert labelled(app, "Суть (en)") == ["Trade passed half a billion dollars."]

        await pilot.press("j")  # the statement with both: both, each under its own label
        await wait_for(pilot, lambda: any("stm-both" in r for r in detail_rows(app)))
        assert labelled(app, "Суть") == ["Стороны договорились о мосте."]
        assert labelled(app, "Суть (en)") == ["The sides agreed on a bridge."]

        await pilot.press("k", "L")  # in English: the summary, and no Russian for it
        await wait_for(pilot, lambda: bool(labelled(app, "Summary (ru)")))
        assert labelled(app, "Summary") == ["Trade passed half a billion dollars."]
        assert labelled(app, "Summary (ru)") == ["—"]


async def test_the_list_marks_a_summary_shown_in_the_other_language(data: Path) -> None:
    """The Statements list showed the English summary under «Суть» as if it were Russian."""
    app = make(data)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("L", "9")
        await wait_for(pilot, lambda: any("stm-english-only" in r for r in detail_rows(app)))
        shown = rows(app)
        assert any("(en) Trade passed half a" in r for r in shown), shown  # cut to its column
        assert any("Стороны договорились о мосте." in r for r in shown), shown
        assert not any("(en) Стороны" in r or "(en) The sides" in r for r in shown), shown
        await pilot.press("L")
        await wait_for(pilot, lambda: any("Trade passed half" in r for r in rows(app)))
        assert not any(f"({lang}) {what}" in r for r in rows(app) for lang in ("en", "ru")
                       for what in ("Trade", "The sides", "Стороны")), rows(app)


async def test_the_breadcrumb_marks_a_summary_shown_in_the_other_language(data: Path) -> None:
    """The trail showed «Заявления › Trade passed half …» unmarked after the list had
    marked it; now it is the list's title cell."""
    app = make(data)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("L", "9")
        await wait_for(pilot, lambda: any("stm-english-only" in r for r in detail_rows(app)))
        await pilot.press("o")  # its document: the trail leads back to the statement
        await wait_for(pilot, lambda: bool(app.screen.query("#trail")))
        await pilot.pause()
        trail = str(app.screen.query_one("#trail").render())
        assert "› (en) Trade passed half a billion dollars." in trail, trail
        await pilot.press("L")  # in English: its own language, no mark
        await pilot.pause(0.3)
        trail = str(app.screen.query_one("#trail").render())
        assert "back: Statements › Trade passed half a billion dollars." in trail, trail
        assert "(en)" not in trail and "(ru)" not in trail, trail
