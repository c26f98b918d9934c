"""A pytest plugin: every Pilot test as on a machine so busy that Textual's refresh timer never fires while a test
waits for the app to be idle. `Pilot.pause()` then returns after one pass over the queues and one repaint, so a
test that reads the screen after a single pause, where a repaint sets off another, fails here every time rather
than now and then in CI. `make test-busy` runs the app suites so.
"""

from __future__ import annotations

import pytest
import textual.pilot


async def _idle_at_once(*args: object, **kwargs: object) -> None:
    return None


@pytest.fixture(autouse=True)
def _too_busy_to_wait_for_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textual.pilot, "wait_for_idle", _idle_at_once)
