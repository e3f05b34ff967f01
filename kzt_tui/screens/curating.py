"""The explorer's curating keys: select a passage of the source (the sentence where you
read, or a word extended by words and sentences), make a record of it or add it as a
citation, dismiss it, undo the last write. The selection's logic is core/selection.py,
the writing core/curate (nothing here writes YAML); a base class of ExplorerScreen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.textnorm import one_line
from kzt_tui.navigation import Navigation
from kzt_tui.screens.marking import MarkingScreen
from kzt_tui.widgets.source_view import SourceText

if TYPE_CHECKING:  # core/curate's forms and writers, and core/selection, are imported
    # when first asked for: the first frame selects nothing
    from kzt_tui.core.curate.sources import SourceText as NewSource
    from kzt_tui.core.curate.store import Curator, Written
    from kzt_tui.core.selection import TextSelection

#: Actions that need a passage selected.
ON_SELECTION = {"extend", "new_record", "cite_selection", "dismiss_selection"}
#: Actions that need a source text shown.
ON_TEXT = {"select_sentence", "start_selection"}
#: Actions that need the dataset's files (not data given in memory).
ON_FILES = {"undo_write", "add_source", "mark", "note", "tag", "edit_record"}


class CuratingScreen(MarkingScreen):
    """What ExplorerScreen does for a curator."""

    nav: Navigation

    # --- the selection ------------------------------------------------------------------

    @property
    def _view(self) -> SourceText:
        return self.source.text_view

    def passage_selected(self) -> TextSelection | None:
        """The passage selected in the source shown, if any."""
        view = self._view
        span = view.selected
        if not (span and view.doc_id):
            return None
        from kzt_tui.core.selection import TextSelection

        return TextSelection(view.doc_id, *span)

    def _tr(self, text: str) -> str:
        return tr(text, kzt_app(self).lang)

    def _show(self, got: TextSelection | None, keep: int) -> None:
        if got is not None:
            self._view.select((got.start, got.end), keep)
            self.refresh_bindings()

    def drop_selection(self) -> bool:
        """Drop the selection; whether there was one (esc clears it first)."""
        if self._view.selected is None:
            return False
        self._view.select(None)
        self.refresh_bindings()
        return True

    def _doc_text(self) -> tuple[str, str] | None:
        doc = self._view.doc_id
        if not doc:
            self.notify(self._tr(N_("No source text shown")), timeout=2)
            return None
        return doc, self.corpus.text(doc)

    def action_select_sentence(self) -> None:
        got = self._doc_text()
        if got is None:
            return
        from kzt_tui.core import selection as sel_

        doc, text = got
        current = self.passage_selected()
        found = (sel_.sentence_after(current, text) if current is not None
                 else sel_.sentence_at(doc, text, self._view.reading_offset()))
        if found is not None:
            self._show(found, found.start)

    def action_start_selection(self) -> None:
        from kzt_tui.core import selection as sel_

        got = self._doc_text()
        if got is not None:
            found = sel_.word_at(got[0], got[1], self._view.reading_offset())
            if found is not None:
                self._show(found, found.start)

    def action_extend(self, unit: str, delta: int) -> None:
        from kzt_tui.core import selection as sel_

        current = self.passage_selected()
        if current is None:
            return
        text = self.corpus.text(current.doc)
        step = sel_.by_word if unit == "word" else sel_.by_sentence
        got = step(current, text, delta)
        self._show(got, got.end)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ON_SELECTION:
            return self.passage_selected() is not None or None
        if action == "cite_in_citing":  # the palette's row: offered only where it applies
            return self._citing_record() is not None or None
        if action in ON_TEXT:
            return bool(self._view.doc_id) or None
        if action in ON_FILES:
            has_files = kzt_app(self).data_path is not None
            if action in ("mark", "note", "tag", "edit_record"):
                return (has_files and self.nav.selection.record is not None) or None
            return has_files or None
        return super().check_action(action, parameters)

    def curate_commands(self) -> list[tuple[str, str, str]]:
        """The palette's "New figure from selection" … one per section a passage can
        become (core/curate/form.MAKEABLE, from the sections table), while one is
        selected; and "Copy the dataset to a folder…", always."""
        copy = (self._tr(N_("Copy the dataset to a folder…")),
                self._tr(N_("a copy of the shipped dataset you can edit, in a new or empty "
                            "folder (as kzt-tui copy-data DIR)")), "copy_data")
        if self.passage_selected() is None:
            return [copy]
        from kzt_tui.core.curate.form import MAKEABLE, singular

        return [(self._tr(N_("New {what} from selection")).format(what=self._tr(singular(s))),
                 self._tr(N_("a form prefilled from the selected passage")),
                 f"new_record({s!r})") for s in MAKEABLE] + [copy]

    def action_copy_data(self) -> None:
        from kzt_tui.core.shipped import not_shipped
        from kzt_tui.dialogs.copy_data import CopyDataScreen

        data = kzt_app(self).data_path
        if not_shipped(data) is not None:  # the open dataset is the user's: said, as the CLI
            self.notify(self._tr(N_("Not copied: this copies the shipped dataset, and the "
                                    "one open is yours and writable already (to have a "
                                    "second, copy its folder)")), severity="warning")
            return
        kzt_app(self).push_to_read(CopyDataScreen(kzt_app(self).lang))

    # --- writing ------------------------------------------------------------------------

    def curator(self) -> Curator | None:
        """The writer of the dataset shown (None, and said, for data given in memory)."""
        from kzt_tui.core.curate.store import Curator
        from kzt_tui.core.shipped import READ_ONLY, is_shipped

        app = kzt_app(self)
        if app.data_path is None:
            self.notify(self._tr(N_("This data was not opened from a file: nothing can be "
                                    "written")), severity="warning")
            return None
        if is_shipped(app.data_path):  # refused before a form is filled in for nothing
            self.notify(self._tr(READ_ONLY), title=self._tr(N_("Not written")),
                        severity="error")
            return None
        return Curator(app.data_path, app.root)

    def guarded(self, save: Callable[[dict[str, str]], Written]
                ) -> Callable[[dict[str, str]], Written]:
        """`save`, after whose refusal the data files are taken as they now stand: a refused
        write puts the file back, which live reload must not take for an edit of the user's
        (a "Data reloaded" toast under "not written")."""
        from kzt_tui.core.curate.store import CurateError

        def run(typed: dict[str, str]) -> Written:
            try:
                return save(typed)
            except CurateError:
                kzt_app(self).note_files()
                raise

        return run

    def wrote(self, written: Written | None, record_id: str | None, what: str) -> None:
        """After a write: show the data as written, the record selected, and the file."""
        if written is None:
            return
        app = kzt_app(self)
        app.use_dataset(written.dataset)
        self.drop_selection()
        if record_id:
            self.jump_to(record_id)
            self.set_focus(self.query_one("#list"))
        self.notify(f"{what} → {_shown_path(written.file, app.data_path)}",
                    title=self._tr(N_("Written")))

    def action_new_record(self, section: str = "") -> None:
        from kzt_tui.core.curate.form import MAKEABLE, singular
        from kzt_tui.dialogs.choose import choose, later

        current = self.passage_selected()
        if current is None:
            return
        if not section:
            if self.curator() is None:  # refused at once, not after a section is chosen
                return
            choose(self, [(self._tr(N_("New {what} from selection")).format(
                what=self._tr(singular(s))), s, later(self, self.action_new_record, s))
                for s in MAKEABLE], self._tr(N_("Which section?")))
            return
        from kzt_tui.core.curate import form
        from kzt_tui.dialogs.record_form import RecordForm

        curator = self.curator()
        if curator is None:
            return
        text = self.corpus.text(current.doc)
        data = self.corpus.dataset
        known = [(p.id, p.name.ru) for p in data.people]
        known += [(o.id, o.name.ru) for o in data.organisations]
        values = form.prefill(section, current, text, self.corpus.by_id, known,
                              form.country_names(data))
        fields = form.form_fields(section, values)
        made: list[str] = []

        def save(typed: dict[str, str]) -> Written:
            record = form.record_of(section, fields, typed)
            written = curator.add_record(section, record)
            made.append(str(record["id"]))
            return written

        # not the palette's "… from selection": the quote under it says so, and at 80
        # columns the line has the document id to hold too
        title = self._tr(N_("New {what}")).format(what=self._tr(singular(section)))
        notice, instead = self._cited_already(current, section)
        kzt_app(self).push_to_read(
            RecordForm(title, fields, values, self.guarded(save), kzt_app(self).lang,
                       notice, instead),
            lambda w: self.wrote(w, made[-1] if made else None,
                                 self._tr(N_("Added {id}")).format(id=made[-1] if made
                                                                   else "")))

    def _cited_already(self, passage: TextSelection, section: str
                       ) -> tuple[str, tuple[str, Callable[[], None]] | None]:
        """What a new `section` record's form says when a record of that section already
        cites the passage (or part of it): its id and title, and a button that cites the
        passage in it instead, through "Add citation to…"'s form. A warning, not a refusal:
        two records may rightly cite one sentence."""
        from kzt_tui.core.coverage import citing
        from kzt_tui.core.model import section_of

        records = [r for r in citing(self.corpus, passage.doc, passage.start, passage.end)
                   if section_of(r).name == section]
        if not records:
            return "", None
        first = records[0]
        notice = self._tr(N_("Already cited by {id}: {title}")).format(
            id=first.id, title=one_line(first.label(kzt_app(self).lang)))
        if len(records) > 1:
            notice += self._tr(N_(" and {n} more")).format(n=len(records) - 1)
        return notice, (self._tr(N_("Cite in {id}")).format(id=first.id),
                        lambda: self._cite(first.id))

    def _citing_record(self) -> str | None:
        """The id of the first record that can be cited and already cites (part of) the
        selected passage, if one does."""
        from kzt_tui.core.coverage import citing
        from kzt_tui.core.loading.merge import CITABLE
        from kzt_tui.core.model import section_of

        passage = self.passage_selected()
        if passage is None:
            return None
        return next((r.id for r in citing(self.corpus, passage.doc, passage.start, passage.end)
                     if section_of(r).prefix in CITABLE), None)

    def action_cite_in_citing(self) -> None:
        """Cite the selection in the record that already cites it: the new-record form's
        "Cite in <id>" button, from the palette."""
        record_id = self._citing_record()
        if record_id is not None:
            self._cite(record_id)

    def action_cite_selection(self) -> None:
        from kzt_tui.core.describe import row_text
        from kzt_tui.core.loading.merge import CITABLE
        from kzt_tui.core.model import section_of
        from kzt_tui.dialogs.choose import choose, later

        if self.passage_selected() is None or self.curator() is None:
            return
        lang = kzt_app(self).lang
        records = [r for r in self.corpus.by_id.values()
                   if section_of(r).prefix in CITABLE]  # every one offered can be cited
        entries = [(f"{self._tr(section_of(r).singular)}: {one_line(row_text(r, lang))}", r.id,
                    later(self, self._cite, r.id)) for r in records]
        # ranked by the record's own label too (a figure's row starts with its value):
        # typing its first words puts it first
        labels = [(one_line(r.label(lang)), text, r.id)
                  for r, (text, _, _) in zip(records, entries, strict=True)]
        choose(self, entries, self._tr(N_("Add the selection as a citation of…")), labels)

    def _cite(self, record_id: str) -> None:
        from kzt_tui.core.curate import form
        from kzt_tui.dialogs.record_form import RecordForm

        current, curator = self.passage_selected(), self.curator()
        if current is None or curator is None:
            return
        text = self.corpus.text(current.doc)
        values = form.passage_values(current, text)
        fields = form.citation_fields()
        why = curator.citable(record_id, form.passage_of(
            [f for f in fields if f.readonly or f.path == form.CITE + "occurrence"], values))
        if why is not None:  # said before the form asks for a translation, not after
            self.notify(one_line(why), title=self._tr(N_("Not written")), severity="error",
                        markup=False)
            return

        def save(typed: dict[str, str]) -> Written:
            return curator.add_citation(record_id, form.passage_of(fields, typed))

        title = self._tr(N_("Cite in {id}")).format(id=record_id)
        kzt_app(self).push_to_read(
            RecordForm(title, fields, values, self.guarded(save), kzt_app(self).lang),
            lambda w: self.wrote(w, record_id,
                                 self._tr(N_("Cited in {id}")).format(id=record_id)))

    def action_dismiss_selection(self) -> None:
        from kzt_tui.core.curate import form
        from kzt_tui.dialogs.record_form import RecordForm

        current, curator = self.passage_selected(), self.curator()
        if current is None or curator is None:
            return
        text = self.corpus.text(current.doc)
        values = form.passage_values(current, text)
        fields = form.dismissal_fields()

        def save(typed: dict[str, str]) -> Written:
            return curator.add_dismissal(form.passage_of(fields, typed))

        # the warning is the form's notice line, not a toast: a toast sat over the form
        # it warned about (at 80x24 over its reason field)
        kzt_app(self).push_to_read(
            RecordForm(self._tr(N_("Dismiss sentence")), fields, values, self.guarded(save),
                       kzt_app(self).lang, self._cited_warning(current)),
            lambda w: self.wrote(w, None, self._tr(N_("Dismissed"))))

    def _cited_warning(self, passage: TextSelection) -> str:
        """One line naming the record that cites `passage`, if one does ("" if none): a
        dismissal says it needs no record (a warning, not a refusal: a caption may be both
        a document's evidence and dismissed)."""
        from kzt_tui.core.coverage import citing

        records = citing(self.corpus, passage.doc, passage.start, passage.end)
        if not records:
            return ""
        lang = kzt_app(self).lang
        names = ", ".join(f"{r.id} ({r.label(lang)})" for r in records[:2])
        more = len(records) - 2
        if more > 0:
            names += self._tr(N_(" and {n} more")).format(n=more)
        return self._tr(N_("Cited by {records}: a dismissal says it needs no "
                           "record")).format(records=names)

    def action_add_source(self) -> None:
        from kzt_tui.core.curate.form import FormField
        from kzt_tui.core.curate.sources import read_new_source
        from kzt_tui.dialogs.record_form import RecordForm

        if self.curator() is None:
            return

        def read(typed: dict[str, str]) -> NewSource:
            return read_new_source(Path(typed.get("file", "").strip()).expanduser())

        kzt_app(self).push_to_read(
            RecordForm(self._tr(N_("Add source: which text file?")),
                       [FormField("file", True, "text")], {}, read, kzt_app(self).lang),
            self._describe_source)

    def _describe_source(self, source: NewSource | None) -> None:
        """Ask what the text does not say of itself; its date line or dateline, if it
        has one, is the date (nothing is guessed)."""
        from kzt_tui.core.curate import form
        from kzt_tui.core.curate.sources import (
            add_source,
            sources_folder,
            suggested_id,
            text_date,
        )
        from kzt_tui.dialogs.record_form import RecordForm

        curator = self.curator()
        if source is None or curator is None:
            return
        values = {"id": suggested_id(source.name) or ""}
        found = text_date(source.text)
        if found:
            values.update(date=found[0], date_note=found[1])
        fields = form.document_fields()
        made: list[str] = []

        def save(typed: dict[str, str]) -> Written:
            record = form.record_of("documents", fields, typed)
            written = add_source(curator, source, sources_folder(curator), record)
            made.append(str(record["id"]))
            return written

        title = self._tr(N_("Add source: {name}")).format(name=source.name)
        kzt_app(self).push_to_read(
            RecordForm(title, fields, values, self.guarded(save), kzt_app(self).lang),
            lambda w: self.wrote(w, made[-1] if made else None,
                                 self._tr(N_("Added {id}")).format(id=made[-1] if made
                                                                   else "")))

    def action_edit_record(self) -> None:
        """The form of the selected record, prefilled with it as written; saved in place
        (Curator.edit_record). A record of a file kzt-tui does not change: one line that
        says where to edit it."""
        from kzt_tui.core.curate import editform as edit
        from kzt_tui.core.curate import form
        from kzt_tui.core.curate.store import CurateError, Curator
        from kzt_tui.dialogs.record_form import RecordForm

        app = kzt_app(self)
        record = self.nav.selection.record
        if record is None or app.data_path is None:
            return
        curator = Curator(app.data_path, app.root)  # not self.curator(): the shipped
        # data's refusal says where the record lives too
        try:
            editing = curator.editable(record.id)
        except CurateError as exc:
            self.notify(one_line(str(exc)), title=self._tr(N_("Not editable here")),
                        severity="warning", timeout=10, markup=False)
            return
        fields, values = edit.edit_form(editing.section, editing.fields)
        made: list[str] = []

        def save(typed: dict[str, str]) -> Written:
            new = edit.edited(editing.section, editing.fields, fields, typed)
            written = curator.edit_record(editing, new)
            made.append(str(new["id"]))
            return written

        cites = len(editing.fields.get("citations") or [])
        notice = self._tr(N_("Its {n} citation(s) are kept as they are (checked again on "
                             "save)")).format(n=cites) if cites else ""
        title = self._tr(N_("Edit {what} {id}")).format(
            what=self._tr(form.singular(editing.section)), id=record.id)
        app.push_to_read(
            RecordForm(title, fields, values, self.guarded(save), app.lang, notice),
            lambda w: self.wrote(w, made[-1] if made else None,
                                 self._tr(N_("Edited {id}")).format(id=made[-1] if made
                                                                    else "")))

    def action_undo_write(self) -> None:
        from kzt_tui.core.curate.journal import JournalError
        from kzt_tui.core.curate.store import CurateError

        curator = self.curator()
        if curator is None:
            return
        try:
            what = curator.undo()
            dataset = curator.load()
        except (JournalError, CurateError) as exc:
            self.notify(str(exc), title=self._tr(N_("Nothing undone")), severity="warning")
            return
        kzt_app(self).use_dataset(dataset)
        self.notify(self._tr(N_("Undone: {what}")).format(what=what))


def _shown_path(path: Path, data: Path | None) -> str:
    """`path` relative to the curated file's folder, when it is inside it."""
    if data is not None and path.is_relative_to(data.parent):
        return path.relative_to(data.parent).as_posix()
    return str(path)
