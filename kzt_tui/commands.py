"""Command-palette providers: every action of the explorer by name, and a jump to any
record by (fuzzy) name or id."""

from __future__ import annotations

from functools import partial

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.describe import row_text
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import section_of
from kzt_tui.core.palette import command_score
from kzt_tui.core.textnorm import one_line
from kzt_tui.dialogs.choose import ENTRY_WIDTH as ENTRY_WIDTH  # the palette's width, tested
from kzt_tui.dialogs.choose import cut, highlight
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.screens.explorer_keys import ACTIONS, APP_WORDS

#: An action's score over a record's: "export" puts "Export the list or the item" above
#: the records that say "exports" (the fuzzy matcher scores them alike), yet a record that
#: matches clearly better still comes first.
ACTION_WEIGHT = 1.1


class RecordCommands(Provider):
    """Every record as a palette entry: `agreement: Joint Statement …`."""

    def _entries(self) -> list[tuple[str, str]]:
        app = kzt_app(self)
        corpus = app.session.corpus
        lang = app.lang
        return [
            (record.id, cut(f"{tr(section_of(record).singular, lang)}: "
                            f"{one_line(row_text(record, lang))}"))
            for record in corpus.by_id.values()
        ]

    def _jump(self, record_id: str) -> None:
        screen = self.app.get_screen("explorer")
        assert isinstance(screen, ExplorerScreen)
        screen.jump_to(record_id)

    async def discover(self) -> Hits:
        for record_id, text in self._entries()[:40]:
            # Content, not str: a plain string would be parsed as markup ([/b] in a title
            # would raise MarkupError and [bold] would style).
            yield DiscoveryHit(Content(text), partial(self._jump, record_id), text=text,
                               help=record_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for record_id, text in self._entries():
            score = max(matcher.match(text), matcher.match(record_id))
            if score > 0:
                yield Hit(score, highlight(matcher, text), partial(self._jump, record_id),
                          text=text, help=record_id)


class ActionCommands(Provider):
    """Every action of the explorer by its name in plain words ("Copy the quote alone"),
    with its key: the palette is the map of the app. What cannot be done right now (no
    passage to copy, nowhere to go back to) is left out, as the footer leaves it out. An
    action is found by the words of its name, its synonyms and its description, and one
    whose name or synonyms start with the typed words ranks first (core/palette.py)."""

    def _entries(self) -> list[tuple[str, str, str, str, str]]:
        """(name, help with the key, action, synonyms, description) of each action
        available now."""
        screen = self.app.get_screen("explorer")
        assert isinstance(screen, ExplorerScreen)
        got = []
        lang = kzt_app(self).lang
        for action in ACTIONS:
            _, name, params = parse_action(action.action)
            if screen.check_action(name, params):
                does = action.say(action.help, lang)
                if action.key:
                    key = action.key_display or self.app.get_key_display(action.binding())
                    does_keyed = f"{key} · {does}"
                else:  # a row of the palette alone
                    does_keyed = does
                got.append((action.say(action.command, lang), does_keyed,
                            action.action, action.words, does))
        # and one command per column of the pane shown: "Sort by date", "Facet by status"
        # and "New figure from selection" …: no key, their help is their description
        got += [(name, does, run, "", does)
                for name, does, run in (*screen.table_commands(), *screen.curate_commands())]
        for binding in self.app.BINDINGS:  # the app's own keys: help, quit, the last copy
            if (isinstance(binding, Binding) and binding.tooltip
                    and self.app.check_action(binding.action, ())):
                key = self.app.get_key_display(binding)
                does = tr(binding.tooltip, lang)
                got.append((tr(binding.description, lang), f"{key} · {does}",
                            f"app.{binding.action}", APP_WORDS.get(binding.id or "", ""),
                            does))
        return got

    def _run(self, action: str) -> None:
        screen = self.app.get_screen("explorer")
        self.app.call_later(screen.run_action, action)

    async def discover(self) -> Hits:
        for name, help_text, action, _, _ in self._entries():
            yield DiscoveryHit(Content(name), partial(self._run, action), text=name,
                               help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action, words, does in self._entries():
            score = command_score(query, name, words, does, matcher.match) * ACTION_WEIGHT
            if score > 0:
                yield Hit(score, highlight(matcher, name), partial(self._run, action),
                          text=name, help=help_text)
