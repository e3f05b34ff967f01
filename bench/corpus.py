"""A deterministic synthetic corpus: N copies of the shipped dataset, every quote grounded.

Copy 0 is the shipped dataset itself (same ids, same files, its included parts merged into
one file), so 1x is the real thing.
Copy k ≥ 1 gets its own source files (`seeds/cNNNN/<name>`: the seed text with one marker
line appended, so the texts differ while every offset and quote stays valid) and its own
records: every id of the shipped file gets the suffix `-cK`, and every reference to an id
(citations' `doc`, links between records) is remapped the same way.

Copy 0 is `data/curated.yaml`; with more than one copy it gains `include: ["parts/*.yaml"]`
and copy k is written to `data/parts/cNNNN.yaml` (a curator with thousands of texts keeps
them in many files; each file is checked and cached on its own).

Generation works on the YAML text, not on parsed data, so 1000x takes seconds.
"""

from __future__ import annotations

import argparse
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data" / "curated.yaml"

_ID = re.compile(r"(?<![\w-])(?:doc|agr|cor|fig|per|org|evt|dis|stm)-[a-z0-9]+"
                 r"(?:-[a-z0-9]+)*(?![\w-])")
_OWN_ID = re.compile(r"^\s*-?\s*id:\s*([a-z]{3}-[a-z0-9-]+)\s*$", re.M)
_FILE = re.compile(r"^(\s*file:\s*)(\S+)\s*$", re.M)
_TOP = re.compile(r"^([a-z_]+):", re.M)
_INCLUDE = re.compile(r"^include:\s*\[(.*)\]\s*\n", re.M)


@dataclass(frozen=True)
class Generated:
    """Where a synthetic corpus was written and what it holds."""

    data: Path
    copies: int
    documents: int
    records: int


def _letters(k: int) -> str:
    """`k` in base 26 with letters only, so a marker adds no digits a quote could match."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = chr(ord("a") + r) + out
        if k == 0:
            return out


def _split_sections(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The text before the first section, and (name, body) of each top-level section."""
    marks = [(m.start(), m.group(1)) for m in _TOP.finditer(text)]
    head_end = next((pos for pos, name in marks if name != "schema_version"), len(text))
    sections = []
    named = [(pos, name) for pos, name in marks if pos >= head_end]
    for i, (pos, name) in enumerate(named):
        end = named[i + 1][0] if i + 1 < len(named) else len(text)
        body_start = text.index("\n", pos) + 1
        sections.append((name, text[body_start:end]))
    return text[:head_end], sections


def _template(body: str, ids: set[str]) -> list[str]:
    """`body` cut at every known id: text, id, text, id, …, text."""
    parts: list[str] = []
    last = 0
    for m in _ID.finditer(body):
        if m.group(0) in ids:
            parts += [body[last : m.end()], ""]
            last = m.end()
    parts.append(body[last:])
    # parts alternate: text ending in an id, "" (the suffix slot), …, tail
    return parts


def flatten(data: Path) -> str:
    """The dataset at `data` as one file: each included part's sections appended to the top
    file's sections of the same name (in include order), its `include` line dropped."""
    text = data.read_text(encoding="utf-8")
    found = _INCLUDE.search(text)
    if found is None:
        return text
    patterns = [p.strip().strip("\"'") for p in found.group(1).split(",") if p.strip()]
    head, sections = _split_sections(text[: found.start()] + text[found.end() :])
    merged = dict(sections)
    for pattern in patterns:
        for part in sorted(data.parent.glob(pattern)):
            for name, body in _split_sections(part.read_text(encoding="utf-8"))[1]:
                merged[name] = merged.get(name, "") + body
    return head + "".join(f"{name}:\n{body}" for name, body in merged.items() if body.strip())


def generate(copies: int, out: Path, data: Path = SHIPPED) -> Generated:
    """Write `copies` copies of the dataset at `data` (and its sources) under `out`."""
    if copies < 1:
        raise ValueError("copies must be ≥ 1")
    text = flatten(data)
    root = data.resolve().parent.parent if data.parent.name == "data" else data.parent
    ids = set(_OWN_ID.findall(text))
    head, sections = _split_sections(text)
    files = sorted(set(_FILE.findall(text)), key=lambda m: m[1])
    sources = {name: (root / name).read_text(encoding="utf-8") for _, name in files}

    out.mkdir(parents=True, exist_ok=True)
    (out / "data").mkdir(exist_ok=True)
    for name, source in sources.items():
        for k in range(copies):
            target = out / _copy_file(name, k)
            target.parent.mkdir(parents=True, exist_ok=True)
            marker = "" if k == 0 else f"\n[synthetic copy {_letters(k)}]\n"
            target.write_text(source + marker, encoding="utf-8")

    copies_text: list[list[str]] = [[] for _ in range(copies)]
    for name, body in sections:
        if name == "documents":
            body = _FILE.sub(lambda m: m.group(1) + "{FILE:" + m.group(2) + "}", body)
        parts = _template(body, ids)
        for k in range(copies):
            suffix = "" if k == 0 else f"-c{k}"
            copy = "".join(p if i % 2 == 0 else suffix for i, p in enumerate(parts))
            if name == "documents":
                copy = re.sub(r"\{FILE:(\S+?)\}", lambda m, k=k: _copy_file(m.group(1), k), copy)
            copies_text[k].append(f"{name}:\n" + (copy if copy.endswith("\n") else copy + "\n"))
    if copies > 1:
        head = head.replace("schema_version: 1\n", 'schema_version: 1\ninclude: ["parts/*.yaml"]\n',
                            1)
        (out / "data" / "parts").mkdir(exist_ok=True)
        for k in range(1, copies):
            part = out / "data" / "parts" / f"c{k:04d}.yaml"
            part.write_text("".join(copies_text[k]), encoding="utf-8")
    target = out / "data" / "curated.yaml"
    target.write_text(head + "".join(copies_text[0]), encoding="utf-8")
    per_copy = len(ids)
    return Generated(target, copies, len(sources) * copies, per_copy * copies)


def _copy_file(name: str, k: int) -> str:
    if k == 0:
        return name
    path = Path(name)
    return str(path.parent / f"c{k:04d}" / path.name)


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.corpus N OUT`: write a synthetic corpus of N copies to OUT."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copies", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    args = parser.parse_args(argv)
    if args.out.exists():
        if not args.force:
            parser.error(f"{args.out} exists (use --force to replace it)")
        shutil.rmtree(args.out)
    got = generate(args.copies, args.out)
    print(f"wrote {got.data}: {got.documents} documents, {got.records} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
