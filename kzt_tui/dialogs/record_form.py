"""The form of a new record made from a selected passage: one line per field of the
section (core/curate/form.py derives them from the section's spec and prefills them), the
passage verbatim above them. ctrl+s, or enter on Save, saves through the caller's `save`
(core/curate/store checks the write by loading it); an error stays in the form, on the
line above the buttons, and the field it names gets the focus; a refusal no field of the
form can mend (a file changed meanwhile, the journal) closes it, with the reason in a
toast, so that the keys typed next are not taken into its fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus, Resize
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Static

from kzt_tui.core.curate.form import CITE, ITEMS, FormError, FormField, field_of
from kzt_tui.core.curate.store import CurateError
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.safe_input import SafeInput

#: What saving the form gives (what was written).
T = TypeVar("T")

#: Rows of the form that are not fields nor the hint, at most: border 2, title 1, quote 3,
#: error 2, buttons 1; and the notice's, where there is one.
CHROME, NOTICE_ROWS = 9, 2
#: Rows the fields keep, at least, however long the focused field's list of values: a
#: field above and below the focused one.
MIN_FIELD_ROWS = 3
#: Characters of the choices a field's placeholder lists.
PLACEHOLDER_WIDTH = 60


def _placeholder(f: FormField, lang: str) -> str:
    """What an empty box shows: the values it takes, else "required" where the section's
    spec requires it (a required box showed nothing but its label's "*" until Save said
    "group: required: fill it in")."""
    if f.kind == "items":
        return ITEMS[f.path].hint[:PLACEHOLDER_WIDTH]
    if f.kind == "list":
        hint = ", ".join(f.choices) if f.choices else "a, b, c"
        return one_line(f"{hint}")[:PLACEHOLDER_WIDTH]
    if f.choices:
        return " | ".join(f.choices)[:PLACEHOLDER_WIDTH]
    if f.kind == "number":
        return "555.7"
    return tr(N_("required"), lang) if f.required else ""


def head_line(title: str, doc: str, width: int) -> Text:
    """The form's first line: its title in bold and the passage's document id; what does
    not fit in `width` cells is cut from the title, never from the id (at 80 columns the
    id came after a quote of three lines and was cut with it)."""
    tail = f" · {doc}" if doc else ""
    room = width - cell_len(tail)
    if cell_len(title) > room:
        title = set_cell_size(title, max(0, room - 1)) + "…" if room > 1 else ""
    line = Text()
    line.append(title, style="bold")
    line.append(tail)
    return line


class FormHead(Static):
    """The title and the document id of the passage, on one line (head_line)."""

    def __init__(self, title: str, doc: str) -> None:
        super().__init__(id="form-title")
        self._title, self._doc = title, doc

    def render(self) -> Text:
        return head_line(self._title, self._doc, self.size.width)


class RecordForm(ModalScreen[T | None], Generic[T]):
    """Every field of a new record, editable; Save writes it (via `save`), Cancel or esc
    leaves without writing."""

    DEFAULT_CSS = """
    RecordForm { align: center middle; }
    RecordForm > Vertical { width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1; }
    RecordForm #form-title { height: 1; }
    RecordForm #form-quote { height: auto; max-height: 3; color: $text; background: $boost; }
    RecordForm VerticalScroll { height: auto; max-height: 100%; }
    RecordForm .form-row { height: 1; }
    RecordForm .form-label { width: 24; height: 1; color: $text-muted; }
    RecordForm .form-label.-required { color: $text; }
    RecordForm Input { border: none; height: 1; padding: 0 1; width: 1fr;
        background: $boost; }
    RecordForm Input:focus { border: none; background: $accent 30%; }
    /* without colour (NO_COLOR) the background is no box: brackets show where to type */
    RecordForm Input:nocolor { border-left: outer $foreground; border-right: outer $foreground;
        padding: 0; }
    RecordForm #form-hint { height: auto; color: $text-muted; }
    RecordForm #form-notice { height: auto; max-height: 2; color: $warning; }
    RecordForm #form-error { height: auto; max-height: 2; color: $error; }
    RecordForm #form-buttons { height: 1; align-horizontal: right; }
    RecordForm Button { min-width: 10; margin-left: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", show=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, title: str, fields: list[FormField], values: dict[str, str],
                 save: Callable[[dict[str, str]], T], lang: str = "en", notice: str = "",
                 instead: tuple[str, Callable[[], None]] | None = None) -> None:
        """`save(typed)` writes what the form holds (by field path) or raises CurateError
        (FormError names the field). `notice`, if any, is a line under the passage (what
        the user should know before filling it in); `instead` (a button's label, what it
        does once the form has closed) another way to the same end."""
        super().__init__()
        self._title, self._fields, self._values = title, fields, values
        self._save, self._lang = save, lang
        self._notice, self._instead = notice, instead
        self._hint = ""  # the focused field's values, as the line under the fields says

    def compose(self) -> ComposeResult:
        lang = self._lang
        with Vertical():
            quote = self._values.get(CITE + "quote")
            yield FormHead(self._title, self._values.get(CITE + "doc", "")
                           if quote is not None else "")
            if quote is not None:
                yield Static(Text(f"«{one_line(quote)}»"), id="form-quote")
            if self._notice:
                yield Static(Text(one_line(self._notice)), id="form-notice")
            with VerticalScroll(id="form-fields"):
                for n, f in enumerate(self._fields):
                    if f.readonly:
                        continue
                    with Horizontal(classes="form-row"):
                        name = tr(f.label, lang) if f.label else f.path
                        label = Static(Text(name + (" *" if f.required else "")),
                                       classes="form-label")
                        label.set_class(f.required, "-required")
                        yield label
                        suggester = (SuggestFromList(f.choices, case_sensitive=False)
                                     if f.choices and f.kind != "list" else None)
                        # select_on_focus off: a key typed in a prefilled box (the
                        # suggested id) goes after its value instead of replacing it
                        yield SafeInput(self._values.get(f.path, ""), id=f"field-{n}",
                                        placeholder=_placeholder(f, lang), suggester=suggester,
                                        on_leave=self._leave, select_on_focus=False)
            yield Static("", id="form-hint", markup=False)
            yield Static("", id="form-error", markup=False)
            with Horizontal(id="form-buttons"):
                if self._instead is not None:
                    yield Button(Text(self._instead[0]), id="form-instead", compact=True)
                yield Button(tr(N_("Save"), lang), id="form-save", variant="primary",
                             compact=True)
                yield Button(tr(N_("Cancel"), lang), id="form-cancel", compact=True)

    def on_mount(self) -> None:
        first = self.query(Input).first()
        first.focus()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Under the fields, every value the focused one takes: its placeholder is cut at
        the box's width (at 80 columns a statement's kinds stopped at "commitment |")."""
        choices: tuple[str, ...] = ()
        for n, f in enumerate(self._fields):
            if event.widget.id == f"field-{n}":
                choices = f.choices
        hint = self.query_one("#form-hint", Static)
        self._hint = tr(N_("one of: {choices}"), self._lang).format(
            choices=", ".join(choices)) if choices else ""
        hint.update(Text(self._hint))
        hint.display = bool(choices)
        self._fit(self.size.height)
        if isinstance(event.widget, Input):  # still in view in the shorter fields
            self.query_one("#form-fields").scroll_to_widget(event.widget, animate=False)

    def _hint_rows(self) -> int:
        """The rows the focused field's values take, wrapped at the form's width (a
        statement's 30-odd topics take five at 80 columns: two rows cut them at
        "science, …")."""
        if not self._hint:
            return 0
        # the form's box: at most 100 columns, less its border and padding
        width = max(10, min(100, self.size.width) - 4)
        return len(Text(self._hint).wrap(self.app.console, width))

    def _fit(self, height: int) -> None:
        """The fields scroll, so the focused field's values, the error line and the
        buttons stay on screen: the fields take what the rest (CHROME, the notice, the
        values) leaves, MIN_FIELD_ROWS at least, and the values what is left then."""
        if not height:
            return
        chrome = CHROME + (NOTICE_ROWS if self._notice else 0)
        hint_rows = self._hint_rows()
        fields = max(MIN_FIELD_ROWS, height - chrome - hint_rows)
        self.query_one("#form-fields").styles.max_height = fields
        self.query_one("#form-hint").styles.max_height = max(1, height - chrome - fields)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.height)

    def _input(self, path: str) -> Input | None:
        for n, f in enumerate(self._fields):
            if f.path == path and not f.readonly:
                return self.query_one(f"#field-{n}", Input)
        return None

    def typed(self) -> dict[str, str]:
        """What the form holds now, by field path."""
        got = dict(self._values)
        for n, f in enumerate(self._fields):
            if not f.readonly:
                got[f.path] = self.query_one(f"#field-{n}", Input).value
        return got

    def _error(self, message: str, path: str | None = None) -> None:
        self.query_one("#form-error", Static).update(Text(one_line(message)))
        box = self._input(path) if path else None
        if box is not None:
            box.focus()

    def _leave(self, key: str) -> bool:
        """Tab, enter and shift+tab move to the next or previous field at once, as the box
        reads the key: the letters typed after it in the same burst go to that field.
        Enter in the last field saves (it only moved to Save, which looked like nothing)."""
        if key == "enter" and self.focused is self.query(Input).last():
            self.action_save()  # the last field (a path, a tag): enter saves, as on Save
            return True
        if key in ("tab", "enter"):
            self.focus_next()
            return True
        if key == "shift+tab":
            self.focus_previous()
            return True
        return False

    @on(Button.Pressed, "#form-save")
    def action_save(self) -> None:
        try:
            written = self._save(self.typed())
        except FormError as exc:
            self._error(str(exc), exc.path)
            return
        except CurateError as exc:
            message = str(exc).partition("\n")[0]
            if "already exists" in message:
                path: str | None = "id"
            else:  # the load refused the record: the field its first problem names
                path = field_of(exc.problems[0].path, self._fields) if exc.problems else None
            editable = [f.path for f in self._fields if not f.readonly]
            if path is None and len(editable) == 1:  # a form of one field (add-source's
                path = editable[0]  # file): the refusal can only be of what it holds
            if path is None or self._input(path) is None:
                # nothing in the form can mend it: the form closes, the reason in a toast
                # (kept open, it took the next keys — V, A, text — into its fields)
                self.app.notify(one_line(message), title=tr(N_("Not written"), self._lang),
                                severity="error", timeout=10, markup=False)
                self.dismiss(None)
                return
            self._error(message, path)
            return
        self.dismiss(written)

    @on(Button.Pressed, "#form-instead")
    def _go_instead(self) -> None:
        if self._instead is not None:
            self.dismiss(None)
            self.app.call_later(self._instead[1])

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
