"""The help screen: every key of the explorer, grouped (panes, list, detail, source, copy,
data), filtered as you type."""

from __future__ import annotations

import re

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.i18n import LANGUAGES, N_, tr
from kzt_tui.core.palette import command_score
from kzt_tui.core.textnorm import fold
from kzt_tui.core.wordforms import begins_as, stem_of
from kzt_tui.screens.explorer_keys import ACTIONS, GROUPS
from kzt_tui.widgets.key_bar import KeyBar, key_label

#: Keys handled by widgets rather than declared on the screen, described for the help,
#: each in its group.
WIDGET_KEYS = [
    ("list", "j / ↓, k / ↑", N_("move down / up in the list or the detail")),
    ("list", "g / home, G / end", N_("first / last item")),
    ("list", f"{key_label('pagedown')} / {key_label('ctrl+d')}, "
             f"{key_label('pageup')} / {key_label('ctrl+u')}",
     N_("page down / up (the source: a page of text)")),
    ("panes", "tab / shift+tab", N_("move focus: list → detail → source")),
    ("list", "enter", N_("list: open the item")),
    ("detail", "enter", N_("detail: follow the link or open the passage")),
    ("source", "↓ / ↑", N_("source: down / up one line, as j / k")),
    ("more", key_label("ctrl+p"),
     N_("command palette: every action by name, and a jump to any record")),
]

#: Each action's help group, by its binding id.
_GROUP_OF = {action.id: action.group for action in ACTIONS}
_ACTION_OF = {action.id: action for action in ACTIONS}
_HEADINGS = dict(GROUPS)
#: The help is shown in each interface language, and a query word in either finds its forms.
HELP_LANGUAGES = LANGUAGES


def _does(binding: Binding, lang: str) -> str:
    """What a binding does, in `lang`: its action's help line, or its own tooltip."""
    action = _ACTION_OF.get(binding.id or "")
    if action is not None:
        return action.say(action.help, lang)
    return tr(binding.tooltip or binding.description or binding.action, lang)


def help_entries(bindings: list[Binding], lang: str = "en") -> list[tuple[str, str, str]]:
    """(group, key, what it does) for every declared binding, then the keys widgets
    handle, in the order of GROUPS; what each does in `lang`."""
    declared = [(_GROUP_OF.get(b.id or "", "more"), key_label(b.key), _does(b, lang))
                for b in bindings]
    entries = [*declared, *((g, k, tr(d, lang)) for g, k, d in WIDGET_KEYS)]
    order = {name: n for n, (name, _) in enumerate(GROUPS)}
    return sorted(entries, key=lambda e: order.get(e[0], len(order)))


def help_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(key, what it does) for every declared binding, then the keys widgets handle."""
    return [(key, does) for _, key, does in help_entries(bindings)]


def matching(entries: list[tuple[str, str, str]], query: str,
             lang: str = "en") -> list[tuple[str, str, str]]:
    """The entries whose key, words, command name in the palette, synonyms (the palette's:
    "coverage" for u/U) or group heading (in `lang`) hold every word of `query` (case- and
    ё/е-insensitive, as the list filter), or a form of it by its stem (core/wordforms,
    English or Russian: "sorting" finds "sort"); ranked as the palette ranks commands
    (core/palette.command_score: a line whose command's name starts with the words first),
    each group under its best line's rank, the groups' order kept among equals."""
    from textual.fuzzy import Matcher

    words = fold(query).split()
    if not words:
        return entries
    stems = [stem_of(word, HELP_LANGUAGES) for word in words]
    actions = {action.say(action.help, lang): action for action in ACTIONS}
    fuzzy = Matcher(query).match
    got: list[tuple[float, tuple[str, str, str]]] = []
    for group, key, does in entries:
        action = actions.get(does)
        name = action.say(action.command, lang) if action is not None else ""
        synonyms = action.words if action is not None else ""
        spelt = key.replace("^", "ctrl+")  # "ctrl" finds ^z, as does "^z"
        heading = tr(_HEADINGS.get(group, group), lang)
        haystack = fold(f"{key} {spelt} {does} {name} {synonyms} {heading}")
        starts = re.findall(r"\w+", haystack)
        if all(word in haystack or any(begins_as(w, stem_) for w in starts)
               for word, stem_ in zip(words, stems, strict=True)):
            score = command_score(query, name or does, synonyms,
                                  f"{does} {key} {spelt} {heading}", fuzzy)
            got.append((score, (group, key, does)))
    best: dict[str, float] = {}
    first: dict[str, int] = {}
    for n, (score, (group, _, _)) in enumerate(got):
        best[group] = max(score, best.get(group, 0.0))
        first.setdefault(group, n)
    # a group stays whole (one heading), the lines of equal rank in the help's order
    ranked = sorted(got, key=lambda e: (-best[e[1][0]], first[e[1][0]], -e[0]))
    return [entry for _, entry in ranked]


class HelpScreen(ModalScreen[None]):
    """All keys, from the declared bindings (so help can never drift from behaviour)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 90; max-width: 95%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    HelpScreen #help-title { height: 1; }
    HelpScreen VerticalScroll { height: 1fr; }
    HelpScreen #help-filter { border: none; height: 1; padding: 0; margin-bottom: 1;
        background: $boost; }
    """
    AUTO_FOCUS = "#help-filter"
    BINDINGS = [
        Binding("escape", "close", N_("Close")),
        Binding("down", "scroll(1)", show=False),
        Binding("up", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(10)", show=False),
        Binding("pageup", "scroll(-10)", show=False),
    ]

    def __init__(self, bindings: list[Binding], lang: str = "en") -> None:
        super().__init__()
        self.bindings = bindings
        self.lang = lang
        self.entries = help_entries(bindings, lang)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(Text(tr("kzt-tui — keys   (^ is ctrl · type to filter · esc clears, "
                                 "then closes)", lang), style="bold"), id="help-title")
            yield Input(placeholder=tr("type to filter: copy, source, passage, export…", lang),
                        id="help-filter")
            with VerticalScroll(can_focus=False):
                yield Static(self._table(self.entries), id="help-keys")
        yield KeyBar()

    def _table(self, entries: list[tuple[str, str, str]]) -> Group | Text:
        """A table per group, under the group's heading."""
        if not entries:
            return Text(tr("No key matches.", self.lang), style="italic")
        tables: list[Table] = []
        for name, key, does in entries:
            heading = tr(_HEADINGS.get(name, name), self.lang)
            if not tables or tables[-1].title != heading:
                tables.append(Table(box=None, show_header=False, expand=True,
                                    padding=(0, 1), title=heading,
                                    title_justify="left", title_style="bold underline"))
                tables[-1].add_column("Key", style="bold #ffd75f", width=16)
                tables[-1].add_column("Does", ratio=1)
            tables[-1].add_row(Text(key), Text(does))
        return Group(*tables)

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_one("#help-keys", Static).update(
            self._table(matching(self.entries, event.value, self.lang)))
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def footer_keys(self, active: object = None) -> list[tuple[str, str, str, bool]]:
        """What the footer shows here (widgets/key_bar.py): letters go to the filter (the
        bindings are not needed)."""
        lang = lang_of(self)
        return [("escape", "esc", tr("Clear, then close", lang), True),
                ("down", "↑↓", tr("Scroll", lang), True),
                ("pagedown", "pgup/pgdn", tr("Page", lang), True)]

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        box = self.query_one("#help-filter", Input)
        if box.value:
            box.value = ""
        else:
            self.dismiss(None)
