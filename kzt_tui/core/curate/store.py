"""Writing records and citations into the dataset: only into files kzt-tui created (their
first line says so), atomically, each write checked at once by loading the dataset (the
file is restored when the load fails or the record does not appear) and journalled so the
last write can be undone."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzt_tui.core.atomic import write_atomic_bytes
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.curate.journal import MAX_JOURNAL_BYTES, Journal, JournalError
from kzt_tui.core.curate.ownfile import OwnFileError, no_links, read_own
from kzt_tui.core.curate.render import (
    render_added_citation,
    render_citation,
    render_dismissal,
    render_record,
)
from kzt_tui.core.grounding import Ungrounded, ground
from kzt_tui.core.loading import load_cached
from kzt_tui.core.loading.files import MAX_DATA_BYTES, dataset_root, read_regular
from kzt_tui.core.loading.merge import CITABLE, already_cited
from kzt_tui.core.loading.merge import KEY as ADDED
from kzt_tui.core.model import (
    SECTION_PREFIX,
    Citation,
    Dataset,
    Record,
    all_citations,
    section_of,
)
from kzt_tui.core.problems import DataError, Problem, shorten
from kzt_tui.core.shipped import READ_ONLY, is_shipped

if TYPE_CHECKING:
    from kzt_tui.core.curate.edit import Editable

#: The first line of every file kzt-tui writes; a file without it is never changed.
HEADER = "# kzt-tui: written by kzt-tui; it appends here. Edit freely; keep this first line."
#: Where new records go, relative to the curated file's folder.
DEFAULT_TARGET = "parts/kzt-tui.yaml"


class CurateError(Exception):
    """A write that was refused or undone; `problems` are the load's when it failed."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


@dataclass(frozen=True)
class Written:
    """What a write did: the file, and the dataset as loaded after it."""

    file: Path
    created: bool
    dataset: Dataset = field(repr=False)


def tool_owned(data: bytes) -> bool:
    """Whether a file's bytes begin with kzt-tui's header line."""
    return data.startswith(HEADER.encode("utf-8") + b"\n")


def _block_end(lines: list[str], start: int, inside: Callable[[str], bool]) -> int:
    """The index after the last non-blank line, from `start` on, of the block whose lines
    are `inside` (blank lines and comments do not end it)."""
    end = last = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].lstrip().startswith("#")
                                or inside(lines[end])):
        if lines[end].strip() and not lines[end].lstrip().startswith("#"):
            last = end + 1
        end += 1
    return last


def _key_line(lines: list[str], key: str, indent: int, start: int = 0, stop: int | None = None
              ) -> int | None:
    """The index of the line `key:` at `indent` spaces (an empty flow list `[]` after it
    made a block list's, a comment kept), from `start` to `stop`; None when there is none."""
    pattern = rf" {{{indent}}}{re.escape(key)}:(\s*\[\s*\])?\s*(#.*)?"
    for i in range(start, len(lines) if stop is None else stop):
        got = re.fullmatch(pattern, lines[i])
        if got:
            if got.group(1):
                lines[i] = " " * indent + f"{key}:" + (f"  {got.group(2)}" if got.group(2)
                                                       else "")
            return i
    return None


def _append_item(lines: list[str], at: int, indent: int, block: str, gap: bool = False
                 ) -> None:
    """Append `block` (items written `indent` + 2 spaces in) to the list whose key is
    lines[at] (at `indent`), at the indentation its items have: written by hand, they may
    sit at the key's own column (`- x` under `key:`). `gap`: a blank line before it when
    the list has items already."""
    first = next((line for line in lines[at + 1:]
                  if line.strip() and not line.lstrip().startswith("#")), "")
    flush = first.startswith(" " * indent + "-")  # items at the key's own column
    deeper = " " * (indent + 1)
    end = _block_end(lines, at, lambda line: line.startswith(deeper) or (
        flush and line.startswith(" " * indent + "-")))
    text = block.rstrip("\n")
    if flush:
        text = "\n".join(line[2:] if line.startswith("  ") else line
                         for line in text.split("\n"))
    lines[end:end] = ["", text] if gap and end > at + 1 else [text]


def _lines(text: str) -> list[str]:
    """`text`'s lines, split at "\n" alone. str.splitlines also splits at U+2028, U+2029,
    \v, \f and the like, which may sit inside another record's quoted value: joined again
    with "\n", they became line breaks, which YAML folds into spaces, and that record's
    value changed without a word (found by a hostile review)."""
    lines = text.split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def insert_record(text: str, section: str, block: str) -> str:
    """`text` (a file kzt-tui owns) with `block` appended to `section`'s list; the file
    may have been edited by hand (an empty `[]`, a comment after the key, items at the
    key's column)."""
    lines = _lines(text)
    at = _key_line(lines, section, 0)
    if at is not None:
        _append_item(lines, at, 0, block, gap=True)
        return "\n".join(lines) + "\n"
    tail = "" if not text or text.endswith("\n\n") else "\n"
    return f"{text}{tail}{section}:\n{block}"


def insert_citation(text: str, record_id: str, block: str) -> str | None:
    """`text` with `block` added to record `record_id`'s `citations:` (the end of its item
    when it has none: the load after the write checks it); None when the record is not in
    `text`."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        if re.fullmatch(rf"  - id: \"?{re.escape(record_id)}\"?\s*(#.*)?", line):
            end = _block_end(lines, i, lambda x: x.startswith("    "))
            at = _key_line(lines, "citations", 4, i + 1, end)
            if at is None:
                lines[end:end] = [block.rstrip("\n")]
            else:
                _append_item(lines, at, 4, block)
            return "\n".join(lines) + "\n"
    return None


def _changed_besides(before: Dataset, after: Dataset, changing: str | None) -> str | None:
    """The first record of `before` but `changing` that `after` lost or holds changed
    (its id), or "a dismissal" when one of `before`'s is gone; None when all are kept. A
    write adds; whatever else it changed, a layout it misread did (the check that the
    added item appeared cannot see that)."""
    for name in SECTION_PREFIX:
        now = {record.id: record for record in after.section(name)}
        for record in before.section(name):
            if record.id != changing and now.get(record.id) != record:
                return record.id
    kept = set(after.dismissals)
    if any(dismissal not in kept for dismissal in before.dismissals):
        return "a dismissal"
    return None


class Curator:
    """Writes into the dataset whose curated (top) file is `data`."""

    def __init__(self, data: Path, root: Path | None = None,
                 target: str = DEFAULT_TARGET, cache: Path | None = None) -> None:
        self.data = data
        self.root = root if root is not None else dataset_root(data)
        self.target = data.parent / target
        self.cache = cache
        self.journal = Journal(data.parent, self.root)

    def load(self) -> Dataset:
        """The dataset as it is now; CurateError when it does not load (a write needs a
        dataset that loads, to check what it adds)."""
        try:
            return load_cached(self.data, self.root, self.cache)
        except DataError as exc:
            raise CurateError(f"the dataset has {len(exc.problems)} problem(s); fix them "
                              f"first (`kzt-tui check`): {exc.problems[0]}",
                              exc.problems) from exc

    def add_record(self, section: str, fields: dict[str, Any],
                   created: tuple[tuple[Path, bytes], ...] = ()) -> Written:
        """Append a new record of `section` to the target file and check it loads;
        `created`: files made for it (add-source's text), which undo removes with it."""
        if section not in SECTION_PREFIX:
            raise CurateError(f"no section {section!r}; one of {', '.join(SECTION_PREFIX)}")
        self.refuse_shipped(self.target)
        old = self._owned_bytes(self.target)
        record_id = str(fields.get("id", ""))
        try:
            corpus = Corpus(self.load())
        except CurateError:
            if old is not None:
                raise
            corpus = None  # the include may be waiting for this very file: the load after
            # the write tells
        if corpus is not None:
            if corpus.get(record_id) is not None:
                raise CurateError(f"{record_id} already exists; choose another id")
            for cite in _citations_of(fields):
                self.check_quote(corpus, cite)
        text = old.decode("utf-8") if old is not None else HEADER + "\n"
        new = insert_record(text, section, render_record(section, fields))
        return self._write(self.target, old, new.encode("utf-8"), f"add {record_id}",
                           lambda ds: Corpus(ds).get(record_id) is not None, created,
                           before=corpus.dataset if corpus is not None else None)

    def add_citation(self, record_id: str, cite: dict[str, Any]) -> Written:
        """Add a citation to an existing record: into the record itself when kzt-tui wrote
        its file; else (a file written by hand, which kzt-tui never changes) as an item of
        `added_citations:` in the target file, which the load appends to the record."""
        self.refuse_shipped(self.data)  # said first: no file there is the user's to change
        before = self.load()
        corpus = Corpus(before)
        record = self._citable(corpus, record_id)
        self.check_quote(corpus, cite)
        _not_cited_yet(corpus, record, cite)
        count = len(all_citations(record))
        for file in before.files:
            path = Path(file)  # as the loader names it: the top file as given, parts in full
            try:
                old = read_own(path, MAX_JOURNAL_BYTES)
            except OwnFileError:
                continue  # a link, or too large: not a file kzt-tui writes in any case
            if old is None or not tool_owned(old):
                continue
            new = insert_citation(old.decode("utf-8"), record_id, render_citation(cite))
            if new is not None:
                return self._write(path, old, new.encode("utf-8"), f"cite {record_id}",
                                   lambda ds: _cited(ds, record_id, count),
                                   before=before, changing=record_id)
        self.refuse_shipped(self.target)
        old = self._owned_bytes(self.target)
        text = old.decode("utf-8") if old is not None else HEADER + "\n"
        new = insert_record(text, ADDED, render_added_citation({"record": record_id, **cite}))
        return self._write(self.target, old, new.encode("utf-8"), f"cite {record_id}",
                           lambda ds: _cited(ds, record_id, count),
                           before=before, changing=record_id)

    def citable(self, record_id: str, passage: dict[str, Any] | None = None) -> str | None:
        """Why no citation (of `passage`: doc, quote, occurrence) can be added to record
        `record_id` (None: one can): asked before a form asks for its translation."""
        try:
            self.refuse_shipped(self.data)
            corpus = Corpus(self.load())
            record = self._citable(corpus, record_id)
            if passage is not None:
                self.check_quote(corpus, passage)
                _not_cited_yet(corpus, record, passage)
            if self.target.exists():
                self._owned_bytes(self.target)
        except CurateError as exc:
            return str(exc)
        return None

    def _citable(self, corpus: Corpus, record_id: str) -> Record:
        record = corpus.get(record_id)
        if record is None:
            raise CurateError(f"no record {record_id}")
        if section_of(record).prefix not in CITABLE:
            raise CurateError(f"{record_id} is a {section_of(record).singular}: its "
                              "citations are not added one by one"
                              + (" (each belongs to a side, with its claim)"
                                 if section_of(record).name == "discrepancies" else ""))
        return record

    def add_dismissal(self, dismissal: dict[str, Any]) -> Written:
        """Append a dismissal (doc, quote, occurrence, reason, note: a passage judged to
        need no record) to the target file's `dismissals:` and check it loads."""
        self.refuse_shipped(self.target)
        old = self._owned_bytes(self.target)
        before = self.load()
        corpus = Corpus(before)
        self.check_quote(corpus, dismissal)
        count = len(before.dismissals)
        text = old.decode("utf-8") if old is not None else HEADER + "\n"
        new = insert_record(text, "dismissals", render_dismissal(dismissal))
        quote = str(dismissal.get("quote", ""))
        return self._write(self.target, old, new.encode("utf-8"),
                           f"dismiss «{shorten(quote, 40)}»",  # cut: with an ellipsis
                           lambda ds: len(ds.dismissals) == count + 1, before=before)

    def editable(self, record_id: str) -> Editable:
        """Record `record_id` as kzt-tui wrote it, to edit in a form; CurateError, one line
        saying where to edit it instead (file:line), when it lives in a file kzt-tui does
        not change (one written by hand, or the shipped data)."""
        from kzt_tui.core.curate.edit import (
            Editable,
            place_of,
            record_block,
            record_fields,
            split_lines,
        )
        from kzt_tui.core.loading.yamlsafe import YamlError

        dataset = self.load()
        record = Corpus(dataset).get(record_id)
        if record is None:
            raise CurateError(f"no record {record_id}")
        section = section_of(record).name
        texts: list[tuple[str, str]] = []
        for file in dataset.files:
            path = Path(file)
            try:
                data = read_own(path, MAX_JOURNAL_BYTES)
            except OwnFileError:
                continue
            if data is None:
                continue
            text = data.decode("utf-8", "replace")
            texts.append((file, text))
            if not tool_owned(data) or is_shipped(path):
                continue
            try:
                fields = record_fields(text, section, record_id)
            except YamlError:
                continue
            if fields is not None and record_block(split_lines(text), record_id):
                return Editable(record_id, section, path, data, fields)
        place = place_of(texts, record_id)
        where = f"{_shown(Path(place[0]))}:{place[1]}" if place else "a file of the dataset"
        if is_shipped(Path(place[0]) if place else self.data):
            raise CurateError(f"{record_id} lives in {where}, the shipped data, which "
                              "kzt-tui does not change; copy-data first, then edit it in "
                              "the copy")
        if place and dict(texts)[place[0]].startswith(HEADER + "\n"):
            raise CurateError(f"{record_id} lives in {where}, not laid out as kzt-tui "
                              "writes a record; edit it there")
        raise CurateError(f"{record_id} lives in {where}, a file kzt-tui does not change; "
                          "edit it there")

    def edit_record(self, editing: Editable, fields: dict[str, Any]) -> Written:
        """Replace the record `editing` holds by `fields` in its file, in place (the same
        position, the rest of the file as it was), and check it loads with every other
        record and dismissal unchanged. Refused when the file changed since `editing` was
        read, or the id is changed to one that exists."""
        from kzt_tui.core.curate.edit import replace_record

        path, old_id = editing.file, editing.record_id
        self.refuse_shipped(path)
        old = self._owned_bytes(path)
        if old != editing.data:
            raise CurateError(f"not written: {path} changed since {old_id} was read (another "
                              "kzt-tui, or an editor); open the form again")
        assert old is not None  # equal to the bytes read
        new_id = str(fields.get("id", ""))
        before = self.load()
        corpus = Corpus(before)
        if corpus.get(old_id) is None:
            raise CurateError(f"not written: no record {old_id} any more")
        if new_id != old_id and corpus.get(new_id) is not None:
            raise CurateError(f"{new_id} already exists; choose another id")
        for cite in _citations_of(fields):
            self.check_quote(corpus, cite)
        new = replace_record(old.decode("utf-8"), old_id,
                             render_record(editing.section, fields))
        if new is None:
            raise CurateError(f"not written: {old_id} is no longer in {path}")

        def appeared(dataset: Dataset) -> bool:
            if Corpus(dataset).get(new_id) is None:
                raise CurateError(f"not written: {new_id} did not load from {path} after "
                                  "the edit; edit it there by hand")
            touched = _changed_besides(before, dataset, old_id)
            if touched is not None:
                raise CurateError(f"not written: editing {old_id} in {path} as it is laid "
                                  f"out now would also change {touched}; edit it there by "
                                  "hand")
            return True

        what = f"edit {old_id}" + (f" (now {new_id})" if new_id != old_id else "")
        return self._write(path, old, new.encode("utf-8"), what, appeared)

    def undo(self) -> str:
        """Undo the last write; what it was. CurateError (one plain line) when a file
        cannot be written back (a read-only disk): then nothing is undone."""
        self.refuse_shipped(self.journal.path)
        try:
            with self.journal.locked():
                return self.journal.undo(tool_owned, keep=(self.data,)).what
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise CurateError(f"not undone: {where}{exc.strerror or exc}") from exc

    def check_quote(self, corpus: Corpus, cite: dict[str, Any]) -> None:
        """CurateError unless the quote is found verbatim (and once, or at `occurrence`)."""
        doc = str(cite.get("doc", ""))
        if doc not in {d.id for d in corpus.dataset.documents}:
            raise CurateError(f"no document {doc!r}")
        got = ground(corpus.text(doc), str(cite.get("quote", "")), cite.get("occurrence"))
        if isinstance(got, Ungrounded):
            hint = f" (hint: {got.hint})" if got.hint else ""
            raise CurateError(f"[{doc}] {got.message}{hint}")

    def _owned_bytes(self, path: Path) -> bytes | None:
        old = _read(path)
        if old is not None and not tool_owned(old):
            raise CurateError(f"{path} was not written by kzt-tui; it is never changed "
                              "(to have kzt-tui write there, make its first line "
                              "kzt-tui's header again, or move the file aside: kzt-tui "
                              "then starts a new one)")
        return old

    def _write(self, path: Path, old: bytes | None, new: bytes, what: str,
               appeared: Callable[[Dataset], bool],
               created: tuple[tuple[Path, bytes], ...] = (), *,
               before: Dataset | None = None, changing: str | None = None) -> Written:
        """Write `new` over `path` (`old`: its bytes now), journal first, and load the
        dataset again: taken back unless the write `appeared` and, when `before` is given,
        every record of it but `changing` (and every dismissal) is still there, unchanged.
        One write or undo of a dataset at a time (Journal.locked)."""
        try:
            with self.journal.locked():
                if _read(path) != old:
                    raise CurateError(f"not written: {path} changed while this write was "
                                      "made (another kzt-tui, or an editor); try again")
                return self._write_locked(path, old, new, what, appeared, created,
                                          before, changing)
        except JournalError as exc:
            raise CurateError(f"not written: {exc}") from exc

    def _write_locked(self, path: Path, old: bytes | None, new: bytes, what: str,
                      appeared: Callable[[Dataset], bool],
                      created: tuple[tuple[Path, bytes], ...],
                      before: Dataset | None, changing: str | None) -> Written:
        self.refuse_shipped(path)
        try:  # everything that can be refused is, before anything is written
            inside(self.root, path)
            no_links(self.root, path)
            self.journal.name(path)
            self.journal.entries()
            path.parent.mkdir(parents=True, exist_ok=True)
            no_links(self.root, path)  # a folder made just now: still no link
        except (OwnFileError, JournalError) as exc:
            raise CurateError(f"not written: {exc}") from exc
        except OSError as exc:
            raise CurateError(f"not written: cannot create {path.parent}: "
                              f"{exc.strerror or exc}") from exc
        try:  # ahead of the write: killed between the two, undo still knows of it
            self.journal.record(path, old, new, what, created)
        except (JournalError, OSError) as exc:
            raise CurateError(f"not written: the undo journal cannot be saved ({exc})"
                              ) from exc
        try:
            write_atomic_bytes(path, new)
        except OSError as exc:
            self._forget(path, new)
            raise CurateError(f"not written: {path}: {exc.strerror or exc}") from exc
        try:  # from here on, any failure (ctrl+c too) puts the file back as it was
            try:
                dataset = load_cached(self.data, self.root, self.cache)
            except DataError as exc:
                first = exc.problems[0]
                if not first.path and os.path.realpath(first.file) == os.path.realpath(path):
                    # the file no longer parses: the insertion did not fit its layout, and
                    # the line is one of the write taken back, not one the user can open
                    raise CurateError(f"not written: the new item does not fit {path} as "
                                      f"it is laid out now ({first.message}); add it there "
                                      "by hand") from exc
                raise CurateError(f"not written: {first}", exc.problems) from exc
            if not appeared(dataset):
                raise CurateError(self._not_included(path))
            touched = _changed_besides(before, dataset, changing) if before else None
            if touched is not None:
                raise CurateError(f"not written: adding to {path} as it is laid out now would "
                                  f"also change {touched}; add it there by hand")
        except BaseException:
            self._restore(path, old)
            self._forget(path, new)
            raise
        return Written(path, old is None, dataset)

    def _forget(self, path: Path, new: bytes) -> None:
        """The journal's entry of a write taken back dropped, if it can be (if not, undo
        sees that write was never made and skips it)."""
        with contextlib.suppress(JournalError, OSError):
            self.journal.forget(path, new)

    def refuse_shipped(self, path: Path) -> None:
        """CurateError when `path` lies inside the installed package (core/shipped.py)."""
        if is_shipped(path):
            raise CurateError(f"not written: {READ_ONLY}")

    def _restore(self, path: Path, old: bytes | None) -> None:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic_bytes(path, old)

    def _not_included(self, path: Path) -> str:
        rel = path.relative_to(self.data.parent).as_posix()
        pattern = rel.rsplit("/", 1)[0] + "/*.yaml" if "/" in rel else rel
        top = (read_regular(self.data, MAX_DATA_BYTES) or b"").decode("utf-8", "replace")
        if re.search(r"^include:", top, re.MULTILINE):
            how = f'add "{pattern}" to its include: list'
        else:
            how = f'add the line  include: ["{pattern}"]  to it'
        return (f"not written: {self.data} does not include {rel}; kzt-tui does not edit "
                f"that file: {how}, then try again")


def inside(root: Path, path: Path) -> None:
    """CurateError unless `path` (through any symbolic links) stays inside `root`."""
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(os.path.realpath(root)):
        raise CurateError(f"{path} leads outside the dataset root {root} (through a "
                          "symbolic link); kzt-tui writes only inside it")


def _read(path: Path) -> bytes | None:
    try:
        return read_own(path, MAX_JOURNAL_BYTES)
    except OwnFileError as exc:
        raise CurateError(str(exc)) from exc


def _citations_of(fields: dict[str, Any]) -> list[dict[str, Any]]:
    cites = list(fields.get("citations") or [])
    for side in fields.get("sides") or []:
        cites.extend(side.get("citations") or [])
    return [c for c in cites if isinstance(c, dict)]


def _shown(path: Path) -> str:
    """`path` as typed from the current folder when it is under it, else in full."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _cited(dataset: Dataset, record_id: str, count: int) -> bool:
    record = Corpus(dataset).get(record_id)
    return record is not None and len(all_citations(record)) == count + 1


def _not_cited_yet(corpus: Corpus, record: Record, cite: dict[str, Any]) -> None:
    """CurateError when `record` already cites the passage `cite` quotes (the same
    document and span): a second copy would count it twice. Asked after check_quote."""
    doc = str(cite["doc"])  # check_quote has found both, and the quote grounded
    got = ground(corpus.text(doc), str(cite["quote"]), cite.get("occurrence"))
    if isinstance(got, Ungrounded):
        return
    why = already_cited(record.id, all_citations(record),
                        Citation(doc, str(cite["quote"]), "", span=got.span))
    if why is not None:
        raise CurateError(why)
