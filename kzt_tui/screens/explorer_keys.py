"""The explorer's actions, as declared data: each has a key, a short footer label, a name in
plain words for the command palette and a line of help. The footer shows a few, the help
screen and the palette all of them. Those three texts and the GROUPS headings are msgids of
the message catalogue (tools/i18n.py collects them from these tables) shown through `tr`."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from kzt_tui.core.i18n import N_, tr
from kzt_tui.panes import PANES


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the explorer can do."""

    key: str  # "" for an action of the palette alone (no binding, so not in help)
    action: str
    footer: str  # the short label the footer shows
    command: str  # its name in the command palette, in plain words
    help: str
    id: str
    show: bool = False
    key_display: str | None = None
    #: Where help lists it: panes, list, detail, source, copy or data (GROUPS).
    group: str = "more"
    #: The focused parts whose footer shows it (list, detail, source); () is every part
    #: when `show`, none otherwise.
    where: tuple[str, ...] = ()
    #: Values the texts name ("{pane}"), each a msgid too: (field, msgid).
    args: tuple[tuple[str, str], ...] = ()
    #: It acts on the selected passage: the footer shows it while there is one, before
    #: the other keys (at 80 columns they were cut off the end of the line), and not
    #: otherwise.
    on_selection: bool = False
    #: Words a user may type for it in the palette beside those of its name, English and
    #: Russian (core/palette.py): "coverage" for the unaccounted sentences. Not shown.
    words: str = ""

    def say(self, text: str, lang: str) -> str:
        """One of this action's texts (footer, command, help) in `lang`."""
        if not self.args:
            return tr(text, lang)
        return tr(text, lang).format(**{k: tr(v, lang) for k, v in self.args})

    def shown_in(self, part: str) -> bool:
        """Whether the footer shows this action while `part` has the focus."""
        return part in self.where if self.where else self.show

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.say(self.footer, "en"), show=self.show,
                       id=self.id, tooltip=self.say(self.help, "en"),
                       key_display=self.key_display)


#: The groups of the help screen, in order, with their headings.
GROUPS: tuple[tuple[str, str], ...] = (
    ("panes", "Panes and going back"),
    ("list", "The list"),
    ("detail", "The detail"),
    ("source", "Reading the source"),
    ("copy", "Copying"),
    ("data", "Search, export and language"),
    ("curate", N_("Curating: select a passage, make a record, mark")),
    ("more", "More"),
)

LIST, DETAIL, SOURCE = ("list",), ("detail",), ("source",)
EVERYWHERE = ("list", "detail", "source")

#: The curating keys (screens/curating.py): a passage selected in the source becomes a
#: record or a citation, written by core/curate; marks go to marks.yaml beside the data.
CURATE_ACTIONS: tuple[Action, ...] = (
    Action("V", "select_sentence", N_("Sentence"), N_("Select sentence"),
           N_("source: select the sentence where you read (again: the next sentence)"),
           "select-sentence", group="curate", where=SOURCE,
           words="selection выделить предложение"),
    Action("v", "start_selection", N_("Select"), N_("Start selection"),
           N_("source: select the word where you read, then extend it"),
           "start-selection", group="curate",
           words="select selection выделить"),
    Action("full_stop", "extend('word', 1)", N_("+word"), N_("Extend selection by word"),
           N_("the selection takes the next word"), "extend-word", key_display=".",
           group="curate",
           words="select selection grow выделение"),
    Action("comma", "extend('word', -1)", N_("-word"), N_("Shrink selection by word"),
           N_("the selection gives back its last word"), "shrink-word", key_display=",",
           group="curate",
           words="select selection выделение"),
    Action("right_parenthesis", "extend('sentence', 1)", N_("+sentence"),
           N_("Extend selection by sentence"),
           N_("the selection reaches the end of its sentence, or of the next one"),
           "extend-sentence", key_display=")", group="curate",
           words="select selection grow выделение"),
    Action("left_parenthesis", "extend('sentence', -1)", N_("-sentence"),
           N_("Shrink selection by sentence"),
           N_("the selection gives back its last sentence"), "shrink-sentence",
           key_display="(", group="curate",
           words="select selection выделение"),
    Action("a", "new_record('')", N_("New record"), N_("New record from selection…"),
           N_("ask which section, then a form prefilled from the selection; ^s saves"),
           "new-record", group="curate", on_selection=True,
           words="create add fact statement figure curate создать запись"),
    Action("A", "cite_selection", N_("Cite in…"), N_("Add citation to…"),
           N_("add the selection as a citation of a record you choose"), "cite-selection",
           group="curate", on_selection=True,
           words="cite citation quote curate цитата процитировать"),
    # no key: the form of a new record offers the same ("Cite in <id>") where it applies
    Action("", "cite_in_citing", N_("Cite in its record"),
           N_("Cite in the record that already cites this"),
           N_("add the selection as a citation of the record that already cites (part of) "
              "it, the first if several do"), "cite-in-citing", group="curate",
           words="cite citation again same existing record curate цитата процитировать"),
    Action("D", "dismiss_selection", N_("Dismiss"), N_("Dismiss sentence"),
           N_("record that the selected passage needs no record, with a reason"),
           "dismiss", group="curate", on_selection=True,
           words="ignore skip unaccounted coverage отвести пропустить"),
    Action("E", "edit_record", N_("Edit"), N_("Edit this record"),
           N_("a form prefilled with the record kzt-tui wrote; ^s saves it in place, "
              "^z undoes"), "edit-record", group="curate",
           words="change correct fix typo modify amend update изменить исправить "
                 "редактировать"),
    Action("ctrl+z", "undo_write", N_("Undo"), N_("Undo last write"),
           N_("take back kzt-tui's last write to the dataset"), "undo-write",
           group="curate",
           words="revert take back cancel отменить откат"),
    Action("m", "mark", N_("Mark"), N_("Mark"),
           N_("mark or unmark the record (★ in lists; kept in marks.yaml beside the data)"),
           "mark", group="curate",
           words="star bookmark favourite отметить звезда"),
    Action("M", "note", N_("Note"), N_("Add note"),
           N_("write a note on the record (in marks.yaml)"), "note", group="curate",
           words="comment annotate заметка примечание"),
    Action("T", "tag", N_("Tag"), N_("Tag"),
           N_("tag the record with a word (in marks.yaml)"), "tag", group="curate",
           words="label метка тег"),
    Action("plus", "add_source", N_("Add source"), N_("Add source…"),
           N_("add a text file as a new source document; asks for what the text does not say"),
           "add-source", key_display="+", group="curate",
           words="new document text import file article curate источник документ"),
)

ACTIONS: tuple[Action, ...] = (
    *(Action(p.key, f"pane('{p.name}')", p.title, "Show the {pane} pane",
             "{pane} pane: {blurb}", f"pane-{p.name}", group="panes",
             args=(("pane", p.title), ("blurb", p.blurb)))
      for p in PANES),
    Action("0", "show_topic", "Topics", "Show topic…",
           "every record on one topic (water, gas, transport…) across sections, by section",
           "topics", group="panes",
           words="topics subject theme тема темы"),
    Action("slash", "filter", "Filter", "Filter the list",
           "filter this list as you type (any script, ё = е); esc clears", "filter",
           show=True, group="list", where=LIST,
           words="find narrow within фильтр"),
    Action("right_square_bracket", "cite(1)", "Next cite", "Next citation",
           "next passage that states this item; the source view follows", "next-cite",
           show=True, key_display="]", group="detail", where=("list", "detail"),
           words="cite citations passage quote source цитата"),
    Action("left_square_bracket", "cite(-1)", "Prev cite", "Previous citation",
           "previous passage that states this item", "prev-cite", group="detail",
           words="cite citations passage quote source цитата"),
    Action("y", "copy('reference')", "Copy", "Copy the passage with its reference",
           "copy the passage with its reference (title, outlet, date, paragraph, line)",
           "copy", show=True, group="copy", where=EVERYWHERE,
           words="cite citation reference clipboard quote копировать ссылка цитата"),
    Action("Y", "copy('quote')", "Copy quote", "Copy the quote alone",
           "copy the verbatim quote alone", "copy-quote", group="copy",
           words="cite clipboard копировать цитата"),
    Action("t", "copy('translation')", "Copy +EN", "Copy with translation",
           "copy the passage, its English translation and its reference", "copy-translation",
           group="copy",
           words="cite english translation clipboard копировать перевод"),
    Action("w", "copy('sentences')", "Copy sentences", "Copy the whole sentences",
           "copy the whole sentence(s) around the quote, verbatim, with their reference",
           "copy-sentences", group="copy",
           words="cite context clipboard копировать"),
    Action("B", "copy('sides')", "Copy sides", "Copy both sides",
           "on a discrepancy: copy every side with its passages, translations and references",
           "copy-sides", group="copy",
           words="discrepancy clipboard копировать стороны"),
    Action("o", "open_document", "Open doc", "Open the cited document at this passage",
           "open the cited document in the Documents pane at this passage", "open-doc",
           show=True, group="detail", where=("list", "detail"),
           words="source text read jump документ открыть"),
    Action("j", "read(1)", "Line", "Read line by line",
           "source: down one line (k, arrows: up and down); the header follows", "read",
           key_display="j/k", group="source", where=SOURCE,
           words="scroll lines source читать"),
    Action("n", "passage(1)", "Passage", "Next passage",
           "source: the next cited passage of this text, put at the top", "next-passage",
           key_display="n/N", group="source", where=SOURCE,
           words="cited quote citation цитата"),
    Action("N", "passage(-1)", "Prev passage", "Previous passage",
           "source: the previous cited passage of this text", "prev-passage",
           group="source",
           words="cited quote citation цитата"),
    Action("u", "unaccounted(1)", "Unaccounted", "Next unaccounted sentence",
           "source: the next unaccounted sentence: no record cites it, no dismissal covers it",
           "next-gap",
           key_display="u/U", group="source", where=SOURCE,
           words="coverage gaps uncovered missing покрытие пробелы неучтённые"),
    Action("U", "unaccounted(-1)", "Prev unaccounted", "Previous unaccounted sentence",
           "source: the previous unaccounted sentence", "prev-gap", group="source",
           words="coverage gaps uncovered missing покрытие пробелы неучтённые"),
    Action("z", "widen", "Widen", "Widen the source",
           "the source takes the whole width; z again gives the width back", "widen",
           group="source", where=SOURCE,
           words="wide width full maximise maximize ширина"),
    Action("backspace", "back", "Back", "Go back",
           "go back to where you were before the last jump or pane switch (the line under "
           "the tabs shows where)", "back", group="panes",
           words="return previous history назад вернуться"),
    Action("escape", "escape", "Close/clear", "Close or clear the filter",
           "close or clear what is open (the filter); never changes the pane", "escape",
           group="panes",
           words="cancel clear close закрыть очистить"),
    Action("s", "search", "Search", "Search every fact and source",
           "search all facts and the full text of every source; up/down in the box bring "
           "back earlier queries; enter jumps there", "search",
           show=True, group="data", where=("list", "detail"),
           words="find lookup query full text поиск найти"),
    Action("L", "toggle_language", "EN/RU", "Switch between English and Russian",
           "switch labels and titles between English and Russian", "language",
           group="data", where=LIST,
           words="language english russian locale translate язык русский английский"),
    Action("l,right", "column(1)", "Col →", "Next column",
           "move the column cursor right (the column < > sort and F facets)", "next-column",
           key_display="l/→", group="list", where=LIST,
           words="columns столбец"),
    Action("h,left", "column(-1)", "Col ←", "Previous column",
           "move the column cursor left", "prev-column", key_display="h/←",
           group="list",
           words="columns столбец"),
    Action("less_than_sign", "sort(False)", "Sort ▲", "Sort by this column",
           "sort the list by the column under the column cursor, ascending (again: the "
           "pane's own order); empty values last", "sort-up", key_display="<",
           group="list", where=LIST,
           words="order arrange ascending сортировать порядок"),
    Action("greater_than_sign", "sort(True)", "Sort ▼", "Sort by this column, descending",
           "sort by the column under the column cursor, descending; empty values last",
           "sort-down", key_display=">",
           group="list",
           words="order arrange descending сортировать порядок"),
    Action("F", "facet", "Facet", "Facet by this column",
           "count each value of the column (a facet); enter keeps the records of one",
           "facet", group="list", where=LIST,
           words="group count values фасет"),
    Action("x", "unfacet", "Unfacet", "Remove the last facet",
           "remove the last facet chosen (with none, clear the filter)", "unfacet", group="list",
           words="facet remove clear фасет"),
    Action("c", "compare", "Compare", "Compare with…",
           "mark this record (and passage) for comparison; c on another opens both side "
           "by side", "compare", group="more",
           words="side by side diff сравнить"),
    Action("C", "close_compare", "Close compare", "Close compare",
           "close the compare view, or forget the record marked for it", "close-compare",
           group="more",
           words="compare side by side сравнить"),
    Action("e", "export", "Export", "Export the list or the item",
           "export the list (as filtered) or the item: .md .json .csv .csl.json .bib .ris "
           ".sqlite", "export", group="data", where=LIST,
           words=("save file write markdown json csv bibtex ris csl sqlite "
                  "bibliography citations экспорт сохранить")),
    *CURATE_ACTIONS,
)

#: The words a user may type in the palette for each of the app's own keys (app.py
#: BINDINGS, by id), as Action.words for the explorer's.
APP_WORDS: dict[str, str] = {
    "help": "keys shortcuts bindings справка клавиши",
    "quit": "exit close выход выйти",
    "show-last-copy": "clipboard paste copied буфер",
}

#: Every explorer key; check_action (screens/explorer.py) hides what is unavailable now.
EXPLORER_BINDINGS: list[BindingType] = [a.binding() for a in ACTIONS if a.key]
