"""The bottom line of keys that work here, drawn as one line of text."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.keys import format_key
from textual.screen import Screen
from textual.widget import Widget

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.i18n import N_, tr

#: Textual's name for the command palette's key, as the footer shows it (a msgid).
PALETTE = N_("palette")


def key_label(keys: str) -> str:
    """A binding's keys as a user presses them, the one spelling kzt-tui shows anywhere (the
    key bar, the help, the command palette, a toast): "<" for less_than_sign, "esc" for
    escape, "l, →" for "l,right", ctrl as a caret ("^z" for ctrl+z, as Textual's footer and
    palette write it), other modifiers written out ("shift+tab"). The bar is narrow: at 80
    columns "ctrl+p" for "^p" would push "q Quit" off it; the help says once that ^ is ctrl.
    Key names come from Textual's one table of key displays (textual.keys.format_key);
    KztApp.get_key_display is this function, so the bar and the help name a key alike."""
    shown = []
    for key in keys.split(","):
        *modifiers, last = key.strip().split("+")
        name = format_key(last)
        if "ctrl" in modifiers:
            modifiers.remove("ctrl")
            name = f"^{name}"
        shown.append("+".join([*modifiers, name]))
    return ", ".join(shown)


class KeyBar(Widget):
    """What Textual's Footer shows (the shown bindings of the focused widget, the screen and
    the app, unavailable ones dimmed, help and the palette key on the right, where they
    are never cut off), as text; a screen with footer_keys() chooses its own. The Footer
    composes a widget per key again on every change of the bindings, which cost ~0.1 s of
    start-up, half the time to the first screen. A click on a key presses it."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background;
             color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background;
                             text-style: bold; }
    KeyBar > .key-bar--disabled { color: $footer-foreground 50%; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each drawn key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], list[tuple[str, str, str]]]:
        """(key, shown key, description, enabled) of each key to show, one per action, and
        the (key, shown key, description) of help and the command palette, which are
        always shown, on the right. A screen with `footer_keys()` (the explorer: the keys
        of its focused part) says which keys to show; for any other, its shown bindings
        and the app's."""
        app = self.app
        screen = self.screen
        active = screen.active_bindings
        shown: dict[str, tuple[str, str, str, bool]] = {}
        own = getattr(screen, "footer_keys", None)
        if callable(own):  # given the bindings: working them out asks every check_action
            for key, display, description, enabled in own(active):
                shown.setdefault(key, (key, display, description, enabled))
        tail: list[tuple[str, str, str]] = []
        for _node, binding, enabled, _tooltip in active.values():
            if binding.action == "help":
                if not tail:
                    tail.append((binding.key, app.get_key_display(binding),
                                 binding.description))
                continue
            if callable(own) or not binding.show or binding.action in shown:
                continue  # a screen with footer_keys chose every key itself
            shown[binding.action] = (binding.key, app.get_key_display(binding),
                                     binding.description, enabled)
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            binding = active[app.COMMAND_PALETTE_BINDING].binding
            tail.append((binding.key, app.get_key_display(binding), binding.description))
        return list(shown.values()), tail

    def render(self) -> Text:
        keys, tail_keys = self._keys()
        lang = lang_of(self)  # every description is a msgid (N_ where it is declared)
        keys = [(k, d, tr(text, lang), on) for k, d, text, on in keys]
        tail_keys = [(k, d, tr(text, lang)) for k, d, text in tail_keys]
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        off_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        # the right end first: help and the palette are never cut off
        tail = Text(end="")
        tail_spans: list[tuple[int, int, str]] = []
        for n, (key, display, description) in enumerate(tail_keys):
            start = len(tail)
            tail.append(" ▏" if n else " ", style=off_style)
            tail.append(f"{display} ", style=key_style)
            tail.append(description)
            tail_spans.append((start, len(tail), key))
        room = max(0, self.size.width - len(tail))
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        for key, display, description, enabled in keys:
            item = Text.assemble((f" {display} ", key_style if enabled else off_style),
                                 (f"{description} ", "" if enabled else off_style))
            if len(text) + len(item) > room:
                continue  # a key cut in half would read as another; a shorter one may fit
            spans.append((len(text), len(text) + len(item), key))
            text.append_text(item)
        text.append(" " * (room - len(text)))
        offset = len(text)
        spans.extend((offset + start, offset + end, key) for start, end, key in tail_spans)
        text.append_text(tail)
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
