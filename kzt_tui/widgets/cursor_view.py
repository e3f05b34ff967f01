"""The base of the views driven by a cursor (the record list, the detail, the source text):
their keys, their messages, and the styles a render looks up once."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kzt_tui.widgets._compat import key_bindings
from kzt_tui.widgets.key_handoff import HandsOnKeys, going_up, keys_going_up
from kzt_tui.widgets.plain_lines import Finished, plain_height, plain_lines
from kzt_tui.widgets.virtual import SteadyScrollbar


@dataclass
class CursorMessage(Message):
    """A message of a cursor view about the `key` under its cursor (the subclasses only
    name the event, as Textual's OptionMessage does)."""

    view: CursorView
    key: Hashable

    @property
    def control(self) -> CursorView:
        """The view that posted it (lets @on match a selector)."""
        return self.view


class CursorView(HandsOnKeys, SteadyScrollbar, ScrollView, can_focus=True):
    """A scrolling view with a cursor: j/k, g/G and the page keys move it (each view
    decides how), each move posts Highlighted and enter posts Chosen; a subclass adds
    enter's binding with its own description."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False),
    ]
    #: The component class that styles the cursor.
    CURSOR_COMPONENT: ClassVar[str] = ""
    #: The actions a view runs as it reads their key (key_first).
    OWN_ACTIONS: ClassVar[frozenset[str]] = frozenset({"move", "first", "last", "page",
                                                        "choose"})

    class Highlighted(CursorMessage):
        """The cursor rests on `key`."""

    class Chosen(CursorMessage):
        """Enter was pressed on `key`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._base_style = Style()  # set by render_lines for the lines it renders
        self._cursor_style = Style()
        #: Lines as drawn, kept while `_finish_for()` stays the same (by the subclass's key).
        self._finished: dict[Hashable, Any] = {}
        self._finished_for: tuple[object, ...] = ()
        #: Those lines as they go to the screen (plain_lines).
        self._on_screen = Finished()
        #: Whether a move posts Highlighted: a screen that watches the cursor instead
        #: (the explorer) turns it off, and the message is not dispatched to the view, its
        #: containers, the screen and the app for no handler on every key (issue 18).
        self.posts_highlighted = True

    @property
    def cursor_key(self) -> Hashable | None:
        """Key of what is under the cursor, if anything."""
        raise NotImplementedError

    async def key_first(self, event: events.Key) -> None:
        # A cursor key's binding runs here, as the view that has the focus reads the key,
        # not after the key has bubbled through the view's containers and the screen to
        # the app (four more dispatches a key, and the app's walk of the binding chain,
        # whose first binding for the key is this view's own anyway: issue 18). Not while
        # an earlier key of a burst is still on its way up: it must act first.
        await super().key_first(event)  # a key sent on to the focus is stopped there
        app = self.app
        focused = app.focused
        if focused is self and not keys_going_up(self):
            for binding in key_bindings(self, event.key):
                if (binding.priority
                        or binding.action.partition("(")[0] not in self.OWN_ACTIONS):
                    continue
                if await app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
                break
        if focused is self or (focused is None and self.is_attached
                               and self.screen is app.screen):
            going_up(self, event)  # it bubbles up to the app, as Textual sends a key

    #: The attributes in which a view keeps lines (and what they were made from) between
    #: frames; each subclass names its own (`drawn_afresh` sets them all aside).
    _KEPT_LINES: ClassVar[tuple[str, ...]] = ("_finished", "_finished_for", "_on_screen")

    @contextmanager
    def drawn_afresh(self) -> Iterator[None]:
        """Inside, the view draws its lines anew, as a new view of the same content, size
        and place would: every line, wrapping and styled piece it keeps between frames is
        set aside, and put back after. A test's reference render (tests/ui/
        test_terminal_diff.py): a fault in what the view keeps then shows the terminal
        something the reference does not."""
        names = {name for cls in type(self).__mro__
                 for name in vars(cls).get("_KEPT_LINES", ())}
        saved = {name: getattr(self, name) for name in names}
        self._draw_anew()
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(self, name, value)

    def _draw_anew(self) -> None:
        """Drop the lines kept between frames (`drawn_afresh` has set them aside)."""
        self._finished, self._finished_for, self._on_screen = {}, (), Finished()

    def action_move(self, delta: int) -> None:
        raise NotImplementedError

    def action_first(self) -> None:
        raise NotImplementedError

    def action_last(self) -> None:
        raise NotImplementedError

    def action_page(self, direction: int) -> None:
        raise NotImplementedError

    def action_choose(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Chosen(self, key))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The styles are the same for every line of one render: look them up once.
        self._base_style = self.rich_style
        self._cursor_style = self.get_component_rich_style(self.CURSOR_COMPONENT)
        finish_for = self._finish_for()
        if finish_for != self._finished_for:  # another width, theme or focus: drawn anew
            self._finished_for = finish_for
            self._finished = {}
        # its lines go to the screen as drawn (plain_lines), a bottom border through Textual
        plain = plain_height(self)
        if crop.bottom <= plain:
            return self._plain_lines(crop)
        if crop.y >= plain:
            return super().render_lines(crop)
        return [*self._plain_lines(Region(crop.x, crop.y, crop.width, plain - crop.y)),
                *super().render_lines(Region(crop.x, plain, crop.width, crop.bottom - plain))]

    def _plain_lines(self, crop: Region) -> list[Strip]:
        """The lines `crop` of this plain view as they go to the screen (plain_lines)."""
        return plain_lines(self, crop, self.render_line, self._on_screen)

    def _finish_for(self) -> tuple[object, ...]:
        """What every finished line depends on beyond its own content (width, styles):
        when it changes, the finished lines kept are dropped."""
        return ()
