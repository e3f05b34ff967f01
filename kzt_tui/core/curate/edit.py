"""Editing a record kzt-tui wrote: its block in the file (from its `- id:` line to its
last line), the block replaced in place by the one renderer (core/curate/render.py), the
form's values read back from the record as written, and where a record kzt-tui does not
change lives (file:line), for the one line that says where to edit it. Nothing here
writes: core/curate/store's Curator.edit_record does, through its one write path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def split_lines(text: str) -> list[str]:
    """`text`'s lines, split at "\\n" alone: a U+2028 or \\f inside another record's quoted
    value is not a line break of the file (str.splitlines breaks there, and joined with
    "\\n" YAML would fold it into a space)."""
    lines = text.split("\n")  # never empty: "".split gives [""]
    if not lines[-1]:
        lines.pop()
    return lines


def _id_line(record_id: str) -> re.Pattern[str]:
    """A list item's first line that is `- id: ID` (quoted or not, a comment after it), at
    any column; its group `dash` is the column of the dash."""
    quoted = re.escape(record_id)
    return re.compile(rf"(?P<dash> *)- +id: *(?:{quoted}|\"{quoted}\"|'{quoted}') *(?:#.*)?")


def record_block(lines: list[str], record_id: str) -> tuple[int, int, int] | None:
    """(first, end, column) of record `record_id`'s list item in `lines`: the index of its
    `- id:` line, the index after its last line that is not blank or a comment (the
    comments and blank lines after it belong to what follows), and the column of its dash.
    None when no item begins with that id (a flow mapping `- {id: …}` is not found)."""
    pattern = _id_line(record_id)
    for i, line in enumerate(lines):
        got = pattern.fullmatch(line)
        if got is None:
            continue
        column = len(got.group("dash"))
        deeper = " " * (column + 1)
        last = end = i + 1
        while end < len(lines):
            line = lines[end]
            stripped = line.strip()
            if stripped and not stripped.startswith("#"):
                if not line.startswith(deeper):
                    break
                last = end + 1
            end += 1
        return i, last, column
    return None


def replace_record(text: str, record_id: str, block: str) -> str | None:
    """`text` with record `record_id`'s item replaced by `block` (as render_record writes
    it, at column 2), at the column the item has (0 when written by hand under its key);
    every other line as it was. None when the record's item is not in `text`."""
    lines = split_lines(text)
    found = record_block(lines, record_id)
    if found is None:
        return None
    first, end, column = found
    # render_record writes every line of the item at column 2 or deeper
    lines[first:end] = [" " * column + line[2:]
                        for line in block.removesuffix("\n").split("\n")]
    return "\n".join(lines) + "\n"


def place_of(files: Iterable[tuple[str, str]], record_id: str) -> tuple[str, int] | None:
    """(file, 1-based line) of record `record_id`'s `- id:` line among `files` (name,
    text); None when none holds it."""
    pattern = re.compile(
        rf"^ *- +\{{? *id: *([\"']?){re.escape(record_id)}\1 *(?:[,}}#]|$)", re.MULTILINE)
    for name, text in files:
        got = pattern.search(text)
        if got is not None:
            return name, text[:got.start()].count("\n") + 1
    return None


@dataclass(frozen=True)
class Editable:
    """A record as kzt-tui wrote it, ready to edit: its section, the file that holds it,
    the file's bytes when it was read (a save refuses a file changed since) and the
    record's fields as written."""

    record_id: str
    section: str
    file: Path
    data: bytes = field(repr=False)
    fields: dict[str, Any]


def plain(value: Any) -> Any:
    """A parsed YAML value (PMap, PList) as plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def record_fields(text: str, section: str, record_id: str) -> dict[str, Any] | None:
    """The fields of record `record_id` of `section` as `text` (a YAML file) writes them;
    None when it is not there."""
    from kzt_tui.core.loading.yamlsafe import parse

    data = parse(text)
    items = data.get(section) if isinstance(data, dict) else None
    for item in items or ():
        if isinstance(item, dict) and str(item.get("id")) == record_id:
            got: dict[str, Any] = plain(item)
            return got
    return None
