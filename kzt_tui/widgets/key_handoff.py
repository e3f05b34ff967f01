"""Keys typed in one burst follow the focus that an earlier key of the burst moved.

Textual routes a key to the widget that has the focus when the app reads it, and reads
every key of a burst (typed fast, pasted, or queued while a large list redraws) before the
first one's action has run; a key a widget does not handle bubbles up to the app, which
then runs the binding of whatever has the focus by then. So in "/visit" typed at once, the
letters were routed to the list rather than to the filter box "/" opens: they were lost,
and the "s" opened search.

Here a focusable widget notes on each key that it was routed to it (HandsOnKeys), and the
app (`resend`) sends a key on to the widget that has the focus now when the focus has left
the widget the key was routed to, instead of running a binding for it. A screen an earlier
key opened gets the key once it has focused something.
"""

from __future__ import annotations

from typing import Any, cast

from textual import events
from textual.dom import NoScreen
from textual.widget import Widget

from kzt_tui.system.idle_gc import note_key
from kzt_tui.widgets._compat import KeyFirst, forward_event

_ROUTED = "kzt_routed_to"  # attribute of a Key: the widget Textual routed it to
_UP_FROM = "kzt_up_from"  # attribute of a Key: the widget it bubbles up from to the app
_GOING_UP = "_kzt_keys_going_up"  # attribute of a widget: how many of its keys are bubbling
_TRIES = 5  # refreshes to wait for a newly opened screen to focus something


def going_up(widget: Widget, event: events.Key) -> None:
    """Note that `event` bubbles up from `widget` to the app (see keys_going_up)."""
    setattr(event, _UP_FROM, widget)
    setattr(widget, _GOING_UP, getattr(widget, _GOING_UP, 0) + 1)


def keys_going_up(widget: Widget) -> int:
    """How many keys `widget` let bubble up (going_up) have not reached the app yet: a
    widget that runs a key's binding itself must not while one has not, or the later key
    would act first ("/", "a", enter in one burst: the list's enter before the "/")."""
    return int(getattr(widget, _GOING_UP, 0))


def resend(app: Any, event: events.Key) -> bool:
    """Send `event` (bubbled up to `app`) on if the focus left the widget it was routed
    to; True if it was sent."""
    up_from = getattr(event, _UP_FROM, None)
    if up_from is not None:  # it has reached the app
        setattr(up_from, _GOING_UP, keys_going_up(up_from) - 1)
        setattr(event, _UP_FROM, None)
    origin = getattr(event, _ROUTED, None)
    return origin is not None and _send_on(origin, event)


def _send_on(origin: Widget, event: events.Key) -> bool:
    """Send a copy of `event`, routed to `origin`, to the widget that has the focus now (or
    to the screen an earlier key opened or closed its way to); True if the focus had left."""
    app = origin.app
    screen = app.screen
    try:
        origin_screen = origin.screen
    except NoScreen:  # its screen was closed by an earlier key of the burst
        origin_screen = None
    if origin_screen is not screen:  # an earlier key opened or closed a screen
        _deliver(screen, _copy(event), _TRIES)
        return True
    target = app.focused
    if target is None or target is origin:
        return False
    forward_event(target, _copy(event))
    return True


def _copy(event: events.Key) -> events.Key:
    return events.Key(event.key, event.character)


def _deliver(screen: Any, event: events.Key, tries: int) -> None:
    if not screen.is_attached or screen.app.screen is not screen:
        return  # closed (or covered) meanwhile: the key goes where the burst left it
    if screen.focused is None and tries:
        screen.call_after_refresh(_deliver, screen, event, tries - 1)
        return
    forward_event(screen.focused or screen, event)


class HandsOnKeys(KeyFirst):
    """Mixin for focusable widgets, first in the bases: keys routed here are marked so the
    app can resend them (see the module docstring), and a key that arrives after the focus
    has already left goes on at once. Not a Widget itself, so the widget's CSS and
    component classes still come from its widget base (Textual follows the first DOMNode
    base for those)."""

    async def key_first(self, event: events.Key) -> None:
        widget = cast(Widget, self)
        note_key()  # every key routed to a widget passes here: no full collection now
        if getattr(event, _ROUTED, None) is None:
            setattr(event, _ROUTED, widget)
        if _send_on(widget, event):
            event.stop()
            event.prevent_default()  # the widget's own key handling must not run too
