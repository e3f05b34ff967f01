"""core/ranking.py on small hand-made postings: each function's exact result (which units,
under which score, in which order), each limit at its boundary."""

from __future__ import annotations

from array import array

from kzt_tui.core import ranking


def _a(*units: int) -> array[int]:
    return array("q", units)


POSTINGS = {"порт": _a(1, 2, 5), "порты": _a(2, 7), "аэропорт": _a(3, 5, 9), "прт": _a(4, 7)}


def test_levels_keeps_each_unit_at_its_best_weight() -> None:
    words = {"порт": 3.0, "порты": 2.0, "аэропорт": 1.5, "прт": 1.0}
    assert ranking.levels(words, POSTINGS) == {
        3.0: {1, 2, 5}, 2.0: {7}, 1.5: {3, 9}, 1.0: {4}}


def test_levels_joins_the_words_of_one_weight() -> None:
    words = {"порты": 2.0, "аэропорт": 2.0, "прт": 1.0}
    assert ranking.levels(words, POSTINGS) == {2.0: {2, 3, 5, 7, 9}, 1.0: {4}}


def test_levels_within_a_set_and_no_empty_level() -> None:
    words = {"порт": 3.0, "порты": 2.0, "аэропорт": 1.5, "прт": 1.0}
    assert ranking.levels(words, POSTINGS, within={2, 4, 9, 100}) == {
        3.0: {2}, 1.5: {9}, 1.0: {4}}
    assert ranking.levels(words, POSTINGS, within=set()) == {}
    assert ranking.levels({}, POSTINGS) == {}


def test_combined_adds_the_scores_of_the_units_in_both() -> None:
    totals = {3.0: {1, 2, 3}, 1.0: {4, 5}}
    levels = {2.0: {1, 4}, 1.5: {2, 6}, 1.0: {7}}
    assert ranking.combined(totals, levels) == {5.0: {1}, 4.5: {2}, 3.0: {4}}
    # two pairs of scores with one sum share a set
    assert ranking.combined({3.0: {1}, 2.0: {2}}, {1.0: {1}, 2.0: {2}}) == {4.0: {1, 2}}


def test_by_units_reads_each_units_words() -> None:
    # unit u's words: forward[starts[u]:starts[u + 1]]
    forward = _a(10, 11, 12, 20, 30, 31, 11)
    starts = _a(0, 2, 3, 4, 6, 7)  # 0: 10 11; 1: 12; 2: 20; 3: 30 31; 4: 11
    words = {11: 2.0, 30: 3.0, 31: 1.0, 20: 1.0}
    totals = {1.0: {0, 1, 2}, 0.5: {3, 4}}
    assert ranking.by_units(totals, words, forward, starts) == {
        3.0: {0}, 2.0: {2}, 3.5: {3}, 2.5: {4}}


def test_by_units_takes_a_units_best_weight_whatever_its_words_order() -> None:
    # unit 0 holds a word of each weight, its worst first; unit 1 none of them
    forward, starts = _a(31, 11, 30, 12), _a(0, 3, 4)
    words = {11: 2.0, 30: 3.0, 31: 1.0}
    assert ranking.by_units({0.5: {0, 1}}, words, forward, starts) == {3.5: {0}}


def test_by_units_stops_once_enough_units_are_certain() -> None:
    # 0: 30; 1: 11; 2: 30; 3: 30 (the best weight is 3, so a set at s adds at most s + 3)
    forward, starts = _a(30, 11, 30, 30), _a(0, 1, 2, 3, 4)
    words = {30: 3.0, 11: 2.0}
    totals = {2.0: {0, 1}, 1.0: {2}, 0.5: {3}}
    # after 2.0: unit 0 at 5 is above 1 + 3 + FACT (the 1.0 set's best, as a fact)
    assert ranking.by_units(totals, words, forward, starts, 1) == {5.0: {0}, 4.0: {1}}
    # two wanted: unit 1 at 4 is not above 4.25, so the 1.0 set is read, not the 0.5
    assert ranking.by_units(totals, words, forward, starts, 2) == {
        5.0: {0}, 4.0: {1, 2}}
    whole = {5.0: {0}, 4.0: {1, 2}, 3.5: {3}}
    assert ranking.by_units(totals, words, forward, starts, 4) == whole
    assert ranking.by_units(totals, words, forward, starts) == whole


def test_by_units_reads_on_when_a_fact_left_could_tie() -> None:
    # unit 0 at 2 + 2.25 = 4.25; a fact of the 1.0 set can reach 1 + 3 + FACT = 4.25,
    # and a fact comes before a line of its rank: unit 1 must be read
    forward, starts = _a(11, 30), _a(0, 1, 2)
    words = {30: 3.0, 11: 2.25}
    assert ranking.by_units({2.0: {0}, 1.0: {1}}, words, forward, starts, 1) == {
        4.25: {0}, 4.0: {1}}


def test_by_units_looks_the_holders_of_a_weight_up() -> None:
    # 0: 30; 1: 11; 2: 12 — the holders of 3.0 given: unit 1 (its words say 2.0) is
    # taken at 3.0 from them, unit 0 (its words say 3.0) is not among them and goes on
    # to the weights below, read from its words: none holds it
    forward, starts = _a(30, 11, 12), _a(0, 1, 2, 3)
    words = {30: 3.0, 11: 2.0, 12: 1.0}
    totals = {1.0: {0, 1, 2}}
    assert ranking.by_units(totals, words, forward, starts, holders={3.0: {1}}) == {
        4.0: {1}, 2.0: {2}}
    assert ranking.by_units(totals, words, forward, starts, holders={}) == {
        4.0: {0}, 3.0: {1}, 2.0: {2}}
    # holders of a lower weight: a unit of a better weight is taken there first
    assert ranking.by_units(totals, words, forward, starts, holders={1.0: {0, 1, 2}}) == {
        4.0: {0}, 3.0: {1}, 2.0: {2}}


def test_ordered_puts_facts_a_quarter_point_up() -> None:
    """Units below `records` (2 here) are facts: a fact at 2.5 comes after a line at 3
    (the scores search makes are half a point apart), a fact at 2.75 ties it and comes
    first; within a set, by unit number."""
    totals = {3.0: {4, 0, 6}, 2.5: {3, 1}, 2.0: {2, 5, 0}}
    assert ranking.ordered(totals, 2, 20) == [
        (0, 3.0), (4, 3.0), (6, 3.0), (1, 2.5), (3, 2.5), (0, 2.0), (2, 2.0), (5, 2.0)]
    assert ranking.ordered({3.0: {4, 0}, 2.75: {1}, 2.5: {3, 2}}, 2, 20) == [
        (0, 3.0), (1, 2.75), (4, 3.0), (2, 2.5), (3, 2.5)]


def test_ordered_stops_at_the_limit() -> None:
    totals = {3.0: {4, 0, 6}, 2.5: {3, 1}, 2.0: {2, 5}}
    whole = ranking.ordered(totals, 2, 99)
    assert len(whole) == 7
    for limit in range(8):
        assert ranking.ordered(totals, 2, limit) == whole[:limit]
    assert ranking.ordered(totals, 0, 3) == [(0, 3.0), (4, 3.0), (6, 3.0)]
    assert ranking.ordered({1.0: {0, 1}}, 5, 2) == [(0, 1.0), (1, 1.0)]
    assert ranking.ordered({}, 2, 5) == []


def test_smallest_merges_the_runs() -> None:
    runs = [_a(1, 4, 9, 12), _a(2, 4, 7, 15), _a(3)]
    assert ranking.smallest(runs, 0, None, 99, set()) == [1, 2, 3, 4, 7, 9, 12, 15]
    assert ranking.smallest(runs, 0, None, 3, set()) == [1, 2, 3]
    assert ranking.smallest(runs, 0, None, 0, set()) == []
    assert ranking.smallest(runs, 0, None, -1, set()) == []
    assert ranking.smallest(runs, 0, None, 4, {2, 4}) == [1, 3, 7, 9]


def test_smallest_from_start_to_stop() -> None:
    runs = [_a(1, 4, 9, 12), _a(2, 4, 7, 15), _a(3)]
    assert ranking.smallest(runs, 4, None, 99, set()) == [4, 7, 9, 12, 15]
    assert ranking.smallest(runs, 3, 9, 99, set()) == [3, 4, 7]
    assert ranking.smallest(runs, 4, 10, 2, {7}) == [4, 9]
    assert ranking.smallest(runs, 1, 2, 99, set()) == [1]
    assert ranking.smallest(runs, 16, None, 99, set()) == []
    assert ranking.smallest(runs, 13, 15, 99, set()) == []
    assert ranking.smallest([_a(5, 6), _a(0, 1)], 0, 6, 99, set()) == [0, 1, 5]
