"""yamlsafe.parse_utf8: a file's bytes read by libyaml itself give what parse gives for
their text, every place included, or UNREAD wherever only the text path can say it; and a
data file checked from its bytes is told exactly what its text would be told."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_tui.core.loading import yamlsafe
from kzt_tui.core.loading.checkfile import FileChecker, check_file
from kzt_tui.core.loading.context import Shared
from kzt_tui.core.loading.yamlsafe import UNREAD, PList, PMap, YamlError, parse, parse_utf8
from kzt_tui.core.problems import DataError
from tests.core.test_yamlsafe import _PIECES, SHIPPED
from tests.helpers import REPO, examples


def _places(value: Any) -> Any:
    """The value with every place parse keeps: a list's and each item's, a mapping's and
    each key's (a mapping value's own place is its key's)."""
    if isinstance(value, PList):
        return ("list", value.pos, list(value.item_pos), [_places(v) for v in value])
    if isinstance(value, PMap):
        return ("map", value.pos, dict(value.key_pos), {k: _places(v) for k, v in value.items()})
    return (type(value), value)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_the_shipped_files_read_from_their_bytes_are_their_texts_values_and_places(path) -> None:
    raw = path.read_bytes()
    got = parse_utf8(raw)
    assert got is not UNREAD
    assert _places(got) == _places(parse(raw.decode("utf-8")))


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=3)), max_size=40))
def test_random_yamlish_bytes_give_the_texts_value_or_unread(pieces: list[str]) -> None:
    text = "".join(pieces)
    raw = text.encode("utf-8")
    got = parse_utf8(raw)
    try:
        want = _places(parse(text))
    except YamlError:
        assert got is UNREAD  # an error: only the text's parse says it, and where
        return
    if got is UNREAD:  # a byte order mark, or aliases past the bytes' own limit
        assert raw.startswith(b"\xef\xbb\xbf") or "*" in text
    else:
        assert _places(got) == want


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbfa: 1\n",  # UTF-8's byte order mark: the text path strips it
    b"\xff\xfea\x00:\x00 \x001\x00\n\x00",  # UTF-16: libyaml would read it, decode_data not
    b"\xfe\xff\x00a\x00:\x00 \x001\x00\n",
    b"a: \xd2\n",  # not UTF-8
    b"a: [1\n",  # a syntax error
    b"a: 1\na: 2\n",  # a duplicate key (YamlError)
    b"a: !!set {}\n",  # a tag refused
    b"a: 1\n---\nb: 2\n",  # two documents
])
def test_what_only_the_text_can_say_is_unread(raw: bytes) -> None:
    assert parse_utf8(raw) is UNREAD


def test_aliases_past_the_free_characters_are_left_to_the_text(monkeypatch) -> None:
    text = "a: &x 1234567890\nb: [*x, *x]\n"
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 20)
    assert parse_utf8(text.encode()) == {"a": 1234567890, "b": [1234567890, 1234567890]}
    monkeypatch.setattr(yamlsafe, "ALIAS_FREE_CHARS", 19)  # the two aliases repeat 20
    assert parse_utf8(text.encode()) is UNREAD
    assert parse(text)["b"] == [1234567890, 1234567890]  # its length allows them


def _told(source: str | bytes, root=REPO) -> tuple[Any, list[Any]]:
    shared = Shared(root)
    part, _ = check_file(source, "f.yaml", shared, top=True)
    return part, shared.problems


def test_an_error_deep_in_a_file_is_told_the_same_from_its_bytes_as_from_its_text() -> None:
    text = (REPO / "data" / "curated.yaml").read_text(encoding="utf-8")
    cut = text.rindex("\n  - id: ")  # the last record, thousands of lines down
    for bad in (text[:cut] + "\n  - id: 5" + text[cut + 8:],  # a check's problem
                text[:cut] + "\n  - [" + text[cut:],  # a YAML syntax error
                text + "statements: []\n"):  # a duplicate key at the very end
        from_text, from_bytes = _told(bad), _told(bad.encode("utf-8"))
        assert from_bytes[1] == from_text[1] != []
        assert from_bytes[1][0].line > 1000
        assert from_bytes[0] == from_text[0]


def test_a_clean_file_from_its_bytes_is_its_texts_part() -> None:
    raw = (REPO / "data" / "curated.yaml").read_bytes()
    part, problems = _told(raw)
    assert problems == [] and part is not None
    assert (part, problems) == _told(raw.decode("utf-8"))


@pytest.mark.parametrize(("raw", "message"), [
    (b"  \n\t\n", "file is empty"),
    ("\u3000\n".encode(), "file is empty"),  # a space libyaml reads as a scalar
    (b"\xff\xfea\x00:\x00 \x001\x00", "not valid UTF-8 at byte offset 0 (byte 0xFF)"),
])
def test_bytes_that_hold_no_text_are_a_data_error(raw: bytes, message: str) -> None:
    with pytest.raises(DataError) as info:
        check_file(raw, "f.yaml", Shared(REPO), top=True)
    assert [p.message for p in info.value.problems] == [message]
    checker = FileChecker(REPO)  # the checker tells it as the file's one problem
    assert checker.check(0, "f.yaml", raw, top=True) is None
    assert [p.message for p in checker.shared.problems] == [message]


@pytest.mark.parametrize("raw", [b"- a\n- b\n", b"just words\n", b"\xef\xbb\xbf[1]\n"])
def test_bytes_of_no_mapping_are_told_as_their_text_is(raw: bytes) -> None:
    part, problems = _told(raw)
    assert part is None and problems == _told(raw.decode("utf-8-sig"))[1]
    assert len(problems) == 1
    assert problems[0].message.startswith("expected a mapping of sections at the top level")


def test_a_byte_order_mark_is_read_as_the_text_without_it() -> None:
    raw = (REPO / "data" / "curated.yaml").read_bytes()
    part, problems = _told(b"\xef\xbb\xbf" + raw)
    assert part is not None and problems == []
    assert (part, problems) == _told(raw)


def test_a_clean_file_checked_from_its_bytes_is_not_decoded_whole(monkeypatch) -> None:
    """The point of the bytes path: libyaml reads them; the text is made only for a file
    with something to tell (then decode_data gives it, as before)."""
    import kzt_tui.core.loading.checkfile as checkfile_module

    decoded: list[str] = []
    real = checkfile_module.decode_data

    def spy(raw: bytes, shown: str) -> str:
        decoded.append(shown)
        return real(raw, shown)

    monkeypatch.setattr(checkfile_module, "decode_data", spy)
    raw = (REPO / "data" / "curated.yaml").read_bytes()
    checker = FileChecker(REPO)
    assert checker.check(0, "clean.yaml", raw, top=True) is not None
    assert checker.check(1, "bad.yaml", raw + b"statements: []\n", top=True) is None
    assert decoded == ["bad.yaml"]
