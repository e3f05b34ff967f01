"""A cursor view's line goes to the screen as ONE new Strip when it changes (issue 18):
styled, padded to the text's width, cursor-styled, widened past the scrollbar's columns
and filtered in one pass (Textual's Strip methods made a Strip at each of those steps),
and a line drawn again is that same Strip."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from .conftest import SIZES
from .helpers import explorer_of

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def whole(widget: Widget) -> Region:
    return Region(0, 0, widget.region.width, widget.region.height)


class StripsMade:
    """Counts the Strips made while `widget` draws its lines (the compositor's calls)."""

    def __init__(self, monkeypatch: Any, widget: Widget) -> None:
        self.count = 0
        self.calls = 0
        self._on = False
        init = Strip.__init__

        def counting(strip: Strip, *args: Any, **kwargs: Any) -> None:
            self.count += self._on
            init(strip, *args, **kwargs)

        draw = widget.render_lines

        def drawing(crop: Region) -> list[Strip]:
            self.calls += 1
            with self.on():
                return draw(crop)

        monkeypatch.setattr(Strip, "__init__", counting)
        monkeypatch.setattr(widget, "render_lines", drawing)

    @contextmanager
    def on(self) -> Iterator[None]:
        self._on = True
        try:
            yield
        finally:
            self._on = False


async def test_a_restyled_line_is_one_new_strip(make_app, size, monkeypatch) -> None:
    """Focus restyles every line of the detail (its cursor's colour): each line in view is
    finished anew from the line it kept, in one Strip, and a second draw makes none."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        detail = explorer_of(app).detail
        before = detail.render_lines(whole(detail))
        made = StripsMade(monkeypatch, detail)
        detail.focus()
        await pilot.pause()
        assert made.calls >= 1  # the frame drew the detail
        again = detail.render_lines(whole(detail))
        assert made.calls >= 2
        assert not any(a is b for a, b in zip(again, before, strict=True))  # all restyled
        assert made.count == len({id(strip) for strip in again})  # one Strip a line
        count = made.count
        assert all(a is b for a, b in zip(detail.render_lines(whole(detail)), again,
                                          strict=True))
        assert made.count == count  # drawn again: nothing made


async def test_a_list_key_makes_two_strips_a_new_detail_line(make_app, size,
                                                            monkeypatch) -> None:
    """`j` in the list shows the next record: each detail line that changed costs at most
    its text's Strip and its finished Strip (it was five and more)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        detail = explorer_of(app).detail
        before = detail.render_lines(whole(detail))
        made = StripsMade(monkeypatch, detail)
        await pilot.press("j")
        await pilot.pause()
        after = detail.render_lines(whole(detail))
        changed = {id(b) for a, b in zip(before, after, strict=True) if a is not b}
        assert len(changed) >= 3  # another record
        assert made.calls >= 2
        assert len(changed) <= made.count <= 2 * len(changed)
