"""The explorer: pane tabs, a filterable list, the detail of the selection, and its source."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, assert_never

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize, ScreenResume
from textual.widget import Widget
from textual.widgets import Input

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.cite import copy_text, selected_passage
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import citations_for
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import Citation, Discrepancy, Document, Record
from kzt_tui.navigation import Navigation, PaneState, Selection
from kzt_tui.panes import Pane, pane_records
from kzt_tui.screens import memory, on_demand
from kzt_tui.screens.compare_marks import CompareMarks
from kzt_tui.screens.curating import CuratingScreen
from kzt_tui.screens.explorer_keys import EXPLORER_BINDINGS
from kzt_tui.screens.fold_ahead import FoldAhead
from kzt_tui.screens.language import MIN_HEIGHT, MIN_WIDTH, LanguageScreen, too_small
from kzt_tui.screens.reading import ReadingScreen
from kzt_tui.screens.source_driver import show_hit, show_selection
from kzt_tui.screens.table_control import TableScreen
from kzt_tui.session import Session
from kzt_tui.system.state import SavedState
from kzt_tui.widgets import _compat
from kzt_tui.widgets.detail_view import CiteKey, DetailView, LinkKey, detail_blocks, detail_key
from kzt_tui.widgets.fact_list import FactList, Rows
from kzt_tui.widgets.key_bar import KeyBar
from kzt_tui.widgets.line_view import LineView
from kzt_tui.widgets.pane_tabs import PaneTabs
from kzt_tui.widgets.source_panel import SourcePanel

if TYPE_CHECKING:  # the search and export dialogs are imported when first opened
    from kzt_tui.core.search import SearchHit

#: Below this width the source goes under the detail instead of beside it.
SIDE_BY_SIDE_MIN = 100


class ExplorerScreen(ReadingScreen, CuratingScreen, TableScreen, LanguageScreen):
    """Every pane shares one list, one detail view and one source view."""

    #: Not Textual's first focusable widget: that is the filter box, hidden until "/".
    AUTO_FOCUS = "#list"

    BINDINGS = EXPLORER_BINDINGS

    def __init__(self, start: SavedState | None = None) -> None:
        super().__init__()
        _compat.skip_covered(self)  # what its panes cover is not drawn (issue 18)
        self.start = start or SavedState()
        #: Where the user is: pane, per-pane state, selection, history (Textual-free).
        self.nav = Navigation()
        self._shown: tuple[Record, ...] = ()
        self._refocus: Widget | None = None  # focus to give back when the terminal grows
        self._resumed = False  # the first resume, at the start, does not restyle
        self._bindings_state: tuple[bool, bool, bool, bool] | None = None  # as the key bar shows it
        self._fold = FoldAhead(self, lambda: kzt_app(self).session.filter_index)
        self._compare = CompareMarks(self, lambda: self.nav.selection, lambda: self.corpus)

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # the filter box, trail, sides and "too small": screens/on_demand.py
        yield PaneTabs(id="tabs")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield FactList(id="list")
                yield DetailView(id="detail")
            yield SourcePanel(id="source")
        yield KeyBar()

    def filter_box(self, make: bool = True) -> Input | None:
        """The filter box; None while it was never needed and `make` is false."""
        return on_demand.filter_box(self, make, self._filter_leave, self._filter_value)

    def on_mount(self) -> None:
        # Watched, as the filter box's value is (on_demand.filter_box): the list's and the
        # detail's cursors, so the record (the passage) is shown in the frame that moves them.
        self.watch(self.fact_list, "cursor", self._cursor_moved, init=False)
        self.watch(self.detail, "moved_to", self._detail_moved, init=False)
        # and so their Highlighted has no reader here: not posted (the source's neither)
        for view in (self.fact_list, self.detail, self.source.text_view):
            view.posts_highlighted = False
        # Data flows down: a reload replaces the app's session; the load's progress shows.
        self.watch(self.app, "session", self._session_changed, init=False)
        self.watch(self.app, "load_fraction", self.show_tabs, init=False)
        self.restore(self.start)
        self.query_one(FactList).focus()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler (Textual calls a screen's handlers subclass
        # first), which restyles every widget of the screen on a resume. On the first
        # resume that is the start: every widget was styled as it mounted, and what changed
        # since (the focus, a class) restyled itself, so that pass would change no cell
        # (first paint, issue 18). Later resumes, from a dialog, restyle as Textual does.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def restore(self, start: SavedState) -> None:
        """Go back to where the last session ended, as far as that place still exists."""
        memory.restore(self, start)

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        self.set_class(width < SIDE_BY_SIDE_MIN, "-narrow")
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        was_small = self.has_class("-too-small")
        if small and not was_small:
            self._refocus = self.focused  # hiding the body takes the focus away
        self.set_class(small, "-too-small")
        if was_small and not small:
            back = self._refocus
            # Only to a widget still shown: a hidden one would take every key (q, 1-6…).
            if back is None or not back.is_attached or not back.display:
                back = self.fact_list
            self.set_focus(back)
        box = on_demand.too_small_box(self, small)
        if small and box is not None:
            box.update(too_small(width, height, self.lang))

    def _session_changed(self, _session: Session) -> None:
        """Show the app's (new) corpus, keeping the pane, selection and passage."""
        sel = self.selection
        record_id = sel.record.id if sel.record else None
        index = sel.index
        self.show_pane(self.pane.name, select=record_id)
        if record_id and self.corpus.get(record_id) is not None:
            self.show_record(record_id, index)

    # --- helpers ------------------------------------------------------------------------

    @property
    def corpus(self) -> Corpus:
        """The corpus of the app's session."""
        return kzt_app(self).session.corpus

    @property
    def lang(self) -> str:
        """Label language: en or ru."""
        return kzt_app(self).lang

    @property
    def pane(self) -> Pane:
        """The pane shown."""
        return self.nav.pane

    @property
    def selection(self) -> Selection:
        """The record shown and its passages."""
        return self.nav.selection

    @property
    def states(self) -> dict[str, PaneState]:
        """What each pane remembers."""
        return self.nav.states

    @property
    def fact_list(self) -> FactList:
        return self.query_one(FactList)

    @property
    def detail(self) -> DetailView:
        return self.query_one(DetailView)

    @property
    def source(self) -> SourcePanel:
        return self.query_one(SourcePanel)

    def _rows(self) -> Rows:
        return self.table_rows()  # sorted, filtered and faceted: screens/table_control.py

    # --- panes and selection ------------------------------------------------------------

    def show_pane(self, name: str, select: str | None = None) -> None:
        """Switch to pane `name`, restoring what it showed (or selecting `select`)."""
        if name != self.pane.name:
            memory.note_top(self)
        state = self.nav.switch(name, select)
        filter_input = self.filter_box(make=bool(state.filter))
        if filter_input is not None:
            filter_input.value = state.filter  # the pane's own filter: _filter_value ignores it
            filter_input.display = bool(state.filter)
        rows = self._rows()
        if state.selected is not None and rows.find(state.selected) is None:
            state.filter, state.facets = "", []
            if filter_input is not None:
                filter_input.value = ""  # or "/" would bring back a filter no longer applied
                filter_input.display = False
            rows = self._rows()
        self._show_tabs(len(rows))
        self.fact_list.set_rows(rows, state.selected)
        memory.scroll_back(self)
        self._show_trail()  # the selection may be the same record, in another pane
        if not rows:
            self.show_record(None)
        self._fold.start(pane_records(self.corpus, self.pane))

    def _show_tabs(self, shown: int) -> None:
        """The pane tabs, with how many of the pane's records the filter keeps."""
        filtered = bool(self.nav.state.filter or self.nav.state.facets)
        app = kzt_app(self)
        self.query_one(PaneTabs).show(self.pane, len(pane_records(self.corpus, self.pane)),
                                      app.session.loading,
                                      matched=shown if filtered else None,
                                      done=app.load_fraction)

    def show_tabs(self) -> None:
        """Show the tabs again (how far the background load is)."""
        self._show_tabs(len(self.fact_list.rows))

    def show_record(self, record_id: str | None, cite: int | None = None) -> None:
        """Show a record's detail and put its passage `cite` (or the remembered one) in view."""
        record = self.corpus.get(record_id) if record_id else None
        cites = self.nav.select(self.corpus, record, cite).cites
        if record is None:
            self.detail.set_blocks([])
        else:
            self.detail.show(detail_blocks(self.corpus, record, self.lang),
                             cursor_key=CiteKey(self.selection.index) if cites else None)
        self._show_citation()
        self._update_bindings()

    def _show_citation(self) -> None:
        self._show_trail()
        self.nav.note_cite()
        show_selection(self.source, self.corpus, self.selection,
                       on_demand.sides(self, self.selection))

    def _show_trail(self) -> None:
        on_demand.show_trail(self, *self.nav.trail(self.corpus, self.lang))

    def set_citation(self, index: int, move_detail: bool = True) -> None:
        """Make passage `index` of the current record the one shown."""
        if not self.nav.set_cite(index):
            return
        if move_detail:
            self.detail.select_key(CiteKey(self.selection.index))
        self._show_citation()

    def jump_to(self, record_id: str, cite: int = 0, push: bool = True) -> None:
        """Open `record_id` in its pane at passage `cite`, remembering where we were."""
        record = self.corpus.get(record_id)
        if record is None:
            self.notify(tr("No record {id}", self.lang).format(id=repr(record_id)),
                        severity="error", markup=False)
            return
        if push:
            self.nav.push()
        self.show_pane(self.nav.target(record, cite), select=record_id)
        self.show_record(record_id, cite)

    # --- messages -------------------------------------------------------------------------

    def _cursor_moved(self, _cursor: int) -> None:
        # Before the first layout too: the list's first row is the selection as soon as its
        # rows are set, not once a Highlighted arrives after the layout (a key pressed at
        # once, a pane key, would otherwise find no selection to remember: issue 18).
        key = self.fact_list.current_key
        if key is not None and (self.selection.record is None
                                or key != self.selection.record.id):
            self.show_record(key)

    @on(FactList.Chosen)
    def _chosen(self) -> None:
        self.set_focus(self.detail)

    def _detail_moved(self, moved_to: Hashable | None) -> None:
        match key := detail_key(moved_to):
            case CiteKey(index):
                self.set_citation(index, move_detail=False)
            case LinkKey() | None:
                pass  # a link is followed on enter
            case _:
                assert_never(key)

    @on(LineView.Chosen, "#detail")
    def _detail_chosen(self, message: LineView.Chosen) -> None:
        match key := detail_key(message.key):
            case LinkKey(target):
                self.jump_to(target)
            case CiteKey(index):
                if isinstance(self.selection.record, Document):
                    self._follow_passage(index)
                else:
                    self.action_open_document()
            case None:
                pass
            case _:
                assert_never(key)

    def _follow_passage(self, index: int) -> None:
        """From a document's passage to the (first) fact that cites it."""
        cite = self.selection.cites[index]
        for fact in self.corpus.facts_of(cite.doc):
            if fact.citation.span == cite.span:
                cites = citations_for(self.corpus, fact.record)
                n = next((i for i, c in enumerate(cites) if c.span == cite.span), 0)
                self.jump_to(fact.record.id, n)
                return

    def _filter_value(self, value: str) -> None:
        state = self.nav.state
        if value == state.filter:  # show_pane putting back what the pane remembers
            return
        state.filter = value
        rows = self._rows()
        self._show_tabs(len(rows))
        self.fact_list.set_rows(rows, state.selected)
        if not self.fact_list.rows:
            self.show_record(None)

    def _filter_leave(self, key: str) -> bool:
        """Enter keeps the filter, Escape clears it; both go back to the list at once. An
        empty box is closed by either: it keeps nothing, and would take rows of the list."""
        box = self.filter_box()
        if key == "enter" and box is not None and box.value.strip():
            self.set_focus(self.fact_list)
            return True
        if key in ("enter", "escape"):
            self.action_escape()
            return True
        return False

    # --- actions ----------------------------------------------------------------------

    def _binding_state(self) -> tuple[bool, bool, bool, bool]:
        """Everything check_action decides on."""
        return (self.selection.citation is not None, bool(self.nav.history),
                bool(self._shown) or self.selection.record is not None,
                isinstance(self.selection.record, Discrepancy))

    def refresh_bindings(self) -> None:
        """Publish the bindings (Textual calls this too), noting the state they reflect."""
        self._bindings_state = self._binding_state()
        super().refresh_bindings()

    def _update_bindings(self) -> None:
        """Refresh the bindings (the key bar is drawn again) only if check_action changed."""
        if self._binding_state() != self._bindings_state:
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy" and parameters == ("sides",):
            return isinstance(self.selection.record, Discrepancy) or None
        if action == "copy" and self._copies_the_document(str(parameters[0])):
            return True
        if action == "copy" and (self.passage_selected() is not None
                                 or self.reads_a_passage()):
            return True
        if action in {"cite", "copy", "open_document"}:
            return self.selection.citation is not None or None
        if action == "back":
            return bool(self.nav.history) or None
        if action == "export":
            return bool(self._shown) or self.selection.record is not None or None
        if action in {"compare", "close_compare"}:
            return self._compare.can(action) or None
        return super().check_action(action, parameters)

    def action_pane(self, name: str) -> None:
        if name != self.pane.name:
            self.nav.push()
            self.show_pane(name)
        self.set_focus(self.fact_list)  # now: see action_filter

    def action_filter(self) -> None:
        filter_input = self.filter_box()
        assert filter_input is not None
        filter_input.display = True
        filter_input.cursor_position = len(filter_input.value)  # typing adds to the kept text
        # Now, not once the keys already queued are handled (focus() waits its turn): the
        # letters of a burst after "/" are sent on to the box (widgets/key_handoff.py).
        self.set_focus(filter_input)

    def action_escape(self) -> None:
        """Close or clear what is open (the selection, the filter); never another pane."""
        filter_input = self.filter_box(make=bool(self.nav.state.filter))
        if self.drop_selection():
            return
        if filter_input is not None and (filter_input.display or self.nav.state.filter):
            filter_input.value = ""
            filter_input.display = False
            self.set_focus(self.fact_list)

    def action_cite(self, delta: int) -> None:
        n = len(self.selection.cites)
        if n:
            self.set_citation((self.selection.index + delta) % n)

    def _copies_the_document(self, variant: str) -> bool:
        """Whether `y` copies the document itself: a document in the list or detail, no
        passage selected (what it cites is evidence of its date or outlet, not a quote)."""
        return (variant == "reference" and isinstance(self.selection.record, Document)
                and self.focused_part() != "source" and self.passage_selected() is None)

    def action_copy(self, variant: str) -> None:
        """Copy `variant` of the passage selected in the source, else of the passage the
        reader is at (a document in the list or detail: its reference)."""
        picked = self.passage_selected()
        cite: Citation | None
        if picked is not None:
            cite = selected_passage(self.corpus, picked.doc, picked.start, picked.end)
        else:
            record = self.selection.record
            cite = self.reading_cite(self.selection.citation, record.id if record else None)
        if self._copies_the_document(variant):
            variant = "document"
        got = copy_text(self.corpus, variant, self.selection.record, cite, self.lang)
        if got is not None:
            kzt_app(self).copy_text(*got)

    def action_open_document(self) -> None:
        cite = self.selection.citation
        if cite is None:
            return
        doc = self.corpus.document(cite.doc)
        passages = citations_for(self.corpus, doc)
        index = next((i for i, c in enumerate(passages) if c.span == cite.span), 0)
        self.jump_to(doc.id, index)
        self.set_focus(self.source.text_view)

    def action_back(self) -> None:
        place = self.nav.pop()
        if place is None:
            return
        self.show_pane(place.pane, select=place.record)
        if place.record:
            self.show_record(place.record, place.cite)
        self._show_trail()
        self._update_bindings()

    def action_search(self) -> None:
        from kzt_tui.dialogs.search import SearchScreen

        screen = SearchScreen(None, self.lang, history=self.nav.searches)
        kzt_app(self).push_to_read(screen, self.open_hit)
        kzt_app(self).with_index(screen.set_index)

    def open_hit(self, hit: SearchHit | None) -> None:
        """Go to a search hit: the record, or the document with the passage highlighted."""
        if hit is None:
            return
        if hit.unit.record_id:
            self.jump_to(hit.unit.record_id)
            return
        self.jump_to(hit.unit.doc_id or "")
        show_hit(self.source, self.corpus, hit, self.selection)
        self.set_focus(self.source.text_view)

    def action_export(self) -> None:
        """Ask where to write the current list (as filtered) or item; the dialog writes."""
        from kzt_tui.dialogs.export import ExportScreen, explorer_choices

        choices = explorer_choices(self.pane.title, self.nav.state.filter,
                                   self._shown, self.selection.record, self.lang)
        kzt_app(self).push_to_read(ExportScreen(self.corpus, choices, lang=self.lang))

    def action_compare(self) -> None:
        self._compare.compare()

    def action_close_compare(self) -> None:
        self._compare.close()

