"""Fault injection fixtures: a vault with a group, and a circle kept open on it in a child process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_tools import GROUP, FaultChild

from circle.workspace import Workspace


@pytest.fixture
def group_home(vault_home: Path, passphrase: str) -> Path:
    """The template vault with one group of three."""
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group(GROUP)
        for name in ("Ada", "Bo", "Cy"):
            workspace.add_member(group.id, name)
    return vault_home


@pytest.fixture
def open_circle(group_home: Path, passphrase: str) -> Iterator[FaultChild]:
    """A circle with the group's meeting under way, in a child process; killed after the test if still there."""
    child = FaultChild(group_home, passphrase)
    try:
        assert child.send("meeting").startswith("ok")
        yield child
    finally:
        child.kill()
