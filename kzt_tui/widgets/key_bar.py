"""The bottom line of keys that work here, drawn as one line of text."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """What Textual's Footer shows (the shown bindings of the focused widget, the screen and
    the app, unavailable ones dimmed, the palette key on the right), as text: the Footer
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

    def _keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str] | None]:
        """(key, shown key, description, enabled) of each shown binding, one per action,
        and the command palette's (key, shown key, description) if it has one."""
        app = self.app
        active = self.screen.active_bindings
        shown: dict[str, tuple[str, str, str, bool]] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (binding.key, app.get_key_display(binding),
                                         binding.description, enabled)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            binding = active[app.COMMAND_PALETTE_BINDING].binding
            palette = (binding.key, app.get_key_display(binding), binding.description)
        return list(shown.values()), palette

    def render(self) -> Text:
        keys, palette = self._keys()
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        off_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        for key, display, description, enabled in keys:
            start = len(text)
            text.append(f" {display} ", style=key_style if enabled else off_style)
            text.append(f"{description} ", style="" if enabled else off_style)
            spans.append((start, len(text), key))
        if palette is not None:
            key, display, description = palette
            tail = Text.assemble(("▏", off_style), (f"{display} ", key_style), description)
            gap = self.size.width - len(text) - len(tail)
            if gap >= 0:
                text.append(" " * gap)
                spans.append((len(text), len(text) + len(tail), key))
                text.append_text(tail)
        self._spans = spans
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
