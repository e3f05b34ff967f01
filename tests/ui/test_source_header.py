"""The source header drawn a line at a time (SourceHeader) shows the same cells as a Static
showing the same Text, and a change redraws only the lines that changed."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import Static

from kzt_tui.widgets.source_panel import HEADER_LINES, SourceHeader

CSS = f"""
Static {{ height: {HEADER_LINES}; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis;
         background: $boost; color: $text; }}
"""


def header_text(ru: str, en: str, where: str) -> Text:
    line = Text(ru, style="bold")
    line.append("\n" + en, style="italic")
    line.append("\n")
    line.append(where + " · ")
    line.append("2024-05-01 · Tengrinews · article · sources/a.txt", style="dim")
    return line


TEXTS = [
    header_text("Соглашение о порте Актау", "The Aktau port agreement", "passage 1 of 3"),
    header_text("Соглашение о порте Актау", "The Aktau port agreement", "passage 2 of 3"),
    header_text("Очень длинное название " * 8, "A very long English title " * 8, "p 3"),
    header_text("中文标题", "Wide characters 中文", "selected 12 characters"),
    Text("No passage selected", style="italic"),
]


class Pair(App[None]):
    CSS = CSS

    def compose(self) -> ComposeResult:
        yield Static(id="static", markup=False)
        yield SourceHeader(id="header")


def lines(widget: Any) -> list[Any]:
    return [list(strip) for strip in widget.render_lines(Region(0, 0, *widget.region.size))]


@pytest.mark.parametrize("width", [120, 60, 25])
async def test_the_same_cells_as_a_static(width: int) -> None:
    app = Pair()
    async with app.run_test(size=(width, 10)) as pilot:
        static, header = app.query_one("#static", Static), app.query_one(SourceHeader)
        for text in TEXTS:
            static.update(text)
            header.show(text.split("\n"))
            await pilot.pause()
            assert str(header.render()) == str(text)
            assert lines(header) == lines(static), text.plain


async def test_a_change_redraws_only_the_lines_that_changed() -> None:
    app = Pair()
    async with app.run_test(size=(80, 10)) as pilot:
        header = app.query_one(SourceHeader)
        header.show(TEXTS[0].split("\n"))
        await pilot.pause()
        lines(header)
        drawn: list[int] = []
        real = SourceHeader.render_line

        def spy(self: SourceHeader, y: int) -> Any:
            drawn.append(y)
            return real(self, y)

        SourceHeader.render_line = spy  # type: ignore[method-assign]
        try:
            header.show(TEXTS[1].split("\n"))  # only where the reader is differs
            lines(header)
            assert drawn == [2]
            drawn.clear()
            header.show(TEXTS[1].split("\n"))  # nothing differs
            lines(header)
            assert drawn == []
            header.show(TEXTS[2].split("\n"))
            lines(header)
            assert sorted(drawn) == [0, 1, 2]
        finally:
            SourceHeader.render_line = real  # type: ignore[method-assign]
