"""Helpers shared by test modules: where the fixtures are, and datasets built for a test.

Fixtures (pytest's) live in conftest.py; plain functions and constants live here, so that no
test module imports another.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

from hypothesis import settings

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
REPO = Path(__file__).resolve().parent.parent


def examples(n: int) -> int:
    """`n` examples for a property test, or the profile's fixed few in a mutation run."""
    if os.environ.get("KZT_HYPOTHESIS_PROFILE") == "mutation":
        return min(n, settings.default.max_examples)
    return n

DOC_A = """\
documents:
  - id: doc-a
    file: texts/a.txt
    date: "2025-11-25"
    date_note: "Test text."
    title: {en: "Text A", ru: "Текст А"}
    outlet: null
    kind: news_report
    reliability: "Made for tests."
"""

DOC_B = """\
documents:
  - id: doc-b
    file: texts/b.txt
    date: null
    date_note: "No date line."
    title: {en: "Text B", ru: "Текст Б"}
    outlet: null
    kind: news_report
    reliability: "Made for tests."
"""


def person(pid: str, doc: str, quote: str) -> str:
    return textwrap.dedent(f"""\
      - id: {pid}
        name: {{en: "{pid}", ru: "{pid}"}}
        role: "minister"
        country: KZ
        citations:
          - doc: {doc}
            quote: "{quote}"
            translation: "x"
    """)


def make_split(tmp_path: Path) -> Path:
    """curated.yaml (doc-a, per-one) including parts/1.yaml (per-two citing doc-b, which
    parts/2.yaml defines later) and parts/2.yaml (doc-b, per-three citing doc-a)."""
    root = tmp_path / "ds"
    shutil.copytree(MINI / "texts", root / "texts")
    (root / "texts" / "b.txt").write_text("Текст Б: вторая статья.\n", encoding="utf-8")
    (root / "parts").mkdir()
    top = root / "curated.yaml"
    top.write_text("schema_version: 1\ninclude: [\"parts/*.yaml\"]\n" + DOC_A + "people:\n"
                   + person("per-one", "doc-a", "Первая строка"), encoding="utf-8")
    (root / "parts" / "1.yaml").write_text(
        "people:\n" + person("per-two", "doc-b", "вторая статья"), encoding="utf-8")
    (root / "parts" / "2.yaml").write_text(
        DOC_B + "people:\n" + person("per-three", "doc-a", "Вторая строка"), encoding="utf-8")
    return top


def documents_corpus(tmp_path: Path, texts: dict[str, str],
                     documents: list[tuple[str, str, str]], kind: str = "news_report"
                     ) -> Corpus:
    """A dataset of documents alone (no citations) in `tmp_path`: each of `texts` (file
    name → text, written as it is) under src/, and a document doc-0, doc-1 … of `kind` for
    each (file, English title, Russian title) of `documents`."""
    (tmp_path / "src").mkdir()
    for name, text in texts.items():
        (tmp_path / "src" / name).write_text(text, encoding="utf-8", newline="")
    docs = "".join(f"""  - id: doc-{n}
    file: src/{file}
    date: "2025"
    date_note: "n"
    title: {{en: "{en}", ru: "{ru}"}}
    outlet: null
    kind: {kind}
    reliability: "r"
""" for n, (file, en, ru) in enumerate(documents))
    (tmp_path / "curated.yaml").write_text(f"schema_version: 1\ndocuments:\n{docs}",
                                           encoding="utf-8")
    return Corpus(load(tmp_path / "curated.yaml"))


def write_journal(folder: Path, entries: list[dict[str, object]]) -> None:
    """A journal of `entries` (as its JSON holds them) in `folder`, sealed with this
    user's key as kzt-tui seals its own: what undo acts on."""
    import json

    from kzt_tui.core.curate.journal import JOURNAL_NAME, seal

    (folder / JOURNAL_NAME).write_text(
        json.dumps({"entries": entries, "seal": seal(folder, entries)}), encoding="utf-8")
