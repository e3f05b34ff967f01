"""The class, not the instance: dataset folders built from hostile parts (symlinks and loops,
odd names, special files, huge or degenerate texts, extreme numbers, terminal escapes, and
kzt-tui's own files made hostile: the undo journal, marks.yaml, its part file) make every
command (`check`, `export`, `coverage`, and the writing ones: `add-source`, `cite`, `mark`,
`undo`, `schema`) end in time with a data or usage error, never an internal error, a
traceback, a hang, output that drives the terminal, or a write outside the dataset.

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

from kzt_tui.core.curate.journal import JOURNAL_NAME
from kzt_tui.core.curate.store import HEADER
from tests.helpers import MINI, write_journal

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


#: A file beside the dataset (outside its root) that hostile links point at: never written.
VICTIM = "victim.txt"
VICTIM_BYTES = HEADER.encode() + b"\npeople: []\n"
ESCAPES = "\x1b]52;c;aGk=\x07\x1b]0;pwned\x07\x1b[2J\u202e"


def _own(name: str, make: Callable[[Path], None]) -> Mutation:
    """kzt-tui's own file `name` (relative to the root) made by `make`, unless an earlier
    mutation made it (writing into its FIFO would block this test; into its link, write
    outside the root)."""
    def apply(root: Path) -> None:
        if name.startswith("parts/"):
            with contextlib.suppress(AssertionError):  # already included
                _include("parts/*.yaml")(root)
        if os.path.lexists(root / name):
            raise FileExistsError(root / name)
        make(root / name)
    return apply


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _to_dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _to_victim(path: Path) -> None:
    root = next(p for p in path.parents if (p / "curated.yaml").exists())
    victim = root.parent / VICTIM
    if not victim.exists():
        victim.write_bytes(VICTIM_BYTES)
    path.symlink_to(victim)


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(33 << 20)


def _nested_json(path: Path) -> None:
    path.write_text('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def _nested_yaml(path: Path) -> None:
    path.write_text("fig-trade: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")


def _journal_of_escapes(root: Path) -> None:
    """A part of kzt-tui's and a journal whose last write is it, with escapes in its words
    (undo prints them) and an earlier entry naming a file through escapes."""
    import base64
    import hashlib

    with contextlib.suppress(AssertionError):  # already included
        _include("parts/*.yaml")(root)
    part = root / "parts" / "kzt-tui.yaml"
    for path in (part, root / JOURNAL_NAME):
        if os.path.lexists(path):
            raise FileExistsError(path)
    part.write_bytes(HEADER.encode() + b"\npeople: []\n")
    entries = [{"file": f"parts/{ESCAPES}.yaml", "before": None, "after": "0" * 64,
                "what": ESCAPES, "when": 0},
               {"file": "parts/kzt-tui.yaml", "before": base64.b64encode(
                   HEADER.encode() + b"\n").decode(),
                "after": hashlib.sha256(part.read_bytes()).hexdigest(),
                "what": f"add {ESCAPES}", "when": 1,
                "created": [[f"texts/{ESCAPES}", "0" * 64], ["texts/a.txt", "0" * 64]]}]
    write_journal(root, entries)


def _texts_linked_out(root: Path) -> None:
    """The texts folder is a link to a folder outside the root (add-source would copy there)."""
    outside = root.parent / "outside-texts"
    outside.mkdir(exist_ok=True)
    shutil.move(root / "texts", outside / "texts")
    (root / "texts").symlink_to(outside / "texts")


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
    "journal is a fifo": _own(JOURNAL_NAME, _fifo),
    "journal is a folder": _own(JOURNAL_NAME, _folder),
    "journal is /dev/zero": _own(JOURNAL_NAME, _to_dev_zero),
    "journal links out of the root": _own(JOURNAL_NAME, _to_victim),
    "journal of 33 MB": _own(JOURNAL_NAME, _sparse),
    "journal nested deeply": _own(JOURNAL_NAME, _nested_json),
    "journal of escapes": _journal_of_escapes,
    "marks is a fifo": _own("marks.yaml", _fifo),
    "marks is /dev/zero": _own("marks.yaml", _to_dev_zero),
    "marks links out of the root": _own("marks.yaml", _to_victim),
    "marks of 33 MB": _own("marks.yaml", _sparse),
    "marks nested deeply": _own("marks.yaml", _nested_yaml),
    "own part is a fifo": _own("parts/kzt-tui.yaml", _fifo),
    "own part links out of the root": _own("parts/kzt-tui.yaml", _to_victim),
    "texts folder links out of the root": _texts_linked_out,
}
#: kzt-tui's own files made hostile: what the writing commands meet first.
OWN = {name for name in MUTATIONS if name.split()[0] in ("journal", "marks", "own", "texts")}
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
NEW = "{new}"  # the text add-source adds: a file beside the dataset
WRITING = [
    ["add-source", NEW, "--title", "Т", "--title-en", "T", "--outlet", "none", "--kind",
     "news_report", "--reliability", "Test.", "--date", "none", "--date-note", "None."],
    ["add-source", NEW, "--title", "Т", "--title-en", "T", "--outlet", "none", "--kind",
     "news_report", "--reliability", "Test.", "--date", "none", "--date-note", "None.",
     "--into", "texts"],
    ["cite", "fig-trade", "--doc", "doc-a", "--quote", "Третья строка", "--translation", "x"],
    ["mark", "fig-trade", "--tag", "t", "--note", "n"],
    ["undo"],
    ["schema"],
]


def _said(done: subprocess.CompletedProcess[bytes], command: list[str]) -> str:
    """What the command told the user: `check` and `coverage` report on stdout, `export`
    on stderr (its stdout is the data, exact, as a pipe gets it)."""
    told = done.stderr + (done.stdout if command[0] not in ("export", "schema") else b"")
    return told.decode("utf-8", "replace")


def _run(root: Path, args: list[str], cache: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["XDG_CACHE_HOME"] = str(cache)
    new = root.parent / "incoming" / "new-text.txt"
    if NEW in args:
        new.parent.mkdir(exist_ok=True)
        new.write_text("Новый текст о торговле.\n", encoding="utf-8")
    args = [str(new) if a == NEW else a for a in args]
    data = [] if args[0] == "schema" else ["--data", "curated.yaml"]
    try:
        return subprocess.run([KZT, *args, *data], cwd=root, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=LIMIT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kzt-tui {' '.join(args)} took over {LIMIT} s")


def _hostile(folder: Path, names: list[str]) -> Path:
    """The mini dataset in `folder`/ds with the mutations `names`, and the victim beside."""
    root = folder / "ds"
    shutil.copytree(MINI, root)
    (folder / VICTIM).write_bytes(VICTIM_BYTES)
    for name in names:
        # An earlier mutation may have taken the text or name this one edits: still hostile.
        with contextlib.suppress(AssertionError, FileExistsError, FileNotFoundError):
            MUTATIONS[name](root)
    return root


def _assert_ended_well(folder: Path, done: subprocess.CompletedProcess[bytes],
                       command: list[str], names: object) -> None:
    said = _said(done, command)
    assert done.returncode in (0, 1, 2), (names, command, done.returncode, said[-2000:])
    assert "Traceback" not in said and "internal error" not in said, (names, said[-2000:])
    assert "\x1b" not in said, names  # problems name hostile text visibly, never raw
    assert len(done.stdout) + len(done.stderr) < MAX_OUTPUT, names
    if done.returncode:
        assert said.strip(), names  # a failure says why
    assert not (folder / "ds" / "etc").exists()
    assert (folder / VICTIM).read_bytes() == VICTIM_BYTES, names  # nothing written outside
    outside = folder / "outside-texts" / "texts"
    assert not outside.exists() or "new-text.txt" not in os.listdir(outside), names


@pytest.mark.slow
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(names=st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3, unique=True),
       command=st.sampled_from(COMMANDS + WRITING))
def test_hostile_folders_end_in_time_with_a_data_or_usage_error(
    tmp_path_factory: pytest.TempPathFactory, names: list[str], command: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("hostile")
    root = _hostile(folder, names)
    done = _run(root, command, folder / "cache")
    _assert_ended_well(folder, done, command, names)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(OWN))
def test_each_hostile_own_file_with_each_writing_command(tmp_path: Path, name: str) -> None:
    """kzt-tui's own files made hostile, one at a time, under every writing command."""
    for command in WRITING:
        folder = tmp_path / command[0] / str(len(command))
        folder.mkdir(parents=True)
        root = _hostile(folder, [name])
        done = _run(root, command, folder / "cache")
        _assert_ended_well(folder, done, command, name)
        if name != "journal of escapes" and command[0] in REFUSED_BY[name.split()[0]]:
            assert done.returncode == 1, (name, command, _said(done, command))


#: Which writing commands meet each kind of own file, and so must refuse a hostile one.
REFUSED_BY = {"journal": ("add-source",), "marks": ("mark",), "own": ("add-source",),
              "texts": ("add-source",)}


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
