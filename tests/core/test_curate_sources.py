"""Adding a source text (core/curate/sources), exactly: each size limit at, one under and
one over, the words of each refusal, the date line, the id and folder suggested."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from kzt_tui.core.curate.sources import (
    INSTALL_HTML,
    MAX_HTML_BYTES,
    SourceText,
    add_source,
    date_line,
    html_to_text,
    read_new_source,
    sources_folder,
    suggested_id,
)
from kzt_tui.core.curate.store import CurateError, Curator
from kzt_tui.core.loading import load
from kzt_tui.core.loading.files import MAX_SOURCE_BYTES

MIB = 1 << 20
DOCUMENT = {"id": "doc-new", "date": None, "date_note": "None given.",
            "title": {"en": "New", "ru": "Новая"}, "outlet": None, "kind": "news_report",
            "reliability": "Made for a test."}


def _sized(path: Path, size: int) -> Path:
    with path.open("wb") as handle:  # sparse: no room taken
        handle.truncate(size)
    return path


def _refusal(call: object) -> str:
    with pytest.raises(CurateError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


def _fake_trafilatura(monkeypatch: pytest.MonkeyPatch, text: str | None) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []

    def extract(html: str, **options: object) -> str | None:
        calls.append({"html": html, **options})
        return text

    monkeypatch.setitem(sys.modules, "trafilatura", types.SimpleNamespace(extract=extract))
    return calls


def test_a_text_is_read_up_to_16_mib_and_refused_one_byte_over(tmp_path: Path) -> None:
    assert MAX_SOURCE_BYTES == 16 * MIB
    at = _sized(tmp_path / "at.txt", MAX_SOURCE_BYTES)
    got = read_new_source(at)
    assert got == SourceText("at.txt", bytes(MAX_SOURCE_BYTES), None, None)
    over = _sized(tmp_path / "over.txt", MAX_SOURCE_BYTES + 1)
    assert _refusal(lambda: read_new_source(over)) == (
        f"{over} is larger than 16 MiB (16,777,217 bytes); a source text is a news text, "
        "not a book")


def test_a_page_is_read_up_to_4_mib_and_refused_one_byte_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_HTML_BYTES == 4 * MIB
    calls = _fake_trafilatura(monkeypatch, "Статья.")
    at = _sized(tmp_path / "at.HTM", MAX_HTML_BYTES)
    assert read_new_source(at) == SourceText("at.txt", "Статья.\n".encode(),
                                             bytes(MAX_HTML_BYTES), "at.HTM")
    assert calls[0]["html"] == "\0" * MAX_HTML_BYTES
    assert {k: v for k, v in calls[0].items() if k != "html"} == {
        "include_comments": False, "include_tables": True, "favor_precision": True}
    for suffix in (".html", ".xhtml"):
        over = _sized(tmp_path / f"over{suffix}", MAX_HTML_BYTES + 1)
        assert _refusal(lambda p=over: read_new_source(p)) == (
            f"{over} is larger than 4 MiB (4,194,305 bytes); a source text is a news text, "
            "not a book")


def test_a_text_not_in_utf8_or_not_a_file_is_named(tmp_path: Path) -> None:
    cp1251 = tmp_path / "old.txt"
    cp1251.write_bytes(b"ok " + "Текст".encode("cp1251"))
    assert _refusal(lambda: read_new_source(cp1251)) == (
        f"{cp1251} is not UTF-8 text (byte 3); convert it first, e.g. iconv -f cp1251 -t "
        "utf-8")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert _refusal(lambda: read_new_source(folder)) == (
        f"{folder} is a folder; add a regular file")
    absent = tmp_path / "absent.txt"
    assert _refusal(lambda: read_new_source(absent)) == (
        f"cannot read {absent}: No such file or directory")


def test_html_is_its_text_with_one_final_line_break(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_trafilatura(monkeypatch, "Статья.\n")
    assert html_to_text("<p>Статья.</p>".encode()) == "Статья.\n"
    calls = _fake_trafilatura(monkeypatch, "Статья.")
    assert html_to_text(b"<p>\xff</p>") == "Статья.\n"
    assert calls[0]["html"] == "<p>\ufffd</p>"  # undecodable bytes replaced, not refused
    for empty in (None, "", " \n"):
        _fake_trafilatura(monkeypatch, empty)
        assert _refusal(lambda: html_to_text(b"<p></p>")) == (
            "trafilatura found no article text in the page; save the text as a .txt file "
            "and add that")


def test_html_without_trafilatura_or_with_it_broken_says_which(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    assert _refusal(lambda: html_to_text(b"")) == (
        f"reading HTML needs trafilatura, which is not installed: {INSTALL_HTML}")
    assert INSTALL_HTML == "pip install 'kzt-tui[html]'"
    import builtins

    real = builtins.__import__

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "trafilatura":
            raise ImportError("No module named 'lxml'", name="lxml")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", broken)
    assert _refusal(lambda: html_to_text(b"")) == (
        "reading HTML needs trafilatura, which could not be imported (No module named "
        f"'lxml'): {INSTALL_HTML}")


@pytest.mark.parametrize(("text", "date"), [
    (" date 2025-11-26 Заголовок\n", "2025-11-26"),
    ("date\t2025-11-26\n", "2025-11-26"),
    ("\n\n  date 2025-01-02", "2025-01-02"),
    (" date 2025-11-260\n", None),  # a longer number is no date
    (" date 2025-11\n", None),
    ("Статья. date 2025-11-26\n", None),  # only a leading line
    (" " * 185 + "date 2025-11-26", "2025-11-26"),  # its last digit the 200th byte
    (" " * 186 + "date 2025-11-26", None),
])
def test_the_date_is_read_from_the_text_s_own_leading_line(text: str, date: str | None) -> None:
    assert date_line(text.encode()) == date


def test_a_date_line_after_cyrillic_bytes_is_read_from_the_first_200_bytes() -> None:
    assert date_line(b"\xd0" + b" date 2025-11-26") is None  # a broken byte is not space


@pytest.mark.parametrize(("name", "suggested"), [
    ("kazinform-2025-12-01.txt", "doc-kazinform-2025-12-01"),
    ("Kazinform 2025_12_01.HTML", "doc-kazinform-2025-12-01"),
    ("__Über  Straße!!.txt", "doc-uber-strae"),
    ("статья.txt", None),
    ("---.txt", None),
    ("a" * 100 + ".txt", "doc-" + "a" * 90),
    ("a" * 89 + "-b.txt", "doc-" + "a" * 89),  # cut at 90, then the dash stripped
    ("-" * 5 + "a" * 95 + ".txt", "doc-" + "a" * 90),  # the leading dashes do not count
    ("dir/name.md", "doc-name"),
])
def test_an_id_is_suggested_from_the_file_name(name: str, suggested: str | None) -> None:
    assert suggested_id(name) == suggested


def test_texts_go_where_most_of_the_documents_are(split: Path, tmp_path: Path) -> None:
    assert sources_folder(Curator(split)) == "texts"
    top = split.read_text(encoding="utf-8")
    split.write_text(top + "bogus: 1\n", encoding="utf-8")
    assert sources_folder(Curator(split)) == "sources"  # a dataset that does not load
    empty = tmp_path / "empty" / "curated.yaml"
    empty.parent.mkdir()
    empty.write_text("schema_version: 1\n", encoding="utf-8")
    assert sources_folder(Curator(empty)) == "sources"


def test_a_source_is_stored_with_its_page_and_its_record(split: Path) -> None:
    curator = Curator(split)
    source = SourceText("new.txt", b"Text.\n", b"<p>Text.</p>", "new.html")
    written = add_source(curator, source, "in/box", DOCUMENT)
    assert (split.parent / "in" / "box" / "new.txt").read_bytes() == b"Text.\n"
    assert (split.parent / "in" / "box" / "new.html").read_bytes() == b"<p>Text.</p>"
    (doc,) = [d for d in written.dataset.documents if d.id == "doc-new"]
    assert doc.file == "in/box/new.txt"
    assert curator.undo() == "add doc-new"
    assert not (split.parent / "in" / "box" / "new.txt").exists()
    assert not (split.parent / "in" / "box" / "new.html").exists()


def test_a_page_without_a_name_is_not_kept(split: Path) -> None:
    source = SourceText("new.txt", b"Text.\n", b"<p>Text.</p>", None)
    add_source(Curator(split), source, "texts", DOCUMENT)
    assert sorted(p.name for p in (split.parent / "texts").iterdir()) == [
        "a.txt", "b.txt", "new.txt"]


@pytest.mark.parametrize("folder", ["/abs", "../up", "a/../../up"])
def test_a_folder_outside_the_root_is_refused_by_name(split: Path, folder: str) -> None:
    source = SourceText("new.txt", b"Text.\n", None, None)
    assert _refusal(lambda: add_source(Curator(split), source, folder, DOCUMENT)) == (
        f"{folder!r} must be a folder inside the dataset root")


def test_an_existing_text_or_link_is_never_replaced(split: Path) -> None:
    texts = split.parent / "texts"
    (texts / "dangling.txt").symlink_to("nowhere")
    for name in ("a.txt", "dangling.txt"):
        source = SourceText(name, b"Text.\n", None, None)
        assert _refusal(lambda s=source: add_source(Curator(split), s, "texts", DOCUMENT)) == (
            f"{texts / name} already exists; it is never replaced (rename the file to add, "
            "or cite the existing one)")
    assert (texts / "dangling.txt").is_symlink()
    # the page's name taken: the text made for it is removed again
    (texts / "new.html").write_bytes(b"mine")
    source = SourceText("new.txt", b"Text.\n", b"<p/>", "new.html")
    assert _refusal(lambda: add_source(Curator(split), source, "texts", DOCUMENT)).startswith(
        f"{texts / 'new.html'} already exists")
    assert not (texts / "new.txt").exists() and (texts / "new.html").read_bytes() == b"mine"


def test_a_text_whose_record_is_refused_is_removed(split: Path) -> None:
    source = SourceText("new.txt", b"Text.\n", None, None)
    assert _refusal(lambda: add_source(Curator(split), source, "texts",
                                       {**DOCUMENT, "id": "doc-a"})) == (
        "doc-a already exists; choose another id")
    assert not (split.parent / "texts" / "new.txt").exists()
    assert "doc-new" not in [d.id for d in load(split).documents]


def test_a_folder_link_or_a_file_in_the_way_is_named(split: Path) -> None:
    (split.parent / "inbox").symlink_to("texts")
    source = SourceText("new.txt", b"Text.\n", None, None)
    assert _refusal(lambda: add_source(Curator(split), source, "inbox", DOCUMENT)) == (
        f"not written: {split.parent / 'inbox'} is a symbolic link; kzt-tui does not write "
        "through one (it would write elsewhere, or replace the link)")
    (split.parent / "plain").write_bytes(b"")
    message = _refusal(lambda: add_source(Curator(split), source, "plain/sub", DOCUMENT))
    assert message == f"cannot create {split.parent / 'plain' / 'sub'}: Not a directory"


def test_a_text_that_cannot_be_written_is_named_and_removed(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import sources

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sources, "write_atomic_bytes", full)
    source = SourceText("new.txt", b"Text.\n", None, None)
    target = split.parent / "texts" / "new.txt"
    assert _refusal(lambda: add_source(Curator(split), source, "texts", DOCUMENT)) == (
        f"cannot write {target}: No space left on device")
    assert not target.exists()
