"""Crash torture settings: how many kills, from which seed, on a vault with one group ready to meet.

CIRCLE_TORTURE_KILLS (20 by default, `make torture` uses 500) and CIRCLE_TORTURE_SEED (fixed by
default, so that a failure can be run again exactly) choose the run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from torture_meeting import FIRST_MEETING

from circle.domain.clock import FakeClock
from circle.workspace import Workspace

DEFAULT_KILLS = 20
DEFAULT_SEED = 20260105
MEMBERS = ("Ada", "Bo", "Cy", "Dee", "Eli", "Flo")


@pytest.fixture
def torture_kills() -> int:
    return int(os.environ.get("CIRCLE_TORTURE_KILLS", DEFAULT_KILLS))


@pytest.fixture
def torture_seed() -> int:
    return int(os.environ.get("CIRCLE_TORTURE_SEED", DEFAULT_SEED))


@pytest.fixture
def meeting_vault(vault_home: Path, passphrase: str) -> Path:
    """The shared template vault (FLOOR_KDF) with one group of six, ready for its first meeting."""
    with Workspace.open(vault_home, clock=FakeClock(FIRST_MEETING)) as workspace:
        workspace.unlock(passphrase)
        group = workspace.create_group("Torture")
        for name in MEMBERS:
            workspace.add_member(group.id, name)
    return vault_home
