"""Small terminal drawings: bar charts of comparable figures, route schematics."""

from __future__ import annotations

from rich.text import Text

from kzt_tui.core.compare import Bar
from kzt_tui.core.describe import format_value
from kzt_tui.core.model import Corridor
from kzt_tui.core.textnorm import one_line

BAR_WIDTH = 24
MODE_LINE = {"rail": "══", "road": "──", "sea": "≈≈", "air": "··", "pipeline": "━━",
             "telecom": "┄┄", "multimodal": "══"}


def bar_chart(bars: list[Bar], lang: str) -> list[Text]:
    """Two lines per figure: its label (and status when not actual), then a bar scaled to the
    largest absolute value with the value. The current figure is highlighted."""
    top = max((b.absolute for b in bars), default=0.0) or 1.0
    lines = []
    for bar in bars:
        ratio = bar.absolute / top
        # At most the width, never negative: values of mixed sign, all negative, or at the
        # ends of the float range (1e308 / 5e-324 is inf, and int(inf) raises)
        cells = BAR_WIDTH * min(ratio, 1.0) if ratio > 0 else 0.0
        full = int(cells)
        drawn = "█" * full + ("▌" if cells - full >= 0.5 else "")
        style = "bold #ffd75f" if bar.current else "#5f87af"
        status = "" if bar.figure.status == "actual" else f" [{bar.figure.status}]"
        label = Text("▸ " if bar.current else "  ", style="bold" if bar.current else "")
        label.append(one_line(bar.figure.label(lang) + status), style="bold" if bar.current else "")
        line = Text("  ")
        line.append(drawn or "▏", style=style)
        line.append(" " + format_value(bar.figure), style="bold" if bar.current else "")
        lines.extend([label, line])
    return lines


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
