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

from kzt_tui.core.curate.form import CITE, FormField, form_fields


def split_lines(text: str) -> list[str]:
    """`text`'s lines, split at "\\n" alone: a U+2028 or \\f inside another record's quoted
    value is not a line break of the file (str.splitlines breaks there, and joined with
    "\\n" YAML would fold it into a space)."""
    lines = text.split("\n")
    if lines and not lines[-1]:
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
    lines[first:end] = [" " * column + line[2:] for line in block.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n"


def place_of(files: Iterable[tuple[str, str]], record_id: str) -> tuple[str, int] | None:
    """(file, 1-based line) of record `record_id`'s `- id:` line among `files` (name,
    text); None when none holds it."""
    pattern = re.compile(
        rf"^ *- +\{{? *id: *([\"']?){re.escape(record_id)}\1 *(?:[,}}#]|$)", re.MULTILINE)
    for name, text in files:
        got = pattern.search(text)
        if got is not None:
            return name, text.count("\n", 0, got.start()) + 1
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


def _text(value: Any, f: FormField) -> str:
    """One value as the form's box shows it, so that saving it unchanged writes it again."""
    if value is None:
        return ""
    if isinstance(value, float):  # as the form prefills a number: 555.7, 12
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        if f.kind == "items":
            return "; ".join(_item_text(f.path, v) for v in value if isinstance(v, dict))
        texts = [str(v) for v in value]
        return ("; " if any("," in t for t in texts) else ", ").join(texts)
    return str(value)


def _item_text(name: str, item: dict[str, Any]) -> str:
    """An item of a list of mappings as it is typed (form.ITEMS)."""
    if name == "goods":
        return f"{item.get('item_en', '')} ({item.get('item', '')}) {item.get('direction', '')}"
    text = str(item.get("name", ""))
    if item.get("ru"):
        text += f" ({item['ru']})"
    if item.get("country"):
        text += f" [{item['country']}]"
    return text


def _get(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def edit_form(section: str, record: dict[str, Any]) -> tuple[list[FormField], dict[str, str]]:
    """The form of a record being edited, and what its boxes show: the fields of a new
    record of its section and every optional one it has, none of its citations' (they are
    kept as written: shown, not edited), each prefilled with the record's value; the first
    citation's document and quote, which the form shows above the fields."""
    present = [*record, *(f"{key}.{sub}" for key, value in record.items()
                          if isinstance(value, dict) for sub in value)]
    fields = [f for f in form_fields(section, present) if not f.path.startswith(CITE)]
    values = {f.path: _text(_get(record, f.path), f) for f in fields}
    cites = record.get("citations") or []
    if cites and isinstance(cites[0], dict):
        values[CITE + "doc"] = str(cites[0].get("doc", ""))
        values[CITE + "quote"] = str(cites[0].get("quote", ""))
    return fields, values


def edited(section: str, record: dict[str, Any], fields: list[FormField],
           typed: dict[str, str]) -> dict[str, Any]:
    """The record as saved: what the form's fields hold (form.record_of), and every key of
    the record the form does not show (its citations, a discrepancy's sides) as written.
    FormError naming the first problem."""
    from kzt_tui.core.curate.form import record_of

    new = record_of(section, fields, typed)  # no citation field: no citations
    shown = {f.path.split(".")[0] for f in fields}
    for key, value in record.items():
        if key not in shown:
            new[key] = value
    return new
