"""The explorer's marks: mark, note and tag the record shown, in marks.yaml beside the data
(core/marks.py; the user's file, not the app's state), and which records are marked, for
the ★ in the lists. A base class of CuratingScreen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.i18n import N_, tr
from kzt_tui.navigation import Navigation
from kzt_tui.screens.parts import ExplorerParts


class MarkingScreen(ExplorerParts):
    """What ExplorerScreen does with marks."""

    nav: Navigation

    if TYPE_CHECKING:  # the table's (screens/table_control.py), after this in the MRO
        def _relist(self) -> None: ...

    def _marks_path(self) -> Path | None:
        from kzt_tui.core.marks import marks_path

        data = kzt_app(self).data_path
        return marks_path(data) if data is not None else None

    def marked_ids(self) -> frozenset[str]:
        """The ids marked in marks.yaml, as the list just read them (core/marks.py reads
        the file again only when it changed, once for the ★ and the filter); none when
        there is no file, or it cannot be read (`kzt-tui mark` says why)."""
        from kzt_tui.core.marks import marks_of

        if self._marks_path() is None:
            return frozenset()
        corpus = kzt_app(self).session.corpus
        return frozenset(i for i, m in marks_of(corpus).items() if m.marked)

    def _record_id(self) -> str | None:
        record = self.nav.selection.record
        return record.id if record is not None else None

    def _change_marks(self, change: str, value: str = "") -> str | None:
        """Mark, note or tag the record shown; what was done, or None (and said) when the
        marks file cannot be written."""
        from kzt_tui.core.marks import Marks
        from kzt_tui.core.problems import DataError
        from kzt_tui.core.shipped import READ_ONLY, ShippedError

        record_id, path = self._record_id(), self._marks_path()
        if record_id is None or path is None:
            return None
        lang = kzt_app(self).lang
        try:
            marks = Marks(path)
            if change == "mark":
                was = marks.get(record_id).marked
                (marks.unmark if was else marks.mark)(record_id)
                done = tr(N_("Unmarked {id}") if was else N_("Marked {id}"), lang)
            elif change == "note":
                marks.note(record_id, value)
                done = tr(N_("Note on {id} kept"), lang)
            else:
                marks.tag(record_id, value.strip())
                done = tr(N_("Tagged {id}"), lang)
        except (DataError, OSError, ValueError) as exc:
            why = exc.problems[0] if isinstance(exc, DataError) else exc
            shown = tr(READ_ONLY, lang) if isinstance(exc, ShippedError) else str(why)
            self.notify(shown, title=tr(N_("Marks not changed"), lang), severity="error")
            return None
        self._relist()
        return done.format(id=record_id)

    def action_mark(self) -> None:
        done = self._change_marks("mark")
        if done:
            self.notify(done)

    def _ask(self, change: str, title: str, initial: str) -> None:
        from kzt_tui.core.curate.form import FormField
        from kzt_tui.core.curate.store import CurateError
        from kzt_tui.core.textnorm import one_line
        from kzt_tui.dialogs.record_form import RecordForm

        def save(typed: dict[str, str]) -> str:
            value = typed.get(change, "")
            if initial and value == one_line(initial):
                value = initial  # shown with ⏎ and ␛ in a one-line box, but not changed
            if change == "tag" and not value.strip():
                raise CurateError(tr(N_("type a tag: a word without spaces"),
                                     kzt_app(self).lang))
            done = self._change_marks(change, value)
            if done is None:
                raise CurateError(tr(N_("Marks not changed"), kzt_app(self).lang))
            return done

        def told(done: str | None) -> None:
            if done:
                self.notify(done)

        field = FormField(change, change == "tag", "text")
        kzt_app(self).push_to_read(RecordForm(title, [field], {change: initial}, save,
                                              kzt_app(self).lang), told)

    def action_note(self) -> None:
        from kzt_tui.core.marks import Marks
        from kzt_tui.core.problems import DataError

        record_id, path = self._record_id(), self._marks_path()
        if record_id is None or path is None:
            return
        try:
            note = Marks(path).get(record_id).note or ""
        except (DataError, OSError):  # said when the note is saved, with its reason
            note = ""
        self._ask("note", tr(N_("Note on {id}"), kzt_app(self).lang).format(id=record_id),
                  note)

    def action_tag(self) -> None:
        record_id = self._record_id()
        if record_id is not None:
            self._ask("tag", tr(N_("Tag {id}"), kzt_app(self).lang).format(id=record_id), "")
