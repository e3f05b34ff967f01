"""What is wrong with a dataset: one located Problem per fault, and the DataError that
carries them. Free of yaml, so the CLI can catch it without importing the loader."""

from __future__ import annotations

from dataclasses import dataclass

from kzt_tui.core.textnorm import one_line

#: Problems listed in full; past this a file is broken wholesale (wrong file, wrong
#: format) and more lines would help no one while costing memory and time.
MAX_PROBLEMS = 1_000
#: Characters of a value from the data (a key, an id, a path) that a problem shows, and
#: that a close match is looked for with: a 1 MiB key printed in full 1,000 times made
#: 350 MB of output, and difflib on it took minutes.
SHOWN_CHARS = 80


def shorten(value: str, limit: int = SHOWN_CHARS) -> str:
    """`value`, cut to `limit` characters with an ellipsis if it is longer."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, where it is, and what would fix it."""

    file: str
    line: int | None
    col: int | None
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col}"
        text = f"{where}: {self.path + ': ' if self.path else ''}{self.message}"
        # One line, and inert: messages quote source text and file names, which may hold
        # escape sequences or newlines meant to drive the terminal that prints them.
        return one_line(f"{text} (hint: {self.hint})" if self.hint else text)


class DataError(Exception):
    """The data cannot be used; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


class Cancelled(Exception):
    """The load was asked to stop (the app is closing)."""
