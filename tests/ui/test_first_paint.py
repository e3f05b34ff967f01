"""The first frame is laid out once (issue 18, first paint): the explorer is the app's
default screen, so no blank screen is composed, styled and laid out before it (there were
eight layouts before the first frame: five of Textual's blank default screen, two of the
explorer pushed over it, one of the blank screen again)."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.screen import Screen

from .conftest import SIZES

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


async def test_the_explorer_is_the_only_screen_from_the_start(make_app, size) -> None:
    app = make_app()
    stacks: list[list[str]] = []

    async def at_once(pilot) -> None:  # type: ignore[no-untyped-def]
        stacks.append([type(s).__name__ for s in app.screen_stack])  # before any layout
        await pilot.pause()
        stacks.append([type(s).__name__ for s in app.screen_stack])
        app.exit()

    await app.run_async(headless=True, size=size, auto_pilot=at_once)
    assert stacks == [["ExplorerScreen"], ["ExplorerScreen"]]


async def test_one_layout_before_the_first_frame(make_app, size, monkeypatch) -> None:
    # Textual's private names (a rename fails this test loudly: monkeypatch's raising=True)
    layouts: list[str] = []
    at_first_frame: list[list[str]] = []
    refresh_layout, display = Screen._refresh_layout, App._display

    def counted(screen, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts.append(type(screen).__name__)
        return refresh_layout(screen, *args, **kwargs)

    def first_frame(app, screen, update):  # type: ignore[no-untyped-def]
        if not at_first_frame:
            at_first_frame.append(list(layouts))
        return display(app, screen, update)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    monkeypatch.setattr(App, "_display", first_frame)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
    assert at_first_frame == [["ExplorerScreen"]]


def _count_styling(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every node the stylesheet styles from here on, in order (Textual's public
    Stylesheet.apply, which every styling of a node goes through)."""
    from textual.css.stylesheet import Stylesheet

    styled: list[object] = []
    apply = Stylesheet.apply

    def counted(sheet, node, *args, **kwargs):  # type: ignore[no-untyped-def]
        styled.append(node)
        return apply(sheet, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return styled


async def test_the_first_frame_styles_each_container_once(make_app, size, monkeypatch) -> None:
    # Each widget is styled as it mounts; Textual's resume of a screen styles every widget
    # of it again, which at the start changes no cell: the explorer's first resume skips
    # it. The containers change neither class nor focus before the first frame, so once.
    styled = _count_styling(monkeypatch)
    at_first_frame: list[list[object]] = []
    display = App._display

    def first_frame(app, screen, update):  # type: ignore[no-untyped-def]
        if not at_first_frame:
            at_first_frame.append(list(styled))
        return display(app, screen, update)

    monkeypatch.setattr(App, "_display", first_frame)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        explorer = app.explorer
        body, left, source = (explorer.query_one(s) for s in ("#body", "#left", "#source"))
    assert at_first_frame
    before = at_first_frame[0]
    assert [before.count(w) for w in (body, left, source)] == [1, 1, 1]


async def test_a_later_resume_restyles_the_explorer(make_app, size, monkeypatch) -> None:
    from textual.events import ScreenResume

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        styled = _count_styling(monkeypatch)
        body = app.explorer.query_one("#body")
        app.explorer.post_message(ScreenResume())
        await pilot.pause()
        assert styled.count(body) == 1  # as Textual does on every resume but the first


async def test_the_key_bar_works_out_the_active_bindings_once(make_app, size, monkeypatch) -> None:
    # Working them out asks every binding's check_action (~80 on the explorer); the key
    # bar hands the explorer's footer_keys the ones it has, with the same keys shown.
    from kzt_tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        bar = app.explorer.query_one(KeyBar)
        shown = str(bar.render())
        worked_out: list[object] = []
        active = Screen.active_bindings

        def counted(screen):  # type: ignore[no-untyped-def]
            worked_out.append(screen)
            return active.fget(screen)  # type: ignore[attr-defined]

        monkeypatch.setattr(Screen, "active_bindings", property(counted))
        assert str(bar.render()) == shown
        assert len(worked_out) == 1
        assert "Quit" in shown  # the app's key, taken from those bindings
