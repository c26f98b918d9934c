"""A demo vault whose groups' trend histories are kept: `home` and `workspace` in these tests are that vault's."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo") / "home"
    build_demo(home, kdf=FLOOR_KDF)
    return home


@pytest.fixture
def home(demo_vault: Path, tmp_path: Path) -> Path:
    """A copy of the demo vault, its histories kept."""
    return Path(shutil.copytree(demo_vault, tmp_path / "home"))


@pytest.fixture
def workspace(home: Path) -> Iterator[Workspace]:
    with Workspace.open(home) as opened:
        opened.unlock(DEMO_PASSPHRASE)
        yield opened
