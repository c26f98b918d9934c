"""Pilot fixtures: a real vault in a temporary folder, opened by the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from circle.ui.app import CircleApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path) as workspace:
        yield workspace


@pytest.fixture
def workspace_with_group(tmp_path: Path) -> Iterator[Workspace]:
    """A vault with one facilitator and one group of three members, locked."""
    with Workspace.open(tmp_path) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE, kdf=FLOOR_KDF)
        group = workspace.create_group("Tuesday Evening Support")
        for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
            workspace.add_member(group.id, name)
        workspace.lock()
        yield workspace


def make_app(workspace: Workspace) -> CircleApp:
    return CircleApp(workspace, kdf=FLOOR_KDF)
