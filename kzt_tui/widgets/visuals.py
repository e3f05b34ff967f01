"""Small terminal drawings: bar charts of comparable figures, route schematics."""

from __future__ import annotations

import math

from rich.text import Text

from kzt_tui.core.compare import UNSTATED, Bar, Chart
from kzt_tui.core.describe import (
    SCALE_FORMATS,
    UNIT_FORMATS,
    UNIT_WORDS,
    UNSTATED_PERIOD,
    format_value,
    number,
)
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.model import Corridor
from kzt_tui.core.textnorm import one_line

#: The narrowest bar area drawn, whatever the width.
MIN_BAR = 8
#: A measured exact value; a measured but qualified one ("about", "more than"); a target,
#: plan, forecast or estimate.
SOLID, QUALIFIED, HOLLOW = "█", "▒", "░"
#: After the bar: the value goes on beyond it, stops short of it, is approximate; a goal.
MARKERS = {"more_than": "▶", "at_least": "▶", "almost": "◀", "less_than": "◀", "up_to": "◀",
           "about": "~", "range": "▷"}
GOAL = "◇"
LEGEND = N_("{solid} actual  {qualified} about/more than…  {hollow}{goal} target, plan, "
            "forecast  ▶ more than  ◀ up to  ~ about")


def legend(lang: str) -> str:
    """What a chart's marks mean, in `lang`."""
    return tr(LEGEND, lang).format(solid=SOLID, qualified=QUALIFIED, hollow=HOLLOW, goal=GOAL)
MODE_LINE = {"rail": "══", "road": "──", "sea": "≈≈", "air": "··", "pipeline": "━━",
             "telecom": "┄┄", "multimodal": "══"}
_SCALES = (("billion", 1e9), ("million", 1e6), ("thousand", 1e3))


def amount(value: float, unit: str, lang: str = "en") -> str:
    """An absolute `value` in `unit` for an axis: $500m, 1.5m t, 40%, 140 ("$500 млн" …
    in Russian)."""
    scale, factor = next(((s, f) for s, f in _SCALES if abs(value) >= f), ("one", 1.0))
    core = tr(SCALE_FORMATS[scale], lang).format(amount=number(round(value / factor, 2), lang))
    if unit == "USD":
        return f"${core}"
    if unit == "percent":
        return f"{core}%"
    if unit == "times":
        return f"×{core}"
    if unit in UNIT_FORMATS:
        return tr(UNIT_FORMATS[unit], lang).format(amount=core)
    word = UNIT_WORDS.get(unit, unit)
    return f"{core} {word}" if word else core


def _nice_top(value: float) -> float:
    """The axis end: the smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value`."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * power >= value * (1 - 1e-12):
            return step * power
    return 10.0 * power  # pragma: no cover - the loop ends at 10


def _high(bar: Bar) -> float:
    """Where a bar ends: its value, or the top of its range."""
    fig = bar.figure
    if fig.value_max is not None and math.isfinite(fig.value_max):
        return max(bar.absolute, bar.absolute * fig.value_max / fig.value if fig.value else 0.0)
    return bar.absolute


def _cells(value: float, top: float, width: int) -> float:
    ratio = value / top if top else 0.0
    # At most the width, never negative: values of mixed sign, all negative, or at the ends
    # of the float range (1e308 / 5e-324 is inf, and int(inf) raises)
    return width * min(ratio, 1.0) if ratio > 0 and math.isfinite(ratio) else 0.0


def _bar_line(bar: Bar, top: float, width: int, lang: str) -> Text:
    fig = bar.figure
    fill = SOLID if bar.solid else QUALIFIED if fig.status == "actual" else HOLLOW
    cells = _cells(bar.absolute, top, width)
    full = int(cells)
    drawn = fill * full + ("▌" if fill == SOLID and cells - full >= 0.5 else "")
    extra = int(_cells(_high(bar), top, width)) - full
    colour = "#ffd75f" if bar.current else "#5f87af"
    line = Text("  ")
    line.append(drawn or "▏", style=("bold " if bar.current else "") + colour)
    if extra > 0:
        line.append(HOLLOW * extra, style=colour)
    marker = MARKERS.get(fig.qualifier, "") + ("" if fig.status == "actual" else GOAL)
    if marker:
        line.append(marker, style="bold " + colour)
    line.append(" " + format_value(fig, lang), style="bold" if bar.current else "")
    return line


def _axis(top: float, unit: str, width: int, lang: str) -> list[Text]:
    """A scale under the bars: 0, the middle and the top, with the unit."""
    half = width // 2
    rule = Text("  ├" + "─" * (half - 1) + "┼" + "─" * (width - half - 2) + "┤", style="dim")
    low, mid, high = "0", amount(top / 2, unit, lang), amount(top, unit, lang)
    labels = " " * 2 + low
    labels += " " * max(1, 2 + half - len(mid) // 2 - len(labels)) + mid
    labels += " " * max(1, 2 + width - len(high) - len(labels)) + high
    return [rule, Text(labels, style="dim")]


def chart_lines(chart: Chart, lang: str, width: int) -> list[Text]:
    """The chart drawn at `width` cells: two lines per figure (its period and label, then
    its bar and value) and an axis with the unit (LEGEND says what the marks mean). Bars
    share one scale, from 0."""
    bars = chart.bars
    values = [v for b in bars if math.isfinite(v := _high(b)) and v > 0]
    top = _nice_top(max(values, default=0.0))
    longest = max((len(" " + format_value(b.figure, lang)) + 2 for b in bars), default=0)
    room = max(MIN_BAR, width - 2 - longest)
    lines: list[Text] = []
    for bar in bars:
        fig = bar.figure
        period = one_line(fig.period.label) if fig.period else tr(UNSTATED_PERIOD, lang)
        status = "" if fig.status == "actual" else f" [{fig.status}]"
        label = Text("▸ " if bar.current else "  ", style="bold" if bar.current else "")
        label.append(period, style="bold #87afd7")
        label.append(" · " + one_line(fig.label(lang)) + status,
                     style="bold" if bar.current else "")
        lines += [label, _bar_line(bar, top, room, lang)]
    lines += _axis(top, chart.unit, room, lang)
    return lines


def bar_chart(bars: list[Bar], lang: str, width: int = 40) -> list[Text]:
    """The bars of one chart drawn at `width` (see chart_lines)."""
    unit = bars[0].figure.unit if bars else ""
    chart = Chart("", "", unit, UNSTATED, tuple(bars))
    return chart_lines(chart, lang, width)


def route(corridor: Corridor) -> Text:
    """Nodes in order joined by the corridor's mode: Aktau [KZ] ≈≈ Turkmenbashi [TM]."""
    link = MODE_LINE.get(corridor.modes[0], "──") if corridor.modes else "──"
    text = Text()
    for n, node in enumerate(corridor.nodes):
        if n:
            text.append(f" {link} ", style="#87afd7")
        text.append(one_line(node.name), style="bold")
        if node.country:
            text.append(f" [{node.country}]", style="dim")
    return text
