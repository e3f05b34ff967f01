"""core/paths exactly: the shipped dataset from a checkout, and from inside an installed
package when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core import paths
from kzt_tui.core.paths import shipped_data
from tests.helpers import REPO


def test_in_a_checkout_the_repositorys_data() -> None:
    assert shipped_data() == REPO / "data" / "curated.yaml"


def test_an_installed_package_its_own_copy(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "kzt_tui"
    monkeypatch.setattr(paths, "_PACKAGE", package)
    assert shipped_data() == tmp_path / "site" / "data" / "curated.yaml"  # not there yet
    installed = package / "_dataset" / "data" / "curated.yaml"
    installed.parent.mkdir(parents=True)
    installed.write_text("schema_version: 1\n", encoding="utf-8")
    assert shipped_data() == installed
    installed.unlink()
    installed.mkdir()  # a folder of that name is no data file
    assert shipped_data() == tmp_path / "site" / "data" / "curated.yaml"
