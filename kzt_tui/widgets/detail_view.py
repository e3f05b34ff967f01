"""The selected record: every field, related records as links, and its citations."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from typing import assert_never

from rich.text import Text

from kzt_tui.core.cite import outlet_name
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import citations_for, fields, format_value, names_in, row_text
from kzt_tui.core.i18n import N_, tr, vocab
from kzt_tui.core.model import (
    Agreement,
    Corridor,
    Discrepancy,
    Document,
    Event,
    Figure,
    Organisation,
    Person,
    Record,
    Statement,
    section_of,
)
from kzt_tui.core.textnorm import displayable, one_line
from kzt_tui.widgets.line_view import Block, LineView


@dataclass(frozen=True, slots=True)
class CiteKey:
    """The key of the block of passage `index` (from 0) among the record's citations."""

    index: int


@dataclass(frozen=True, slots=True)
class LinkKey:
    """The key of the block that links to the record `target`."""

    target: str


#: The most figures a chart draws (those nearest the one shown, in period order).
MOST_BARS = 24


@dataclass(frozen=True, slots=True)
class DrawnBlock(Block):
    """A line drawn for the width it is shown at (a chart's bars, its axis)."""

    draw: Callable[[int], Text] = lambda _width: Text("")


#: What a selectable block of the detail stands for.
DetailKey = CiteKey | LinkKey


def detail_key(key: Hashable) -> DetailKey | None:
    """`key` (of a detail block, from a message) as a DetailKey; None if it is not one."""
    return key if isinstance(key, CiteKey | LinkKey) else None


#: Relations whose English word is a msgid of another meaning ("about" is the qualifier
#: "около"): the msgid they are translated from instead.
RELATION_MSGIDS = {"about": N_("is about")}


def relation_words(relation: str, lang: str) -> str:
    """A link's relation (core/corpus.py) as the interface says it."""
    return relation if lang == "en" else tr(RELATION_MSGIDS.get(relation, relation), lang)


#: The least width of the detail's label column (its widest label widens it).
LABEL_WIDTH = 12


def _heading(label: str) -> Block:
    return Block(Text(f"── {label} ", style="bold #87afd7"))


def _where(corpus: Corpus, doc_id: str, line: int | None, lang: str) -> str:
    doc = corpus.document(doc_id)
    where = one_line(tr(outlet_name(doc), lang))  # "outlet not named" is a msgid
    return (f"{where}, {doc.date or tr('undated', lang)}"
            + (", " + tr("line {n}", lang).format(n=line) if line else ""))


def detail_blocks(corpus: Corpus, record: Record, lang: str) -> list[Block]:
    """Blocks for `record`: a LinkKey follows a relation, a CiteKey picks a passage."""
    section = section_of(record)
    heading = section.heading if lang == "en" else tr(section.singular, lang).upper()
    blocks = [Block(Text.assemble((heading, "bold reverse"), " ",
                                  (record.id, "dim")))]
    shown = fields(record, lang, names_in(corpus, lang))  # names, not ids
    stated_by = corpus.documents_of(record) if not isinstance(record, Document) else []
    # the label column as wide as its widest label ("Заголовок (en)" is 14), 12 at least
    width = max([LABEL_WIDTH, *(len(label) for label, _ in shown),
                 *([len(tr("Stated by", lang))] if stated_by else [])])
    for label, value in shown:
        body = Text(displayable(value))
        blocks.append(Block(body, None, Text(label.ljust(width) + " ", style="bold")))
    blocks += _visual_blocks(corpus, record, lang)
    if stated_by:
        total = len(corpus.section("documents"))
        sources = tr("{n} of {total} sources", lang).format(n=len(stated_by), total=total)
        titles = "; ".join(one_line(corpus.document(doc).label(lang)) for doc in stated_by)
        blocks.append(Block(Text(f"{titles} ({sources})"),
                            None, Text(tr("Stated by", lang).ljust(width) + " ",
                                       style="bold")))
    flags = corpus.discrepancies_of(record.id)
    if flags:
        blocks.append(Block(Text("⚠ " + tr("Sources disagree: {n} discrepancy record(s) — see "
                                           "the links below", lang).format(n=len(flags)),
                                 style="bold #ff8700")))
    links = corpus.links(record.id)
    if links:
        blocks.append(_heading(tr("Related ({n})", lang).format(n=len(links))))
        for link in links:
            target = corpus.get(link.target)
            if target is None:
                continue
            body = Text.assemble((f"→ {relation_words(link.relation, lang)}: ", "#87afd7"),
                                 one_line(row_text(target, lang)))
            blocks.append(Block(body, LinkKey(link.target)))
    cites = citations_for(corpus, record)
    if isinstance(record, Document):
        blocks.append(_heading(tr("Facts this text supports ({n} passages)", lang).format(
            n=len(cites))))
        facts = corpus.facts_of(record.id)
        for n, cite in enumerate(cites):
            users = [f.record for f in facts if f.citation.span == cite.span]
            names = "; ".join(f"{tr(section_of(u).singular, lang)}: "
                              f"{u.label(lang)}" for u in users[:3])
            if len(users) > 3:
                names += "; " + tr("+{n} more", lang).format(n=len(users) - 3)
            line = cite.span.line_start if cite.span else None
            where = tr("line {n}", lang).format(n=line)
            body = Text.assemble((f"[{n + 1}] {where} ", "bold"),
                                 one_line(names), "\n",
                                 (f"«{one_line(cite.quote)}»", "italic"))
            blocks.append(Block(body, CiteKey(n)))
        return blocks
    documents = corpus.documents_of(record)
    blocks.append(_heading(tr("Citations ({n}) from {sources} source(s)", lang).format(
        n=len(cites), sources=len(documents))))
    for n, cite in enumerate(cites):
        line = cite.span.line_start if cite.span else None
        body = Text.assemble(
            (f"[{n + 1}] {cite.doc} · {_where(corpus, cite.doc, line, lang)}", "bold"), "\n",
            (f"«{displayable(cite.quote)}»", "#ffd75f"), "\n",
            (displayable(cite.translation), "italic #a8a8a8"),
        )
        if cite.note:
            body.append("\n" + tr("note: {note}", lang).format(note=displayable(cite.note)),
                        style="dim")
        blocks.append(Block(body, CiteKey(n)))
    return blocks


def _visual_blocks(corpus: Corpus, record: Record, lang: str) -> list[Block]:
    match record:
        case Figure():
            return _chart_blocks(corpus, record, lang)
        case Corridor():
            # imported with the first corridor shown (a figure's chart likewise), not at start
            from kzt_tui.core.compare import shared_nodes
            from kzt_tui.widgets.visuals import route

            out = [_heading(tr("Route", lang)), Block(route(record))] if record.nodes else []
            for other, nodes in shared_nodes(corpus, record):
                body = Text.assemble(("⇄ " + tr("shares", lang) + " ", "#87afd7"),
                                     one_line(", ".join(nodes)),
                                     (" " + tr("with", lang) + " ", "#87afd7"),
                                     one_line(other.label(lang)))
                out.append(Block(body, LinkKey(other.id)))
            return out
        case (Document() | Agreement() | Person() | Organisation() | Event() | Discrepancy()
              | Statement()):
            return []  # nothing to draw
        case _:
            assert_never(record)


def _chart_blocks(corpus: Corpus, figure: Figure, lang: str) -> list[Block]:
    """The figure's chart (only like with like: core/compare.py), drawn at the width shown,
    and the figures of its group left out of it, with why."""
    from kzt_tui.core.compare import chart_of, why_not
    from kzt_tui.widgets.visuals import chart_lines, legend

    chart = chart_of(corpus, figure)
    out: list[Block] = []
    if len(chart.bars) > 1:
        title = tr("Chart: {measure} · {unit} · {period} ({n} figures)", lang).format(
            measure=chart.measure.replace("_", " "), unit=vocab(chart.unit, lang),
            period=chart.kind.say(lang), n=len(chart.bars))
        out.append(_heading(title))
        here = next(i for i, b in enumerate(chart.bars) if b.current)
        start = max(0, min(here - MOST_BARS // 2, len(chart.bars) - MOST_BARS))
        drawn = replace(chart, bars=chart.bars[start : start + MOST_BARS])
        made: dict[int, list[Text]] = {}  # the chart's lines at each width drawn

        def lines(width: int) -> list[Text]:
            if width not in made:
                made.clear()
                made[width] = chart_lines(drawn, lang, width)
            return made[width]

        for n in range(len(lines(40))):
            def draw(width: int, n: int = n) -> Text:
                return lines(width)[n].copy()
            out.append(DrawnBlock(draw(40), draw=draw))
        if len(drawn.bars) < len(chart.bars):
            out.append(Block(Text(tr("({n} more not drawn: the {most} nearest in period are)",
                                     lang).format(n=len(chart.bars) - len(drawn.bars),
                                                  most=MOST_BARS), style="dim")))
        out.append(Block(Text(legend(lang), style="dim")))
    if chart.left_out:
        out.append(_heading(tr("Not charted with it ({n})", lang).format(
            n=len(chart.left_out))))
        for other, _english in chart.left_out:
            why = why_not(figure, other, lang)
            body = Text.assemble((f"{format_value(other, lang)} ", "bold"),
                                 one_line(other.label(lang)), (f" — {why}", "dim"))
            out.append(Block(body, LinkKey(other.id)))
    return out


class DetailView(LineView):
    """Fields, links and citations of the selected record. A record opens at its top (title,
    kind, status in view) whatever block the cursor is on; home/end and g/G scroll to the
    top and the bottom."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._at_top = False  # shown from the top until the cursor is moved

    def show(self, blocks: list[Block], cursor_key: Hashable | None = None) -> None:
        """Show `blocks` from the top, the cursor on `cursor_key`: the view is not scrolled
        to the cursor's block first (a passage below the fields, on most list keys) only to
        be scrolled back (issue 18)."""
        self.set_blocks(blocks, cursor_key, cursor_in_view=False)
        self._at_top = True

    def _set_cursor(self, n: int, notify: bool = True) -> None:
        self._at_top = False
        super()._set_cursor(n, notify)

    def _rewrap_in_place(self) -> None:
        if self._at_top and not self.scroll_offset.y:
            self._height_before = self.size.height
            self._rewrap()
            return
        super()._rewrap_in_place()

    def action_first(self) -> None:
        self.scroll_to(0, 0, animate=False, immediate=True)

    def action_last(self) -> None:
        self._at_top = False
        self.scroll_to(0, self.max_scroll_y, animate=False, immediate=True)

    def _wrap(self, block: Block, width: int) -> list[Text]:
        if isinstance(block, DrawnBlock):
            line = block.draw(width)
            line.truncate(width, overflow="ellipsis")
            return [line]
        return super()._wrap(block, width)
