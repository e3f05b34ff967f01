"""Property tests: random damage to real curated files only ever yields the loader's own
errors; display sanitising keeps offsets for any text."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kzt_tui.core.loading import DataError, load
from kzt_tui.core.textnorm import displayable, one_line
from tests.helpers import FIXTURES, REPO

SOURCES = [FIXTURES / "ui" / "curated.yaml", REPO / "data" / "curated.yaml"]
_TEXT = {p: p.read_text(encoding="utf-8") for p in SOURCES}

mutation = st.tuples(
    st.sampled_from(SOURCES),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=40),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None,
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


def test_fixture_copy_helper(tmp_path: Path) -> None:
    # the damaged files are written beside nothing: sources resolve through `root`
    target = tmp_path / "x"
    shutil.copytree(FIXTURES / "ui", target)
    assert load(target / "curated.yaml").agreements
