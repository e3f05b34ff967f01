"""`kzt-tui coverage` and `kzt-tui check --strict`, driven through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kzt_tui.cli import main
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.coverage import coverage
from kzt_tui.core.loading import DataError, load
from tests.helpers import MINI, REPO

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")
# texts/a.txt: line 1 is cited by agr-one, line 3 mostly by fig-trade; of line 2,
# "Вторая строка: товарооборот $555,7 млн.", cor-road quotes only "Вторая строка": it
# touches the sentence but covers less than half of it, so line 2 is unaccounted.
LINE2 = ("dismissals:\n  - doc: doc-a\n    quote: \"Вторая строка: товарооборот $555,7 млн.\"\n"
         "    reason: repetition\n    note: \"repeats line 3\"\n")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kzt_tui", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120)


def test_coverage_counts_and_lists_the_unaccounted(mini) -> None:
    got = run("coverage", "--data", str(mini))
    assert got.returncode == 0, got.stderr
    assert ("doc-a (texts/a.txt): 3 sentences, 2 cited, 0 dismissed, 1 unaccounted (67% "
            "accounted)") in got.stdout
    assert "  line 2: Вторая строка: товарооборот $555,7 млн." in got.stdout


def test_coverage_json(mini) -> None:
    got = run("coverage", "--json", "--data", str(mini))
    (doc,) = json.loads(got.stdout)["documents"]
    assert (doc["sentences"], doc["cited"], doc["dismissed"], doc["unaccounted"]) == (3, 2, 0, 1)
    assert doc["unaccounted_sentences"][0]["line"] == 2


def test_check_strict_fails_with_file_line_while_a_sentence_is_unaccounted(mini) -> None:
    plain = run("check", "--no-cache", "--data", str(mini))
    assert plain.returncode == 0  # the default check is not strict
    got = run("check", "--strict", "--no-cache", "--data", str(mini))
    assert got.returncode == 1
    assert "texts/a.txt:2: unaccounted sentence: Вторая строка" in got.stdout
    assert "✗ --strict: 1 sentence(s) neither cited nor dismissed." in got.stdout


def test_a_dismissal_accounts_for_its_sentence(write_data) -> None:
    path = write_data(BASE + LINE2)
    (doc,) = coverage(Corpus(load(path)))
    assert (doc.cited, doc.dismissed, doc.unaccounted) == (2, 1, ())
    got = run("check", "--strict", "--no-cache", "--data", str(path))
    assert got.returncode == 0, got.stdout
    assert "✓ --strict: every sentence is cited or dismissed." in got.stdout


def test_a_dismissal_is_grounded_like_a_citation(write_data) -> None:
    path = write_data(BASE + LINE2.replace("Вторая строка:", "Четвёртая строка:"))
    with pytest.raises(DataError) as info:
        load(path)
    assert any("dismissals[0].quote" in str(p) for p in info.value.problems)
    path = write_data(BASE + LINE2.replace("repetition", "repeat"))
    with pytest.raises(DataError) as info:
        load(path)
    assert any("dismissals[0].reason" in str(p) and "did you mean 'repetition'" in str(p)
               for p in info.value.problems)


def test_shipped_coverage_runs_in_process(capsys) -> None:
    assert main(["coverage"]) == 0
    out = capsys.readouterr().out
    assert out.count("sentences,") == 5


def test_coverage_is_bounded_on_hostile_texts(tmp_path) -> None:
    """One file named by 41 documents, of a 2 MB line cited 300 times, and of a million
    short lines: coverage took minutes and gigabytes (the hostile review); each file is now
    split once, spans are swept, and a text counts at most MAX_SENTENCES sentences."""
    import shutil
    import time

    from kzt_tui.core.sentences import MAX_SENTENCES

    root = tmp_path / "ds"
    shutil.copytree(MINI, root)
    text = "a" * (2 << 20) + " " + " ".join(f"Q{n:05d}z." for n in range(300)) + "\n"
    (root / "texts" / "big.txt").write_text(text + "a\n" * (MAX_SENTENCES + 10),
                                            encoding="utf-8")
    y = (root / "curated.yaml").read_text(encoding="utf-8")
    docs = "".join(
        f"  - id: doc-big{n}\n    file: texts/big.txt\n    date: null\n"
        f"    date_note: \"t\"\n    title: {{en: \"B\", ru: \"Б\"}}\n    outlet: null\n"
        f"    kind: news_report\n    reliability: \"t\"\n" for n in range(41))
    cites = "".join(f"      - doc: doc-big0\n        quote: \"Q{n:05d}z.\"\n"
                    f"        translation: \"t\"\n" for n in range(300))
    y = y.replace("documents:\n", "documents:\n" + docs, 1)
    y = y.replace("    citations:\n      - doc: doc-a\n        quote: \"Вторая",
                  "    citations:\n" + cites + "      - doc: doc-a\n        quote: \"Вторая", 1)
    (root / "curated.yaml").write_text(y, encoding="utf-8")
    began = time.perf_counter()
    done = run("coverage", "--json", "--data", str(root / "curated.yaml"))
    assert time.perf_counter() - began < 30  # minutes and gigabytes before
    assert done.returncode == 0, done.stderr
    got = {d["doc"]: d for d in json.loads(done.stdout)["documents"]}
    big = got["doc-big0"]
    assert big["partial"] is True and big["sentences"] == MAX_SENTENCES
    assert big["cited"] == 299  # each token its sentence; the first is the 2 MB one
    assert len(big["unaccounted_sentences"]) == 1000  # listed: capped
    strict = run("check", "--strict", "--data", str(root / "curated.yaml"))
    assert strict.returncode == 1
    assert "more than 100,000 sentences; only the first were counted" in strict.stdout
    assert len(strict.stdout.splitlines()) < 50_000


def test_coverage_says_one_sentence_in_the_singular(tmp_path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("Одна строка.\n", encoding="utf-8")
    data = tmp_path / "curated.yaml"
    data.write_text(BASE.split("agreements:")[0], encoding="utf-8")
    got = run("coverage", "--data", str(data))
    assert got.returncode == 0, got.stderr
    assert got.stdout == ("doc-a (texts/a.txt): 1 sentence, 0 cited, 0 dismissed, "
                          "1 unaccounted (0% accounted)\n  line 1: Одна строка.\n")
