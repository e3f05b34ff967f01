"""Choosing one of a list by typing part of its name: Textual's command palette over the
given entries, matched fuzzily and drawn as plain text (a record's title is data, never
markup), like the palette's jump to a record."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

#: Characters of a record's line the palette shows and matches: Textual's fuzzy matcher
#: takes time exponential in a candidate's length for a query of several words ("figures
#: pane" took 19 s on one 427-character statement, the whole palette 27 s); a line is cut
#: to what a palette row shows anyway.
ENTRY_WIDTH = 80


def cut(text: str) -> str:
    return text if len(text) <= ENTRY_WIDTH else text[: ENTRY_WIDTH - 1] + "…"


def highlight(matcher: Matcher, text: str) -> Content:
    """`text` as plain content with the fuzzy-matched characters styled.

    Matcher.highlight would parse `text` as markup: a title holding `[/b]` raises
    MarkupError (and the palette then shows no hits), `[bold]` would style.
    """
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


#: Entries the palette lists before anything is typed.
DISCOVERED = 40

#: (what the row says, its help line, what choosing it does).
Entry = tuple[str, str, Callable[[], None]]


def choose(screen: Screen[None], entries: Sequence[Entry], placeholder: str,
           labels: Sequence[Sequence[str]] | None = None) -> None:
    """Open a palette over `entries`; choosing one runs its callback. What is typed ranks
    them by core/picking (starts with it, a word starts with it, holds it; ties in the
    order given) over each entry's `labels` (default: its text and help line); an entry
    the fuzzy matcher alone finds ("trt" for "trade turnover") comes after those."""
    rows = [(cut(text), help_, run) for text, help_, run in entries]
    keys = [list(k) for k in labels] if labels is not None else [
        [text, help_] for text, help_, _ in entries]

    class Choices(Provider):
        async def discover(self) -> Hits:
            for text, help_, run in rows[:DISCOVERED]:
                yield DiscoveryHit(Content(text), run, text=text, help=help_)

        async def search(self, query: str) -> Hits:
            from kzt_tui.core.picking import ranked

            matcher = self.matcher(query)
            order = ranked(keys, query)
            top = len(order) + 1  # scores from 1 down, each below the one before
            for place, n in enumerate(order):
                text, help_, run = rows[n]
                yield Hit(1 - place / top, highlight(matcher, text), run, text=text,
                          help=help_)
            found = set(order)
            for n, (text, help_, run) in enumerate(rows):
                score = max(matcher.match(text), matcher.match(help_))
                if score > 0 and n not in found:  # below every ranked one (< 1 / top)
                    yield Hit(score / (top + 1), highlight(matcher, text), run, text=text,
                              help=help_)

    screen.app.push_screen(CommandPalette(providers=[Choices], placeholder=placeholder))


def later(screen: Screen[None], func: Callable[..., None], *args: object) -> Callable[[], None]:
    """`func(*args)`, run once the palette has closed (a dialog it opens goes on top)."""
    def run() -> None:
        screen.app.call_later(func, *args)

    return run
