"""A dataset folder may hold Python code of its own: nothing kzt-tui starts may import it.

The check workers (core/loading/workers.py) are fresh interpreters. Started as `python -m
kzt_tui.core.warm`, they put the working directory first on `sys.path`, so a folder holding
a `kzt_tui/` package of its own ran it as soon as a check of that folder started workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.core.loading import PartCache, check_dataset
from kzt_tui.core.loading import workers as warm
from tests.helpers import make_split

PLANTED = ("kzt_tui/__init__.py", "kzt_tui/core/__init__.py", "kzt_tui/core/loading/__init__.py",
           "kzt_tui/core/loading/workers.py", "sitecustomize.py", "usercustomize.py", "json.py",
           "select.py")


def plant(folder: Path, marker: Path) -> None:
    """Modules in `folder` that, imported, leave `marker` behind (and then break)."""
    for name in PLANTED:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"open({str(marker)!r}, 'a').write({name!r} + '\\n')\n"
                          "raise SystemExit(3)\n", encoding="utf-8")


def test_workers_import_nothing_from_the_working_directory(tmp_path: Path, eager: None,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    top = make_split(tmp_path)
    marker = tmp_path / "ran"
    plant(top.parent, marker)
    monkeypatch.chdir(top.parent)
    monkeypatch.setenv("PYTHONPATH", str(top.parent))  # nor from the environment
    monkeypatch.setenv("PYTHONSTARTUP", str(top.parent / "json.py"))
    got = check_dataset(top, cache=PartCache(tmp_path / "cache"))
    assert not marker.exists(), marker.read_text(encoding="utf-8")
    assert got.warmed == 1  # the workers did run, from the installed package


def test_a_worker_is_isolated_and_finds_this_kzt_tui(tmp_path: Path, eager: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    command = warm.worker_command()
    assert command[:3] == [sys.executable, "-I", "-c"]
    top = make_split(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "nowhere"))  # -I ignores it
    got = check_dataset(top.relative_to(tmp_path), cache=PartCache(tmp_path / "cache"))
    assert got.warmed == 1  # a relative path means the same to the worker


def test_the_reviewed_attack_runs_nothing(tmp_path: Path) -> None:
    """The hostile review's folder: parts enough to start the workers, a `kzt_tui` package
    of its own, `cd folder && kzt-tui check --data …` with an empty cache."""
    corpus = generate(20, tmp_path / "folder").data
    sizes = [p.stat().st_size for p in (corpus.parent / "parts").glob("*.yaml")]
    assert warm.worth_it(sizes, cores=2)  # enough to start workers on any 2-core machine
    marker = tmp_path / "ran"
    plant(tmp_path / "folder", marker)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("kzt-tui")), "check", "--data", "data/curated.yaml"],
        cwd=tmp_path / "folder", env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not marker.exists(), marker.read_text(encoding="utf-8")


class _Run:
    """Pickled, calls `os.system(command)`: what a forged cache entry would hold."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (self.command,)


def forge(entry: Path, head: object, body: object) -> None:
    """Rewrite cache `entry` to hold `head` and `body` with a valid digest: what someone who
    can write the cache folder (and knows the dataset's bytes) could leave there."""
    import hashlib
    import pickle

    blob = entry.read_bytes()
    start = len(b"kzt-tui-part\n") + 32  # magic, then the key
    first, second = pickle.dumps(head), pickle.dumps(body)
    payload = len(first).to_bytes(8, "big") + first + second
    entry.write_bytes(blob[:start] + hashlib.sha256(payload).digest() + payload)


@pytest.mark.parametrize("where", ["summary", "records"])
def test_a_forged_cache_entry_runs_nothing_and_is_checked_again(
    mini: Path, tmp_path: Path, where: str
) -> None:
    from kzt_tui.core.loading import load, load_cached

    cache = tmp_path / "cache"
    clean = load_cached(mini, directory=cache)
    (entry,) = (cache / "parts").glob("*.pickle")
    marker = tmp_path / "ran"
    attack = _Run(f"touch {marker}")
    if where == "summary":
        forge(entry, attack, ())
    else:  # a genuine summary, so only the records carry the attack
        from kzt_tui.core.loading import PartCache

        key = PartCache(cache).key(str(mini), mini.parent, mini.read_bytes())
        part = PartCache(cache).get(key, str(mini), mini.parent, records=False)
        forge(entry, part, attack)
    assert load_cached(mini, directory=cache) == clean == load(mini)
    assert not marker.exists()


def test_a_forged_entry_of_the_wrong_records_is_checked_again(mini: Path, tmp_path: Path
                                                             ) -> None:
    """Allowed classes in the wrong places (a citation where people belong) are refused
    too: nothing downstream has to expect them."""
    import dataclasses

    from kzt_tui.core.loading import PartCache, load, load_cached

    cache = tmp_path / "cache"
    load_cached(mini, directory=cache)
    (entry,) = (cache / "parts").glob("*.pickle")
    store = PartCache(cache)
    key = store.key(str(mini), mini.parent, mini.read_bytes())
    part = store.get(key, str(mini), mini.parent)
    assert part is not None and part.sections is not None
    citation = next(c for records in part.sections for r in records for c in r.citations)
    wrong = tuple((citation,) if records else records for records in part.sections)
    forge(entry, dataclasses.replace(part, sections=None), wrong)
    assert store.get(key, str(mini), mini.parent) is None
    assert load_cached(mini, directory=cache) == load(mini)
