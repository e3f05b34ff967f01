"""The class, not the instance: dataset folders built from hostile parts (symlinks and loops,
odd names, special files, huge or degenerate texts, extreme numbers, terminal escapes) make
`check` and `export` end in time with a data or usage error, never an internal error, a
traceback, a hang, or output that drives the terminal.

Each example runs the real command line in a subprocess with a time limit, as a user would
in a folder they were sent.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MINI

KZT = str(Path(sys.executable).with_name("kzt-tui"))
#: Seconds a command may take on the hostile folder: the normal one takes ~0.5 s.
LIMIT = 20
#: One megabyte of `a`, cited as "a": grounding must stop once it knows enough.
BIG = 1 << 20

Mutation = Callable[[Path], None]


def _edit(top: Path, old: str, new: str) -> None:
    text = top.read_text(encoding="utf-8")
    assert old in text, old
    top.write_text(text.replace(old, new, 1), encoding="utf-8")


def _include(pattern: str) -> Mutation:
    def apply(root: Path) -> None:
        _edit(root / "curated.yaml", "schema_version: 1\n",
              f"schema_version: 1\ninclude: [{pattern!r}]\n")
        parts = root / "parts"
        parts.mkdir(exist_ok=True)
        (parts / "p.yaml").write_text("people: []\n", encoding="utf-8")
    return apply


def _loops(root: Path) -> None:
    _include("parts/**/*.yaml")(root)
    for name, target in (("a", "."), ("b", ".."), ("c", "a")):
        (root / "parts" / name).symlink_to(target)


def _self_link_part(root: Path) -> None:
    _include("parts/*.yaml")(root)
    (root / "parts" / "self.yaml").symlink_to("self.yaml")


def _fifo_part(root: Path) -> None:
    _include("parts/*.yaml")(root)
    os.mkfifo(root / "parts" / "fifo.yaml")


def _dir_part(root: Path) -> None:
    _include("parts/*.yaml")(root)
    (root / "parts" / "dir.yaml").mkdir()


def _device_part(root: Path) -> None:
    _include("parts/*.yaml")(root)
    (root / "parts" / "zero.yaml").symlink_to("/dev/zero")


def _odd_name_part(root: Path) -> None:
    _include("parts/*.yaml")(root)
    for raw in (b"\xff\xfe.yaml", b"esc\x1b[2J.yaml", b"new\nline.yaml"):
        name = os.fsdecode(raw)
        (root / "parts" / name).write_text("people: []\n", encoding="utf-8")


def _escaping_include(root: Path) -> None:
    _include("../*.yaml")(root)


def _source(target: Callable[[Path], str]) -> Mutation:
    """Point the document's `file:` at whatever `target` makes (a path under the root)."""
    def apply(root: Path) -> None:
        _edit(root / "curated.yaml", "file: texts/a.txt", f"file: {target(root)!r}")
    return apply


def _self_link_source(root: Path) -> str:
    (root / "texts" / "loop.txt").symlink_to("loop.txt")
    return "texts/loop.txt"


def _fifo_source(root: Path) -> str:
    os.mkfifo(root / "texts" / "fifo.txt")
    return "texts/fifo.txt"


def _dir_source(root: Path) -> str:
    (root / "texts" / "dir.txt").mkdir()
    return "texts/dir.txt"


def _device_source(root: Path) -> str:
    (root / "texts" / "zero.txt").symlink_to("/dev/zero")
    return "texts/zero.txt"


def _outside_source(root: Path) -> str:
    return "../../../../../../../etc/hostname"


def _degenerate_source(fill: str) -> Callable[[Path], str]:
    def make(root: Path) -> str:
        text = (root / "texts" / "a.txt").read_text(encoding="utf-8")
        (root / "texts" / "big.txt").write_text(fill * BIG + text, encoding="utf-8")
        return "texts/big.txt"
    return make


def _tiny_quotes(root: Path) -> None:
    """Nine citations of one letter in a megabyte of that letter."""
    _source(_degenerate_source("a"))(root)
    cites = "".join(f"      - doc: doc-a\n        quote: \"a\"\n        translation: \"a\"\n"
                    f"        occurrence: {n}\n" for n in (1, 2, 3, 500_000, 10**9, 1, 1, 2, 3))
    _edit(root / "curated.yaml", "    citations:\n      - doc: doc-a\n        quote: \"Вторая",
          "    citations:\n" + cites + "      - doc: doc-a\n        quote: \"Вторая")


def _number(value: str) -> Mutation:
    def apply(root: Path) -> None:
        _edit(root / "curated.yaml", "value: 555.7", f"value: {value}")
    return apply


def _title(text: str) -> Mutation:
    def apply(root: Path) -> None:
        _edit(root / "curated.yaml", 'title: {en: "Text A"', f'title: {{en: "{text}"')
    return apply


def _long_id(root: Path) -> None:
    """An id of 300 characters: it names the default export file, too long for a file name."""
    path = root / "curated.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("agr-one", "agr-" + "a" * 300),
                    encoding="utf-8")


def _aliased_long_string(root: Path) -> None:
    """A 100 KB party repeated by 40 aliases: 4 MB of output from a file of 100 KB."""
    _edit(root / "curated.yaml", "parties: [Kazakhstan, Turkmenistan]",
          f'parties: [&b "{"B" * (BIG // 10)}"' + ", *b" * 40 + "]")


def _twin_id(root: Path) -> None:
    """A second agreement whose id is the first's with a trailing newline."""
    top = root / "curated.yaml"
    text = top.read_text(encoding="utf-8")
    start = text.index("  - id: agr-one")
    end = text.index("corridors:\n", start)
    twin = text[start:end].replace("id: agr-one\n", 'id: "agr-one\\n"\n', 1)
    top.write_text(text[:end] + twin + text[end:], encoding="utf-8")


def _many_patterns(root: Path) -> None:
    """1,500 distinct patterns, each looking through a folder of 500 files."""
    folder = root / "p"
    folder.mkdir()
    for i in range(500):
        (folder / f"{i}.txt").write_bytes(b"")
    patterns = ", ".join(f'"p/*{i}.q"' for i in range(1_500))
    _edit(root / "curated.yaml", "schema_version: 1\n",
          f"schema_version: 1\ninclude: [{patterns}]\n")


def _huge_enum_and_key(root: Path) -> None:
    """A megabyte-long enum value and a megabyte-long unknown field."""
    _edit(root / "curated.yaml", "kind: agreement",
          f"kind: {'k' * BIG}\n    ? {'x' * BIG}\n    : 1")


def _inverted_range(root: Path) -> None:
    _edit(root / "curated.yaml", "value: 555.7", "value: 1.7e308\n    value_max: -1.7e308")
    _edit(root / "curated.yaml", "scale: million", "scale: one")
    _edit(root / "curated.yaml", "qualifier: exact", "qualifier: range")


MUTATIONS: dict[str, Mutation] = {
    "symlink loops": _loops,
    "part linked to itself": _self_link_part,
    "part is a fifo": _fifo_part,
    "part is a folder": _dir_part,
    "part is /dev/zero": _device_part,
    "odd part names": _odd_name_part,
    "include outside the root": _escaping_include,
    "source linked to itself": _source(_self_link_source),
    "source is a fifo": _source(_fifo_source),
    "source is a folder": _source(_dir_source),
    "source is /dev/zero": _source(_device_source),
    "source outside the root": _source(_outside_source),
    "source of newlines": _source(_degenerate_source("\n")),
    "source of short lines": _source(_degenerate_source("a\n")),
    "source of one line of dots": _source(_degenerate_source("ab. Ab. ")),
    "source of bidi and zero-width": _source(_degenerate_source("\u202e\u200b")),
    "tiny quotes in a huge source": _tiny_quotes,
    "overflowing value": _number("1.0e308"),
    "infinite value": _number(".inf"),
    "not a number": _number(".nan"),
    "huge integer": _number("1" + "0" * 400),
    "terminal escapes": _title(r"\e]52;c;aGk=\a\e]0;pwned\a\e[2J"),
    "bidi override": _title("\u202eevil"),
    "id of 300 characters": _long_id,
    "alias of a long string repeated": _aliased_long_string,
    "id with a trailing newline beside its twin": _twin_id,
    "many include patterns": _many_patterns,
    "huge enum value and key": _huge_enum_and_key,
    "inverted range": _inverted_range,
}
#: Mutations that leave nothing usable to show: check must refuse them (exit 1), not pass.
REFUSED = {
    "alias of a long string repeated",
    "id with a trailing newline beside its twin",
    "many include patterns",
    "huge enum value and key",
    "inverted range",
    "id of 300 characters",
}
#: Bytes any command may print from a hostile folder of a few megabytes: a problem line
#: is short, and an export of the mini dataset is a few kilobytes.
MAX_OUTPUT = 1 << 20

COMMANDS = [
    ["check", "--no-cache"],
    ["check"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["export", "--format", "json", "--section", "figures"],
    ["coverage"],
    ["coverage", "--json"],
    ["check", "--strict", "--no-cache"],
]


def _said(done: subprocess.CompletedProcess[bytes], command: list[str]) -> str:
    """What the command told the user: `check` and `coverage` report on stdout, `export`
    on stderr (its stdout is the data, exact, as a pipe gets it)."""
    told = done.stderr + (done.stdout if command[0] in ("check", "coverage") else b"")
    return told.decode("utf-8", "replace")


def _run(root: Path, args: list[str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["XDG_CACHE_HOME"] = str(cache)
    try:
        return subprocess.run([KZT, *args, "--data", "curated.yaml"], cwd=root, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kzt-tui {' '.join(args)} took over {LIMIT} s")


@pytest.mark.slow
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(names=st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3, unique=True),
       command=st.sampled_from(COMMANDS))
def test_hostile_folders_end_in_time_with_a_data_or_usage_error(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], command: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    root = folder / "ds"
    shutil.copytree(MINI, root)
    for name in names:
        # An earlier mutation may have taken the text or name this one edits: still hostile.
        with contextlib.suppress(AssertionError, FileExistsError):
            MUTATIONS[name](root)
    done = _run(root, command, folder / "cache")
    said = _said(done, command)
    assert done.returncode in (0, 1, 2), (names, done.returncode, said[-2000:])
    assert "Traceback" not in said and "internal error" not in said, (names, said[-2000:])
    assert "\x1b" not in said, names  # problems name hostile text visibly, never raw
    assert len(done.stdout) + len(done.stderr) < MAX_OUTPUT, names
    if done.returncode:
        assert said.strip(), names  # a failure says why
    assert not (folder / "ds" / "etc").exists()


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_hostile_part_alone(tmp_path: Path, name: str) -> None:
    """Every mutation on its own, so a failure names it plainly."""
    root = tmp_path / "ds"
    shutil.copytree(MINI, root)
    MUTATIONS[name](root)
    for command in (["check", "--no-cache"], ["export", "--format", "csv"],
                    ["check", "--strict", "--no-cache"]):
        done = _run(root, command, tmp_path / "cache")
        said = _said(done, command)
        assert done.returncode in (0, 1, 2), (command, done.returncode, said[-2000:])
        assert "Traceback" not in said and "\x1b" not in said, (command, said[-2000:])
        assert len(done.stdout) + len(done.stderr) < MAX_OUTPUT, command
        if name in REFUSED:
            assert done.returncode == 1, (command, said[-2000:])
