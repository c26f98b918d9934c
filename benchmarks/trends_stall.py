"""The longest event-loop stall while the trends screen loads every group of a 20-group, 5-year vault.

A ticker on the event loop asks to wake every 2 ms and records how late it wakes; the latest wake
is the longest time a key or the clock would have waited. Measured from choosing every group until
the counted trends are painted. Baseline: the same ticker over the same time in an idle bare
Textual app, in the same run, so the ratio shows what the trends screen adds to the loop's own jitter.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from textual.app import App

from benchmarks.common import Figure, median
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.ui.app import CircleApp
from circle.ui.screens.trends import TrendsScreen
from circle.vault import keyring
from circle.workspace import Workspace

ROUNDS = 5
GROUPS, YEARS = 20, 5
TICK = 0.002


class LoopWatch:
    """How late, at most, a task on the event loop woke while it was watching."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(TICK)
            self.longest = max(self.longest, time.perf_counter() - asked - TICK)

    @asynccontextmanager
    async def watching(self) -> AsyncIterator[LoopWatch]:
        self._task = asyncio.create_task(self._tick())
        try:
            yield self
        finally:
            self._task.cancel()


async def _trends_stall(workspace: Workspace) -> tuple[float, float]:
    """The longest stall while every group's trends are counted and shown, and how long that took."""
    app = CircleApp(workspace)
    async with app.run_test(size=(120, 36)) as pilot:
        workspace.unlock(DEMO_PASSPHRASE)
        screen = TrendsScreen()
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        async with LoopWatch().watching() as watch:
            screen.action_all_groups()
            await _until(lambda: screen.shown is not None and len(screen.shown.group_ids) == GROUPS)
            await app.workers.wait_for_complete()
            await pilot.pause()
        return watch.longest, time.perf_counter() - started


async def _idle_stall(seconds: float) -> float:
    """The longest stall of a bare Textual app doing nothing for the same time."""
    app: App[None] = App()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        async with LoopWatch().watching() as watch:
            await asyncio.sleep(seconds)
        return watch.longest


async def _until(done: Callable[[], bool]) -> None:
    while not done():
        await asyncio.sleep(0)


async def _rounds(workspace: Workspace) -> tuple[list[float], list[float]]:
    trends, idle = [], []
    for _ in range(ROUNDS):
        stall, seconds = await _trends_stall(workspace)
        workspace.lock()
        trends.append(stall)
        idle.append(await _idle_stall(seconds))
    return trends, idle


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=GROUPS, years=YEARS, kdf=keyring.FLOOR_KDF)
        with Workspace.open(home) as workspace:
            trends, idle = asyncio.run(_rounds(workspace))
    return [
        Figure(f"trends screen, longest loop stall ({GROUPS} groups)", median(trends) * 1000, median(idle) * 1000,
               "ms", "reported"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
