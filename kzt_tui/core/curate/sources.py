"""Adding a source text to a dataset: the text as the evidence (plain UTF-8 and Markdown
copied byte for byte; HTML turned into text by trafilatura, the page kept beside it), what
the text itself says about its date, and the document record for the rest, which the
caller asks for: nothing is guessed."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from kzt_tui.core.atomic import write_atomic_bytes, write_new
from kzt_tui.core.curate.ownfile import OwnFileError, no_links
from kzt_tui.core.curate.store import CurateError, Curator, Written, inside
from kzt_tui.core.loading.files import (
    MAX_SOURCE_BYTES,
    NotRegularError,
    TooLargeError,
    read_bounded,
)

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: An HTML page larger than this is not given to trafilatura: a news page is well under
#: a megabyte, and parsing and extracting take time and memory in proportion.
MAX_HTML_BYTES = 4 * 1024 * 1024
INSTALL_HTML = "pip install 'kzt-tui[html]'"
#: The date line the seeds open with: " date 2025-11-26 …".
_DATE_LINE = re.compile(r"\A\s*date\s+([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")
#: Before the date of a news text's dateline: a place of up to three capitalised words
#: ("Ашхабад, ", "АСТАНА, ", "Нур-Султан "), or nothing.
_DATELINE_PLACE = re.compile(r"\A\s*(?:(?P<place>[A-ZА-ЯЁ][\w-]*(?:\s+[A-ZА-ЯЁ][\w-]*){0,2})"
                             r"\s*,?\s*)?\Z")
#: After it: "года" or "г." and the dateline's end (". ", " — ", a line's end).
_DATELINE_END = re.compile(r"\A(?:\s*(?:года|г\.))?\s*(?:[.,—–-]|\Z)", re.IGNORECASE)


@dataclass(frozen=True)
class SourceText:
    """A source as it will be stored: the text's bytes and, for HTML, the page's."""

    name: str  # the text's file name (the page's, with .txt, for HTML)
    text: bytes
    original: bytes | None  # the HTML page, kept beside the text
    original_name: str | None


def read_new_source(path: Path) -> SourceText:
    """The source at `path` as it will be stored; CurateError if it cannot be."""
    html = path.suffix.lower() in HTML_SUFFIXES
    limit = MAX_HTML_BYTES if html else MAX_SOURCE_BYTES
    try:
        raw = read_bounded(path, limit)
    except OSError as exc:
        raise CurateError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except NotRegularError as exc:  # a FIFO would block, a device never end
        raise CurateError(f"{path} {exc}; add a regular file") from exc
    except TooLargeError as exc:
        raise CurateError(f"{path} is larger than {limit // (1 << 20)} MiB ({exc.size:,} "
                          "bytes); a source text is a news text, not a book") from exc
    if html:
        text = html_to_text(raw)
        return SourceText(path.stem + ".txt", text.encode("utf-8"), raw, path.name)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurateError(f"{path} is not UTF-8 text (byte {exc.start}); convert it first, "
                          "e.g. iconv -f cp1251 -t utf-8") from exc
    return SourceText(path.name, raw, None, None)


def html_to_text(page: bytes) -> str:
    """The main text of an HTML page (trafilatura: made for news pages, it drops menus,
    footers and comments); CurateError without it or when it finds no text."""
    try:
        import trafilatura  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        why = ("is not installed" if exc.name in (None, "trafilatura")
               else f"could not be imported ({exc})")
        raise CurateError(f"reading HTML needs trafilatura, which {why}: {INSTALL_HTML}"
                          ) from None
    text = trafilatura.extract(page.decode("utf-8", "replace"), include_comments=False,
                               include_tables=True, favor_precision=True)
    if not text or not text.strip():
        raise CurateError("trafilatura found no article text in the page; save the text "
                          "as a .txt file and add that")
    return str(text) if str(text).endswith("\n") else f"{text}\n"


def date_line(text: bytes) -> str | None:
    """The date of the text's own leading date line (" date 2025-11-26"), if it has one."""
    found = _DATE_LINE.match(text[:200].decode("utf-8", "replace"))
    return found.group(1) if found else None


@dataclass(frozen=True, slots=True)
class Dateline:
    """A news text's opening dateline («Ашхабад, 3 декабря 2025 года.»)."""

    date: str  # 2025-12-03
    place: str | None  # Ашхабад
    phrase: str  # the dateline as the text has it


#: A dateline is looked for in this many of the text's first non-empty lines: a headline
#: (and a subheading) may come before it.
DATELINE_LINES = 3
#: …within this many bytes of the text's start.
DATELINE_BYTES = 1200


def dateline(text: bytes) -> Dateline | None:
    """The dateline one of the text's first DATELINE_LINES non-empty lines opens with (a
    headline may come first): a place (or none), then one day's date in Russian or
    English words (core/endates), then its end; None otherwise (a headline that names a
    date — "Президент посетит Ашхабад 3 декабря" — is no dateline: the date is not
    read)."""
    head = text[:DATELINE_BYTES].decode("utf-8", "replace").lstrip("\ufeff")
    lines = [ln for ln in head.splitlines() if ln.strip()][:DATELINE_LINES]
    return next((found for ln in lines if (found := _dateline_of(ln)) is not None), None)


def _dateline_of(line: str) -> Dateline | None:
    """The dateline `line` opens with, if it does: in Russian or English words."""
    from kzt_tui.core.endates import read_english_dates
    from kzt_tui.core.ruparse import read_dates

    dates = sorted([*read_dates(line), *read_english_dates(line)], key=lambda d: d.begin)
    if not dates or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", dates[0].start):
        return None
    first = dates[0]
    before = _DATELINE_PLACE.match(line[:first.begin])
    after = _DATELINE_END.match(line[first.stop:])
    if first.start != first.end or before is None or after is None:
        return None
    return Dateline(first.start, before["place"],
                    line[:first.stop + after.end()].strip().rstrip(",—–-").strip())


def text_date(text: bytes) -> tuple[str, str] | None:
    """The date the text gives itself and a date_note saying where it was read: its
    leading date line (" date 2025-11-26") or its dateline; None when it gives none."""
    found = date_line(text)
    if found:
        return found, f'From the text\'s leading date line ("date {found}").'
    line = dateline(text)
    if line is None:
        return None
    where = f", place {line.place}" if line.place else ""
    return line.date, f"From the text's dateline «{line.phrase}»{where}."


def suggested_id(name: str) -> str | None:
    """`doc-` and the file name's stem as an id (`doc-kazinform-2025-12-01`), or None
    when the stem has no ASCII letters or digits to make one of."""
    stem = unicodedata.normalize("NFKD", PurePosixPath(name).stem).encode("ascii", "ignore")
    # cut, then stripped again: a cut after a dash would end the id in one, which no id may
    slug = re.sub(r"[^a-z0-9]+", "-", stem.decode().lower()).strip("-")[:90].rstrip("-")
    return f"doc-{slug}" if slug else None


def sources_folder(curator: Curator) -> str:
    """Where the dataset keeps its texts: the folder most of its documents' files are in
    (`seeds` for the shipped one), or `sources` for a dataset without documents."""
    with contextlib.suppress(CurateError):
        folders = Counter(PurePosixPath(d.file).parent.as_posix()
                          for d in curator.load().documents)
        if folders:
            return folders.most_common(1)[0][0]
    return "sources"


def add_source(curator: Curator, source: SourceText, folder: str,
               document: dict[str, Any]) -> Written:
    """Store the text (and the page) in `folder` under the dataset root as new files, then
    its document record (`document`, without `file`) through the curator; the new files are
    removed again when the record is refused. Existing files are never replaced."""
    base = PurePosixPath(folder)
    if base.is_absolute() or ".." in base.parts:
        raise CurateError(f"{folder!r} must be a folder inside the dataset root")
    target = curator.root / base / source.name
    inside(curator.root, target)
    curator.refuse_shipped(target)
    made: list[Path] = []
    try:
        created = [(target, source.text)]
        if source.original is not None and source.original_name:
            created.append((target.with_name(source.original_name), source.original))
        for path, data in created:
            _store(path, data, made, curator.root)
        record = {"id": document["id"], "file": (base / source.name).as_posix(), **document}
        return curator.add_record("documents", record, tuple(created))
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise


def _store(path: Path, data: bytes, made: list[Path], root: Path) -> None:
    if path.exists() or path.is_symlink():
        raise CurateError(f"{path} already exists; it is never replaced (rename the file "
                          "to add, or cite the existing one)")
    try:
        no_links(root, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        no_links(root, path)
    except OwnFileError as exc:
        raise CurateError(f"not written: {exc}") from exc
    except OSError as exc:
        raise CurateError(f"cannot create {path.parent}: {exc.strerror or exc}") from exc
    inside(root, path)
    try:
        write_new(path, "")  # claims the name: nobody else's file is overwritten
        made.append(path)
        write_atomic_bytes(path, data)
    except OSError as exc:
        raise CurateError(f"cannot write {path}: {exc.strerror or exc}") from exc
