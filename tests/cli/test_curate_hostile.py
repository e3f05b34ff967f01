"""The writing commands (add-source, cite, mark, undo) on a dataset folder from someone
else: kzt-tui's own files there (its part file, the undo journal, marks.yaml) are data too.
A link, FIFO, device, folder, oversized or deeply nested one is refused in one line, a
write that cannot be journalled is rolled back whole, undo takes back everything the
write made, nothing printed drives the terminal, and a rewrite keeps permissions."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.curate.journal import JOURNAL_NAME, Journal, seal
from kzt_tui.core.curate.journal import key_path as journal_key_path
from kzt_tui.core.curate.store import HEADER
from kzt_tui.core.loading import load
from kzt_tui.core.marks import HEADER as MARKS_HEADER
from tests.helpers import write_journal

TEXT = " date 2025-12-01 Новая статья\nТоварооборот превысил $600 млн.\n".encode()
OPTIONS = ["--title", "Новая статья", "--title-en", "A new article", "--outlet", "none",
           "--kind", "news_report", "--reliability", "Made for a test."]
PERSON = ("  - id: per-new\n    name: {en: \"N\", ru: \"Н\"}\n    role: \"minister\"\n"
          "    country: KZ\n    citations:\n      - doc: doc-a\n"
          "        quote: \"Первая строка\"\n        translation: \"x\"\n")


def _new(tmp_path: Path, name: str = "new-2025.txt", data: bytes = TEXT) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _add(split: Path, tmp_path: Path, *more: str) -> int:
    return main(["add-source", "--data", str(split), str(_new(tmp_path)), *OPTIONS, *more])


def _own_part(split: Path) -> Path:
    """parts/kzt-tui.yaml, as kzt-tui writes it, with one person."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    part.write_text(HEADER + "\n\npeople:\n" + PERSON, encoding="utf-8")
    return part


def _cite(split: Path) -> int:
    return main(["cite", "per-new", "--data", str(split), "--doc", "doc-a",
                 "--quote", "Третья строка", "--translation", "Third line."])


def _one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err, err
    for word in words:
        assert word in err, err


def _nothing_added(split: Path) -> None:
    assert not (split.parent / "texts" / "new-2025.txt").exists()
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()
    assert "doc-new-2025" not in [d.id for d in load(split).documents]


# --- the journal ------------------------------------------------------------------------

def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _oversized(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: 33 MB that take no room
        handle.truncate(33 * 1024 * 1024)


def _nested(path: Path) -> None:
    path.write_text('{"entries": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _link_to_own(path: Path) -> None:
    other = path.parent / "elsewhere.json"
    other.write_text('{"entries": []}', encoding="utf-8")
    path.symlink_to(other.name)


BAD_FILES = {"a fifo": (_fifo, "named pipe"), "a folder": (_folder, "a folder"),
             "33 MB": (_oversized, "larger than 32 MiB"),
             "/dev/zero": (_device, "symbolic link"),
             "a link": (_link_to_own, "symbolic link")}


@pytest.mark.parametrize("bad", sorted(BAD_FILES))
def test_a_journal_that_cannot_be_kept_refuses_the_write_and_leaves_nothing(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    make, words = BAD_FILES[bad]
    journal = split.parent / JOURNAL_NAME
    make(journal)
    began = time.monotonic()
    assert _add(split, tmp_path) == 1
    assert time.monotonic() - began < 10
    _one_line(capsys.readouterr().err, "kzt-tui add-source: not written", words)
    _nothing_added(split)
    assert main(["undo", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "kzt-tui undo:", words)
    part = _own_part(split)
    before = part.read_bytes()
    assert _cite(split) == 1
    _one_line(capsys.readouterr().err, "kzt-tui cite: not written", words)
    assert part.read_bytes() == before
    if bad == "a link":
        assert journal.is_symlink()  # never replaced by a file of its own


NO_JOURNALS = {
    "nested": _nested,
    "not JSON": lambda path: path.write_bytes(b"\xff\xfe{"),
    "a list": lambda path: path.write_text("[1]", encoding="utf-8"),
    "no entries": lambda path: path.write_text("{}", encoding="utf-8"),
    "a seal not in ASCII": lambda path: path.write_text('{"entries": [], "seal": "é"}',
                                                        encoding="utf-8"),
    "a seal that is no string": lambda path: path.write_text('{"entries": [], "seal": 7}',
                                                             encoding="utf-8"),
}


@pytest.mark.parametrize("odd", sorted(NO_JOURNALS))
def test_a_file_in_the_journals_place_that_is_no_journal_is_ignored(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], odd: str) -> None:
    """Nothing sealed it, so it is not this user's journal: like a shipped one it is
    ignored with one line, and the next write starts a journal of its own (once such a
    file refused every write, one with a seal in other than ASCII with a message of
    Python's)."""
    seal(split.parent, [])  # this user has a key (else any journal is ignored unread)
    assert journal_key_path().is_file()
    journal = split.parent / JOURNAL_NAME
    NO_JOURNALS[odd](journal)
    assert main(["undo", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "kzt-tui undo: nothing to undo:",
              f"{journal} was not written by kzt-tui for you in this folder")
    part = _own_part(split)
    before = part.read_bytes()
    assert _cite(split) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-new\n"
    assert part.read_bytes() == before


def _key_link(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    other = path.parent / "other.key"
    other.write_text("a" * 64 + "\n", encoding="ascii")
    path.symlink_to(other)


BAD_KEYS = {"a link": _key_link, "a folder": lambda path: path.mkdir(parents=True),
            "not a key": lambda path: (path.parent.mkdir(parents=True, exist_ok=True),
                                       path.write_text("secret\n", encoding="ascii")),
            "2 KB": lambda path: (path.parent.mkdir(parents=True, exist_ok=True),
                                  path.write_text("a" * 2048, encoding="ascii"))}


@pytest.mark.parametrize("bad", sorted(BAD_KEYS))
def test_a_key_that_is_no_key_is_named_by_cite_and_undo(
        split: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    """The key, not the journal, is what is wrong: both commands say so in one line and
    change nothing (undo once blamed the journal, "not written by kzt-tui for you")."""
    part = _own_part(split)
    assert _cite(split) == 0
    capsys.readouterr()
    written = part.read_bytes()
    key = journal_key_path()
    key.unlink()
    BAD_KEYS[bad](key)
    for argv in (["undo", "--data", str(split)],
                 ["cite", "per-new", "--data", str(split), "--doc", "doc-a",
                  "--quote", "Вторая строка", "--translation", "t"]):
        assert main(argv) == 1
        _one_line(capsys.readouterr().err, f"{key} is not a kzt-tui journal key; move it "
                  "aside (kzt-tui makes a new one)")
        assert part.read_bytes() == written


def test_a_state_folder_that_is_a_file_is_said_in_plain_words(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = journal_key_path().parent
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("not a folder", encoding="utf-8")
    part = _own_part(split)
    before = part.read_bytes()
    assert _cite(split) == 1
    _one_line(capsys.readouterr().err, f"not written: the undo journal cannot be saved ({state} "
              "is not a folder; kzt-tui keeps its journal key in it (move it aside))")
    assert part.read_bytes() == before


def test_a_journal_that_cannot_be_saved_rolls_the_whole_add_source_back(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The text is copied and the record written before the journal is saved: a full disk
    then takes both back (no orphan text, no record that undo cannot take back)."""
    def full(self: Journal, entries: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Journal, "save", full)
    assert _add(split, tmp_path) == 1
    _one_line(capsys.readouterr().err, "the undo journal cannot be saved",
              "No space left on device")
    _nothing_added(split)
    part = _own_part(split)
    before = part.read_bytes()
    assert _cite(split) == 1
    assert part.read_bytes() == before


def test_undo_of_add_source_removes_the_text_and_the_page_unless_changed(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(split, tmp_path) == 0
    text = split.parent / "texts" / "new-2025.txt"
    text.write_bytes(TEXT + b"my edit\n")
    assert main(["undo", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "texts/new-2025.txt changed since kzt-tui wrote it")
    assert text.read_bytes() == TEXT + b"my edit\n"
    assert (split.parent / "parts" / "kzt-tui.yaml").exists()  # nothing undone
    text.write_bytes(TEXT)
    assert main(["undo", "--data", str(split)]) == 0
    _nothing_added(split)


def test_undo_prints_the_journal_s_words_inert(split: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(split, tmp_path) == 0
    journal = split.parent / JOURNAL_NAME
    data = json.loads(journal.read_text(encoding="utf-8"))
    data["entries"][-1]["what"] = "add \x1b]52;c;aGk=\x07\x1b[2J\u202eevil\nline"
    write_journal(split.parent, data["entries"])
    capsys.readouterr()
    assert main(["undo", "--data", str(split)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("undone: add ␛]52;c;aGk=␇␛[2J⍰evil⏎line") and out.count("\n") == 1


def test_a_journal_entry_cannot_remove_a_file_outside_the_root_or_through_a_link(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(split, tmp_path) == 0
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"mine\n")
    sha = hashlib.sha256(b"mine\n").hexdigest()
    (split.parent / "out").symlink_to(tmp_path)
    journal = split.parent / JOURNAL_NAME
    data = json.loads(journal.read_text(encoding="utf-8"))
    for name in ("../victim.txt", str(victim), "out/victim.txt"):
        data["entries"][-1]["created"] = [[name, sha]]
        write_journal(split.parent, data["entries"])
        assert main(["undo", "--data", str(split)]) == 1
        _one_line(capsys.readouterr().err, "not undone")
        assert victim.read_bytes() == b"mine\n"


# --- links ------------------------------------------------------------------------------

def test_the_part_file_linked_to_another_file_of_kzt_tui_is_not_written_through(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = split.parent / "parts" / "other.yaml"
    other.write_text(HEADER + "\n\npeople:\n" + PERSON, encoding="utf-8")
    (split.parent / "parts" / "kzt-tui.yaml").symlink_to("other.yaml")
    before = other.read_bytes()
    assert _add(split, tmp_path) == 1
    _one_line(capsys.readouterr().err, "kzt-tui.yaml is a symbolic link")
    assert other.read_bytes() == before
    assert (split.parent / "parts" / "kzt-tui.yaml").is_symlink()
    assert not (split.parent / "texts" / "new-2025.txt").exists()


def test_a_parts_folder_linked_inside_the_root_is_not_written_through(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (split.parent / "elsewhere").mkdir()
    (split.parent / "elsewhere" / "kzt-tui.yaml").write_text(
        HEADER + "\n\npeople:\n" + PERSON, encoding="utf-8")
    parts = split.parent / "parts"
    for child in parts.iterdir():
        child.rename(split.parent / "elsewhere" / child.name)
    parts.rmdir()
    parts.symlink_to("elsewhere")
    before = (split.parent / "elsewhere" / "kzt-tui.yaml").read_bytes()
    assert _add(split, tmp_path) == 1
    _one_line(capsys.readouterr().err, "parts is a symbolic link")
    assert (split.parent / "elsewhere" / "kzt-tui.yaml").read_bytes() == before
    assert not (split.parent / "texts" / "new-2025.txt").exists()


def test_a_sources_folder_linked_inside_the_root_is_not_written_through(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (split.parent / "inbox").symlink_to("parts")
    assert _add(split, tmp_path, "--into", "inbox") == 1
    _one_line(capsys.readouterr().err, "inbox is a symbolic link")
    assert not (split.parent / "parts" / "new-2025.txt").exists()


@pytest.mark.parametrize("bad", ["a fifo", "a folder", "33 MB", "a link", "/dev/zero"])
def test_a_marks_file_that_is_not_a_small_regular_file_is_refused_in_one_line(
        split: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    make, words = BAD_FILES[bad]
    make(split.parent / "marks.yaml")
    assert main(["mark", "per-one", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "kzt-tui mark:", "the marks file",
              words.replace("larger than 32", "larger than 16"))


@pytest.mark.parametrize("bad", ["a fifo", "a folder", "33 MB"])
def test_an_own_part_file_that_is_not_a_small_regular_file_is_refused_in_one_line(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    make, words = BAD_FILES[bad]
    top = split.read_text(encoding="utf-8")
    split.write_text(top.replace('include: ["parts/*.yaml"]',
                                 'include: ["parts/1.yaml", "parts/2.yaml"]'),
                     encoding="utf-8")
    make(split.parent / "parts" / "kzt-tui.yaml")
    assert _add(split, tmp_path) == 1
    _one_line(capsys.readouterr().err, "kzt-tui add-source:", words)
    assert not (split.parent / "texts" / "new-2025.txt").exists()


# --- permissions, input, rendering ------------------------------------------------------

def test_rewrites_keep_the_files_permissions(split: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    part = _own_part(split)
    part.chmod(0o640)
    assert _cite(split) == 0
    assert part.stat().st_mode & 0o777 == 0o640
    assert main(["mark", "per-one", "--data", str(split)]) == 0
    marks = split.parent / "marks.yaml"
    marks.chmod(0o600)
    assert main(["mark", "per-two", "--data", str(split)]) == 0
    assert marks.stat().st_mode & 0o777 == 0o600
    assert marks.read_text(encoding="utf-8").startswith(MARKS_HEADER)
    journal = split.parent / JOURNAL_NAME
    journal.chmod(0o600)
    assert main(["undo", "--data", str(split)]) == 0
    assert journal.stat().st_mode & 0o777 == 0o600
    assert part.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("make", [_fifo, _folder, _device])
def test_add_source_of_a_fifo_folder_or_device_is_one_line_at_once(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make: object) -> None:
    source = tmp_path / "weird.txt"
    make(source)  # type: ignore[operator]
    began = time.monotonic()
    assert main(["add-source", "--data", str(split), str(source), *OPTIONS]) == 1
    assert time.monotonic() - began < 5
    _one_line(capsys.readouterr().err, "kzt-tui add-source:", "weird.txt")


def test_add_source_of_a_huge_text_or_page_is_refused_before_it_is_read(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name, size, words in (("huge.txt", 17, "larger than 16 MiB"),
                              ("huge.html", 5, "larger than 4 MiB")):
        source = tmp_path / name
        with source.open("wb") as handle:
            handle.truncate(size * 1024 * 1024)
        assert main(["add-source", "--data", str(split), str(source), *OPTIONS]) == 1
        _one_line(capsys.readouterr().err, "kzt-tui add-source:", words)


def test_a_title_with_a_newline_and_a_colon_creates_no_key(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Итоги": x\nreliability: "forged\n  - id: doc-evil\t#'
    options = [title if o == "Новая статья" else o for o in OPTIONS]
    assert main(["add-source", "--data", str(split), str(_new(tmp_path)), *options,
                 "--author", "A: B\r\n- c"]) == 0
    (doc,) = [d for d in load(split).documents if d.id == "doc-new-2025"]
    assert doc.title.ru == title and doc.author == "A: B\r\n- c"
    assert doc.reliability == "Made for a test."
    assert "doc-evil" not in [d.id for d in load(split).documents]
    assert "\x1b" not in capsys.readouterr().out


def test_a_target_or_into_leaving_the_root_is_refused(split: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    from kzt_tui.core.curate.store import CurateError, Curator

    person = {"id": "per-x", "name": {"en": "N", "ru": "Н"}, "role": "minister",
              "country": "KZ", "citations": [{"doc": "doc-a", "quote": "Первая строка",
                                              "translation": "x"}]}
    for target in ("../../escape.yaml", "/tmp/escape.yaml"):
        with pytest.raises(CurateError):
            Curator(split, target=target).add_record("people", person)
    assert not (tmp_path / "escape.yaml").exists()
    for into in ("../up", "/tmp", "texts/../../up"):
        assert _add(split, tmp_path, "--into", into) == 1
        _one_line(capsys.readouterr().err, "must be a folder inside the dataset root")


def test_a_forged_journal_entry_restores_only_a_file_of_kzt_tui(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Undo writes back what the journal holds: only into a file that is kzt-tui's
    before and after, so a journal from someone else cannot turn curated.yaml into
    anything."""
    before = split.read_bytes()
    entry = {"file": "curated.yaml", "before": base64.b64encode(HEADER.encode() + b"\n").decode(),
             "after": hashlib.sha256(before).hexdigest(), "what": "x", "when": 0}
    write_journal(split.parent, [entry])
    assert main(["undo", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "not a file kzt-tui writes")
    assert split.read_bytes() == before


def test_a_journal_forgets_its_oldest_writes_rather_than_grow_past_its_limit(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal past its limit is refused when read: so a write forgets the oldest
    entries until it fits, and the next write still works."""
    from kzt_tui.core.curate import journal as journal_module
    from kzt_tui.core.curate.store import Curator

    monkeypatch.setattr(journal_module, "MAX_JOURNAL_BYTES", 3000)
    curator = Curator(split)
    part = _own_part(split)
    for n in range(6):  # six passages (a record cites one passage once)
        curator.add_citation("per-new", {"doc": "doc-a", "quote": "Третья строка"[:8 + n],
                                         "translation": f"x{n}"})
    assert (split.parent / JOURNAL_NAME).stat().st_size <= 3000
    kept = curator.journal.entries()
    assert 1 <= len(kept) < 6 and kept[-1].after == hashlib.sha256(
        part.read_bytes()).hexdigest()
    assert curator.undo() == "cite per-new"


def _shipped_journal(split: Path) -> tuple[dict[Path, bytes], list[dict[str, object]]]:
    """A journal as a dataset from someone else could ship it: its last write made
    kzt-tui's own part and 'created' the curated file, a hand-written part and a text.
    The files it names, with their bytes."""
    part = _own_part(split)
    named = [split, split.parent / "parts" / "1.yaml", split.parent / "texts" / "a.txt"]
    files = {p: p.read_bytes() for p in (part, *named)}
    entries: list[dict[str, object]] = [{
        "file": "parts/kzt-tui.yaml", "before": None,
        "after": hashlib.sha256(files[part]).hexdigest(), "what": "add per-new", "when": 0,
        "created": [[p.relative_to(split.parent).as_posix(),
                     hashlib.sha256(files[p]).hexdigest()] for p in named]}]
    return files, entries


def test_a_journal_shipped_with_the_dataset_is_ignored_and_deletes_nothing(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files, entries = _shipped_journal(split)
    journal = split.parent / JOURNAL_NAME
    journal.write_text(json.dumps({"format": "kzt-tui-journal", "version": 1,
                                   "entries": entries, "seal": "0" * 64}), encoding="utf-8")
    assert main(["undo", "--data", str(split)]) == 1
    err = capsys.readouterr().err
    _one_line(err, f"kzt-tui undo: nothing to undo: {journal} was not written by kzt-tui "
              "for you in this folder (shipped with the dataset, or copied); ignored")
    assert {p: p.read_bytes() for p in files} == files
    # the user's own write replaces it, and undo takes back that write alone
    assert _cite(split) == 0
    capsys.readouterr()
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-new\n"
    assert {p: p.read_bytes() for p in files} == files


def test_a_sealed_journal_still_never_removes_a_data_file(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The seal is the defence; a `created` data file (the curated file, a part, anything
    .yaml/.yml/.json, the written file itself) is refused besides."""
    files, entries = _shipped_journal(split)
    for name in ("curated.yaml", "parts/1.yaml", "texts/x.YML", "texts/x.json",
                 "parts/kzt-tui.yaml"):
        path = split.parent / name
        if not path.exists():
            path.write_bytes(b"mine\n")
        entries[0]["created"] = [[name, hashlib.sha256(path.read_bytes()).hexdigest()]]
        write_journal(split.parent, entries)
        assert main(["undo", "--data", str(split)]) == 1
        _one_line(capsys.readouterr().err,
                  f"kzt-tui undo: the journal would remove {name}, a data file; not undone")
        assert path.exists()
    assert {p: p.read_bytes() for p in files} == files
    entries[0]["created"] = [["texts/a.txt", hashlib.sha256(files[split.parent / "texts" /
                                                                     "a.txt"]).hexdigest()]]
    write_journal(split.parent, entries)  # a text is what a write creates: removed
    assert main(["undo", "--data", str(split)]) == 0
    assert not (split.parent / "texts" / "a.txt").exists()


def test_the_users_own_journal_is_ignored_in_a_copy_of_the_dataset(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    _own_part(split)
    assert _cite(split) == 0
    capsys.readouterr()
    copy = tmp_path / "copy"
    shutil.copytree(split.parent, copy)
    assert main(["undo", "--data", str(copy / "curated.yaml")]) == 1
    _one_line(capsys.readouterr().err, "was not written by kzt-tui for you in this folder")
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-new\n"


_KILL = """
import os, sys
from kzt_tui.core.curate import store
point, data = sys.argv[1], sys.argv[2]
if point == "after the data":  # the second load: the check after the write
    calls = []
    real = store.load_cached
    def load_cached(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            os._exit(9)
        return real(*args, **kwargs)
    store.load_cached = load_cached
else:
    store.write_atomic_bytes = lambda *args: os._exit(9)
from kzt_tui.cli import main
main(["cite", "per-new", "--data", data, "--doc", "doc-a", "--quote", "Третья строка",
      "--translation", "Third line."])
"""


@pytest.mark.parametrize("point", ["after the data", "before the data"])
def test_a_write_killed_half_way_is_undone_as_itself(
        split: Path, capsys: pytest.CaptureFixture[str], point: str) -> None:
    """The journal is written ahead of the data: a process killed after its data write
    leaves an entry undo takes back as that write (not 'changed since' the one before),
    and one killed before it leaves an entry undo sees was never made, and skips."""
    import subprocess
    import sys

    part = _own_part(split)
    first = part.read_bytes()
    assert main(["cite", "per-one", "--data", str(split), "--doc", "doc-a",
                 "--quote", "Третья строка", "--translation", "t"]) == 0
    written = part.read_bytes()
    got = subprocess.run([sys.executable, "-c", _KILL, point, str(split)],
                         capture_output=True, check=False)
    assert got.returncode == 9, got.stderr
    killed = part.read_bytes()
    assert (killed != written) == (point == "after the data")
    capsys.readouterr()
    if point == "after the data":
        assert main(["undo", "--data", str(split)]) == 0
        assert capsys.readouterr().out == "undone: cite per-new\n"
        assert part.read_bytes() == written
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-one\n"
    assert part.read_bytes() == first
    assert main(["undo", "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "nothing to undo")


_CITE_ONE = ["cite", "per-one", "--doc", "doc-a", "--quote", "Вторая строка",
             "--translation", "Second line."]
_MINE = ('  - record: per-three\n    doc: doc-a\n    quote: "Третья строка"\n'
         '    translation: "t"\n')
_HAND_EDITS = {
    "items at column 0": "added_citations:\n" + _MINE.replace("\n  ", "\n").replace(
        "  - record", "- record", 1) + "dismissals: []\n",
    "an empty flow list": "added_citations: []\n",
    "a comment after the key": "added_citations:  # mine\n" + _MINE,
    "a record with a field after its citations": (
        "people:\n  - id: per-new\n    name: {en: \"N\", ru: \"Н\"}\n    citations:\n"
        "    - doc: doc-a\n      quote: \"Первая строка\"\n      translation: \"x\"\n"
        "    role: \"minister\"  # mine\n    country: KZ\n"),
}


@pytest.mark.parametrize("layout", sorted(_HAND_EDITS))
def test_cite_adds_to_kzt_tuis_file_as_edited_by_hand(
        split: Path, capsys: pytest.CaptureFixture[str], layout: str) -> None:
    """kzt-tui's own file says 'Edit freely': each valid layout a hand leaves takes the
    next citation, and keeps what the hand wrote."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    mine = HEADER + "\n" + _HAND_EDITS[layout]
    part.write_text(mine, encoding="utf-8")
    before = {r.id: len(r.citations) for r in load(split).people}
    record = "per-new" if layout.startswith("a record") else "per-one"
    args = [a if a != "per-one" else record for a in _CITE_ONE]
    assert main([*args, "--data", str(split)]) == 0, capsys.readouterr().err
    after = {r.id: r for r in load(split).people}
    assert len(after[record].citations) == before[record] + 1
    assert after[record].citations[-1].quote == "Вторая строка"
    text = part.read_text(encoding="utf-8")
    kept = iter(text.splitlines())  # every line of the hand's, in order, still there
    assert all(line in kept for line in mine.splitlines()
               if line != "added_citations: []"), text
    assert main(["undo", "--data", str(split)]) == 0
    assert part.read_text(encoding="utf-8") == mine


@pytest.mark.parametrize("odd", ["\u2028", "\u2029"])
def test_cite_keeps_every_other_value_of_kzt_tuis_file(
        split: Path, capsys: pytest.CaptureFixture[str], odd: str) -> None:
    """A character str.splitlines takes for a line break and YAML keeps in a quoted value
    (U+2028, U+2029) stays that character in another record: once the file was split at
    them and joined with newlines, and YAML folded the breaks into spaces."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    role = f"minister{odd}deputy"
    mine = (HEADER + "\nadded_citations:\n" + _MINE + "\npeople:\n"
            + PERSON.replace('role: "minister"', f'role: "{role}"'))
    part.write_bytes(mine.encode("utf-8"))
    before = load(split)
    assert {p.id: p.role for p in before.people}["per-new"] == role
    assert main([*_CITE_ONE, "--data", str(split)]) == 0, capsys.readouterr().err
    after = {p.id: p for p in load(split).people}
    assert after["per-new"].role == role
    assert after["per-one"].citations[-1].quote == "Вторая строка"
    written = part.read_bytes().decode("utf-8")
    assert written.replace("  - record: per-one\n", "", 1).count(odd) == mine.count(odd)
    assert main(["undo", "--data", str(split)]) == 0
    assert part.read_bytes() == mine.encode("utf-8")


def test_cite_that_would_change_another_record_is_taken_back(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The load after a write also holds every other record to what it was: a literal
    block kept with its trailing blank lines (`|+`) ends an item, and the new item, put
    after its last non-blank line, would take those lines from its value."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    mine = (HEADER + "\nadded_citations:\n  - record: per-three\n    doc: doc-a\n"
            '    quote: "Третья строка"\n    translation: |+\n      t\n\n\n')
    part.write_text(mine, encoding="utf-8")
    before = {p.id: p for p in load(split).people}
    assert before["per-three"].citations[-1].translation == "t\n\n\n"
    assert main([*_CITE_ONE, "--data", str(split)]) == 1
    _one_line(capsys.readouterr().err, "not written", f"adding to {part}",
              "would also change per-three", "add it there by hand")
    assert part.read_text(encoding="utf-8") == mine
    assert {p.id: p for p in load(split).people} == before


def test_a_layout_cite_cannot_add_to_is_told_without_a_line_of_the_write(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A list of kzt-tui's file in a layout insertion does not know (flow items): the
    write is taken back and the message names no line of it."""
    part = split.parent / "parts" / "kzt-tui.yaml"
    mine = (HEADER + '\nadded_citations: [{record: per-three, doc: doc-a, quote: '
            '"Третья строка", translation: "t"}]\n')
    part.write_text(mine, encoding="utf-8")
    assert main([*_CITE_ONE, "--data", str(split)]) == 1
    err = capsys.readouterr().err
    _one_line(err, f"kzt-tui cite: not written: the new item does not fit {part} as it is "
              "laid out now (")
    assert f"{part}:" not in err
    assert part.read_text(encoding="utf-8") == mine


def test_cite_help_says_where_a_hand_written_records_citation_goes(
        capsys: pytest.CaptureFixture[str]) -> None:
    import contextlib

    with contextlib.suppress(SystemExit):
        main(["cite", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "paste" not in out
    assert ("for a record in a hand-written file (never changed), as an added_citations: "
            "item of kzt-tui's own parts/kzt-tui.yaml") in out


def test_a_refusal_of_cite_is_one_line_on_stderr_and_nothing_on_stdout(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "per-x\nfrom the second line", "--data", str(split), "--doc",
                 "doc-a", "--quote", "Третья строка", "--translation", "t"]) == 1
    got = capsys.readouterr()
    assert got.out == ""
    assert got.err == "kzt-tui cite: no record per-x⏎from the second line\n"


def test_cite_names_the_file_it_wrote_in_full_however_data_was_given(
        split: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    monkeypatch.chdir(split.parent.parent)
    data = str(split.relative_to(split.parent.parent))  # ds/curated.yaml
    part = split.parent / "parts" / "kzt-tui.yaml"
    for record in ("per-one", "per-one", "per-new"):  # added (new part, then again), own
        if record == "per-new":
            part.write_text(HEADER + "\n\npeople:\n" + PERSON, encoding="utf-8")
        quote = "Вторая строка" if record == "per-one" and part.exists() else "Третья строка"
        assert main(["cite", record, "--data", data, "--doc", "doc-a", "--quote", quote,
                     "--translation", "t"]) == 0, capsys.readouterr().err
        assert capsys.readouterr().out == (
            f"cited in {record}: [doc-a] «{quote}» ({part})\n")


@pytest.mark.parametrize(("writer", "errno", "why", "where"), [
    ("write_atomic", 13, "Permission denied", JOURNAL_NAME),  # the journal first
    ("write_atomic_bytes", 30, "Read-only file system", "parts/kzt-tui.yaml"),  # then data
])
def test_an_undo_that_cannot_write_is_one_plain_line_and_changes_nothing(
        split: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        writer: str, errno: int, why: str, where: str) -> None:
    """A read-only folder or disk: one plain line, the file as it was, and a later undo
    still takes the write back. The journal is saved before the file is put back (once the
    file was restored first: "not undone" was untrue, and the entry was lost)."""
    from kzt_tui.core.curate import journal

    part = _own_part(split)
    before = part.read_bytes()
    assert _cite(split) == 0
    written = part.read_bytes()
    capsys.readouterr()

    def refuse(path: Path, data: object) -> None:
        raise OSError(errno, why, str(path))

    with monkeypatch.context() as patch:
        patch.setattr(journal, writer, refuse)
        assert main(["undo", "--data", str(split)]) == 1
    assert capsys.readouterr().err == (
        f"kzt-tui undo: not undone: {split.parent / where}: {why}\n")
    assert part.read_bytes() == written
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-new\n"
    assert part.read_bytes() == before


def test_one_write_or_undo_of_a_dataset_at_a_time(
        split: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """While another kzt-tui holds the dataset's lock, a write and an undo wait for it, and
    past the wait say so in one line and change nothing (two undos at once once both said
    "undone" and took back one write)."""
    import fcntl

    from kzt_tui.core.curate import journal as journal_module

    part = _own_part(split)
    assert _cite(split) == 0
    written = part.read_bytes()
    capsys.readouterr()
    monkeypatch.setattr(journal_module, "LOCK_WAIT", 0.3)
    held = os.open(split.parent, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        began = time.monotonic()
        for argv, command in ((["undo"], "undo"), (_CITE_ONE, "cite: not written")):
            assert main([*argv, "--data", str(split)]) == 1
            _one_line(capsys.readouterr().err, f"kzt-tui {command}: another kzt-tui is "
                      "writing to this dataset; try again when it is done")
            assert part.read_bytes() == written
        assert 0.6 <= time.monotonic() - began < 5
    finally:
        os.close(held)
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out == "undone: cite per-new\n"


def test_a_write_over_a_file_changed_since_it_was_read_is_refused(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another write landing between this one's read of the file and its own write (two
    kzt-tui at once) is kept: this one is refused, and the journal holds only the other."""
    from kzt_tui.core.curate.store import CurateError, Curator

    part = _own_part(split)
    first = Curator(split)
    real_load = Curator.load
    raced: list[bytes] = []

    def load_while_another_writes(self: Curator):  # type: ignore[no-untyped-def]
        got = real_load(self)
        if self is first and not raced:
            raced.append(b"")
            Curator(split).add_citation("per-new", {"doc": "doc-a", "quote": "Третья строка",
                                                    "translation": "t"})
            raced[0] = part.read_bytes()
        return got

    monkeypatch.setattr(Curator, "load", load_while_another_writes)
    with pytest.raises(CurateError, match=f"not written: {part} changed while this write "
                       "was made"):
        first.add_record("people", {
            "id": "per-newer", "name": {"en": "M", "ru": "М"}, "role": "minister",
            "country": "TM",
            "citations": [{"doc": "doc-a", "quote": "Вторая строка", "translation": "t"}]})
    assert part.read_bytes() == raced[0]
    assert [e.what for e in Journal(split.parent, split.parent).entries()] == ["cite per-new"]
