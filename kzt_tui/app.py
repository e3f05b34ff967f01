"""The App: holds the session (the loaded data), global keys and the clipboard; the explorer
does the rest."""

from __future__ import annotations

import asyncio
import signal
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import var
from textual.screen import Screen

from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.model import Dataset
from kzt_tui.core.stamps import FileStamps
from kzt_tui.core.textnorm import displayable, inert
from kzt_tui.messages import Copied, LoadProgress, ReloadFailed
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.screens.memory import Keeper
from kzt_tui.session import Session
from kzt_tui.system import start_gc
from kzt_tui.system.state import SavedState, load_state
from kzt_tui.widgets.key_bar import key_label
from kzt_tui.widgets.key_handoff import resend

if TYPE_CHECKING:  # imported where used: the first screen needs none of them
    from textual.command import Provider
    from textual.notifications import Notification

    from kzt_tui.core.problems import Problem
    from kzt_tui.core.search import SearchIndex

T = TypeVar("T")

#: How often the data file and sources are checked for changes.
RELOAD_POLL_SECONDS = 1.0
#: Seconds after the first frame that what the start put off runs (KztApp.finish_start).
AFTER_FIRST_FRAME = 0.1

#: Signals that close the app as q does; the process then exits with 128 + the signal.
#: SIGINT too: ctrl+c is a key in the app's raw terminal, so this is `kill -INT`, which
#: otherwise ended the app with status 0 as if the user had quit.
CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


#: Toasts stay as long as it takes to read them: a second and a half to notice one, then
#: 4 words a second (240 a minute, a careful reader's pace), from 3 s for a word or two
#: up to 10 s; a warning or error, which asks for something, half as long again, up to 15 s.
#: Textual's flat 5 s kept a two-word "Reloaded" over the source as long as a paragraph.
TOAST_NOTICE, TOAST_WORDS_PER_SECOND, TOAST_MIN, TOAST_MAX, TOAST_MAX_WARNING = 1.5, 4, 3, 10, 15
#: Below this many columns a copy's toast says it in short words (the full ones where
#: there is room): at 80 its seven lines covered ~40% of the source.
NARROW_TOASTS = 100


def reading_time(text: str, severity: SeverityLevel = "information") -> float:
    """Seconds a toast saying `text` stays up (see TOAST_NOTICE)."""
    seconds = TOAST_NOTICE + len(text.split()) / TOAST_WORDS_PER_SECOND
    if severity == "information":
        return min(max(seconds, TOAST_MIN), TOAST_MAX)
    return min(max(1.5 * seconds, TOAST_MIN), TOAST_MAX_WARNING)


def action_commands() -> type[Provider]:
    """The palette's actions (commands.py), imported when the palette first opens."""
    from kzt_tui.commands import ActionCommands

    return ActionCommands


def record_commands() -> type[Provider]:
    """The palette's records (commands.py), imported when the palette first opens."""
    from kzt_tui.commands import RecordCommands

    return RecordCommands


class KztApp(App[None]):
    """kzt-tui."""

    TITLE = "kzt-tui"
    CSS_PATH = "app.tcss"
    #: Textual's lazy providers: the first frame does not import the palette's (~1 ms)
    COMMANDS = App.COMMANDS | {action_commands, record_commands}
    BINDINGS = [
        Binding("q", "quit", N_("Quit"), id="quit",
                tooltip=N_("quit; where you were is remembered (it is saved as you go, too)")),
        Binding("question_mark", "help", N_("Help"), id="help",
                tooltip=N_("this list of keys")),
        Binding("ctrl+y", "show_last_copy", N_("Show last copy to select by hand"),
                id="show-last-copy", show=False,
                tooltip=N_("the last copied text in a dialog, to select it by hand when "
                           "pasting does not work")),
    ]

    #: The loaded data, replaced whole on reload; the screens watch it.
    session: var[Session] = var(cast(Session, None), init=False)  # set in __init__
    #: How much of the dataset's files the background load has done (0 to 1).
    load_fraction: var[float] = var(0.0, init=False)

    def __init__(
        self,
        dataset: Dataset,
        *,
        data_path: Path | None = None,
        root: Path | None = None,
        clipboard_commands: Sequence[Sequence[str]] | None = None,
        remember: bool = True,
        loading: int = 0,
        after_first_frame: list[Callable[[], None]] | None = None,
    ) -> None:
        super().__init__()
        self.set_reactive(KztApp.session, Session(dataset, loading=loading))
        #: Problems the rest of the dataset turned out to have; the app then closes.
        self.load_problems: list[Problem] = []
        self.remember = remember
        self.data_path = data_path
        self.root = root
        self.lang = "en"
        self.clipboard_commands = clipboard_commands
        self._indexing = False
        self._index_waiting: list[Callable[[SearchIndex], None]] = []
        self._stamp: tuple[tuple[int, int] | None, ...] = ()
        self._stamps = FileStamps(data_path, root)  # how the files stand, for live reload
        self._polling = False
        #: Set when the app closes: a load or index build in a thread stops at its next
        #: file (the interpreter waits for such threads before it exits).
        self.stopping = threading.Event()
        #: The last text copied and why it may need selecting by hand (ctrl+y shows it).
        self._last_copy: tuple[str, str] | None = None
        #: Saves where the user is, shortly after it changes (None: nothing is remembered).
        self._keeper: Keeper | None = None
        #: The signal that closed the app (CLOSING_SIGNALS), if one did.
        self.closed_by: int | None = None
        #: The unexpected exception that closed the app, if one did (the CLI reports it).
        self.crashed: Exception | None = None
        self._signal_before: dict[int, object] = {}
        self._state_warning: str | None = None  # why the saved place was not read, if so
        self._toast_of_kind: dict[str, Notification] = {}  # notify(replaces=…)
        #: What the start put off until its first frame is on the screen (the cache's
        #: writes of a first load: cli/explorer.py); run, and emptied, by finish_start.
        self.after_first_frame = after_first_frame if after_first_frame is not None else []

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False,
               replaces: str | None = None) -> None:
        """Textual's notify for text that may hold data (paths, ids, problems): no markup by
        default, and controls made visible, so a name can neither style nor reach the
        terminal; every screen's and widget's notify comes here.

        `timeout` defaults to the time to read the toast (`reading_time`), not Textual's
        flat 5 s. A toast given `replaces=KIND` takes the place of the last one of that kind
        still up, so ten copies in a row leave one "Copied" toast, not a column of them."""
        from textual.notifications import Notification, Notify

        message, title = displayable(message), displayable(title)
        if timeout is None:
            timeout = reading_time(f"{title} {message}", severity)
        notification = Notification(message, title, severity, timeout, markup=markup)
        if replaces is not None:
            last = self._toast_of_kind.get(replaces)
            if last is not None:
                self._unnotify(last)  # Textual's own way out (a click or the timer)
            self._toast_of_kind[replaces] = notification
        self.post_message(Notify(notification))

    def _handle_exception(self, error: Exception) -> None:
        # Textual's one door for an unhandled exception (handlers, timers, workers): it
        # closes the app with a traceback of locals, and run() returns as if all was well.
        from textual.worker import WorkerFailed

        from kzt_tui.widgets import _compat

        if self.crashed is None:
            inner = error.error if isinstance(error, WorkerFailed) else error
            self.crashed = inner if isinstance(inner, Exception) else error
        _compat.handle_exception(self, error)

    def _print_error_renderables(self) -> None:
        # After a crash the CLI says what happened in one line (the traceback with --debug),
        # not a screenful of locals that may hold the data.
        from kzt_tui.widgets import _compat

        if self.crashed is None:
            _compat.print_error_renderables(self)
        else:
            _compat.drop_error_renderables(self)

    async def _on_key(self, event: events.Key) -> None:
        # Runs before App's own handler, which would run a binding of the new focus
        # (a private hook: _compat.APP_OVERRIDES, checked in tests/ui/test_compat.py).
        if resend(self, event):  # a key of a burst, routed before the focus moved
            event.stop()
            event.prevent_default()

    def get_default_screen(self) -> Screen[None]:
        """The explorer, first on the screen stack: no blank screen is composed, styled and
        laid out before it, so the first frame is laid out once (first paint)."""
        saved, self._state_warning = load_state() if self.remember else (SavedState(), None)
        self.lang = saved.lang
        self.install_screen(ExplorerScreen(start=saved), "explorer")
        return self.explorer

    def on_mount(self) -> None:
        self._catch_signals()
        explorer, warning = self.explorer, self._state_warning
        # the collector, paused until the first frame: queued first (the app's own queue)
        self.call_after_refresh(start_gc.resume, explorer.set_interval)
        # then, a moment later, what the start put off: the frame's bytes are written by
        # Textual's writer thread, which work here at once would keep from the GIL
        self.call_after_refresh(self.set_timer, AFTER_FIRST_FRAME, self.finish_start)
        if self.remember:
            self._keeper = Keeper(self, explorer, lambda: self.lang, explorer.start)
        if warning:
            self.notify(warning, severity="warning", markup=False)
        if self.data_path is not None:
            # how the files stand now, so that an edit from here on is seen (a thread that
            # only stats them: it imports nothing); marks.yaml's problem after the first frame
            self._poll_files(first=True)
            self.set_interval(RELOAD_POLL_SECONDS, self._poll_files)
            explorer.call_after_refresh(self._say_marks_problem)

    def finish_start(self) -> None:
        """Run, once, what the start put off until its first frame (after_first_frame)."""
        while self.after_first_frame:
            self.after_first_frame.pop(0)()

    def _say_marks_problem(self) -> None:
        """A marks.yaml that cannot be read, in one line with its place: the lists show no
        marks until it is fixed, and would not say why."""
        from kzt_tui.core.marks import marks_problem, refresh_marks

        refresh_marks(self.session.corpus)  # the read the lists take too (kept per corpus)
        problem = marks_problem(self.session.corpus)
        if problem is not None:
            self.notify(str(problem), title=tr(N_("Marks not read"), self.lang),
                        severity="error", timeout=15, markup=False)

    # --- the rest of a large dataset, and live reload -------------------------------------

    def reload_data(self) -> None:
        """Load the data again now, as if its files had changed (the live reload's path)."""
        self._stamp = ()
        self._poll_files()

    def use_dataset(self, dataset: Dataset) -> None:
        """Show `dataset`, which kzt-tui itself has just written and loaded (core/curate
        checks each write by loading): no second load, and no "reloaded" notice for it."""
        if self.data_path is not None:
            self._stamp = self._stamps.of(dataset)
        self.session = Session(dataset)

    def note_files(self) -> None:
        """Take the data files as they stand now (after a refused write kzt-tui undid
        itself): live reload reloads only what changes after this."""
        if self.data_path is not None:
            self._stamp = self._stamps.of(self.session.dataset)

    def _poll_files(self, first: bool = False) -> None:
        if self._polling:  # one poll at a time: at 1,000 files a poll is not free
            return
        self._polling = True
        self._poll("rest" if self.session.loading else "note" if first else "poll")

    @work(thread=True, exclusive=True, group="reload")
    def _poll(self, mode: str) -> None:
        """In a thread: load the rest of the dataset ("rest"), note how the files stand
        ("note"), or reload if a data file or source changed since the last load ("poll");
        nothing is read unless one did."""
        assert self.data_path is not None
        try:
            if mode != "rest":
                stamp = self._stamps.of(self.session.dataset)
                changed, self._stamp = stamp != self._stamp, stamp
                if mode == "note" or not changed:
                    return
            from kzt_tui.core.loading import load_cached  # only when there is a load to do
            from kzt_tui.core.loading.gcpause import gc_paused
            from kzt_tui.core.problems import Cancelled, DataError

            if mode == "rest":  # the first view's parts, checked at the start: from the cache
                self.finish_start()
            try:
                with gc_paused():
                    dataset = load_cached(self.data_path, self.root, cancel=self.stopping,
                                          progress=self._progress_reporter(mode))
                    session = Session(dataset)
            except Cancelled:
                return
            except DataError as exc:
                self.post_message(ReloadFailed(exc.problems))
                return
            except OSError as exc:  # a fault the loader does not name (EIO, ENOMEM …): the
                # worker would take the app down; show it and keep the last good data
                from kzt_tui.core.problems import Problem

                problem = Problem(str(self.data_path), None, None, "",
                                  f"cannot read the data: {exc.strerror or exc}")
                self.post_message(ReloadFailed([problem]))
                return
            self._stamp = self._stamps.of(dataset)
            self.call_from_thread(self._reloaded, session)
        finally:
            self._polling = False

    def _progress_reporter(self, mode: str) -> Callable[[int, int], None] | None:
        """For the load of the rest: tells the tabs how far it is, a few times a second."""
        if mode != "rest":
            return None
        last = [0.0]

        def report(done: int, of: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.25:
                last[0] = now  # post_message is thread-safe and does not wait
                self.post_message(LoadProgress(done / of if of else 1.0))

        return report

    def on_load_progress(self, message: LoadProgress) -> None:
        if self.session.loading:
            self.load_fraction = message.fraction  # the explorer's tabs watch it

    def _reloaded(self, session: Session) -> None:
        import gc

        was_loading = self.session.loading
        gc.freeze()  # like the first data: never rescanned by the collector
        self.session = session  # the explorer watches it: same pane, selection, passage
        if not was_loading:
            # A path is data: "[/b]" in a folder's name would be a markup error, a crash
            self.notify(tr("Reloaded {path}", self.lang).format(path=self.data_path),
                        title=tr("Data reloaded", self.lang), markup=False)

    def on_reload_failed(self, message: ReloadFailed) -> None:
        problems = message.problems
        if self.session.loading:  # the whole dataset is not sound: say so as `kzt-tui` would have
            self.load_problems = problems
            self.exit(return_code=1)
            return
        lang = self.lang
        shown = "\n".join(str(p) for p in problems[:4])  # problems stay English, as `check`
        more = ("\n" + tr("… and {n} more", lang).format(n=len(problems) - 4)
                if len(problems) > 4 else "")
        self.notify(f"{shown}{more}\n"
                    + tr("Still showing the last good data; your file is untouched.", lang),
                    title=tr("Reload failed: {n} problem(s)", lang).format(n=len(problems)),
                    severity="error", timeout=15, markup=False)

    def with_index(self, ready: Callable[[SearchIndex], None]) -> None:
        """Call `ready` with the search index: at once if it is built, else once a thread
        has built it (seconds at 1,000x the corpus; the screen stays live meanwhile)."""
        if self.session.search_index is not None:
            ready(self.session.search_index)
            return
        self._index_waiting.append(ready)
        if not self._indexing:
            self._indexing = True
            self._build_index(self.session)

    @work(thread=True, group="index")
    def _build_index(self, session: Session) -> None:
        from kzt_tui.core.loading.gcpause import gc_paused
        from kzt_tui.core.problems import Cancelled
        from kzt_tui.core.search import SearchIndex

        try:
            with gc_paused():
                index = SearchIndex(session.corpus, cancel=self.stopping)
        except Cancelled:
            return
        self.call_from_thread(self._index_built, session, index)

    def _index_built(self, session: Session, index: SearchIndex) -> None:
        import gc

        self._indexing = False
        if session is not self.session:  # the data changed meanwhile: index the new data
            if self._index_waiting:
                self._indexing = True
                self._build_index(self.session)
            return
        session.search_index = index
        gc.freeze()
        waiting, self._index_waiting = self._index_waiting, []
        for ready in waiting:
            ready(index)

    @property
    def explorer(self) -> ExplorerScreen:
        """The main screen."""
        screen = self.get_screen("explorer")
        assert isinstance(screen, ExplorerScreen)
        return screen

    def on_unmount(self) -> None:
        self.stopping.set()
        self._release_signals()

    # --- signals ------------------------------------------------------------------------

    def _catch_signals(self) -> None:
        """Close the app on CLOSING_SIGNALS: killed outright, it would leave the terminal in
        the alternate screen with the cursor hidden and mouse reports on."""
        try:
            loop = asyncio.get_running_loop()
            for sig in CLOSING_SIGNALS:
                before = signal.getsignal(sig)
                loop.add_signal_handler(sig, self._signalled, sig)
                self._signal_before[sig] = before
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread; Windows
            pass

    def _release_signals(self) -> None:
        """Give the signals back to the handlers they had before the app started."""
        loop = asyncio.get_running_loop()
        for sig, before in self._signal_before.items():
            loop.remove_signal_handler(sig)
            signal.signal(sig, before if before is not None else signal.SIG_DFL)  # type: ignore[arg-type]
        self._signal_before.clear()

    def _signalled(self, sig: int) -> None:
        # A second signal, while this one closes the app, acts as it would without the app:
        # a close stuck on something still ends.
        self._release_signals()
        self.closed_by = sig
        self._close(return_code=128 + sig)

    async def action_quit(self) -> None:
        self._close()

    def _close(self, return_code: int = 0) -> None:
        """Remember where the user was and exit."""
        self.stopping.set()
        if self._keeper is not None:
            problem = self._keeper.save()
            if problem:  # nothing to lose: the position simply is not remembered
                self.log.warning(problem)
        self.exit(return_code=return_code)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own palette commands but Quit and Keys: the palette offers Help and
        Quit by the app's names, in the interface's language (commands.py)."""
        yield from (c for c in super().get_system_commands(screen)
                    if c.title not in ("Quit", "Keys"))

    def action_help(self) -> None:
        from kzt_tui.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        bindings = [b for b in [*self.explorer.BINDINGS, *self.BINDINGS] if isinstance(b, Binding)]
        self.push_to_read(HelpScreen(bindings, self.lang))

    def push_to_read(self, dialog: Screen[T], done: Callable[[T | None], None] | None = None
                     ) -> None:
        """Open a dialog that is there to be read (help, search, export, a picker, a form)
        with no toast over it, `done` called with what it returns: at 80x24 two "Copied"
        toasts hid half of the manual-copy dialog. Cleared before the push, so the screen
        below loses its toasts too (they showed around the dialog's edge); what they said
        is in the dialog or done."""
        self.clear_notifications()
        self.push_screen(dialog, done)

    # --- clipboard ----------------------------------------------------------------------

    def copy_text(self, text: str, what: str) -> None:
        """Copy `text`: OSC 52 at once, the system clipboard in a thread; tell the user.

        Inert, as on screen: a copied quote is pasted into shells and editors, where an ESC
        could end a bracketed paste (`ESC [201~`) and run what follows, and a bidi override
        reorders what the reader sees."""
        text = inert(text)
        self.copy_to_clipboard(text)
        self._system_copy(text, what)

    @work(thread=True, exclusive=True, group="clipboard")
    def _system_copy(self, text: str, what: str) -> None:
        from kzt_tui.system.clipboard import system_copy

        result = system_copy(text, self.clipboard_commands)
        self.post_message(Copied(text, what, result))

    def on_copied(self, message: Copied) -> None:
        text, what, result = message.text, message.what, message.result
        lang = self.lang
        say = {"what": tr(what, lang), "size": f"{len(text):,}", "tool": result.tool,
               "problem": tr(result.problem, lang) if result.problem else ""}  # its words
        # a narrow terminal's toast is 40 cells or less: the long words took 5 to 7 lines
        # over the source for seconds; the short ones say what and how in 1 to 3
        narrow = self.size.width < NARROW_TOASTS
        if result.tool:
            self._last_copy = (text, tr("it was also copied via {tool}", lang).format(**say))
            self.notify(tr("Copied {what} ({size} characters).", lang).format(**say) if narrow else
                        tr("Copied {what} ({size} characters) to the system clipboard via "
                           "{tool} and OSC 52.", lang).format(**say),
                        title=tr("Copied", lang), markup=False, replaces="copied")
            return
        # Never a dialog here: OSC 52 may well have worked (tmux with set-clipboard on), and
        # an analyst copies all the time; a dialog would eat the next keys.
        self._last_copy = (text, tr("no system clipboard tool worked ({problem})",
                                    lang).format(**say))
        say["key"] = self.get_key_display(self._show_copy_binding())
        self.notify(tr("Copied {what} ({size} characters) via OSC 52 only; {key} shows why.",
                       lang).format(**say) if narrow else
                    tr("Copied {what} ({size} characters) via OSC 52 only: {problem}. "
                       "{key} shows it to select by hand.", lang).format(**say),
                    title=tr("Copied", lang), severity="warning", markup=False,
                    replaces="copied")

    def get_key_display(self, binding: Binding) -> str:
        """A key as the key bar, the palette and the toasts show it: widgets/key_bar.py's
        key_label, which the help uses too ("^z"; Textual's own splits no "a,b")."""
        return binding.key_display or key_label(binding.key)

    def _show_copy_binding(self) -> Binding:
        return next(b for b in self.BINDINGS
                    if isinstance(b, Binding) and b.action == "show_last_copy")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_last_copy":
            return self._last_copy is not None or None
        return super().check_action(action, parameters)

    def action_show_last_copy(self) -> None:
        """The last copied text in a dialog, to select by hand."""
        from kzt_tui.dialogs.manual_copy import ManualCopyScreen

        if self._last_copy is None or isinstance(self.screen, ManualCopyScreen):
            return
        text, reason = self._last_copy
        self.push_to_read(ManualCopyScreen(text, reason, self.lang))

def create_app(
    dataset: Dataset,
    *,
    data_path: Path | None = None,
    root: Path | None = None,
    clipboard_commands: Sequence[Sequence[str]] | None = None,
    remember: bool = True,
    loading: int = 0,
    after_first_frame: list[Callable[[], None]] | None = None,
) -> KztApp:
    """The one factory the CLI and the tests build the app with."""
    return KztApp(dataset, data_path=data_path, root=root, clipboard_commands=clipboard_commands,
                  remember=remember, loading=loading, after_first_frame=after_first_frame)


if TYPE_CHECKING:  # mypy checks that the app is what screens take it for (app_protocol)
    from kzt_tui.app_protocol import KztAppLike

    def _is_kzt_app_like(app: KztApp) -> KztAppLike:
        return app
