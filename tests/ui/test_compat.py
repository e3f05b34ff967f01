"""Each private Textual/Rich hook of widgets/_compat.py: it still exists with the signature
the workaround calls it with, and it still does what the workaround relies on. A failure
here means the framework changed under a workaround: read that hook's docstring."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from textual import events
from textual._compositor import ChopsUpdate, Compositor
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Input

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.loading import load
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets import _compat
from kzt_tui.widgets.virtual import SteadyScrollbar, set_virtual_size

KZT_TUI = Path(__file__).resolve().parents[2] / "kzt_tui"
UI_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ui" / "curated.yaml"


def _params(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


# --- no private hook outside _compat -----------------------------------------------------

#: Private names of Textual and Rich objects the product may touch only in _compat.
HOOKS = ("_on_key", "_restart_blink", "_forward_event", "_bindings", "_watch_value",
         "_scroll_update", "_vertical_scrollbar", "_start_widget", "_handle_exception",
         "_print_error_renderables", "_exit_renderables", "rich._wrap", "_compositor",
         "_get_renders", "_parse_rules", "_parse_cache")


def test_no_private_framework_hook_outside_compat() -> None:
    """A private hook used anywhere else would escape these tests (the app's overrides,
    named in APP_OVERRIDES, keep their names but call into _compat)."""
    found = []
    for path in KZT_TUI.rglob("*.py"):
        if path.name == "_compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        for hook in HOOKS:
            for match in re.finditer(rf"[.\s]{re.escape(hook)}\b", text):
                line = text[: match.start()].count("\n") + 1
                source = text.splitlines()[line - 1]
                overridden = (path.name == "app.py" and hook in _compat.APP_OVERRIDES
                              and re.match(rf"\s*(async )?def {hook}\(", source))
                if not overridden and "_compat" not in source:
                    found.append(f"{path.relative_to(KZT_TUI)}:{line}: {source.strip()}")
    assert not found


# --- keys --------------------------------------------------------------------------------


def test_textual_dispatches_underscore_handlers_by_class_in_mro_order() -> None:
    source = inspect.getsource(MessagePump._get_dispatch_methods)
    assert 'f"_{method_name}"' in source and "__mro__" in source
    assert "_no_default_action" in source  # prevent_default stops the later classes
    for cls in (App, Widget, Input):
        assert inspect.iscoroutinefunction(cls.__dict__["_on_key"])
        assert _params(cls.__dict__["_on_key"]) == ["self", "event"]


class _Typed(_compat.KeyFirst, Input):
    """An Input that swallows "x" before Input types it."""

    seen: list[str]

    async def key_first(self, event: events.Key) -> None:
        self.seen.append(event.key)
        if event.key == "x":
            event.prevent_default()


class _OneInput(App[None]):
    def compose(self) -> ComposeResult:
        box = _Typed()
        box.seen = []
        yield box


async def test_key_first_runs_before_input_types_and_can_stop_it() -> None:
    app = _OneInput()
    async with app.run_test() as pilot:
        box = app.query_one(_Typed)
        box.focus()
        await pilot.press("a", "x", "b")
        assert box.seen == ["a", "x", "b"]
        assert box.value == "ab"


def test_app_overrides_match_textual() -> None:
    for name in _compat.APP_OVERRIDES:
        assert name in App.__dict__, name
        assert name in KztApp.__dict__, name
        assert _params(App.__dict__[name]) == _params(KztApp.__dict__[name]), name
        assert inspect.iscoroutinefunction(App.__dict__[name]) == \
            inspect.iscoroutinefunction(KztApp.__dict__[name]), name


def test_forward_event_exists() -> None:
    assert _params(Widget._forward_event) == ["self", "event"]


async def test_forward_event_delivers_a_key() -> None:
    app = _OneInput()
    async with app.run_test() as pilot:
        box = app.query_one(_Typed)
        box.focus()
        _compat.forward_event(box, events.Key("q", "q"))
        await pilot.pause()
        assert box.value == "q"


def test_key_bindings_are_the_nodes_own() -> None:
    box = Input()
    assert hasattr(box._bindings, "key_to_bindings")
    bindings = _compat.key_bindings(box, "backspace")
    assert bindings and all(isinstance(b, Binding) for b in bindings)
    assert "delete_left" in {b.action for b in bindings}
    assert _compat.key_bindings(box, "f13") == ()


# --- sizes and scrollbars without a layout -------------------------------------------------


def test_restart_blink_exists() -> None:
    assert _params(Input._restart_blink) == ["self"]


class _OneSafeInput(App[None]):
    def compose(self) -> ComposeResult:
        from kzt_tui.widgets.safe_input import SafeInput

        yield SafeInput()


async def test_an_editing_key_restarts_the_blink_as_a_letter_does() -> None:
    # The cursor blinks off a while after the last key. Backspace, run as a binding before
    # Input's own key handler, used to leave the cycle running: the cursor stayed off
    # after the key and came back at any time later (a late frame of its own).
    from kzt_tui.widgets.safe_input import SafeInput

    app = _OneSafeInput()
    async with app.run_test() as pilot:
        box = app.query_one(SafeInput)
        box.focus()
        await pilot.press("a", "b", "c")
        for _ in range(60):  # until the blink turns the cursor off (~0.5-1 s)
            if not box._cursor_visible:
                break
            await pilot.pause(0.05)
        assert box._cursor_visible is False
        await pilot.press("backspace")
        assert box.value == "ab"
        assert box._cursor_visible is True  # on again, its cycle started at the key


def test_scroll_update_exists() -> None:
    assert _params(Widget._scroll_update) == ["self", "virtual_size"]


def test_input_watch_value_exists_and_lays_out() -> None:
    """The workaround overrides Input's watcher of `value`; that watcher still sets the
    virtual size, a layout reactive (if not, InputWithoutLayout may be dropped)."""
    assert _params(Input._watch_value) == ["self", "value"]
    assert "self.virtual_size" in inspect.getsource(Input._watch_value)
    assert Widget.virtual_size._layout  # type: ignore[attr-defined]


class _Layouts(Input):
    """Records the `layout` of each refresh that reaches Input."""

    layouts: list[bool]

    def refresh(self, *regions, repaint=True, layout=False, recompose=False):  # type: ignore[no-untyped-def]
        self.layouts.append(layout)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class _Quiet(_compat.InputWithoutLayout, _Layouts):
    pass


class _TwoInputs(App[None]):
    def compose(self) -> ComposeResult:
        for box in (_Layouts(id="plain"), _Quiet(id="quiet")):
            box.layouts = []
            yield box


async def test_input_without_layout_types_without_a_layout() -> None:
    app = _TwoInputs()
    async with app.run_test() as pilot:
        for selector in ("#plain", "#quiet"):
            box = app.query_one(selector, _Layouts)
            box.focus()
            await pilot.pause()
            box.layouts.clear()
            await pilot.press(*"abc")
            await pilot.pause()
            assert box.value == "abc"
        assert True in app.query_one("#plain", _Layouts).layouts  # what the hook is for
        quiet = app.query_one("#quiet", _Layouts)
        assert True not in quiet.layouts
        assert quiet.virtual_size.width >= 3  # still learns its new size


def test_own_vertical_scrollbar_hooks_exist() -> None:
    assert Widget()._vertical_scrollbar is None
    source = inspect.getsource(Widget.vertical_scrollbar.fget)  # type: ignore[attr-defined]
    assert "self._vertical_scrollbar" in source and "_start_widget" in source
    assert _params(App._start_widget) == ["self", "parent", "widget"]


class _Steady(SteadyScrollbar, ScrollView):
    pass


class _OneSteady(App[None]):
    def compose(self) -> ComposeResult:
        yield _Steady()


async def test_steady_scrollbar_is_started_and_learns_the_size() -> None:
    app = _OneSteady()
    async with app.run_test(size=(40, 10)) as pilot:
        view = app.query_one(_Steady)
        bar = view.vertical_scrollbar
        assert bar is view.vertical_scrollbar and bar.parent is view
        assert type(bar).__name__ == "_QuietScrollBar"
        set_virtual_size(view, Size(30, 100))
        await pilot.pause()
        assert view.vertical_scrollbar.window_virtual_size == 100


# --- the app's exit --------------------------------------------------------------------------


def test_app_exit_hooks_exist() -> None:
    assert _params(App._handle_exception) == ["self", "error"]
    assert _params(App._print_error_renderables) == ["self"]
    assert "_exit_renderables" in inspect.getsource(App._print_error_renderables)
    assert App()._exit_renderables == []


class _Crashes(App[None]):
    """Crashes on mount; keeps what Textual would print, as KztApp drops it."""

    kept: list[object]

    def on_mount(self) -> None:
        raise LookupError("planted")

    def _print_error_renderables(self) -> None:
        self.kept = list(self._exit_renderables)
        _compat.drop_error_renderables(self)
        _compat.print_error_renderables(self)  # nothing left to print


async def test_handle_exception_keeps_a_traceback_and_drop_forgets_it(
    capsys: pytest.CaptureFixture[str]
) -> None:
    app = _Crashes()
    with pytest.raises(LookupError):
        async with app.run_test():
            pass
    assert app.return_code == 1
    assert app.kept  # the traceback Textual would print
    assert app._exit_renderables == []
    assert "Traceback" not in capsys.readouterr().err



# --- the compositor ------------------------------------------------------------------------


def test_get_renders_is_what_skip_covered_copies() -> None:
    assert _params(Compositor._get_renders) == ["self", "crop"]
    source = inspect.getsource(Compositor._get_renders)
    for part in ("visible_widgets = self.visible_widgets", "crop_overlaps(clip)",
                 "contains_region(clip, region)", "intersection(region, clip)",
                 "widget.render_lines("):
        assert part in source
    assert "self._compositor = Compositor()" in inspect.getsource(Screen.__init__)


def test_dirty_regions_are_what_a_partial_update_writes() -> None:
    # SkipCovered draws only the widgets over these regions: Textual must write no cell
    # outside them (its spans are their union, line by line)
    source = inspect.getsource(Compositor.render_partial_update)
    for part in ("update_regions = self._dirty_regions.copy()",
                 "spans = list(self._regions_to_spans(update_regions))",
                 "self._render_chops(crop, is_rendered_line)"):
        assert part in source
    assert list(Compositor._regions_to_spans([Region(0, 0, 2, 1), Region(5, 0, 2, 1),
                                              Region(1, 0, 2, 1)])) == [(0, 0, 3), (0, 5, 7)]


async def test_skip_covered_draws_what_textual_draws() -> None:
    app = create_app(load(UI_FIXTURE), data_path=UI_FIXTURE, clipboard_commands=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "tab")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        ours = screen._compositor
        assert isinstance(ours, _compat.SkipCovered)
        assert {w.id for w in ours.skipped} == {None, "body", "left"}  # None: the screen
        textual = Compositor()
        textual.reflow(screen, screen.size)
        drawn = [list(strip) for strip in ours.render_strips()]
        assert drawn == [list(strip) for strip in textual.render_strips()]
        assert "".join(seg.text for seg in drawn[1]).strip()  # not a blank screen


def test_render_segments_is_what_quick_moves_copies() -> None:
    assert _params(ChopsUpdate.render_segments) == ["self", "console"]
    source = inspect.getsource(ChopsUpdate.render_segments)
    for part in ("append(move_to(x, y).segment.text)", "strip.crop(0, min(end, x2) - x)",
                 "if x > x2 or end <= x1:", "if x2 > x >= x1 and end <= x2:"):
        assert part in source


async def test_quick_moves_write_the_bytes_textual_writes() -> None:
    app = create_app(load(UI_FIXTURE), data_path=UI_FIXTURE, clipboard_commands=[])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        ours = screen._compositor
        views = {screen.fact_list, screen.detail, screen.source.text_view}
        for view in views:
            view.refresh()  # dirty, as a key leaves them, without the frame yet
        ours.update_widgets(views)
        update = ours.render_partial_update()
        assert isinstance(update, _compat.QuickMoves)
        assert len(update.spans) > 30
        # whole lines, and parts of lines that start or end inside a piece
        for spans in (update.spans, [(y, 3, 70) for y, _, _ in update.spans],
                      [(y, 0, 1) for y, _, _ in update.spans]):
            ours_, textual = (kind(update.chops, spans, update.chop_ends)
                              for kind in (_compat.QuickMoves, ChopsUpdate))
            written = ours_.render_segments(app.console)
            assert written == textual.render_segments(app.console)
            assert written.count("\x1b[") > len(spans)


# --- parsed CSS ----------------------------------------------------------------------------


def test_a_stylesheet_parses_each_source_through_parse_rules_and_its_cache() -> None:
    # cache_css_parses wraps _parse_rules, keyed as Textual's own _parse_cache, with the
    # variables the parse substitutes (tests/cli/test_css_cache.py runs it in a process)
    from textual.css.stylesheet import Stylesheet

    assert _params(Stylesheet._parse_rules) == [
        "self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
    source = inspect.getsource(Stylesheet._parse_rules)
    assert "cache_key = (css, read_from, is_default_rules, tie_breaker, scope)" in source
    assert "self._parse_cache[cache_key] = rules" in source
    assert "variable_tokens=self._variable_tokens" in source
    assert "self._parse_rules(" in inspect.getsource(Stylesheet.parse)
    sheet = Stylesheet(variables={"accent": "red"})
    assert sheet._variables == {"accent": "red"} and len(sheet._parse_cache) == 0
