"""A document's source file is checked even when no citation cites it: a missing file or one
outside the root is told at its `file:`, and a cached part does not hide it later."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, load, load_cached
from tests.helpers import DOC_A

ONLY_DOC = "schema_version: 1\n" + DOC_A  # a document, and nothing that cites it


def told(path: Path, **kwargs: Path) -> list[str]:
    loader = load_cached if kwargs else load
    with pytest.raises(DataError) as info:
        loader(path, **kwargs)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("texts/missing.txt", "documents[0].file: source file 'texts/missing.txt' does not "
         "exist (hint: check the document's `file` path (relative to the dataset root))"),
        ("/etc/passwd", "documents[0].file: document path '/etc/passwd' is absolute (hint: "
         "write it relative to the dataset root)"),
        ("../outside.txt", "documents[0].file: document path '../outside.txt' contains '..' "
         "(hint: source files must live under the dataset root)"),
    ],
)
def test_an_uncited_documents_bad_file_is_told_at_its_place(
        write_data, file: str, expected: str) -> None:
    path = write_data(ONLY_DOC.replace("file: texts/a.txt", f"file: {file}"))
    assert told(path) == [f"{path}:4:5: {expected}"]


def test_an_uncited_document_with_its_file_loads(write_data) -> None:
    path = write_data(ONLY_DOC)
    assert [d.id for d in load(path).documents] == ["doc-a"]


def test_a_cached_part_is_checked_again_when_its_uncited_source_goes(
        write_data, tmp_path: Path) -> None:
    path = write_data(ONLY_DOC)
    cache = tmp_path / "cache"
    assert [d.id for d in load_cached(path, directory=cache).documents] == ["doc-a"]
    (path.parent / "texts" / "a.txt").unlink()
    assert told(path, directory=cache) == [
        f"{path}:4:5: documents[0].file: source file 'texts/a.txt' does not exist (hint: "
        "check the document's `file` path (relative to the dataset root))"]
