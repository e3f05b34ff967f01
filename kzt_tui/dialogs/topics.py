"""Show topic…: pick a topic, see every record that carries it grouped by section, and open
one in its own pane."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import row_text
from kzt_tui.core.i18n import N_, tr, vocab
from kzt_tui.core.textnorm import one_line
from kzt_tui.core.topics import on_topic, topic_counts
from kzt_tui.widgets.key_bar import KeyBar

#: Option ids: a topic, or a record to open.
TOPIC, RECORD = "topic:", "record:"


class TopicList(OptionList):
    """The topics or a topic's records, moved through with j/k/g/G too, as the facet's
    values and every list of the app are (widgets/cursor_view.py)."""

    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False),
                Binding("g", "first", show=False), Binding("G", "last", show=False)]


class TopicScreen(ModalScreen[str | None]):
    """First the topics (with how many records carry each), then the records of the one
    chosen, under their sections' headings; enter opens a record (the dialog returns its
    id), escape goes back to the topics, then closes."""

    DEFAULT_CSS = """
    TopicScreen { align: center middle; }
    TopicScreen > Vertical { width: 100; max-width: 95%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    TopicScreen #topic-title { height: 1; text-style: bold; }
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
        with Vertical():
            yield Static(id="topic-title", markup=False)
            yield TopicList(id="topic-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_topics()

    def show_topics(self, select: str | None = None) -> None:
        """The list of topics (the cursor on `select`)."""
        self.topic = None
        self.query_one("#topic-title", Static).update(
            Text(tr("Show topic… — every record on one topic, across sections", self.lang)))
        options = self.query_one(OptionList)
        options.clear_options()
        counts = topic_counts(self.corpus)
        options.add_options([Option(Text(f"{vocab(topic, self.lang)}  ({n})"), id=TOPIC + topic)
                             for topic, n in counts])
        if select is not None:
            options.highlighted = next((i for i, (t, _) in enumerate(counts) if t == select), 0)
        elif counts:
            options.highlighted = 0
        options.focus()
        self.refresh_bindings()

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
        if self.topic is not None:
            self.show_topics(select=self.topic)
        else:
            self.dismiss(None)
