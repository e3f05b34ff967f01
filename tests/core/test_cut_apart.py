"""cut and cut_apart (core/textnorm.py): a name cut to fit, kept apart from the names cut
beside it."""

from __future__ import annotations

import pytest

from kzt_tui.core.textnorm import cut, cut_apart

TRADE = "Kazakhstan and Turkmenistan intend to bring trade to $1 billion (updated)"
BRIDGE = "Kazakhstan and Turkmenistan sign a bridge deal"


@pytest.mark.parametrize(("text", "room", "got"), [
    ("Trade", 5, "Trade"), ("Trade", 4, "Tra…"), ("Trade", 1, "…"), ("Trade", 0, "…"),
    ("", 3, ""),
])
def test_cut(text: str, room: int, got: str) -> None:
    assert cut(text, room) == got


@pytest.mark.parametrize(("room", "trade", "bridge"), [
    (22, "Kazakhstan…intend to …", "Kazakhstan…sign a bri…"),
    (10, "Kaza…inte…", "Kaza…sign…"),
    (5, "Ka…i…", "Ka…s…"),
    (30, "Kazakhstan and Turkmenistan i…", "Kazakhstan and Turkmenistan s…"),  # apart already
    (46, "Kazakhstan and Turkmenistan intend to bring t…", BRIDGE),
])
def test_two_names_cut_alike_keep_where_they_differ(room: int, trade: str,
                                                     bridge: str) -> None:
    assert cut_apart(TRADE, room, [BRIDGE, TRADE]) == trade
    assert cut_apart(BRIDGE, room, [TRADE]) == bridge
    assert len(trade) <= room and len(bridge) <= room


def test_the_part_that_differs_kept_whole_when_it_fits() -> None:
    assert cut_apart("Documents › Talks in Akorda, day one", 24,
                     ["Documents › Talks in Akorda, day two"]) == "Documents › Talks in…one"
    assert cut_apart("Kazakhstan and Turkmenistan: A", 12,
                     ["Kazakhstan and Turkmenistan: B"]) == "Kazakhstan…A"


def test_no_rival_a_short_room_or_a_short_text_is_a_plain_cut() -> None:
    assert cut_apart(TRADE, 22) == cut(TRADE, 22)
    assert cut_apart(TRADE, 22, ["Something else entirely"]) == cut(TRADE, 22)
    assert cut_apart(TRADE, 4, [BRIDGE]) == "Kaz…"
    assert cut_apart("Trade", 5, ["Trade plan"]) == "Trade"
    assert cut_apart(TRADE, 22, [TRADE[:21] + "…"]) == "Kazakhstan…nistan int…"
