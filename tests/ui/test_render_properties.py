"""Property: arbitrary Unicode and control text, put into every text-bearing field and into
a source text, renders in every widget without raising, reaches the terminal inert, and the
highlight covers exactly the quoted characters."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.color import Color
from textual.widgets import Input

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.grounding import LineIndex
from kzt_tui.core.loading import load
from kzt_tui.core.model import Citation, Dataset, Node, Outlet, Text2
from kzt_tui.core.textnorm import displayable, one_line
from kzt_tui.dialogs.manual_copy import ManualCopyScreen
from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.session import Session
from kzt_tui.widgets.detail_view import DetailView
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.pane_tabs import PaneTabs
from kzt_tui.widgets.source_view import SourceText

from .helpers import UI_DATA, assert_inert, every_line_drawn, terminal_output

BASE = load(UI_DATA)
STRONG_BG = Color.parse("#ffd75f")

#: Characters and fragments that have broken terminals and renderers before.
NASTY = [
    *"\x00\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\x90\x9b\x9c\u061c\u200b\u200e\u200f\ufeff[]/\\",
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0301\u3000",
    "[bold]", "[/]", "[0]", "[/b]", "[@click=app.quit]", "\x1b]52;c;UFdO\x07", "\x1b[2J",
    "\x1b]0;t\x1b\\", "👍🏽", "ｗｉｄｅ", "\U000e0041", "\ufdfd",
]
hostile_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=6)), max_size=10).map(
    "".join
)


def poisoned(text: str) -> Dataset:
    """The UI fixture with `text` in titles, names, notes, a source text and a quote of it."""
    label = text or "x"
    docs = list(BASE.documents)
    docs[1] = dataclasses.replace(docs[1], title=Text2(label, text), outlet=Outlet(label, text),
                                  author=label, reliability=label, date_note=label)
    source = BASE.texts["doc-two"] + text + "\n"
    figures = list(BASE.figures)
    fig = figures[1]
    cites = fig.citations
    if text:
        start = len(BASE.texts["doc-two"])
        span = LineIndex(source).span(start, start + len(text))
        cites = (*cites, Citation("doc-two", text, label, None, label, span, "x"))
    figures[1] = dataclasses.replace(fig, label_text=Text2(label, label), citations=cites,
                                     notes=label)
    agreements = list(BASE.agreements)
    agreements[0] = dataclasses.replace(agreements[0], title=Text2(label, label),
                                        parties=(label, label))
    corridors = list(BASE.corridors)
    corridors[0] = dataclasses.replace(
        corridors[0], nodes=(*corridors[0].nodes[:1], Node(label, text, "TM"))
    )
    return dataclasses.replace(
        BASE, documents=tuple(docs), figures=tuple(figures), agreements=tuple(agreements),
        corridors=tuple(corridors), texts={**BASE.texts, "doc-two": source},
    )


def strong_text(view: SourceText) -> str:
    """The characters of every rendered line that carry the strong highlight."""
    return "".join(
        segment.text
        for strip in every_line_drawn(view)
        for segment in strip
        if segment.style is not None and segment.style.bgcolor == STRONG_BG
    )


async def render(app: KztApp, pilot: Any) -> None:
    await pilot.pause()
    assert_inert(terminal_output(app))


async def drive(texts: list[str], size: tuple[int, int]) -> None:
    app = create_app(poisoned(texts[0]), data_path=UI_DATA, clipboard_commands=[], remember=False)
    async with app.run_test(size=size) as pilot:
        explorer = app.explorer
        for text in texts:
            app.session = Session(poisoned(text))  # what a live reload does
            explorer.jump_to("fig-companies")
            await pilot.pause()
            if text:  # the passage that quotes `text`, wherever the citations sort it
                explorer.set_citation(
                    next(i for i, c in enumerate(explorer.selection.cites) if c.path == "x"))
            await render(app, pilot)
            source = explorer.query_one(SourceText)
            if text:
                assert explorer.selection.citation is not None
                assert explorer.selection.citation.quote == text
                assert strong_text(source) == displayable(text).replace("\n", "")
            explorer.query_one(PaneTabs).show(explorer.pane, len(texts))
            assert explorer.query_one(FactList).rows
            assert explorer.query_one(DetailView).blocks
            for record in ("doc-two", "agr-bridge", "cor-road"):
                explorer.jump_to(record)
                await render(app, pilot)
            app.push_screen(SearchScreen(app.session.build_search_index(), "en", query=text))
            await render(app, pilot)
            assert app.screen.query_one("#search-input", Input).value == one_line(text)
            app.pop_screen()
            app.push_screen(ManualCopyScreen(text, text))
            await render(app, pilot)
            assert app.screen.query_one("#manual-copy-text").text == displayable(text)  # type: ignore[attr-defined]
            app.pop_screen()
            await pilot.resize_terminal(20, 8)
            await render(app, pilot)
            await pilot.resize_terminal(*size)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_text, min_size=1, max_size=2), st.sampled_from([(120, 40), (60, 16)]))
def test_any_text_renders_inert_in_every_widget(texts: list[str], size: tuple[int, int]) -> None:
    asyncio.run(drive(texts, size))
