"""One spelling of a key wherever kzt-tui names it: ctrl as a caret ("^z"), as the narrow key
bar writes it, in the help, the command palette and the toasts too (the help wrote "ctrl+z"
beside the bar's "^p"). widgets/key_bar.key_label is KztApp.get_key_display; the help's title
says once that ^ is ctrl, and its filter finds those keys by "ctrl" as well."""

from __future__ import annotations

import re

from textual.binding import Binding

from kzt_tui.dialogs.help import HelpScreen
from kzt_tui.screens.explorer_keys import ACTIONS
from kzt_tui.widgets.key_bar import KeyBar, key_label

from .helpers import make, terminal_output, visible_text, wait_for


def test_ctrl_is_a_caret_and_other_modifiers_are_written_out() -> None:
    assert key_label("ctrl+z") == "^z"
    assert key_label("ctrl+full_stop") == "^."
    assert key_label("shift+tab") == "shift+tab"
    assert key_label("ctrl+shift+x") == "shift+^x"  # as Textual's footer writes it
    assert key_label("pagedown,ctrl+d") == "pgdn, ^d"
    assert key_label("z") == "z"


async def test_the_bar_the_palette_and_the_help_read_one_function() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bindings = [*(a.binding() for a in ACTIONS), *app.BINDINGS,
                    Binding("l,right", "x"), Binding("ctrl+less_than_sign", "x")]
        for binding in bindings:
            assert isinstance(binding, Binding)
            want = binding.key_display or key_label(binding.key)
            assert app.get_key_display(binding) == want, binding.key
        assert app.get_key_display(Binding("ctrl+y", "x", key_display="C-y")) == "C-y"
        assert str(app.screen.query_one(KeyBar).render()).rstrip().endswith("▏^p palette")


def _screen(app) -> str:
    return visible_text(terminal_output(app))


def _key_of(out: str, does: str) -> str:
    """The key the help's line for `does` names (the first column inside the box)."""
    found = re.search(r"│\s+(\S+(?: / \S+)*)\s{2,}" + re.escape(does), out)
    assert found, out
    return found.group(1)


async def test_the_help_writes_ctrl_keys_as_the_bar_does_and_finds_them_by_ctrl() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen)
                       and "Panes and going back" in _screen(app))
        assert "(^ is ctrl · type to filter" in _screen(app)
        await pilot.press(*"undo")
        await pilot.pause()
        assert _key_of(_screen(app), "take back kzt-tui's last write") == "^z"
        await pilot.press(*["backspace"] * 4, *"ctrl")
        await pilot.pause()
        out = _screen(app)
        assert _key_of(out, "take back kzt-tui's last write") == "^z"
        assert "│  pgdn / ^d, pgup   page down" in out  # the key column wraps "/ ^u"
        assert _key_of(out, "command palette") == "^p"
        assert "ctrl+" not in out
        assert "copy the verbatim quote alone" not in out  # Y: no ctrl
        assert "first / last item" not in out
        await pilot.press(*["backspace"] * 4, *"^z")
        await pilot.pause()
        out = _screen(app)
        assert "take back kzt-tui's last write" in out and "pgdn / ^d" not in out
        assert "command palette" not in out


async def test_the_help_filter_finds_a_key_by_the_palette_s_synonyms() -> None:
    """Typed into the help, "coverage" (a synonym the palette has for u/U) showed "No key
    matches."; now the lines of u and U come first, as in the palette."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen)
                       and "Panes and going back" in _screen(app))
        await pilot.press(*"coverage")
        await pilot.pause()
        out = _screen(app)
        assert "No key matches." not in out
        assert _key_of(out, "source: the next unaccounted sentence") == "u"
        assert out.index("the next unaccounted") < out.index("record that the selected")
