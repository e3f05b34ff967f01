"""Shared fixtures: tiny datasets written to a temporary folder, and a quiet environment."""

from __future__ import annotations

import gc
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import FIXTURES, MINI, REPO, make_split

__all__ = ["FIXTURES", "MINI", "REPO"]  # tests/ui imports MINI from here

# Mutation runs (tools/mutation.py) need the same verdict for the same mutant every time:
# fixed examples (derandomize), no example database carried between runs, no deadline for a
# slow mutant, and few examples (helpers.examples caps the tests that ask for more).
settings.register_profile(
    "mutation", derandomize=True, max_examples=25, deadline=None, database=None,
    suppress_health_check=list(HealthCheck),
)
# Every other run: no deadline either. A deadline is a timed test, and tests time nothing
# (speed is bench/'s): on a loaded 2-core machine one example of a compare property took
# 290 ms against the 200 ms default, and the same input 11 ms when run again.
settings.register_profile("untimed", deadline=None)
settings.load_profile(os.environ.get("KZT_HYPOTHESIS_PROFILE", "untimed"))
_MUTATION = os.environ.get("KZT_HYPOTHESIS_PROFILE") == "mutation"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Collect once while the run is still its own, then freeze what survives.

    After its last test an xdist worker tells the controller it has finished and then runs
    pytest's own cleanup: five full collections (to report late unraisable exceptions),
    over everything the run left alive. Under load those took more than the 5 s execnet
    waits before it SIGINTs a worker that is still busy, and the KeyboardInterrupt landed
    in Hypothesis's gc callback: "unraisable exception" at the end of a green run. This
    hook runs before the worker says it has finished; frozen, the survivors are skipped
    by those five collections (garbage found here is still reported, as pytest would).
    Only in a worker, whose process ends next (a mutation run's server lives on)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        gc.collect()
        gc.freeze()


@pytest.fixture(autouse=_MUTATION)
def _cold_word_caches() -> None:
    """Under mutation, each test starts with textnorm's word caches empty. mutmut forks each
    mutant from a server that has collected the tests, and collection folds words (search
    fixtures, parametrize ids): a `skeleton` cached there answers for the mutated
    `_letters`, which then never runs, so no test could notice a change to it."""
    from kzt_tui.core import textnorm

    for cached in (textnorm.skeleton, textnorm._places, textnorm._compounds):
        cached.cache_clear()


@pytest.fixture(autouse=True)
def _deterministic_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                       ) -> None:
    """No user config, no real clipboard tools, no colour surprises."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local/state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the mini dataset; returns the path of its curated.yaml."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target / "curated.yaml"


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[..., Path]:
    """Write a curated YAML (dedented) beside the mini texts; returns its path."""

    def write(yaml_text: str, name: str = "curated.yaml") -> Path:
        folder = tmp_path / "ds"
        if not folder.exists():
            shutil.copytree(MINI, folder)
        path = folder / name
        path.write_text(textwrap.dedent(yaml_text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def split(tmp_path: Path) -> Path:
    """A dataset of three files (helpers.make_split); returns the path of its curated.yaml."""
    return make_split(tmp_path)


@pytest.fixture
def eager(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check workers for any number of files, one file per batch, two workers on any
    machine."""
    from kzt_tui.core.loading import workers

    monkeypatch.setattr(workers, "MIN_FILES", 1)
    monkeypatch.setattr(workers, "MIN_BYTES", 0)
    monkeypatch.setattr(workers, "BATCH_BYTES", 1)
    monkeypatch.setattr(workers, "workers", lambda: 2)
