"""Cross-record views: comparable figures for charts, corridors that share nodes."""

from __future__ import annotations

from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import Corridor, Figure
from kzt_tui.core.textnorm import skeleton


@dataclass(frozen=True, slots=True)
class Bar:
    """One figure on a chart: its absolute value and whether it is the one selected."""

    figure: Figure
    absolute: float
    current: bool


def comparable(corpus: Corpus, figure: Figure) -> list[Bar]:
    """Figures of the same group and unit as `figure` (itself included), in file order."""
    return [
        Bar(f, f.absolute, f.id == figure.id)
        for f in corpus.section("figures")
        if isinstance(f, Figure) and f.group == figure.group and f.unit == figure.unit
    ]


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
