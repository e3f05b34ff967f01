"""A plain start (`kzt-tui [--data …] [--root …] [--debug]`) is parsed without building the
commands' parsers or importing the export formats (cli/parser.py parse_args), and gives
what the whole parser gives: the same namespace, the same messages and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kzt_tui.cli import build_parser
from kzt_tui.cli.parser import parse_args

from ..helpers import MINI, REPO

DATA = str(MINI / "curated.yaml")

#: Parsed by the plain start's parser alone.
PLAIN = ([], ["--data", DATA], [f"--data={DATA}"], ["--debug"], ["--dat", DATA, "--deb"],
         ["--data", DATA, "--root", str(MINI), "--debug"], ["--root", str(MINI)])

#: Handed over to the whole parser: commands, help, version, unknown and bad arguments.
OTHER = (["check"], ["--data", DATA, "check"], ["export", "--format", "json"], ["nope"],
         ["--help"], ["-h"], ["--version"], ["--vers"], ["--frob"], ["-x"], ["--"],
         ["--data"], ["--data", "/no/such/file.yaml"], ["--data", str(MINI)],
         ["--root", "/no/such/dir"], ["--d", DATA], ["--debug", "extra"],
         ["check", "--data", "/no/such/file.yaml"], ["schema", "--help"])


def _outcome(parse: object, argv: list[str],
             capsys: pytest.CaptureFixture[str]) -> tuple[object, str, str]:
    """What parsing `argv` gives: the namespace's fields or the exit code, and the output."""
    try:
        got: object = sorted(vars(parse(argv)).items())  # type: ignore[operator]
    except SystemExit as exc:
        got = ("exit", exc.code)
    out, err = capsys.readouterr()
    return got, out, err


@pytest.mark.parametrize("argv", [*PLAIN, *OTHER], ids=repr)
def test_parse_args_gives_what_the_whole_parser_gives(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _outcome(parse_args, argv, capsys) == _outcome(
        lambda a: build_parser().parse_args(a), argv, capsys)


def test_a_plain_start_has_no_command_and_its_options() -> None:
    args = parse_args(["--data", DATA, "--root", str(MINI)])
    assert vars(args) == {"data": MINI / "curated.yaml", "root": MINI, "debug": False,
                          "command": None}
    assert vars(parse_args([])) == {"data": None, "root": None, "debug": False,
                                    "command": None}


#: Counts the argument parsers built while `kzt-tui ARGV` runs (the explorer left out:
#: what runs it returns at once), then prints that count and whether the export formats
#: were imported, on stderr (a command's output is on stdout).
_COUNT = """
import argparse, sys
built = []
init = argparse.ArgumentParser.__init__
def counted(self, *a, **k):
    built.append(k.get("prog"))
    init(self, *a, **k)
argparse.ArgumentParser.__init__ = counted
import kzt_tui.cli
kzt_tui.cli.run_app = lambda args: 0
kzt_tui.cli.main(sys.argv[1:])
print(len(built), "kzt_tui.core.export" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(("argv", "expected"), [
    (["--data", DATA], "1 False"),
    ([], "1 False"),
    # a command builds the whole parser: the plain one, the whole one and its 9 commands'
    (["schema"], "11 True"),
])
def test_a_plain_start_builds_one_parser_and_imports_no_export_format(
        argv: list[str], expected: str) -> None:
    err = subprocess.run([sys.executable, "-c", _COUNT, *argv], capture_output=True,
                         text=True, check=True, cwd=REPO, timeout=60).stderr
    assert err == f"{expected}\n"
