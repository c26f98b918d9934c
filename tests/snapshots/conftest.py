"""Snapshot fixtures: a demo vault built at a fixed moment, so dates on screen never drift."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.demo import build_demo
from circle.domain.clock import FakeClock
from circle.ui.app import CircleApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

FIXED_MOMENT = datetime(2026, 3, 4, 18, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("snapshot-demo")
    build_demo(home, kdf=FLOOR_KDF, clock=FakeClock(FIXED_MOMENT))
    return home


@pytest.fixture
def demo_app(demo_vault: Path, tmp_path: Path) -> Iterator[Callable[[], CircleApp]]:
    """Opens a copy of the demo vault for one test; the app is built lazily so each test gets a fresh one.

    A copy, because a test may change what the vault keeps beside it (a theme chosen is saved to its
    config), and the next test in the same worker must not start in it.
    """
    home = tmp_path / "demo"
    shutil.copytree(demo_vault, home)
    workspace = Workspace.open(home, clock=FakeClock(FIXED_MOMENT), kdf=FLOOR_KDF)
    try:
        yield lambda: CircleApp(workspace)
    finally:
        workspace.close()


@pytest.fixture
def new_vault_app(tmp_path: Path) -> Iterator[CircleApp]:
    workspace = Workspace.open(tmp_path, clock=FakeClock(FIXED_MOMENT), kdf=FLOOR_KDF)
    try:
        yield CircleApp(workspace)
    finally:
        workspace.close()


@pytest.fixture
def meeting_app(tmp_path: Path) -> Iterator[CircleApp]:
    """A demo vault of this test's own, unlocked, for walking through a meeting."""
    clock = FakeClock(FIXED_MOMENT)
    build_demo(tmp_path, kdf=FLOOR_KDF, clock=clock)
    workspace = Workspace.open(tmp_path, clock=clock, kdf=FLOOR_KDF)
    workspace.unlock("demo")
    try:
        yield CircleApp(workspace)
    finally:
        workspace.close()
