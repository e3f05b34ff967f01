"""How search orders the units that hold every query word (core/search.py SearchIndex).

A unit's score is the sum, over the query's words, of the best weight a word of the unit
matches it with: the whole word, then the start of a word, then inside a word, and within
a kind the exact form above the skeleton (`gaz` finds газ as a word before Turkmengaz);
each weight half a point from the next. The order: by score, a fact's +FACT first (a
quarter point, less than any two scores differ: facts before source lines of one score,
never above a line of a better score), then unit number (facts are the units below
`records`). Sets of units are kept by score ("totals": score → units).
"""

from __future__ import annotations

import heapq
from array import array
from bisect import bisect_left
from collections.abc import Mapping
from itertools import chain

#: The weight of a query word matched as a whole word, at a word's start, inside a word
#: (skeletons match at a word's start only: textnorm.skeleton_text).
WORD, WORD_SKELETON = 3.0, 2.5
START, START_SKELETON = 2.0, 1.5
INSIDE = 1.0
#: What a fact adds to its score in the order (not to the score shown).
FACT = 0.25


def levels(words: Mapping[str, float], postings: Mapping[str, array[int]],
           within: set[int] | None = None) -> dict[float, set[int]]:
    """The units holding any of `words` (word → weight), by the best weight they hold;
    only those `within`, if given (each posting is then looked up in it, not added to a
    new set: a common word's ~million postings make no set of their own)."""
    by_weight: dict[float, list[str]] = {}
    for word, weight in words.items():
        by_weight.setdefault(weight, []).append(word)
    out: dict[float, set[int]] = {}
    seen: set[int] = set()
    for weight in sorted(by_weight, reverse=True):
        held = chain.from_iterable(postings[w] for w in by_weight[weight])
        units = set(held) if within is None else within.intersection(held)
        units -= seen  # held with a better weight already
        if units:
            seen |= units
            out[weight] = units
    return out


def combined(totals: dict[float, set[int]], levels: dict[float, set[int]]
             ) -> dict[float, set[int]]:
    """The units in both, by the sum of their scores."""
    out: dict[float, set[int]] = {}
    for score, have in totals.items():
        for weight, units in levels.items():
            both = have & units
            if both:
                out.setdefault(score + weight, set()).update(both)
    return out


def by_units(totals: dict[float, set[int]], words: Mapping[int, float], forward: array[int],
             starts: array[int], enough: int | None = None,
             holders: Mapping[float, set[int]] | None = None) -> dict[float, set[int]]:
    """`combined` with the levels of `words` (word number → weight), found by reading the
    word numbers of each unit of `totals` (unit u's: forward[starts[u]:starts[u + 1]]).

    A weight at a time, best first: isdisjoint stops at a unit's first word of that
    weight (one pass computing each unit's best weight read all its words, and lost:
    'turkmenbashi p' at 1000x took 94 ms of CPU against 65). With `enough`, the sets of
    `totals` are read best first and no further once `enough` units score more than any
    unit of the sets left can, fact or line (`ordered`'s first `enough` are then those of
    the whole). `holders`: for some weights, every unit holding a word of that weight
    (from the postings of its few words), looked up instead of reading the unit's words."""
    known = holders or {}
    by_weight: dict[float, set[int]] = {}
    for word, weight in words.items():
        by_weight.setdefault(weight, set()).add(word)
    best = sorted(by_weight.items(), reverse=True)
    top = best[0][0] if best else 0.0
    out: dict[float, set[int]] = {}
    scores = sorted(totals, reverse=True)
    for at, score in enumerate(scores):
        for unit in totals[score]:
            held = None
            for weight, numbers in best:
                units = known.get(weight)
                if units is not None:
                    if unit in units:
                        out.setdefault(score + weight, set()).add(unit)
                        break
                    continue
                if held is None:
                    held = forward[starts[unit]:starts[unit + 1]]
                if not numbers.isdisjoint(held):
                    out.setdefault(score + weight, set()).add(unit)
                    break
        if enough is not None and at + 1 < len(scores):
            beyond = scores[at + 1] + top + FACT  # the best rank a set left can give
            if sum(len(units) for total, units in out.items() if total > beyond) >= enough:
                break
    return out


def ordered(totals: dict[float, set[int]], records: int, limit: int
            ) -> list[tuple[int, float]]:
    """(unit, score) of the best `limit` units of `totals`; only the best sets are sorted."""
    buckets: list[tuple[float, int, float, set[int]]] = []  # (rank, lines?, score, units)
    for score, units in totals.items():
        buckets.append((score + FACT, 0, score, units))  # its facts, split off below
        buckets.append((score, 1, score, units))
    buckets.sort(key=lambda b: (-b[0], b[1]))
    out: list[tuple[int, float]] = []
    split: dict[float, tuple[list[int], int]] = {}
    for _, lines, score, units in buckets:
        if len(out) >= limit:
            break
        if score not in split:
            ordered_units = sorted(units)
            split[score] = (ordered_units, bisect_left(ordered_units, records))
        ordered_units, cut = split[score]
        part = ordered_units[cut:] if lines else ordered_units[:cut]
        out.extend((unit, score) for unit in part[: limit - len(out)])
    return out


def smallest(arrays: list[array[int]], start: int, stop: int | None, count: int,
             skip: set[int]) -> list[int]:
    """The `count` smallest distinct units in `start` <= unit < `stop` (None: no end) of
    the sorted `arrays`, leaving out `skip`; fewer when there are no more."""
    if count <= 0:
        return []
    runs = []
    for units in arrays:
        at = bisect_left(units, start) if start else 0
        if at < len(units) and (stop is None or units[at] < stop):
            runs.append(memoryview(units)[at:])  # no copy
    out: list[int] = []
    last = -1
    for unit in heapq.merge(*runs):
        if stop is not None and unit >= stop:
            break
        if unit != last and unit not in skip:
            out.append(unit)
            if len(out) >= count:
                break
        last = unit
    return out
