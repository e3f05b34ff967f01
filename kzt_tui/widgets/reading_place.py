"""Where a reader is in a source text, and where n/N and u/U go next: worked out from the
text's index and the passages' offsets alone (the source view asks)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from kzt_tui.core.i18n import tr
from kzt_tui.widgets.source_layout import TextIndex

#: The kind of a landing on a line rather than a passage or gap (`G`: the last line).
LINE = "line"


@dataclass(frozen=True, slots=True)
class Place:
    """Where the reader is in the text shown: its line (from 1) of how many, the paragraph,
    which cited passage (from 1) of how many is under the eye (0: none in view), and the
    unaccounted sentence u/U went to (from 1, of how many; 0: none)."""

    line: int = 0
    lines: int = 0
    paragraph: int = 0
    passage: int = 0
    passages: int = 0
    gap: int = 0
    gaps: int = 0

    def describe(self, lang: str = "en") -> str:
        """`line 45/120 · ¶ 23 · passage 2/5` (or `unaccounted 1/3` after u), in `lang`."""
        if not self.lines:
            return ""
        parts = [tr("line {n}/{total}", lang).format(n=self.line, total=self.lines),
                 f"¶ {self.paragraph or '–'}"]
        if self.gap:
            parts.append(tr("unaccounted {n}/{total}", lang).format(n=self.gap,
                                                                    total=self.gaps))
        elif self.passages:
            parts.append(tr("passage {n}/{total}", lang).format(n=self.passage or "–",
                                                                total=self.passages))
        return " · ".join(parts)



def place_of(index: TextIndex, passages: list[tuple[int, int]], gaps: list[tuple[int, int]],
             landed: tuple[int, str] | None, top: int, bottom: int | None) -> Place:
    """The Place of a reader whose last jump went to `landed` (offset, "passage" or
    "gap"; None once the reader scrolled on) or, without one, who sees lines `top` to
    `bottom` (from 0): the first passage in view is the one under the eye. A jump to a
    line (LINE: `G`, the last) is a view of that line alone."""
    starts = [start for start, _ in passages]
    passage = gap = 0
    if landed is not None and landed[1] == LINE:
        top = bottom = index.line_of(landed[0])
        landed = None
    if landed is not None:
        line = index.line_of(landed[0])
        if landed[1] == "gap":
            gap = bisect_left([g[0] for g in gaps], landed[0]) + 1
        else:
            passage = bisect_left(starts, landed[0]) + 1
    else:
        line = top
        first = index.line_start(top)
        last = index.line_end(index.line_start(top if bottom is None else bottom))
        k = max(0, bisect_left(starts, first) - 1)
        while k < len(starts) and starts[k] < last:
            if passages[k][1] > first:
                passage = k + 1
                break
            k += 1
    return Place(line + 1, index.lines, index.paragraphs_up_to(line), passage, len(starts),
                 gap, len(gaps) if gap else 0)


def next_start(index: TextIndex, starts: list[int], landed: int | None, top: int,
               delta: int, kind: str = "passage") -> int | None:
    """Of `starts` (sorted offsets), the next (delta 1) or previous (-1) one: after or
    before where the last jump `landed`, or else the first that starts below the top
    line `top` (from 0) or the last that starts above it; None if there is none.

    An unaccounted sentence (`kind` "gap") on the top line counts as below: unlike a
    passage in view (place_of calls it the one under the eye), it is not where the
    reader is until u went there — from the top of a text, u would skip line 1."""
    if landed is not None:
        k = bisect_right(starts, landed) if delta > 0 else bisect_left(starts, landed) - 1
    elif delta > 0 and kind == "gap":
        k = bisect_left(starts, index.line_start(top))
    elif delta > 0:
        k = bisect_left(starts, index.line_end(index.line_start(top)) + 1)
    else:
        k = bisect_left(starts, index.line_start(top)) - 1
    return starts[k] if 0 <= k < len(starts) else None
