"""The form of a record being edited: the new-record form of its section (core/curate/
form.py) with every field the record has, prefilled with its values as written, and the
record made again from what was typed, with what the form does not show kept as written."""

from __future__ import annotations

from typing import Any

from kzt_tui.core.curate.form import CITE, FormField, form_fields


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
    """An item of a list of mappings as it is typed (form.ITEMS); its required keys are
    there (the record loaded)."""
    if name == "goods":
        return f"{item['item_en']} ({item['item']}) {item['direction']}"
    text = str(item["name"])
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
        values[CITE + "doc"] = str(cites[0]["doc"])
        values[CITE + "quote"] = str(cites[0]["quote"])
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
