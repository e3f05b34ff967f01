"""How a value reads in a problem, and the word meant: shared by the field checkers
(validate) and the file checks (checkfile)."""

from __future__ import annotations

import difflib
from typing import Any

from kzt_tui.core.loading.context import Ctx
from kzt_tui.core.problems import MAX_PROBLEMS, shorten


def describe_value(value: Any) -> str:
    """How `value` reads in a problem's message: "the string 'KZ'", "a list" …"""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def close_match(ctx: Ctx, value: str, allowed: Any) -> str | None:
    """The allowed word closest to `value`, looked for on its first characters only, and
    not at all once the problem list is full (the problem is only counted then)."""
    if len(ctx.shared.problems) >= MAX_PROBLEMS:
        return None
    close = difflib.get_close_matches(shorten(value), allowed, n=1)
    return close[0] if close else None


def blank(v: str) -> bool:
    """Whether `v` is empty or only whitespace, as `not v.strip()` but without copying it
    (strip() copied a 10 MiB string once per alias of it: 20,000 aliases took 27 s)."""
    return not v or v.isspace()
