"""Property tests: random damage to real curated files (any text, or hostile YAML fragments
through `kzt-tui check`) only ever yields the loader's own one-line errors, never a crash,
never exit 70, never a raw control character on the terminal; display sanitising keeps
offsets for any text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_tui.cli import main
from kzt_tui.core.loading import DataError, load
from kzt_tui.core.textnorm import displayable, one_line
from tests.helpers import FIXTURES, MINI, REPO, examples

#: Files damaged by random text.
SOURCES = [FIXTURES / "ui" / "curated.yaml", REPO / "data" / "curated.yaml"]
#: Files damaged by hostile fragments: the mini dataset too.
FRAGMENT_SOURCES = [MINI / "curated.yaml", *SOURCES]
_TEXT = {p: p.read_text(encoding="utf-8") for p in FRAGMENT_SOURCES}
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

mutation = st.tuples(
    st.sampled_from(SOURCES),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=40),
    st.text(max_size=12),
)

FRAGMENTS = [
    "[" * 150, "{" * 150, "- " * 120, "!!python/object/apply:os.system ['true'] ",
    "!!python/name:os.system ", "!<tag:yaml.org,2002:python/none> ", "!custom ", "!!binary aGk= ",
    "!!set {a} ", "!!timestamp 2001-12-14 ", "&a ", "*a ", "*nope ", "<<: *a\n", "1" * 5000,
    "\t", "%YAML 1.1\n---\n", "\n---\n", "\n...\n", "? ", ": ", "- ", '"\\e]52;c;UFdO\\a"',
    '"\\u202e\\x9b2J"', "'", '"', "#", "|", ">", "\x00", "\x1b", "\ufeff", "\r", "\r\n",
    "\u2028", "\x85", "0o12 ", "0x1F ", ".inf ", ".nan ", "1e400 ", "~ ", "null ", "yes ",
    "no ", "on ", "2025-11-25 ", "12:30:00 ", "012 ", "\n  ", "\n      - doc: doc-a\n",
    "id: ", "occurrence: 0\n", "file: /etc/passwd\n", "file: ../x\n",
]

fragment_mutation = st.tuples(
    st.sampled_from(FRAGMENT_SOURCES),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=30),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map("".join),
)


def root_of(source: Path) -> Path:
    return source.parent.parent if source.parent.name == "data" else source.parent


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutation)
def test_random_damage_gives_data_errors_never_crashes(tmp_path_factory, case) -> None:
    source, where, cut, insert = case
    text = _TEXT[source]
    at = where % max(1, len(text))
    damaged = text[:at] + insert + text[at + cut :]
    folder = tmp_path_factory.mktemp("mut")
    root = source.parent.parent if source.parent.name == "data" else source.parent
    path = folder / "curated.yaml"
    path.write_text(damaged, encoding="utf-8")
    try:
        load(path, root=root)
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            line = str(problem)
            assert line.startswith(str(path))
            assert "\n" not in line  # one line each


@pytest.mark.slow
@settings(max_examples=examples(120), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fragment_mutation)
def test_hostile_fragments_give_data_errors_through_the_cli(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str],
    case: tuple[Path, int, int, str],
) -> None:
    source, where, cut, insert = case
    text = _TEXT[source]
    at = where % max(1, len(text))
    folder = tmp_path_factory.mktemp("frag")
    path = folder / "curated.yaml"
    path.write_bytes((text[:at] + insert + text[at + cut :]).encode("utf-8", "surrogatepass"))
    capsys.readouterr()
    code = main(["check", "--data", str(path), "--root", str(root_of(source))])
    out, err = capsys.readouterr()
    assert err == "", err  # an internal error would be reported here
    assert code in (0, 1)
    lines = out.splitlines()
    if code == 1:
        assert re.fullmatch(r"✗ \d+ problem\(s\); nothing was changed\.", lines[-1])
        for line in lines[:-1]:
            assert line.startswith(f"{path}"), line
    for line in lines:
        assert not UNSAFE.search(line), repr(line)
    try:
        load(path, root_of(source))
    except DataError as exc:
        assert code == 1 and len(exc.problems) == len(lines) - 1
    else:
        assert code == 0


@given(st.text())
def test_displayable_is_one_for_one_and_inert(text: str) -> None:
    safe = displayable(text)
    assert len(safe) == len(text)
    for original, shown in zip(text, safe, strict=True):
        if original == "\n":
            assert shown == "\n"
    assert not any(ord(c) < 32 and c != "\n" for c in safe)
    assert not any(0x80 <= ord(c) < 0xA0 for c in safe)
    assert "\u202e" not in safe and "\x1b" not in safe
    assert "\n" not in one_line(text)
    assert len(one_line(text).splitlines()) <= 1  # no reader of lines breaks it either


def test_fixture_copy_helper(tmp_path: Path) -> None:
    # the damaged files are written beside nothing: sources resolve through `root`
    target = tmp_path / "x"
    shutil.copytree(FIXTURES / "ui", target)
    assert load(target / "curated.yaml").agreements
