"""The longest event-loop stall while the trends screen loads every group of the 20x5 and the 40x10 demo vaults.

A ticker on the event loop asks to wake every 2 ms and records how late it wakes; the latest wake
is the longest time a key or the clock would have waited. Measured from choosing every group until
the counted trends are painted. Baseline: the same ticker over the same time in an idle bare
Textual app, in the same run, so the ratio shows what the trends screen adds to the loop's own jitter. Also how
long the screen took to show every group's trends, at both sizes, against the engine alone on the same facts.
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
from benchmarks.sizes import SIZES, growth, size_label
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.clock import today
from circle.domain.trends.compute import compute_trends
from circle.domain.trends.periods import Period
from circle.ui.app import CircleApp
from circle.ui.screens.trends import TrendsScreen
from circle.vault import keyring
from circle.workspace import Workspace

ROUNDS = 5
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


async def _trends_stall(workspace: Workspace, groups: int) -> tuple[float, float]:
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
            await _until(lambda: screen.shown is not None and len(screen.shown.group_ids) == groups)
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


async def _rounds(workspace: Workspace, groups: int) -> tuple[list[float], list[float], list[float]]:
    trends, idle, shown = [], [], []
    for _ in range(ROUNDS):
        stall, seconds = await _trends_stall(workspace, groups)
        workspace.lock()
        trends.append(stall)
        shown.append(seconds)
        idle.append(await _idle_stall(seconds))
    return trends, idle, shown


def _engine_seconds(workspace: Workspace) -> float:
    """The engine alone over every group's facts, by week: what the screen cannot do without."""
    workspace.unlock(DEMO_PASSPHRASE)
    meetings, attendance = workspace.trend_facts([group.id for group in workspace.groups()])
    on = today(workspace.clock)
    runs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        compute_trends(meetings, attendance, by=Period.WEEK, today=on)
        runs.append(time.perf_counter() - started)
    workspace.lock()
    return median(runs)


def _at_size(groups: int, years: int) -> tuple[Figure, Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=groups, years=years, kdf=keyring.FLOOR_KDF)
        with Workspace.open(home) as workspace:
            engine = _engine_seconds(workspace)
            trends, idle, shown = asyncio.run(_rounds(workspace, groups))
    size = size_label(groups, years)
    return (
        Figure(f"trends screen, longest loop stall, {size}", median(trends) * 1000, median(idle) * 1000, "ms",
               "reported"),
        Figure(f"trends screen, every group shown, {size}", median(shown) * 1000, engine * 1000, "ms", "reported"),
    )


def measure() -> list[Figure]:
    small, large = (_at_size(groups, years) for groups, years in SIZES)
    return [*small, *large, growth("trends screen stall", small[0], large[0]),
            growth("trends screen shown", small[1], large[1])]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
