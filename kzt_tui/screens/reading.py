"""The explorer's reading keys (n/N passages, u/U unaccounted sentences, z widen, the topic
view) and what its footer shows for the focused part: a base class of ExplorerScreen, so
that explorer.py only names it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.actions import parse as parse_action
from textual.events import DescendantFocus

from kzt_tui.app_protocol import kzt_app, lang_of
from kzt_tui.core.cite import passage_at
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import Citation
from kzt_tui.screens.explorer_keys import ACTIONS
from kzt_tui.screens.gaps import gaps
from kzt_tui.screens.parts import ExplorerParts
from kzt_tui.widgets.source_view import SourceText

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

#: The focused widget's id → the part of the explorer whose keys the footer shows.
PARTS = {"list": "list", "filter": "list", "detail": "detail", "source-text": "source"}
#: The screen's class while the source takes the whole width.
WIDE = "-wide-source"


class ReadingScreen(ExplorerParts):
    """What ExplorerScreen does for a reader of its source text."""

    # --- the footer ---------------------------------------------------------------------

    def focused_part(self) -> str:
        """list, detail or source: the part of the explorer that has the focus."""
        focused = self.focused
        return PARTS.get(focused.id or "", "list") if focused is not None else "list"

    def footer_keys(self, active: Mapping[str, ActiveBinding] | None = None
                    ) -> list[tuple[str, str, str, bool]]:
        """(key, shown key, label, enabled) of the actions the footer shows for the
        focused part (widgets/key_bar.py asks for them, with the screen's `active_bindings`
        it has worked out: not worked out twice per key bar)."""
        part = self.focused_part()
        got, first = [], []
        for action in ACTIONS:
            if action.shown_in(part) or action.on_selection:
                _, name, params = parse_action(action.action)
                display = action.key_display or self.app.get_key_display(action.binding())
                enabled = bool(self.check_action(name, params))
                key = (action.key, display, action.say(action.footer, "en"), enabled)
                if not action.on_selection:
                    got.append(key)
                elif enabled:  # a passage is selected: what to do with it comes first,
                    first.append(key)  # whichever part has the focus
        got = first + got
        app = self.app
        active = self.active_bindings if active is None else active
        for node, binding, enabled, _tooltip in active.values():
            if node is app and binding.show and binding.action != "help":
                got.append((binding.key, app.get_key_display(binding), binding.description,
                            enabled))  # quit
        return got

    # --- reading ------------------------------------------------------------------------

    @property
    def _text(self) -> SourceText:
        return self.source.text_view

    def reads_a_passage(self) -> bool:
        """Whether the focused source's reader is at a passage of it (a search hit, an
        unaccounted sentence, a cited passage): what the copies take there, whether or not
        the selected record cites this text (a newly added source has no records)."""
        view = self._text
        return (self.focused_part() == "source" and bool(view.doc_id)
                and view.reading_span() is not None)

    def reading_cite(self, selected: Citation | None, prefer: str | None = None
                     ) -> Citation | None:
        """What a copy takes: with the source focused, the passage its reader is at (the
        `selected` citation when it is that one; a translated citation covering it, the
        record `prefer`'s first, core/cite.passage_at); elsewhere `selected`."""
        view = self._text
        at = view.reading_span() if self.focused_part() == "source" else None
        if at is None or not view.doc_id:
            return selected
        span = selected.span if selected is not None else None
        if selected is not None and span is not None and selected.doc == view.doc_id \
                and (span.start, span.end) == at:
            return selected
        return passage_at(self.corpus, view.doc_id, *at, prefer=prefer)

    def action_read(self, delta: int) -> None:
        """Read the source line by line: the focus goes to it, and it moves a line."""
        self.set_focus(self._text)
        self._text.action_move(delta)

    def action_passage(self, delta: int) -> None:
        if not self._text.next_passage(delta):
            lang = lang_of(self)
            self.notify(tr("No cited passage below", lang) if delta > 0
                        else tr("No cited passage above", lang), timeout=2)

    def action_unaccounted(self, delta: int) -> None:
        view = self._text
        if not view.doc_id:
            self.notify(tr("No source text shown", lang_of(self)), timeout=2)
            return
        if not view.gaps_known:
            view.set_gaps(gaps(self.corpus, view.doc_id))
        if view.next_gap(delta):
            return
        if view.place.lines and not gaps(self.corpus, view.doc_id):
            self.notify(tr("Every sentence of this text is cited or dismissed", lang_of(self)),
                        timeout=3)
        else:
            lang = lang_of(self)
            self.notify(tr("No unaccounted sentence below", lang) if delta > 0
                        else tr("No unaccounted sentence above", lang), timeout=2)

    def action_widen(self) -> None:
        wide = not self.has_class(WIDE)
        self.set_class(wide, WIDE)
        if wide:
            self.set_focus(self._text)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # the list or the detail taking the focus (a pane key, tab) brings them back
        if self.has_class(WIDE) and self.focused_part() != "source":
            self.set_class(False, WIDE)
        # while the filter is typed in, the list it filters takes the room (app.tcss);
        # while the source is read, stacked, it takes back the half the list lends it
        self.set_class(event.widget.id == "filter", "-filtering")
        self.set_class(self.focused_part() == "source", "-reading")

    # --- one topic across sections ----------------------------------------------------

    def action_show_topic(self) -> None:
        from kzt_tui.dialogs.topics import TopicScreen

        def chosen(record_id: str | None) -> None:
            if record_id:
                self.jump_to(record_id)

        kzt_app(self).push_to_read(TopicScreen(self.corpus, kzt_app(self).lang), chosen)
