"""A search hit's row at 80 columns gives the record's title the room to tell hits apart:
the kind column narrows and the snippet gives way before the title is cut (it was cut to 8
characters: "agreement    Prospec… · title (ru)")."""

from __future__ import annotations

from kzt_tui.core.snippets import Snippet
from kzt_tui.widgets.hit_list import KIND_WIDTH, NAME_MIN, SNIPPET_MIN, HitLine, hit_head

TITLE = "Prospects for more Kazakh wheat supplies and higher trade turnover"
LONG = ("Перспективы увеличения поставок казахстанской пшеницы и роста товарооборота "
        "между странами обсуждались на встрече")


def line(kind: str = "agreement", where: str = "title (ru)") -> HitLine:
    return HitLine(kind, TITLE, where, Snippet(LONG, ((0, 11),), (0, 11)))


def test_at_80_columns_the_title_gets_its_room_and_the_snippet_keeps_its_floor() -> None:
    width = 72  # the search dialog's list at 80x24
    kind, name, where = hit_head(line(), width)
    assert kind == " agreement "  # no padding to the wide column
    assert where == "title (ru)"
    used = len(kind) + len(name) + 3 + len(where) + 2
    assert width - used == SNIPPET_MIN  # the snippet gave way down to its floor, no further
    assert name == TITLE[: len(name) - 1] + "…" and len(name) >= 20  # was 8


def test_wide_rows_keep_the_aligned_kind_column_and_half_for_the_snippet() -> None:
    kind, name, _ = hit_head(line(), 200)
    assert kind == " " + "agreement".ljust(KIND_WIDTH - 1) + " "
    assert name == TITLE  # all of it fits beside half the row
    kind, name, _ = hit_head(line(), 110)
    assert len(kind) == KIND_WIDTH + 1 and name.endswith("…")
    assert len(name) >= NAME_MIN


def test_a_long_kind_and_field_are_cut_not_the_title() -> None:
    kind, name, where = hit_head(line("organisation", "translation of the quote 2"), 72)
    assert kind == " organisa… "
    assert where == "translation o…"
    assert len(name) == 72 - (1 + 10 + 3 + 14 + 2) - SNIPPET_MIN


def test_a_short_title_is_never_padded_or_cut() -> None:
    short = HitLine("figure", "Trade", "notes", Snippet(LONG, ((0, 3),), (0, 3)))
    assert hit_head(short, 72)[1] == "Trade"
    assert hit_head(short, 40)[1] == "Trade"
