"""Show topic…: pick a topic, see every record that carries it grouped by section, and open
one in its own pane."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import row_text
from kzt_tui.core.i18n import N_, tr, vocab
from kzt_tui.core.textnorm import fold, one_line
from kzt_tui.core.topics import on_topic, topic_counts
from kzt_tui.widgets.key_bar import KeyBar

#: Option ids: a topic, or a record to open.
TOPIC, RECORD = "topic:", "record:"


class TopicList(OptionList):
    """The topics or a topic's records, moved through with j/k/g/G too, as the facet's
    values and every list of the app are (widgets/cursor_view.py)."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False),
                Binding("g", "first", show=False), Binding("G", "last", show=False)]


def topic_matches(topic: str, label: str, typed: str) -> bool:
    """Whether the topic (its key or its label in the interface's language) holds every
    word typed, case- and ё-insensitive: "wat" and "вод" both find water."""
    words = fold(typed).split()
    haystack = fold(f"{topic} {label}")
    return all(word in haystack for word in words)


class TopicScreen(ModalScreen[str | None]):
    """First the topics (with how many records carry each), filtered as the user types, as
    the palette is; then the records of the one chosen, under their sections' headings;
    enter takes the highlighted line (a topic, then a record: the dialog returns its id),
    escape clears what was typed, goes back to the topics, then closes."""

    DEFAULT_CSS = """
    TopicScreen { align: center middle; }
    TopicScreen > Vertical { width: 100; max-width: 95%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    TopicScreen #topic-title { height: 1; text-style: bold; }
    TopicScreen #topic-filter { border: none; height: 1; padding: 0; background: $boost; }
    TopicScreen OptionList, TopicScreen OptionList:focus { height: 1fr; border: none; }
    """
    BINDINGS = [Binding("escape", "back", N_("Back"))]

    def footer_keys(self, active: object = None) -> list[tuple[str, str, str, bool]]:
        """What the footer shows here (widgets/key_bar.py); the bindings are not needed."""
        return [("enter", "enter", N_("Open") if self.topic else N_("Show its records"), True),
                ("escape", "esc", N_("Topics") if self.topic else N_("Close"), True),
                ("down", "↑↓", N_("Move"), True)]  # msgids: the key bar translates them

    def __init__(self, corpus: Corpus, lang: str) -> None:
        super().__init__()
        self.corpus, self.lang = corpus, lang
        #: The topic whose records are shown (None: the list of topics).
        self.topic: str | None = None

    def compose(self) -> ComposeResult:
        from kzt_tui.widgets.safe_input import SafeInput

        with Vertical():
            yield Static(id="topic-title", markup=False)
            yield SafeInput(placeholder=tr("type to filter the topics", self.lang),
                            id="topic-filter", select_on_focus=False, on_leave=self._box_key)
            yield TopicList(id="topic-list")
        yield KeyBar()

    def on_mount(self) -> None:
        # Watched, not messaged: the list is filtered as the box changes, before the keys
        # after it in a burst ("tra↓⏎": the ↓ moved the highlight of the list before "tra"
        # had filtered it, and the filtering put it back on the first topic).
        self.watch(self.query_one("#topic-filter", Input), "value", self._typed, init=False)
        self.show_topics()

    def show_topics(self, select: str | None = None) -> None:
        """The list of topics, as filtered by what is typed (the cursor on `select`)."""
        self.topic = None
        self.query_one("#topic-title", Static).update(
            Text(tr("Show topic… — every record on one topic, across sections", self.lang)))
        box = self.query_one("#topic-filter", Input)
        box.display = True
        self._list_topics(box.value, select)
        box.focus()
        self.refresh_bindings()

    def _list_topics(self, typed: str, select: str | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        counts = [(topic, n) for topic, n in topic_counts(self.corpus)
                  if topic_matches(topic, vocab(topic, self.lang), typed)]
        options.add_options([Option(Text(f"{vocab(topic, self.lang)}  ({n})"), id=TOPIC + topic)
                             for topic, n in counts])
        if select is not None:
            options.highlighted = next((i for i, (t, _) in enumerate(counts) if t == select), 0)
        elif counts:
            options.highlighted = 0

    def _typed(self, value: str) -> None:
        if self.topic is None:
            self._list_topics(value)

    @on(Input.Submitted, "#topic-filter")
    def _take_highlighted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if self.topic is None and options.highlighted is not None:
            option_id = options.get_option_at_index(options.highlighted).id or ""
            self.show_records(option_id.removeprefix(TOPIC))

    def _box_key(self, key: str) -> bool:
        """↑/↓ while typing move the highlight in the list below (the box's own ↑/↓ would
        scroll it), as the box reads them: after the letters before them in a burst."""
        options = self.query_one(OptionList)
        if key == "down":
            options.action_cursor_down()
        elif key == "up":
            options.action_cursor_up()
        else:
            return False
        return True

    def show_records(self, topic: str) -> None:
        """The records carrying `topic`, section by section."""
        self.topic = topic
        groups = on_topic(self.corpus, topic)
        total = sum(len(records) for _, records in groups)
        self.query_one("#topic-title", Static).update(Text(
            tr("Topic: {topic} — {total} record(s) in {sections} section(s)", self.lang).format(
                topic=vocab(topic, self.lang), total=total, sections=len(groups))))
        options = self.query_one(OptionList)
        options.clear_options()
        first = None
        for section, records in groups:
            options.add_option(Option(Text(f"{tr(section.title, self.lang)} ({len(records)})",
                                           style="bold underline"), disabled=True))
            for record in records:
                line = Text("  " + one_line(row_text(record, self.lang)))
                options.add_option(Option(line, id=RECORD + record.id))
                if first is None:
                    first = options.option_count - 1
        options.highlighted = first
        self.query_one("#topic-filter", Input).display = False
        options.focus()
        self.refresh_bindings()  # the footer says what enter and esc do now

    @on(OptionList.OptionSelected, "#topic-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith(TOPIC):
            self.show_records(option_id.removeprefix(TOPIC))
        elif option_id.startswith(RECORD):
            self.dismiss(option_id.removeprefix(RECORD))

    def action_back(self) -> None:
        box = self.query_one("#topic-filter", Input)
        if self.topic is not None:
            self.show_topics(select=self.topic)
        elif box.value:
            box.value = ""  # esc clears what was typed, then closes
        else:
            self.dismiss(None)
