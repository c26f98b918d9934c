"""A vault unlocked on a Monday evening: what most workspace tests start from."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.workspace import Workspace
from tests.conftest import unlocked_workspace

MONDAY_EVENING = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_EVENING)


@pytest.fixture
def vault(vault_home: Path, clock: FakeClock) -> Iterator[Workspace]:
    with unlocked_workspace(vault_home, clock) as opened:
        yield opened
