"""Cross-record views: which figures may share a chart, corridors that share nodes.

A chart compares like with like only: the same group, measure (turnover, exports and imports
are not one series) and unit, over periods of the same kind (a calendar year is not nine
months; a period whose bounds are not stated is compared with no dated one, nor one dated
"as of" or "by" a date with one from a date). Targets, plans,
forecasts and estimates, and values that are "about" or "more than", stay in the chart but
are marked as such (`Bar.solid`), so the drawing can tell them from measured values.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import tr, trn, vocab
from kzt_tui.core.model import Citation, Corridor, Discrepancy, Figure, Period, Side
from kzt_tui.core.textnorm import skeleton

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True, order=True)
class PeriodKind:
    """How long a period is: `count` units of `unit` ("month", "day"); "until" (an end
    alone: "as of November 2025", "by 2027") or "from" (a start alone), dated but of no
    stated length; or "unstated" (neither bound: no date at all, never beside a dated one)."""

    unit: str
    count: int = 0

    @property
    def text(self) -> str:
        """"calendar year", "9 months", "2 days", "period not stated"."""
        return self.say("en")

    def say(self, lang: str) -> str:
        """`text` in `lang`."""
        if self.unit == "unstated":
            return tr("period not stated", lang)
        if self.unit == "until":
            return tr("to a date, length not stated", lang)
        if self.unit == "from":
            return tr("from a date, length not stated", lang)
        if self.unit == "month" and self.count % 12 == 0:
            years = self.count // 12
            return (tr("calendar year", lang) if years == 1 else
                    trn("{n} calendar year", "{n} calendar years", years, lang).format(n=years))
        if self.unit == "month":
            return trn("{n} month", "{n} months", self.count, lang).format(n=self.count)
        return trn("{n} day", "{n} days", self.count, lang).format(n=self.count)


UNSTATED = PeriodKind("unstated")
#: A period with an end alone ("as of November 2025", "by 2027"): dated, its length unknown.
UNTIL = PeriodKind("until")
#: A period with a start alone ("from 2025"): dated, its length unknown.
FROM = PeriodKind("from")


def _bound(text: str, end: bool) -> tuple[int, int, int | None] | None:
    """`text` ("2024", "2025-09", "2025-11-24") as (year, month, day or None); a year or a
    month alone stands for its first month or day at the start, its last at the end."""
    m = _DATE.fullmatch(text.strip())
    if m is None:
        return None
    year = int(m[1])
    if year < 1:
        return None
    month = int(m[2]) if m[2] else (12 if end else 1)
    if not 1 <= month <= 12:
        return None
    day = int(m[3]) if m[3] else None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return year, month, day


def period_kind(period: Period | None) -> PeriodKind:
    """The kind of `period`, from its start and end (never from its label): one bound
    alone makes it dated but of no stated length (UNTIL, FROM), apart from a period with
    no bound, which states no date (UNSTATED); a bound that is no date counts as none."""
    start_text = period.start if period is not None else None
    end_text = period.end if period is not None else None
    if not start_text or not end_text:
        if end_text and _bound(end_text, True) is not None:
            return UNTIL
        if start_text and _bound(start_text, False) is not None:
            return FROM
        return UNSTATED
    start, end = _bound(start_text, False), _bound(end_text, True)
    if start is None or end is None:
        return UNSTATED
    (y0, m0, d0), (y1, m1, d1) = start, end
    whole = (d0 in (None, 1)) and (d1 is None or d1 == calendar.monthrange(y1, m1)[1])
    if whole:
        months = (y1 - y0) * 12 + m1 - m0 + 1
        return PeriodKind("month", months) if months > 0 else UNSTATED
    first = dt.date(y0, m0, d0 or 1)
    last = dt.date(y1, m1, d1 or calendar.monthrange(y1, m1)[1])
    days = (last - first).days + 1
    return PeriodKind("day", days) if days > 0 else UNSTATED


def _period_order(figure: Figure) -> tuple[int, str, str]:
    """Dated periods first, by start then end; undated last."""
    period = figure.period
    start, end = (period.start, period.end) if period else (None, None)
    first = start or end
    if not first:
        return (1, "", "")
    return (0, first, end or "")


@dataclass(frozen=True, slots=True)
class Bar:
    """One figure on a chart: its absolute value and whether it is the one selected."""

    figure: Figure
    absolute: float
    current: bool

    @property
    def solid(self) -> bool:
        """A measured, exact value; a target, plan, forecast or estimate, or a value that
        is "about", "more than", a range … is drawn otherwise."""
        return self.figure.status == "actual" and self.figure.qualifier == "exact"


@dataclass(frozen=True, slots=True)
class Chart:
    """The figures that may be drawn together with one figure, in period order, and the
    figures of its group left out (each with why)."""

    group: str
    measure: str
    unit: str
    kind: PeriodKind
    bars: tuple[Bar, ...]
    left_out: tuple[tuple[Figure, str], ...] = ()


def _unstated_words(figure: Figure) -> str:
    """The words of a period with no bounds ("" for no period): all that says whether two
    such periods are alike ("as of November 2025" is not "a year"), as the label is never
    read for a kind."""
    return figure.period.label if figure.period is not None else ""


def chart_key(figure: Figure) -> tuple[str, str, str, PeriodKind, str]:
    """What two figures must share to be drawn in one chart: group, measure, unit, the
    kind of period and, for a period with no bounds, its very words (a figure that states
    no period is never beside one whose label gives a date)."""
    kind = period_kind(figure.period)
    words = _unstated_words(figure) if kind == UNSTATED else ""
    return (figure.group, figure.measure, figure.unit, kind, words)


def why_not(figure: Figure, other: Figure, lang: str = "en") -> str:
    """Why `other`, of `figure`'s group, is not in its chart, in `lang`."""
    if other.measure != figure.measure:
        return tr("another measure ({measure})", lang).format(
            measure=other.measure.replace("_", " "))
    if other.unit != figure.unit:
        return tr("another unit ({unit})", lang).format(unit=vocab(other.unit, lang))
    kind = period_kind(other.period)
    if kind != period_kind(figure.period) or kind != UNSTATED:
        return tr("another kind of period ({period})", lang).format(period=kind.say(lang))
    return tr("another period with no dates ({period})", lang).format(
        period=_unstated_words(other) or kind.say(lang))


def chart_of(corpus: Corpus, figure: Figure) -> Chart:
    """The chart `figure` belongs to: every figure with its chart_key, ordered by period."""
    key = chart_key(figure)
    same: list[Figure] = []
    left_out: list[tuple[Figure, str]] = []
    for other in corpus.section("figures"):
        if not isinstance(other, Figure) or other.group != figure.group:
            continue
        if chart_key(other) == key:
            same.append(other)
        else:
            left_out.append((other, why_not(figure, other)))
    same.sort(key=_period_order)  # stable: file order within a period
    bars = tuple(Bar(f, f.absolute, f.id == figure.id) for f in same)
    return Chart(figure.group, figure.measure, figure.unit, key[3], bars, tuple(left_out))


def comparable(corpus: Corpus, figure: Figure) -> list[Bar]:
    """The figures `figure` may be charted with (itself included), in period order."""
    return list(chart_of(corpus, figure).bars)


@dataclass(frozen=True, slots=True)
class ShownSide:
    """One side of a discrepancy as a column shows it: its number (from 1), the side, the
    passage to highlight (`cite`, its number within the side from 1) and whether it holds
    the passage the user is on."""

    number: int
    side: Side
    cite: Citation
    cite_number: int
    current: bool


def side_window(discrepancy: Discrepancy, index: int, columns: int) -> list[ShownSide]:
    """The sides to show at once, at most `columns` of them, in order, always including the
    side of passage `index` (of all the sides' passages, from 0). Each side shows that
    passage if it is its own, else its first."""
    sides = [s for s in discrepancy.sides if s.citations]
    if not sides:
        return []
    owner, n = len(sides) - 1, index
    for i, side in enumerate(sides):
        if n < len(side.citations):
            owner = i
            break
        n -= len(side.citations)
    else:
        n = 0
    columns = max(1, columns)
    start = max(0, min(owner, len(sides) - columns))
    out = []
    for i in range(start, min(len(sides), start + columns)):
        at = n if i == owner else 0
        out.append(ShownSide(i + 1, sides[i], sides[i].citations[at], at + 1, i == owner))
    return out


def _node_key(name: str) -> str:
    return skeleton(name.replace(" ", ""))


def shared_nodes(corpus: Corpus, corridor: Corridor) -> list[tuple[Corridor, list[str]]]:
    """Other corridors with a node of the same name (Latin or Russian), and which nodes."""
    mine = {}
    for node in corridor.nodes:
        for name in (node.name, node.ru):
            if name:
                mine[_node_key(name)] = node.name
    out = []
    for other in corpus.section("corridors"):
        if not isinstance(other, Corridor) or other.id == corridor.id:
            continue
        common = []
        for node in other.nodes:
            keys = {_node_key(n) for n in (node.name, node.ru) if n}
            hit = next((mine[k] for k in keys if k in mine), None)
            if hit and hit not in common:
                common.append(hit)
        if common:
            out.append((other, common))
    return out
