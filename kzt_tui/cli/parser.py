"""The argument parser of `kzt-tui`: its options, their checks and the commands."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from kzt_tui import __version__
from kzt_tui.cli.output import EXIT_USAGE
from kzt_tui.core.textnorm import one_line


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line with a hint (exit 2), like data errors."""

    def error(self, message: str) -> NoReturn:
        hint = "" if "(hint:" in message else f" (hint: see `{self.prog} --help`)"
        # one_line: argparse echoes arguments raw ("unrecognized arguments: …"), and an
        # argument may come from a file name with escape sequences in it (a glob).
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}{hint}\n")


def _stat_or_refuse(value: str, hint: str) -> None:
    """A usage error for a path the system refuses to look up (a name too long, a folder
    that may not be searched): Path.is_dir raises those, and argparse would not catch it."""
    try:
        os.stat(value)
    except (FileNotFoundError, NotADirectoryError):
        pass  # said below, as before
    except OSError as exc:
        raise argparse.ArgumentTypeError(
            f"cannot use {value!r}: {exc.strerror or exc} (hint: {hint})") from None
    except ValueError:  # a NUL in the path
        raise argparse.ArgumentTypeError(f"no such file: {value!r}") from None


def _data_file(value: str) -> Path:
    """--data: a path that exists and is a file; anything else is a usage error."""
    path = Path(value)
    _stat_or_refuse(value, "give the path of a curated YAML file")
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{value!r} is a folder (hint: give the curated YAML file inside it)")
    if not path.exists():
        raise argparse.ArgumentTypeError(
            f"no such file: {value!r} (hint: give the path of a curated YAML file)")
    return path


def _root_dir(value: str) -> Path:
    """--root: an existing folder."""
    path = Path(value)
    _stat_or_refuse(value, "the folder that document paths are relative to")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"no such folder: {value!r} (hint: the folder that document paths are relative to)")
    return path


def _out_file(value: str) -> Path:
    """--out: a new file or a regular one; never a folder, device, pipe or symbolic link."""
    from kzt_tui.core.atomic import not_a_file

    path = Path(value)
    if os.path.basename(value) in {"", ".", ".."}:
        raise argparse.ArgumentTypeError(f"{value!r} names a folder (hint: give a file name)")
    what = not_a_file(path)
    if what is None:
        return path
    if what == "a symbolic link":
        hint = f"give the file it points to, {os.path.realpath(path)!r}, or a new name"
    elif what == "a folder":
        hint = "give a file name inside it"
    else:
        hint = (f"--out makes or replaces a regular file; to write into {what}, leave "
                "--out out and redirect: > PATH")
    raise argparse.ArgumentTypeError(f"{value!r} is {what}, not a regular file (hint: {hint})")


def _data_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=_data_file,
        default=default,
        help="curated YAML file to open (default: the dataset shipped with kzt-tui)",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        type=_root_dir,
        default=default,
        help="folder that document paths are relative to and confined to "
        "(default: the data file's folder, or its parent when that folder is called data)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show Python tracebacks for unexpected errors",
    )


class _NotAPlainStart(Exception):
    """The plain start's parser met what only the whole parser can answer."""


class _StartParser(_Parser):
    """Only the explorer's options (--data, --root, --debug), no --help: any error hands the
    arguments over to the whole parser, which says it as always."""

    def error(self, message: str) -> NoReturn:
        raise _NotAPlainStart(message)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments of `kzt-tui`, as `build_parser().parse_args(argv)` gives them (and
    exiting as it does on --help, --version or a usage error).

    A plain start (`kzt-tui [--data PATH] [--root DIR] [--debug]`, the explorer) is parsed
    by a parser of those options alone: the commands' parsers, and the export formats they
    name, are built only for a command, --help, --version or a usage error (~12 ms before
    the explorer's first frame)."""
    start = _StartParser(prog="kzt-tui", add_help=False)
    _data_options(start, suppress=False)
    try:
        args, rest = start.parse_known_args(argv)
    except _NotAPlainStart:
        rest = ["(an error)"]
    if rest:
        return build_parser().parse_args(argv)
    args.command = None
    return args


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `kzt-tui`."""
    from kzt_tui.core.export import FORMAT_NAMES, or_list

    parser = _Parser(
        prog="kzt-tui",
        description="Explore source-grounded facts on Kazakhstan–Turkmenistan relations: "
        "documents, agreements, corridors and figures, each beside its verbatim source.",
        epilog="Run without a command to open the explorer. Exit codes: 0 ok, 1 data errors "
        "(or the output could not be written), 2 usage errors, 70 internal errors (a bug), "
        "141 the reader of the output went away (as with `| head`), 128+N the app was closed "
        "by signal N (143 SIGTERM, 129 SIGHUP, 130 SIGINT).",
    )
    parser.add_argument("--version", action="version", version=f"kzt-tui {__version__}")
    _data_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate the curated file and ground every quote in its source",
        description="Validate the curated file: schema, ids, references, and that every "
        "quote is an exact substring of its source. Exit 0 when all is well, 1 otherwise.",
    )
    _data_options(check, suppress=True)
    check.add_argument(
        "--no-cache", action="store_true", dest="no_cache",
        help="check every file from its text, even those unchanged since they last passed "
        "(by default such a file is taken from the cache, keyed by its content, the code and "
        "the source texts it cites)",
    )
    check.add_argument(
        "--strict", action="store_true",
        help="also fail (exit 1) while any sentence of a source text is neither cited nor "
        "dismissed, one line per sentence with file:line (see `kzt-tui coverage`)",
    )
    coverage = commands.add_parser(
        "coverage",
        help="how many sentences of each source text are cited, dismissed, or neither",
        description="For each source text: its sentences, how many some record cites, how "
        "many are dismissed, and the rest listed with their line. A sentence counts when "
        "the spans cover at least half of it.",
    )
    _data_options(coverage, suppress=True)
    coverage.add_argument("--json", action="store_true", help="write the result as JSON")
    export = commands.add_parser(
        "export",
        help=f"write the data as {or_list(FORMAT_NAMES)}",
        description="Export the grounded data. Output goes to stdout unless --out is given; "
        "an existing file is only replaced with --force.",
    )
    _data_options(export, suppress=True)
    export.add_argument(
        "--format", required=True, choices=FORMAT_NAMES, dest="fmt"
    )
    export.add_argument("--section", metavar="NAME", help="only this section (e.g. agreements)")
    export.add_argument("--out", metavar="FILE", type=_out_file,
                        help="write to FILE (a new file, or a regular file with --force)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--with-ids", action="store_true",
                        help="md: show record ids and source file paths (left out otherwise)")
    export.add_argument("--marked", action="store_true",
                        help="only the records marked in marks.yaml beside the data")
    export.add_argument("--tag", metavar="TAG",
                        help="only the records tagged TAG in marks.yaml (marked or not)")
    commands.add_parser(
        "schema",
        help="print the JSON Schema of the data format (for editors: see docs/DATA.md)",
        description="Print the JSON Schema (draft 2020-12) of a curated YAML file, derived "
        "from the rules `kzt-tui check` applies. Point an editor at it with the modeline "
        "`# yaml-language-server: $schema=PATH` to validate and complete as you type.",
    )
    _add_source_parser(commands)
    mark = commands.add_parser(
        "mark",
        help="mark, tag or annotate a record (kept in marks.yaml beside the data)",
        description="Mark a record (the default), or change its tags and note, in "
        "marks.yaml beside the curated file; `kzt-tui export --marked` or `--tag TAG` "
        "exports those records.",
    )
    _data_options(mark, suppress=True)
    mark.add_argument("id", metavar="ID", help="the record's id (fig-…, agr-…)")
    mark.add_argument("--unmark", action="store_true", help="remove the mark")
    mark.add_argument("--tag", action="append", metavar="TAG", help="add a tag (repeatable)")
    mark.add_argument("--untag", action="append", metavar="TAG", help="remove a tag")
    mark.add_argument("--note", metavar="TEXT", help="set the note ('' removes it)")
    undo = commands.add_parser(
        "undo",
        help="undo kzt-tui's last write to the dataset (from .kzt-tui-journal.json)",
        description="Restore the file of kzt-tui's last write (add-source, a record or a "
        "citation) as it was before; refused when the file was edited since. Repeat to go "
        "further back (up to 20 writes).",
    )
    _data_options(undo, suppress=True)
    cite = commands.add_parser(
        "cite",
        help="add a citation to a record (the quote is checked verbatim first)",
        description="Add a citation to an existing record: into the record itself when "
        "kzt-tui wrote its file; for a record in a hand-written file (never changed), as an "
        "added_citations: item of kzt-tui's own parts/kzt-tui.yaml, which the load joins to "
        "the record. Documents and discrepancies take none. `kzt-tui undo` takes it back.",
    )
    _data_options(cite, suppress=True)
    cite.add_argument("id", metavar="ID", help="the record's id")
    cite.add_argument("--doc", required=True, help="the document's id")
    cite.add_argument("--quote", required=True, help="the passage, exactly as in the text")
    cite.add_argument("--translation", required=True, help="its English translation")
    cite.add_argument("--occurrence", type=int, help="which occurrence, if it occurs again")
    cite.add_argument("--note", help="why this passage supports the record")
    copy = commands.add_parser(
        "copy-data",
        help="copy the shipped dataset into DIR, to mark and curate there",
        description="Copy the shipped dataset (data/ and seeds/) into DIR, a new or empty "
        "folder; nothing is overwritten. The shipped copy is read-only: a reinstall would "
        "replace it. Open the copy with `kzt-tui --data DIR/data/curated.yaml`.",
    )
    copy.add_argument("dir", metavar="DIR", type=Path, help="a new or empty folder")
    return parser


def _add_source_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    from kzt_tui.core.schema import DOCUMENT_KINDS

    add = commands.add_parser(
        "add-source",
        help="add a source text (UTF-8 text, Markdown or HTML) and its document record",
        description="Copy a source text into the dataset unchanged (HTML: its article text, "
        "with the page kept beside it; needs the [html] extra) and write its document "
        "record into a file kzt-tui owns (parts/kzt-tui.yaml beside the curated file). What "
        "the text does not say is given as an option, or asked for in a terminal; an "
        "existing file is never replaced.",
    )
    _data_options(add, suppress=True)
    add.add_argument("file", metavar="FILE", help="the text to add (.txt, .md, .html)")
    add.add_argument("--id", help="the document's id (default: doc- and the file name)")
    add.add_argument("--title", dest="title_ru", metavar="TEXT",
                     help="the text's own headline, as it gives it")
    add.add_argument("--title-en", dest="title_en", metavar="TEXT", help="the title in English")
    add.add_argument("--date", metavar="DATE",
                     help="publication date, YYYY[-MM[-DD]], or none (default: the text's "
                     "leading 'date YYYY-MM-DD' line, or else its dateline in one of its "
                     "first three lines, after a headline too: «Ашхабад, 3 декабря 2025 "
                     "года.» gives the date and the place, noted in date_note)")
    add.add_argument("--date-note", dest="date_note", metavar="TEXT",
                     help="where the date comes from, or why there is none")
    add.add_argument("--outlet", metavar="NAME",
                     help="the publisher as the text names it, or none")
    add.add_argument("--outlet-evidence", dest="outlet_evidence", metavar="TEXT",
                     help="how the text names the outlet")
    add.add_argument("--author", metavar="NAME", help="the byline, if the text has one")
    add.add_argument("--kind", choices=DOCUMENT_KINDS)
    add.add_argument("--reliability", metavar="TEXT",
                     help="what to keep in mind when citing it")
    add.add_argument("--into", metavar="FOLDER",
                     help="folder under the dataset root for the text (default: where the "
                     "other texts are, or sources/)")
