"""Keep the message catalogue: `python tools/i18n.py check|update|compile` (needs Babel,
in the test extra).

- check: every string marked in kzt_tui (N_("…"), tr("…", …)), every vocabulary value of
  core/schema.py, and the footer labels, palette names, help lines and help headings of the
  explorer's actions (ACTIONS and GROUPS in screens/explorer_keys.py, declared as data) has
  a Russian translation, and the .mo is the compiled .po;
- update: add the marked strings the .po lacks (empty: translate them, then compile);
- compile: write the .mo from the .po.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kzt_tui"
PO = PACKAGE / "locale" / "ru" / "LC_MESSAGES" / "kzt_tui.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"N_": None, "Nn_": (1, 2), "tr": (1,), "trn": (1, 2)}
#: A msgid: a text, or (singular, plural) of a message with plural forms (`trn`).
Msg = str | tuple[str, str]


def marked() -> set[Msg]:
    """Every msgid the code marks, every vocabulary value in its readable form, and the
    texts of the explorer's actions and help groups."""
    sys.path.insert(0, str(ROOT))
    from kzt_tui.core import schema
    from kzt_tui.screens.explorer_keys import ACTIONS, GROUPS

    found: set[Msg] = set()
    for _, _, msg, _, _ in extract_from_dir(str(PACKAGE), method_map=[("**.py", "python")],
                                             keywords=KEYWORDS):
        if isinstance(msg, str) or (isinstance(msg, tuple) and len(msg) == 2
                                    and all(isinstance(m, str) for m in msg)):
            found.add(msg)
    for name in dir(schema):
        value = getattr(schema, name)
        if name.isupper() and isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            found |= {v.replace("_", " ") for v in value}
    for action in ACTIONS:
        found |= {action.footer, action.command, action.help}
    found |= {heading for _, heading in GROUPS}
    return found


def read() -> Catalog:
    with PO.open("rb") as f:
        return read_po(f, locale="ru", domain="kzt_tui")


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _key(value: object) -> object:
    """A message's id or string as a dict key (the .mo reader gives plural forms as lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


def problems() -> list[str]:
    catalog = read()
    have = {m.id: m.string for m in catalog if m.id}
    out = [f"no Russian for {msg!r}" for msg in sorted(marked(), key=str)
           if not have.get(msg) or (isinstance(have[msg], tuple) and not all(have[msg]))]
    with MO.open("rb") as f:
        mo = {_key(m.id): _key(m.string) for m in read_mo(f) if m.id}
    if mo != {_key(k): _key(v) for k, v in have.items() if v}:
        out.append(f"{MO.name} is not the compiled {PO.name}: run `python tools/i18n.py compile`")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        catalog = read()
        for msg in sorted(marked(), key=str):
            if msg not in catalog:
                catalog.add(msg, ("", "", "") if isinstance(msg, tuple) else "")
        with PO.open("wb") as f:
            write_po(f, catalog, width=100, sort_output=False)
        return 0
    if command == "compile":
        MO.write_bytes(compiled(read()))
        return 0
    found = problems()
    print("\n".join(found) or "catalogue complete")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
