"""The export dialog: what to export (the current list or item), and to which file."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, RadioSet, Static

from kzt_tui.core.atomic import OverwriteError, write_new
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export import (
    FORMAT_BY_NAME,
    FORMATS,
    ExportError,
    export_records,
    format_for_name,
    or_list,
)
from kzt_tui.core.i18n import N_, tr, trn
from kzt_tui.core.model import Record
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.toggles import ShapeCheckbox, ShapeRadioButton

#: The format the dialog offers first: its default file name has this format's ending.
DEFAULT_FORMAT = FORMAT_BY_NAME["md"]
#: The formats in the order the dialog names them: the default, then the registry's order.
_OFFERED = (DEFAULT_FORMAT, *(f for f in FORMATS if f is not DEFAULT_FORMAT))
_SUFFIXES = or_list([f.suffix for f in _OFFERED])  # ".md, .json, .csv or .csl.json"


def format_for(path: Path) -> str | None:
    """The export format a file name asks for, or None."""
    spec = format_for_name(path.name)
    return spec.name if spec else None


#: Characters of a default file name's stem: well inside any file system's 255 bytes, even
#: for a Cyrillic slug (two bytes a letter).
STEM_MAX = 100


def free_path(folder: Path, stem: str, suffix: str = DEFAULT_FORMAT.suffix) -> Path:
    """`folder/stem.md`, or `stem-2.md`, `stem-3.md` … when that name is taken. The stem
    is cut to STEM_MAX characters: a record's id may be longer than a file name may be."""
    stem = stem[:STEM_MAX]
    path = folder / f"{stem}{suffix}"
    n = 2
    while _taken(path):
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def _taken(path: Path) -> bool:
    """Whether something is at `path`; a name the system refuses (too long) is not, and the
    write then says why."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return False


@dataclass(frozen=True)
class ExportChoice:
    """One thing the dialog can export: a description, a default file stem, the records."""

    label: str
    stem: str
    title: str
    records: tuple[Record, ...]
    #: What the list was filtered by ("" if it was not): the briefing says so.
    filtered: str = ""


def explorer_choices(pane_title: str, query: str, shown: Sequence[Record],
                     selected: Record | None, lang: str = "en") -> list[ExportChoice]:
    """The current list (as filtered) and the current item, when there is one; described
    in `lang`, while the file's name and the briefing's title stay English."""
    slug = pane_title.lower()
    what = trn("{pane}, {n} record", "{pane}, {n} records", len(shown), lang).format(
        pane=tr(pane_title, lang), n=len(shown))
    title = pane_title
    if query:
        what += " " + tr("matching “{query}”", lang).format(query=query)
        title += f" matching “{query}”"
    choices = [ExportChoice(one_line(tr("Current list: {what}", lang).format(what=what)),
                            f"kzt-tui-{slug}", title, tuple(shown), query)]
    if selected is not None:
        item = f"{selected.label(lang)} ({selected.id})"
        choices.append(ExportChoice(one_line(tr("Current item: {item}", lang).format(
                                        item=item)),
                                    f"kzt-tui-{selected.id}", selected.label("en"),
                                    (selected,)))
    return choices


class ExportScreen(ModalScreen[Path | None]):
    """Pick list or item, edit the file name (its ending picks the format), enter writes.

    The default name is a free one in the folder kzt-tui was started from, which the dialog
    names; the line under the name shows the full path it writes to. A name that exists is
    only replaced after a second enter. Errors stay in the dialog; success is a
    notification.
    """

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 0 1; }
    ExportScreen Static { height: auto; }
    ExportScreen RadioSet { width: 100%; margin: 1 0 0 0; }
    ExportScreen #export-status { margin-top: 1; }
    ExportScreen #export-ids { border: none; padding: 0; margin: 1 0 0 0; }
    ExportScreen #export-status.-error { color: $error; }
    ExportScreen #export-status.-warning { color: $warning; }
    """
    BINDINGS = [Binding("escape", "close", N_("Cancel"))]

    def __init__(self, corpus: Corpus, choices: list[ExportChoice],
                 folder: Path | None = None,
                 write: Callable[..., None] = write_new, lang: str = "en") -> None:
        super().__init__()
        self.corpus = corpus
        self.choices = choices
        self.folder = folder or Path.cwd()
        self.write = write
        self.scope = 0
        self._default = self._default_path(0)
        self._confirm: Path | None = None
        self.lang = lang

    def _default_path(self, scope: int) -> str:
        return free_path(self.folder, self.choices[scope].stem).name

    def compose(self) -> ComposeResult:
        with Vertical():
            lang = self.lang
            yield Static(Text(tr("Export", lang), style="bold"))
            with RadioSet(id="export-scope"):
                for n, choice in enumerate(self.choices):
                    yield ShapeRadioButton(Text(choice.label), value=n == 0)
            yield ShapeCheckbox(Text(tr("Show record ids and source file paths (for the briefing)",
                                   lang)),
                           id="export-ids")
            yield Static(Text(one_line(tr("Folder: {folder} (where kzt-tui was started; type a "
                                          "path to write elsewhere)", lang).format(
                                              folder=self.folder)), style="dim"),
                         id="export-folder")
            yield Input(value=self._default, id="export-path",
                        placeholder=tr("file name: {suffixes}", lang).format(
                            suffixes=_SUFFIXES))
            yield Static(self._target_text(self._default), id="export-target")
            kinds = ", ".join(f"{f.suffix} {tr(f.blurb, lang)}" for f in _OFFERED)
            yield Static(Text(tr("The ending picks the format: {kinds}. enter writes · tab "
                                 "switches list/item · esc cancels", lang).format(kinds=kinds),
                              style="dim"))
            yield Static(id="export-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        self.scope = max(0, event.index)
        path_input = self.query_one("#export-path", Input)
        if path_input.value == self._default:  # keep a name the user typed
            self._default = self._default_path(self.scope)
            path_input.value = self._default

    def _target(self, raw: str) -> Path | None:
        """The absolute path `raw` names, relative to the dialog's folder; None if empty."""
        if not raw.strip():
            return None
        return Path(os.path.abspath(self.folder / os.path.expanduser(raw.strip())))

    def _target_text(self, raw: str) -> Text:
        target = self._target(raw)
        if target is None:
            return Text(tr("Writes to: (type a file name)", self.lang), style="bold")
        spec = format_for_name(target.name)
        kind = f" ({spec.suffix} {tr(spec.blurb, self.lang)})" if spec else ""
        return Text(one_line(tr("Writes to: {target}", self.lang).format(target=target) + kind),
                    style="bold")

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._confirm = None
        self._status("")
        self.query_one("#export-target", Static).update(self._target_text(event.value))

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.export(event.value)

    def _status(self, message: str, kind: str = "") -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(one_line(message)))  # it may name a path the user typed
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "warning", "-warning")

    def export(self, raw: str) -> None:
        """Write the chosen records to `raw` (a path); report in the dialog or close."""
        if not raw.strip():
            self._status(tr("Type a file name.", self.lang), "error")
            return
        path = self._target(raw)
        assert path is not None
        fmt = format_for(path)
        if fmt is None:
            self._status(tr("The name must end in {suffixes}.", self.lang).format(
                suffixes=_SUFFIXES), "error")
            return
        force = self._confirm == path
        if not force and _taken(path):
            self._confirm = path
            self._status(tr("{path} exists. Press enter again to replace it, or change the "
                            "name.", self.lang).format(path=path), "warning")
            return
        choice = self.choices[self.scope]
        try:
            with_ids = self.query_one("#export-ids", Checkbox).value
            text = export_records(self.corpus, fmt, choice.records, choice.title,
                                  with_ids=with_ids, filtered=choice.filtered)
            self.write(path, text, force=force)
        except OverwriteError:  # created since we looked
            self._confirm = path
            self._status(tr("{path} appeared meanwhile. Press enter again to replace it.",
                            self.lang).format(path=path), "warning")
            return
        except (OSError, ExportError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._status(tr("Could not export to {path}: {reason}", self.lang).format(
                path=path, reason=reason), "error")
            return
        count = len(choice.records)
        said = trn("Exported {n} record ({format}) to {path}",
                   "Exported {n} records ({format}) to {path}", count, self.lang)
        if FORMAT_BY_NAME[fmt].no_section is not None:  # csl-json, bib, ris: the sources
            from kzt_tui.core.export.as_csl import cited_documents

            count = len(cited_documents(self.corpus, choice.records))
            said = trn("Exported {n} source document ({format}: the one the records cite) "
                       "to {path}", "Exported {n} source documents ({format}: those the "
                       "records cite) to {path}", count, self.lang)
        self.app.notify(one_line(said.format(n=count, format=fmt, path=path)),
                        title=tr("Export", self.lang), markup=False)
        self.dismiss(path)

    def action_close(self) -> None:
        self.dismiss(None)
