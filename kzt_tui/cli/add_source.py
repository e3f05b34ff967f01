"""`kzt-tui add-source FILE`: a new source text and its document record. What the text does
not say (its outlet, a title, a date it lacks) comes from an option, or from a question when
stdin is a terminal; it is never guessed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, EXIT_USAGE, emit, say
from kzt_tui.core.textnorm import one_line

#: Each field that must be known: its option, and the question asked for it.
QUESTIONS = {
    "title_ru": ("--title", "Title as the text gives it (Russian)"),
    "title_en": ("--title-en", "Title in English"),
    "date": ("--date", "Publication date (YYYY, YYYY-MM or YYYY-MM-DD; 'none' if the text "
                       "gives none)"),
    "date_note": ("--date-note", "Where the date comes from, or why there is none"),
    "outlet": ("--outlet", "Outlet as the text names it ('none' if it names none)"),
    "outlet_evidence": ("--outlet-evidence", "How the text names it (e.g. its masthead)"),
    "kind": ("--kind", "Kind (news_report, analysis, briefing, social_post)"),
    "reliability": ("--reliability", "What to keep in mind when citing it"),
    "id": ("--id", "Id of the document (doc-…)"),
}


def run_add_source(args: argparse.Namespace) -> int:
    """`kzt-tui add-source`."""
    from kzt_tui.core.curate.sources import (
        add_source,
        read_new_source,
        sources_folder,
        suggested_id,
        text_date,
    )
    from kzt_tui.core.curate.store import CurateError, Curator
    from kzt_tui.core.paths import shipped_data
    from kzt_tui.core.schema import DOCUMENT_KINDS

    curator = Curator(args.data or shipped_data(), args.root)
    try:
        source = read_new_source(Path(args.file))
    except CurateError as exc:
        say(f"kzt-tui add-source: {exc}")
        return EXIT_USAGE if "trafilatura" in str(exc) else EXIT_DATA
    known: dict[str, Any] = {name: getattr(args, name) for name in QUESTIONS}
    known["author"] = args.author
    found = text_date(source.text)
    if known["date"] is None and found:
        known["date"] = found[0]
        known["date_note"] = known["date_note"] or found[1]
    known["id"] = known["id"] or suggested_id(source.name)
    ask = _asker() if sys.stdin is not None and sys.stdin.isatty() else None
    missing = [name for name in QUESTIONS if not known[name]
               and not (name == "outlet_evidence" and known["outlet"] == "none")]
    for name in missing:
        if ask is None:
            options = ", ".join(QUESTIONS[n][0] for n in missing)
            say(f"kzt-tui add-source: {args.file}: the text does not say, so give "
                f"{options} (or run it in a terminal to be asked)")
            return EXIT_USAGE
        if name == "outlet_evidence" and known["outlet"] == "none":
            continue  # no outlet named: nothing to give evidence for
        known[name] = ask(QUESTIONS[name][1])
        while name == "kind" and known[name] not in DOCUMENT_KINDS:
            known[name] = ask(QUESTIONS[name][1])
    try:
        written = add_source(curator, source, args.into or sources_folder(curator),
                             _document(known))
    except CurateError as exc:
        for problem in exc.problems[1:]:
            say(str(problem))
        say(f"kzt-tui add-source: {exc}")
        return EXIT_DATA
    emit(one_line(f"added {known['id']}: {source.name} ({len(source.text):,} bytes"
                  + (f"; the page kept as {source.original_name}" if source.original_name
                     else "")
                  + f"), its record in {written.file}") + "\n", sys.stdout)
    return EXIT_OK


def _document(known: dict[str, Any]) -> dict[str, Any]:
    outlet = None if known["outlet"] == "none" else {
        "name": known["outlet"], "evidence": known["outlet_evidence"]}
    record = {
        "id": known["id"],
        "date": None if known["date"] == "none" else known["date"],
        "date_note": known["date_note"],
        "title": {"en": known["title_en"], "ru": known["title_ru"]},
        "outlet": outlet,
        "author": known["author"],
        "kind": known["kind"],
        "reliability": known["reliability"],
    }
    if record["author"] is None:  # not given is not "no byline": left out, not null
        del record["author"]
    return record


def _asker() -> Callable[[str], str]:
    def ask(question: str) -> str:
        while True:
            emit(f"{question}: ", sys.stderr)
            answer = sys.stdin.readline()
            if not answer:
                raise KeyboardInterrupt  # end of input: stop, nothing written
            if answer.strip():
                return answer.strip()

    return ask
