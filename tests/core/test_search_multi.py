"""Search of several words, exactly: the slow path (`early=False`, sets intersected term by
term) and the fast one (the rarest word's units, the others read in the forward index)
give these lists of (unit, score), in this order; the fast path reads the last unit's
words too; and `ranked` keeps 200 hits unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.search import SearchIndex
from tests.helpers import documents_corpus

#: "zeta" is rare (a line near the end, the last line, a title); "o" is in most words.
A = "oak oats\nport zone\nzeta oak\nzetas boat\n"
B = "one\nonly\noak\nold\noven\nzeta ox\n"


def _corpus(tmp_path: Path, texts: dict[str, str], titles: list[tuple[str, str]]) -> Corpus:
    """A social post (Russian title «Заметки») for each (file, English title) of `titles`;
    the files hold `texts`."""
    return documents_corpus(tmp_path, texts, [(file, en, "Заметки") for file, en in titles],
                            "social_post")


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    return SearchIndex(_corpus(tmp_path, {"a.txt": A, "b.txt": B},
                               [("a.txt", "Zeta notes"), ("b.txt", "Other")]))


def test_the_units(index: SearchIndex) -> None:
    assert len(index) == 12
    assert [index.unit(u).text for u in (2, 5, 6, 11)] == [
        "oak oats", "zetas boat", "one", "zeta ox"]


def test_several_words_by_sets_exactly(index: SearchIndex) -> None:
    # zeta: whole word 3 (zetas: start 2), plus the unit's best "o" word (oak, ox: start 2;
    # boat, notes: inside 1); the fact (unit 0) at 4.0 comes after the lines at 5.0
    assert index.ranked("zeta o", early=False) == [(4, 5.0), (11, 5.0), (0, 4.0), (5, 3.0)]
    assert index.ranked("o zeta", early=False) == [(4, 5.0), (11, 5.0), (0, 4.0), (5, 3.0)]
    assert index.ranked("zeta o", 2, early=False) == [(4, 5.0), (11, 5.0)]
    assert index.ranked("zeta o", 3, early=False) == [(4, 5.0), (11, 5.0), (0, 4.0)]
    assert index.ranked("oak zeta", early=False) == [(4, 6.0)]
    assert index.ranked("port zone oats", early=False) == []
    assert index.ranked("zeta zzz", early=False) == []
    assert index.ranked("zzz zeta", early=False) == []
    assert index.ranked("port zone", early=False) == [(3, 6.0)]
    assert index.ranked("ZETA", early=False) == [(0, 3.0), (4, 3.0), (11, 3.0), (5, 2.0)]
    assert index.ranked("", early=False) == []


def test_two_words_found_only_in_a_title(index: SearchIndex) -> None:
    # "Zeta notes": zeta 3 + "no" the start of notes 2; no line holds both
    assert index.ranked("zeta no", early=False) == [(0, 5.0)]
    assert index.ranked("zeta no") == [(0, 5.0)]


def test_several_words_from_the_rarest_by_the_forward_index(index: SearchIndex) -> None:
    # "zeta" is in 4 units; "o" in far more postings than 4 units x their words x 2:
    # the units' own words are read, the last unit's (11) among them
    assert index.ranked("zeta o") == [(4, 5.0), (11, 5.0), (0, 4.0), (5, 3.0)]
    assert index.ranked("o zeta") == [(4, 5.0), (11, 5.0), (0, 4.0), (5, 3.0)]
    assert index.ranked("zeta o", 1) == [(4, 5.0)]
    assert index.ranked("ox zeta") == [(11, 6.0)]
    assert index.ranked("zeta ox o") == [(11, 8.0)]
    assert index.ranked("oak zeta") == [(4, 6.0)]


def test_ranked_keeps_200_unless_told(tmp_path: Path) -> None:
    index = SearchIndex(_corpus(tmp_path, {"a.txt": "port\n" * 205}, [("a.txt", "T")]))
    assert index.ranked("port") == [(u, 3.0) for u in range(1, 201)]
    assert index.ranked("port", 201) == [(u, 3.0) for u in range(1, 202)]
    assert index.ranked("port", early=False) == [(u, 3.0) for u in range(1, 201)]
    assert index.ranked("port t") == [(u, 4.0) for u in range(1, 201)]
    assert len(index.search("port")) == 200


def test_a_rare_weight_of_a_common_word_is_looked_up_by_its_holders(tmp_path: Path) -> None:
    """"zeta port": zeta is in three lines, so port is read in their words; "portal" (a
    word start, 2) is in 300 lines, but "port" itself (the whole word, 3) only in one,
    fewer postings than the units read: its holders are one set, looked up, and the order
    is the slow path's exactly."""
    text = ("zeta port portal\nzeta portal\nzeta\n"
            + "".join(f"portal {n}\n" for n in range(300)))
    index = SearchIndex(_corpus(tmp_path, {"a.txt": text}, [("a.txt", "Notes")]))
    slow = index.ranked("zeta port", early=False)
    assert slow == [(1, 6.0), (2, 5.0)]
    assert index.ranked("zeta port") == slow
    assert index.ranked("port zeta") == slow
    assert index.ranked("zeta port", 1) == [(1, 6.0)]


def test_only_the_last_word_read_stops_early(tmp_path: Path) -> None:
    """"zeta port xray", best 1: zeta (the rarest) reads line 2 (zeta, 3) before line 1
    (zetas, 2); after port (line 2 leads, 6 to 5) the third word turns it (xray whole in
    line 1, inside a word in line 2: 8 to 7). Only the last word read may stop once the
    best are certain: a word before it must keep every unit."""
    text = ("zetas port xray\nzeta port axrays\n"
            + "".join(f"portal {n}\n" for n in range(250))
            + "".join(f"xray {n}\n" for n in range(300)))
    index = SearchIndex(_corpus(tmp_path, {"a.txt": text}, [("a.txt", "Notes")]))
    slow = index.ranked("zeta port xray", early=False)
    assert slow == [(1, 8.0), (2, 7.0)]
    assert index.ranked("zeta port xray", 1) == [(1, 8.0)]
    assert index.ranked("xray zeta port", 1) == [(1, 8.0)]
    assert index.ranked("zeta port xray") == slow
