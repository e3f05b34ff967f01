"""Source texts at the size limit open at once and in bounded memory: the source view lays
out only what is on screen (and what a scroll needs), whatever the shape of the text — a
million short lines, nothing but newlines, or one line of 15 MB."""

from __future__ import annotations

import signal
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from rich.style import Style

from bench import large_source
from kzt_tui.app import KztApp, create_app
from kzt_tui.core.loading import load
from kzt_tui.core.loading.files import MAX_SOURCE_BYTES
from kzt_tui.core.paragraphs import Paragraphs
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.source_view import STRONG, SourceText

QUOTE = large_source.QUOTE  # the passage the generated dataset cites
#: The new code loads each text and shows its passage in 0.6-0.8 s, its Python allocations
#: peaking at 57-72 MB (the text itself, read by the loader, included); the old took 16 s
#: to minutes and up to a gigabyte. The bound is on the process's CPU time, not the wall
#: clock, which a loaded 2-core machine stretched past 8 s (million_lines, 9.3 s, while
#: another suite ran); a SIGALRM at DEADLINE_S (wall) interrupts a layout that would
#: otherwise hang.
CPU_S = 8.0
DEADLINE_S = 45.0
PEAK_MB = 120

def _middle(size: int, unit: str) -> str:
    """`unit` repeated to about `size` characters, the quote in the middle on its own."""
    half = max(1, (size - len(QUOTE)) // (2 * len(unit)))
    return unit * half + f" {QUOTE} " + unit * half


#: name → the source text (each under the size limit in UTF-8, the quote in its middle).
TEXTS = {
    "million_lines": lambda: "".join(f"line {i}\n" for i in range(500_000)) + QUOTE + "\n"
    + "".join(f"line {i}\n" for i in range(500_000, 1_000_000)),
    "only_newlines": lambda: _middle(MAX_SOURCE_BYTES - 200, "\n"),
    "one_long_line": lambda: _middle(15_000_000, "x"),
    "one_long_line_of_words": lambda: _middle(15_000_000, "word "),
}


def _dataset(folder: Path, text: str) -> Path:
    """A dataset of one document (`text`) and one agreement citing QUOTE in it."""
    return large_source.dataset(folder, text)


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in whatever runs (even a synchronous layout) after `seconds`, and
    every second after that until the block is left: the app's shutdown, after the first,
    may start another layout of the same text."""
    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"not done within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def view_of(app: KztApp) -> SourceText:
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    return screen.source.text_view


def shown(view: SourceText) -> list[str]:
    """The source view's lines as drawn."""
    return [view.render_line(y).text for y in range(view.size.height)]


def passage_shown(view: SourceText) -> bool:
    """Whether the characters drawn with the strong highlight are the quote's (wrapped
    across rows, perhaps: spaces aside)."""
    bg = Style.parse(STRONG).bgcolor
    strong = "".join(seg.text for y in range(view.size.height) for seg in view.render_line(y)
                     if seg.style is not None and seg.style.bgcolor == bg)
    return strong.replace(" ", "") == QUOTE.replace(" ", "")


@pytest.fixture(params=list(TEXTS), ids=list(TEXTS))
def big(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    """(name, curated.yaml) of a dataset whose one source is a large text."""
    name = request.param
    return name, _dataset(tmp_path / name, TEXTS[name]())


async def test_a_large_source_shows_its_passage_at_once(big: tuple[str, Path]) -> None:
    name, data = big
    tracemalloc.start()
    started = time.process_time()
    try:
        with deadline(DEADLINE_S):
            app = create_app(load(data), data_path=data, clipboard_commands=[],
                             remember=False)
            async with app.run_test(size=(120, 40)) as pilot:
                await pilot.press("2")  # Agreements: the one agreement, its passage
                await pilot.pause()
                view = view_of(app)
                lines = shown(view)
                cpu = time.process_time() - started
                _, peak = tracemalloc.get_traced_memory()
                assert passage_shown(view), lines
                assert any("555,7" in line for line in lines), lines
    finally:
        tracemalloc.stop()
    assert peak < PEAK_MB * 2**20, f"{name}: peak {peak / 2**20:.0f} MB"
    assert cpu < CPU_S, f"{name}: {cpu:.1f} s of CPU"


async def test_a_large_source_scrolls_to_its_ends_and_back(big: tuple[str, Path]) -> None:
    """End and Home reach the text's last and first lines; the passage comes back when the
    terminal is resized around it, and the line numbers stay right."""
    name, data = big
    text = (data.parent / "texts" / "big.txt").read_text(encoding="utf-8")
    with deadline(DEADLINE_S):
        app = create_app(load(data), data_path=data, clipboard_commands=[], remember=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("2")
            await pilot.pause()
            view = view_of(app)
            assert view.strong is not None
            for size in ((80, 24), (60, 20), (200, 50), (120, 40)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert passage_shown(view), (name, size, shown(view))
            # lines are numbered by paragraph (blank lines have no number)
            paragraphs = Paragraphs(text)
            if not name.startswith("one_long_line"):  # a long line is numbered at its top
                number = f"{paragraphs.of_line(view.strong.line_start)} │ "
                assert any(number in line for line in shown(view)), name
            view.focus()
            await pilot.press("end")
            await pilot.pause()
            lines = shown(view)
            numbered = text.split("\n")
            if numbered[-1] == "":
                numbered.pop()
            drawn = [line.strip() for line in lines if line.strip()][-1]
            assert numbered[-1].rstrip().endswith(drawn.split("│")[-1].strip()), (name, drawn)
            if not name.startswith("one_long_line") and numbered[-1].strip():
                assert any(f"{len(paragraphs)} │ " in line for line in lines), (name, lines[-3:])
            await pilot.press("home")
            await pilot.pause()
            first = text[:10].split("\n")[0]
            assert shown(view)[0].lstrip().startswith(f"1 │ {first}" if first.strip() else "│")
            await pilot.press("pagedown", "pagedown", "down", "pageup")
            await pilot.pause()
            assert view.scroll_offset.y > 0
